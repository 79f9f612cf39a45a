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
  await withClient(adminUrl, (client) => createRolesAndDatabase(client, database, passwords));
  await withClient(onDatabase(adminUrl, database), async (client) => {
    await adoptObjects(client, ownerRole);
    // The same defaults as migration 1765000000000 sets for whoever ran it: when that was another role
    // (an older database, migrated as the administrator), later migrations by the owner still grant.
    const [owner, app] = [client.escapeIdentifier(ownerRole), client.escapeIdentifier(runtimeRole)];
    await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
    await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
  });
  return provisioned(adminUrl, database, passwords);
}

function provisioned(adminUrl: string, database: string, passwords: RolePasswords): ProvisionedDatabase {
  const [ownerRole, runtimeRole] = [ownerRoleName(database), runtimeRoleName(database)];
  return {
    database,
    ownerRole,
    runtimeRole,
    migrationDatabaseUrl: urlFor(adminUrl, database, ownerRole, passwords.owner),
    databaseUrl: urlFor(adminUrl, database, runtimeRole, passwords.runtime),
    passwords,
  };
}

/** Both login roles of `database`, and the database (new, or a copy of `template`) owned by the owner role, CONNECT for the runtime role only. */
async function createRolesAndDatabase(client: Client, database: string, passwords: RolePasswords, template?: string): Promise<void> {
  const [owner, app] = [client.escapeIdentifier(ownerRoleName(database)), client.escapeIdentifier(runtimeRoleName(database))];
  await ensureLoginRole(client, ownerRoleName(database), passwords.owner);
  await ensureLoginRole(client, runtimeRoleName(database), passwords.runtime);
  // The runtime role must never act as the owner.
  await client.query(`REVOKE ${owner} FROM ${app}`);
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  const db = client.escapeIdentifier(database);
  if (template !== undefined) await client.query(`CREATE DATABASE ${db} TEMPLATE ${client.escapeIdentifier(template)} OWNER ${owner}`);
  else if (found.rowCount === 0) await client.query(`CREATE DATABASE ${db} OWNER ${owner}`);
  else await client.query(`ALTER DATABASE ${db} OWNER TO ${owner}`);
  await client.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
  await client.query(`GRANT CONNECT ON DATABASE ${db} TO ${app}`);
}

/**
 * Seals a migrated database as a template for `cloneProvisionedDatabase`: owned by the administrator, no
 * connections (CREATE DATABASE … TEMPLATE refuses a source anyone is connected to), no CONNECT for its
 * roles. Its roles then own or hold nothing outside it, so a copy can hand over everything they had in it.
 */
export async function sealAsTemplate(adminUrl: string, database: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const db = client.escapeIdentifier(database);
    await client.query(`ALTER DATABASE ${db} OWNER TO CURRENT_USER`);
    await client.query(`REVOKE ALL ON DATABASE ${db} FROM ${client.escapeIdentifier(runtimeRoleName(database))}`);
    await client.query(`ALTER DATABASE ${db} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  });
}

/**
 * `database` as a copy of `template` (a database made by provisionDatabase, migrated, then sealAsTemplate),
 * with two roles of its own, in the state the template's migrations left: every object the template's owner
 * role owned now belongs to this owner role, and every privilege and default privilege the template's
 * runtime role held is this runtime role's, with the same grantor (PostgreSQL's REASSIGN OWNED, plus the same
 * GRANTs read from the catalogs). Nothing in the copy refers to the template's roles afterwards (checked).
 * Integration specs use it instead of migrating each database (libs/server/testing).
 */
export async function cloneProvisionedDatabase(adminUrl: string, template: string, database: string, passwords: RolePasswords = newRolePasswords()): Promise<ProvisionedDatabase> {
  await withClient(adminUrl, (client) => createRolesAndDatabase(client, database, passwords, template));
  // A copy left half-handed-over would still hold on to the template's roles: it goes, with its own.
  await handOver(adminUrl, template, database).catch(async (error: unknown) => {
    await dropProvisionedDatabase(adminUrl, database).catch(() => undefined);
    throw error;
  });
  return provisioned(adminUrl, database, passwords);
}

async function handOver(adminUrl: string, template: string, database: string): Promise<void> {
  await withClient(onDatabase(adminUrl, database), async (client) => {
    const roles = [ownerRoleName(template), runtimeRoleName(template), ownerRoleName(database), runtimeRoleName(database)];
    const [oldOwner, oldApp, newOwner] = roles.map((r) => client.escapeIdentifier(r));
    await client.query('BEGIN');
    await client.query(`REASSIGN OWNED BY ${oldOwner} TO ${newOwner}`);
    // As a superuser's GRANT counts as the object owner's, the grantor is the new owner, as in a database migrated by it.
    const grants = await client.query<{ statement: string }>(REGRANT_SQL, roles);
    for (const { statement } of grants.rows) await client.query(statement);
    await client.query(`DROP OWNED BY ${oldApp}, ${oldOwner}`);
    const left = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_shdepend WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND refobjid IN (to_regrole($1), to_regrole($2))`,
      roles.slice(0, 2),
    );
    if (left.rows[0].n !== 0) throw new Error(`${database}: ${left.rows[0].n} objects still refer to the roles of the template ${template}`);
    await client.query('COMMIT');
  });
}

