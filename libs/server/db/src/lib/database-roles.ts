import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The two roles of a Mizan database, named after it (database `mizan`: roles
 * `mizan_owner` and `mizan_app`). Roles are cluster-wide in PostgreSQL; naming
 * them per database keeps two databases on one server (a developer's, every
 * test spec's) from sharing or racing for a role.
 */
export function ownerRoleName(database: string): string {
  return `${database}_owner`;
}
/** Must match `runtimeRole()` of the migrations (migrations/runtime-role.ts). */
export function runtimeRoleName(database: string): string {
  return `${database}_app`;
}

export interface RolePasswords {
  owner: string;
  runtime: string;
}

export interface ProvisionedDatabase {
  database: string;
  ownerRole: string;
  runtimeRole: string;
  /** The owner: runs migrations (MIGRATION_DATABASE_URL). */
  migrationDatabaseUrl: string;
  /** The runtime role: api, worker, seed (DATABASE_URL). */
  databaseUrl: string;
  passwords: RolePasswords;
}

export function newRolePasswords(): RolePasswords {
  return { owner: randomBytes(24).toString('base64url'), runtime: randomBytes(24).toString('base64url') };
}

/** The same server and credentials, another database. */
export function onDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

function urlFor(adminUrl: string, database: string, user: string, password: string): string {
  const url = new URL(onDatabase(adminUrl, database));
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const DUPLICATE_OBJECT = '42710';
const UNIQUE_VIOLATION = '23505';

/**
 * Creates (or updates) a login role. Two processes may create the same role
 * at once: the loser gets duplicate_object or a unique violation on
 * pg_authid, and then sets the password like any later run.
 */
async function ensureLoginRole(client: Client, role: string, password: string): Promise<void> {
  const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`;
  try {
    await client.query(`CREATE ROLE ${client.escapeIdentifier(role)} ${attributes}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== DUPLICATE_OBJECT && code !== UNIQUE_VIOLATION) throw error;
    await client.query(`ALTER ROLE ${client.escapeIdentifier(role)} ${attributes}`);
  }
}

/**
 * Makes `database` ready for the two-role setup, connected as an administrator
 * (a superuser, or a role with CREATEDB and CREATEROLE): both login roles with
 * the given passwords, the database owned by the owner role, CONNECT for the
 * runtime role only. A database created before the roles existed has its
 * objects handed to the owner role, so its migrations keep working. The grants
 * themselves are a migration's work (1765000000000-database-roles).
 */
export async function provisionDatabase(adminUrl: string, database: string, passwords: RolePasswords = newRolePasswords()): Promise<ProvisionedDatabase> {
  const ownerRole = ownerRoleName(database);
  const runtimeRole = runtimeRoleName(database);
  await withClient(adminUrl, async (client) => {
    await ensureLoginRole(client, ownerRole, passwords.owner);
    await ensureLoginRole(client, runtimeRole, passwords.runtime);
    // The runtime role must never act as the owner.
    await client.query(`REVOKE ${client.escapeIdentifier(ownerRole)} FROM ${client.escapeIdentifier(runtimeRole)}`);
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    const db = client.escapeIdentifier(database);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${db} OWNER ${client.escapeIdentifier(ownerRole)}`);
    else await client.query(`ALTER DATABASE ${db} OWNER TO ${client.escapeIdentifier(ownerRole)}`);
    await client.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
    await client.query(`GRANT CONNECT ON DATABASE ${db} TO ${client.escapeIdentifier(runtimeRole)}`);
  });
  await withClient(onDatabase(adminUrl, database), async (client) => {
    await adoptObjects(client, ownerRole);
    // The same defaults as migration 1765000000000 sets for whoever ran it: when that was another role
    // (an older database, migrated as the administrator), later migrations by the owner still grant.
    const [owner, app] = [client.escapeIdentifier(ownerRole), client.escapeIdentifier(runtimeRole)];
    await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
    await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
  });
  return {
    database,
    ownerRole,
    runtimeRole,
    migrationDatabaseUrl: urlFor(adminUrl, database, ownerRole, passwords.owner),
    databaseUrl: urlFor(adminUrl, database, runtimeRole, passwords.runtime),
    passwords,
  };
}

/**
 * Hands every object of schema public (and the schema, on servers before 15) to
 * the owner role, except members of extensions, which stay with the extension.
 */
async function adoptObjects(client: Client, ownerRole: string): Promise<void> {
  const owner = client.escapeIdentifier(ownerRole);
  const schema = await client.query<{ owner: string }>(`SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'public'`);
  if (schema.rows[0] && !['pg_database_owner', ownerRole].includes(schema.rows[0].owner)) await client.query(`ALTER SCHEMA public OWNER TO ${owner}`);
  const relations = await client.query<{ name: string; kind: string }>(
    `SELECT format('%I', c.relname) AS name, c.relkind AS kind
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND pg_get_userbyid(c.relowner) <> $1
        AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
        -- a sequence owned by a column follows its table
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))`,
    [ownerRole],
  );
  const keyword: Record<string, string> = { r: 'TABLE', p: 'TABLE', v: 'VIEW', m: 'MATERIALIZED VIEW', S: 'SEQUENCE', f: 'FOREIGN TABLE' };
  for (const { name, kind } of relations.rows) await client.query(`ALTER ${keyword[kind]} public.${name} OWNER TO ${owner}`);
  const functions = await client.query<{ signature: string }>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1
        AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')`,
    [ownerRole],
  );
  for (const { signature } of functions.rows) await client.query(`ALTER ROUTINE ${signature} OWNER TO ${owner}`);
  const types = await client.query<{ name: string }>(
    `SELECT format('%I', t.typname) AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) <> $1
        AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')`,
    [ownerRole],
  );
  for (const { name } of types.rows) await client.query(`ALTER TYPE public.${name} OWNER TO ${owner}`);
}

/** Drops the database and both of its roles (test teardown). */
export async function dropProvisionedDatabase(adminUrl: string, database: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
    for (const role of [runtimeRoleName(database), ownerRoleName(database)]) await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(role)}`);
  });
}

/**
 * Said at start by the api and the worker when they connect as a role the
 * database cannot restrain (a superuser, or the owner of Mizan's tables):
 * such a role can switch the trail's triggers off. Undefined when the role is
 * a runtime role as it should be.
 */
export async function privilegedRoleWarning(query: (sql: string) => Promise<unknown>): Promise<string | undefined> {
  const [me] = (await query(`
    SELECT current_user AS name, r.rolsuper AS superuser,
           (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`)) as { name: string; superuser: boolean; owned: number }[];
  if (!me.superuser && me.owned === 0) return undefined;
  const what = me.superuser ? 'a superuser' : `the owner of ${me.owned} tables`;
  return (
    `connected to PostgreSQL as "${me.name}", ${what}: the database cannot stop this process from altering the activity trail. ` +
    `Run migrations with MIGRATION_DATABASE_URL (the owner role) and point DATABASE_URL at the runtime role (README "Database roles").`
  );
}
