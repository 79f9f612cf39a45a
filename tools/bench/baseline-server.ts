/*
 * The bare baseline of `tools/bench/api-paths-bench.ts`: Fastify + pg and nothing else, one route per api path
 * (`GET /b/<name>`), each running exactly the SQL sequence the api ran for one request of that path (captured with
 * MIZAN_SQL_CAPTURE, same parameters) and answering the rows as JSON. Statements between START TRANSACTION and
 * COMMIT run on one connection, as TypeORM runs them; the others straight on the pool (same size as the api's).
 * `POST /b/<name>` with `argon2` set also verifies the password against the stored hash (the sign-in baseline).
 *
 *   node -r @swc-node/register tools/bench/baseline-server.ts --database-url <url> --routes <file.json> [--pool 10]
 *
 * Prints `baseline listening on <port>` (a port the OS picks) and serves until SIGTERM.
 */
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { Pool, PoolClient } from 'pg';
import * as argon2 from 'argon2';
import { numberArg, parseArgs, stringArg } from './bench-kit';

export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

export interface BaselineRoute {
  statements: CapturedStatement[];
  /** Sign-in: verify this password against this argon2 hash after the SQL. */
  argon2?: { hash: string; password: string };
}

const isBegin = (sql: string) => /^\s*(START TRANSACTION|BEGIN)\b/i.test(sql);
const isEnd = (sql: string) => /^\s*(COMMIT|ROLLBACK)\b/i.test(sql);

/** JSON can't carry a Buffer: the capture wrote {type:'Buffer', data:[…]}; give pg the Buffer back. */
export function reviveParams(params: unknown[]): unknown[] {
  return params.map((p) =>
    p && typeof p === 'object' && (p as { type?: unknown }).type === 'Buffer' && Array.isArray((p as { data?: unknown }).data)
      ? Buffer.from((p as { data: number[] }).data)
      : p,
  );
}

async function run(pool: Pool, statements: CapturedStatement[]): Promise<unknown[]> {
  const results: unknown[] = [];
  let client: PoolClient | undefined;
  try {
    for (const s of statements) {
      if (isBegin(s.sql)) client = await pool.connect();
      const r = await (client ?? pool).query(s.sql, reviveParams(s.params));
      results.push(r.rows);
      if (isEnd(s.sql) && client) {
        client.release();
        client = undefined;
      }
    }
  } catch (error) {
    if (client) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      client = undefined;
    }
    throw error;
  } finally {
    client?.release();
  }
  return results;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const databaseUrl = stringArg(args, 'database-url');
  const routesFile = stringArg(args, 'routes');
  if (!databaseUrl || !routesFile) throw new Error('usage: baseline-server --database-url <url> --routes <file.json> [--pool 10]');
  const routes = JSON.parse(readFileSync(routesFile, 'utf8')) as Record<string, BaselineRoute>;
  const pool = new Pool({ connectionString: databaseUrl, max: numberArg(args, 'pool', 10) });
  const app = Fastify({ logger: false });
  const handler = async (name: string) => {
    const route = routes[name];
    if (!route) return { status: 404, body: { error: `no route ${name}` } };
    const rows = await run(pool, route.statements);
    if (route.argon2 && !(await argon2.verify(route.argon2.hash, route.argon2.password))) return { status: 401, body: { error: 'wrong password' } };
    return { status: 200, body: rows };
  };
  app.get<{ Params: { name: string } }>('/b/:name', async (req, reply) => {
    const r = await handler(req.params.name);
    return reply.code(r.status).send(r.body);
  });
  app.post<{ Params: { name: string } }>('/b/:name', async (req, reply) => {
    const r = await handler(req.params.name);
    return reply.code(r.status).send(r.body);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  console.log(`baseline listening on ${typeof address === 'object' && address ? address.port : address}`);
  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
