/*
 * The bare baseline of the api-overhead benchmark (tools/bench/api-overhead-bench.ts): Fastify + pg and nothing else,
 * answering GET /session with the SQL the api's session lookup runs (SESSION_SQL below, the same text as
 * SessionService.resolve), the token hashed with HMAC-SHA256 like the api. No Nest, no guard, no validation, no helmet.
 * Started as a process of its own: node -r @swc-node/register tools/bench/api-overhead-server.ts <databaseUrl> <secret>;
 * prints "listening <port>".
 */
import { createHmac } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { Role, permissionsOf } from '@mizan/contracts';
import { SESSION_RESOLVE_SQL } from '../../libs/server/identity/src/lib/session-resolve.sql';

async function main(): Promise<void> {
  const [databaseUrl, secret] = process.argv.slice(2);
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const app = Fastify({ logger: false });
  app.get('/session', async (request, reply) => {
    const cookie = request.headers.cookie ?? '';
    const token = /mizan_session=([^;]+)/.exec(cookie)?.[1];
    if (!token) return reply.status(401).send({ statusCode: 401 });
    const hash = createHmac('sha256', secret).update(token).digest('hex');
    const { rows } = await pool.query(SESSION_RESOLVE_SQL, [hash]);
    if (rows.length === 0) return reply.status(401).send({ statusCode: 401 });
    const row = rows[0];
    return {
      user: { id: row.user_id, email: row.email, displayName: row.display_name, roles: row.roles, agencyId: row.agency_id, agencyName: row.agency_name, language: row.language },
      permissions: row.stage === 'full' ? permissionsOf(row.roles as Role[]) : [],
      idleExpiresAt: row.idle_expires_at.toISOString(),
      absoluteExpiresAt: row.absolute_expires_at.toISOString(),
      stage: row.stage,
    };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
  process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
}

void main();
