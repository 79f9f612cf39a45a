import { QueryRunner } from 'typeorm';

/**
 * The role the api and the worker connect as: `<database>_app` (database
 * `mizan` → role `mizan_app`). Migrations run as the owner role; the runtime
 * role gets only what the code does, per table (see 1765000000000-database-roles).
 *
 * A later migration that adds an append-only or frozen table writes, right
 * after creating it:
 *   await revokeFromRuntime(q, 'UPDATE, DELETE', 'my_table');
 * (the owner's default privileges would otherwise grant SELECT, INSERT, UPDATE
 * and DELETE on it).
 */
export async function runtimeRole(q: QueryRunner): Promise<string> {
  const [row] = (await q.query(`SELECT current_database() || '_app' AS role`)) as { role: string }[];
  return row.role;
}

/** Quotes a role or table name for SQL that cannot take bind parameters (GRANT, REVOKE). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function revokeFromRuntime(q: QueryRunner, privileges: string, table: string): Promise<void> {
  await q.query(`REVOKE ${privileges} ON ${ident(table)} FROM ${ident(await runtimeRole(q))}`);
}
