import { writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { MIGRATIONS, runMigrations } from '@mizan/server/db';
import { generate } from './generate';
import { credentialsLine, parseGenerateArgs } from './args';

export { credentialsLine, parseGenerateArgs } from './args';

export const GENERATE_USAGE = `  generate --scale N [--seed S] [--agencies K] [--summary-json <file>]
                 fill the database (DATABASE_URL) with valid generated data through the product's own tables:
                 at --scale 1 about 5 programs, 20 calls, 2,000 organizations, 10,000 applications with reviews
                 and decisions, 200 grants with payments and reports, 100,000 ledger postings and 500,000 trail
                 records (one hash chain per agency, K agencies, default 1), and sanctions screening: the UN list
                 imported (its file stored under STORAGE_DIR), every party screened, ~800 potential matches open,
                 waiting, cleared or confirmed; N multiplies (0.01 is fine); the same
                 seed (default 1) gives the same data. Runs pending migrations first (MIGRATION_DATABASE_URL).
                 The last line names users to sign in as, and their password.`;

/** ANALYZE as the owner where it can (the runtime role may analyze only what it owns: nothing), else as DATABASE_URL. */
async function analyze(client: Client, ownerUrl: string): Promise<void> {
  const owner = new Client({ connectionString: ownerUrl });
  try {
    await owner.connect();
    await owner.query('ANALYZE');
  } catch {
    await client.query('ANALYZE');
  } finally {
    await owner.end().catch(() => undefined);
  }
}

async function pendingMigrations(client: Client): Promise<number> {
  const table = await client.query(`SELECT to_regclass('public.migrations') IS NOT NULL AS present`);
  if (!(table.rows[0] as { present: boolean }).present) return MIGRATIONS.length;
  // The runtime role may not read the migrations table: then the generator's own schema check (chain_seq) decides.
  const readable = await client.query(`SELECT has_table_privilege('public.migrations', 'SELECT') AS readable`);
  if (!(readable.rows[0] as { readable: boolean }).readable) return 0;
  const ran = await client.query(`SELECT name FROM migrations`);
  const names = new Set((ran.rows as { name: string }[]).map((r) => r.name));
  return MIGRATIONS.filter((m) => !names.has(m.name)).length;
}

export async function generateCommand(
  databaseUrl: string,
  migrationUrl: string,
  args: readonly string[],
  out: (line: string) => void,
  err: (line: string) => void,
  storageDir?: string,
): Promise<number> {
  const parsed = parseGenerateArgs(args);
  if (typeof parsed === 'string') {
    err(parsed);
    err(GENERATE_USAGE);
    return 2;
  }
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if ((await pendingMigrations(client)) > 0) {
      out('running pending migrations…');
      try {
        await runMigrations(migrationUrl);
      } catch (error) {
        err(`the database is not migrated and migrating it failed (${(error as Error).message}): run tools/mizan migrate first`);
        return 1;
      }
    }
    out(`generating --scale ${parsed.scale} --seed ${parsed.seed} --agencies ${parsed.agencies}…`);
    const summary = await generate(client, { scale: parsed.scale, seed: parsed.seed, agencies: parsed.agencies, log: out, storageDir });
    out('analyzing…');
    await analyze(client, migrationUrl);
    const size = await client.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
    out(`done in ${summary.seconds.toFixed(1)} s; database ${(size.rows[0] as { size: string }).size}`);
    for (const [table, rows] of Object.entries(summary.counts)) out(`  ${table.padEnd(22)} ${rows.toLocaleString('en').padStart(12)}`);
    if (parsed.summaryJson) writeFileSync(parsed.summaryJson, `${JSON.stringify(summary, null, 2)}\n`);
    out(credentialsLine(summary));
    return 0;
  } finally {
    await client.end();
  }
}