/**
 * The GRANT and ALTER DEFAULT PRIVILEGES statements that give role $4 (the copy's runtime role) what role $2
 * (the template's runtime role) holds in this database: on relations, columns, schemas, routines and types,
 * and in the default privileges of role $1 (the template's owner), which become role $3's (the copy's owner).
 */
const REGRANT_SQL = `
  WITH r AS (SELECT to_regrole($1) AS old_owner, to_regrole($2) AS old_app, $3::text AS new_owner, $4::text AS new_app),
  object_grants AS (
    SELECT CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END || ' ' || c.oid::regclass::text AS target, a.privilege_type, a.is_grantable, NULL::text AS column_name
      FROM pg_class c, r, aclexplode(c.relacl) a WHERE a.grantee = r.old_app
    UNION ALL
    SELECT 'TABLE ' || c.oid::regclass::text, a.privilege_type, a.is_grantable, quote_ident(att.attname)
      FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid, r, aclexplode(att.attacl) a WHERE a.grantee = r.old_app
    UNION ALL
    SELECT 'SCHEMA ' || quote_ident(n.nspname), a.privilege_type, a.is_grantable, NULL FROM pg_namespace n, r, aclexplode(n.nspacl) a WHERE a.grantee = r.old_app
    UNION ALL
    SELECT 'ROUTINE ' || p.oid::regprocedure::text, a.privilege_type, a.is_grantable, NULL FROM pg_proc p, r, aclexplode(p.proacl) a WHERE a.grantee = r.old_app
    UNION ALL
    SELECT 'TYPE ' || t.oid::regtype::text, a.privilege_type, a.is_grantable, NULL FROM pg_type t, r, aclexplode(t.typacl) a WHERE a.grantee = r.old_app AND t.typcategory <> 'A'
  ),
  default_grants AS (
    SELECT 'ALTER DEFAULT PRIVILEGES FOR ROLE ' || quote_ident(r.new_owner)
             || CASE WHEN d.defaclnamespace = 0 THEN '' ELSE ' IN SCHEMA ' || quote_ident(n.nspname) END
             || ' GRANT ' || string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type)
             || ' ON ' || CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS' WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' END
             || ' TO ' || CASE WHEN a.grantee = r.old_app THEN quote_ident(r.new_app) WHEN a.grantee = r.old_owner THEN quote_ident(r.new_owner)
                               WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END
             || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END AS statement
      FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace, r, aclexplode(d.defaclacl) a
     WHERE d.defaclrole = r.old_owner
     GROUP BY r.new_owner, r.new_app, r.old_app, r.old_owner, d.defaclnamespace, n.nspname, d.defaclobjtype, a.grantee, a.is_grantable
  )
  SELECT 'GRANT ' || string_agg(privilege_type || coalesce(' (' || column_name || ')', ''), ', ' ORDER BY privilege_type) || ' ON ' || target
           || ' TO ' || quote_ident((SELECT new_app FROM r)) || CASE WHEN is_grantable THEN ' WITH GRANT OPTION' ELSE '' END AS statement
    FROM object_grants GROUP BY target, column_name, is_grantable
  UNION ALL
  SELECT statement FROM default_grants`;

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
