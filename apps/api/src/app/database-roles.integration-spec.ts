import { ApiPaths, TrailVerification } from '@mizan/contracts';
import { ownerRoleName, privilegedRoleWarning, runtimeRoleName } from '@mizan/server/db';
import { createTestEnvironment, seedAgency, type TestEnvironment } from '@mizan/server/testing';
import { ApiHarness } from '../testing/api-harness';

/**
 * What the runtime role (the api's and the worker's connection) may do, per
 * table, as PostgreSQL itself reports it. A table missing here fails the spec:
 * each new table needs a decision (see ARCHITECTURE "Database roles").
 * `UPDATE(a,b)` is a column grant: only those columns may change.
 */
const EXPECTED: Record<string, string> = {
  account_balance: 'SELECT',
  activity_record: 'SELECT INSERT',
  agency: 'SELECT INSERT UPDATE(requires_two_factor)',
  app_user: 'SELECT INSERT UPDATE',
  application: 'SELECT INSERT UPDATE',
  application_attachment: 'SELECT INSERT',
  application_partner: 'SELECT INSERT DELETE',
  application_version: 'SELECT INSERT',
  audit_engagement: 'SELECT INSERT UPDATE',
  audit_engagement_auditor: 'SELECT INSERT UPDATE',
  audit_engagement_grant: 'SELECT INSERT',
  audit_finding: 'SELECT INSERT UPDATE',
  audit_finding_response: 'SELECT INSERT',
  audit_population_item: 'SELECT INSERT',
  audit_report: 'SELECT INSERT UPDATE',
  audit_sample_item: 'SELECT INSERT UPDATE DELETE',
  board_refresh_pending: 'SELECT INSERT DELETE',
  board_standing: 'SELECT INSERT UPDATE DELETE',
  audit_scope_application: 'SELECT',
  audit_scope_grant: 'SELECT',
  audit_working_paper: 'SELECT INSERT',
  bank_file: 'SELECT INSERT UPDATE',
  directory_interest: 'SELECT INSERT UPDATE DELETE',
  directory_match: 'SELECT INSERT UPDATE DELETE',
  directory_need: 'SELECT INSERT UPDATE DELETE',
  directory_profile: 'SELECT INSERT UPDATE DELETE',
  directory_session: 'SELECT INSERT UPDATE DELETE',
  directory_sector: 'SELECT',
  directory_skill: 'SELECT',
  due_diligence_document: 'SELECT INSERT',
  exchange_rate: 'SELECT INSERT',
  expenditure_line: 'SELECT INSERT UPDATE',
  finance_settings: 'SELECT INSERT UPDATE',
  funding_decision: 'SELECT INSERT UPDATE(cancel_reason,cancelled_at,cancelled_by,confirmed_at,confirmed_by,state)',
  governorate: 'SELECT',
  governorate_security_level: 'SELECT INSERT',
  grant_award: 'SELECT INSERT UPDATE',
  grant_call: 'SELECT INSERT UPDATE',
  grant_call_version: 'SELECT INSERT',
  grant_document: 'SELECT INSERT UPDATE',
  grant_finding: 'SELECT INSERT UPDATE',
  grant_monitor: 'SELECT INSERT UPDATE',
  grant_report: 'SELECT INSERT UPDATE',
  grant_report_due: 'SELECT INSERT UPDATE',
  grant_version: 'SELECT INSERT',
  idempotency_key: 'SELECT INSERT UPDATE DELETE',
  invitation: 'SELECT INSERT UPDATE',
  journal_entry: 'SELECT INSERT',
  ledger_account: 'SELECT INSERT',
  line_message: 'SELECT INSERT',
  migrations: '',
  monitoring_visit: 'SELECT INSERT',
  notification: 'SELECT INSERT UPDATE(read_at,resolved_at,resolved_by)',
  organization: 'SELECT INSERT UPDATE',
  organization_member: 'SELECT INSERT',
  outbound_email: 'SELECT INSERT UPDATE(attempts,last_attempt_at,last_error,message_id,sent_at,status)',
  partner_member: 'SELECT INSERT',
  partner_organization: 'SELECT INSERT UPDATE',
  payment: 'SELECT INSERT UPDATE',
  posting: 'SELECT INSERT',
  program: 'SELECT INSERT UPDATE',
  red_flag: 'SELECT INSERT UPDATE',
  red_flag_run: 'SELECT INSERT UPDATE',
  refund_settlement: 'SELECT INSERT',
  report_file: 'SELECT INSERT UPDATE',
  report_reminder: 'SELECT INSERT',
  reporting_settings: 'SELECT INSERT UPDATE',
  review_assignment: 'SELECT INSERT UPDATE',
  review_score: 'SELECT INSERT DELETE',
  sanctions_entry: 'SELECT INSERT UPDATE',
  sanctions_list_version: 'SELECT INSERT UPDATE',
  screening_summary: 'SELECT INSERT UPDATE',
  screening_match: 'SELECT INSERT UPDATE',
  screening_party: 'SELECT',
  iati_identity: 'SELECT INSERT UPDATE',
  program_publication: 'SELECT INSERT UPDATE',
  iati_publication: 'SELECT INSERT UPDATE',
  screening_run: 'SELECT INSERT UPDATE',
  screening_settings: 'SELECT INSERT UPDATE',
  stored_document: 'SELECT INSERT',
  trail_export: 'SELECT INSERT UPDATE(completed_at,document_id,failed_reason,state)',
  tranche: 'SELECT INSERT UPDATE',
  user_recovery_code: 'SELECT INSERT UPDATE(used_at) DELETE',
  user_role: 'SELECT INSERT DELETE',
  user_session: 'SELECT INSERT UPDATE(absolute_expires_at,idle_expires_at,last_seen_at,reauthenticated_at,revoked_at,stage)',
  user_two_factor: 'SELECT INSERT UPDATE(confirmed_at,last_used_step) DELETE',
};

describe('the api and worker connect as a least-privilege runtime role', () => {
  let api: ApiHarness;
  let role: string;
  /** Raw SQL on the api's own connection pool: exactly what a compromised api process could send. */
  const asApi = (sql: string, params?: unknown[]) => api.dataSource.query(sql, params);

  beforeAll(async () => {
    // Migrated itself, as a deployment is (other specs get a copy of the run's migrated template: see the last test).
    api = await ApiHarness.start('roles', {}, { fresh: true });
    await seedAgency(api.dataSource, 'north');
    await api.signIn('auditor@north.test');
    role = runtimeRoleName(new URL(api.env.ownerDatabaseUrl).pathname.slice(1));
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('is the runtime role: no superuser, owns nothing, no member of the owner role, creates nothing', async () => {
    const [me] = (await asApi(`
      SELECT current_user AS name, r.rolsuper AS superuser, r.rolcreaterole AS createrole, r.rolcreatedb AS createdb, r.rolbypassrls AS bypassrls,
             (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned_relations,
             (SELECT count(*)::int FROM pg_proc p WHERE p.proowner = r.oid) AS owned_functions,
             pg_has_role(current_user, d.datdba, 'USAGE') AS acts_as_database_owner,
             has_schema_privilege('public', 'CREATE') AS create_in_public,
             has_database_privilege(current_database(), 'CREATE') AS create_schema,
             has_database_privilege(current_database(), 'TEMP') AS temp
        FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()`)) as Record<string, unknown>[];
    expect(me).toEqual({
      name: role,
      superuser: false,
      createrole: false,
      createdb: false,
      bypassrls: false,
      owned_relations: 0,
      owned_functions: 0,
      acts_as_database_owner: false,
      create_in_public: false,
      create_schema: false,
      temp: false,
    });
  });

  it('cannot change, remove or empty the trail, even with raw SQL', async () => {
    const [{ n: before }] = (await asApi('SELECT count(*)::int AS n FROM activity_record')) as { n: number }[];
    expect(before).toBeGreaterThan(0);
    await expect(asApi(`UPDATE activity_record SET previous_hash = repeat('x', 64) WHERE seq = 1`)).rejects.toThrow(/permission denied for table activity_record/);
    await expect(asApi(`DELETE FROM activity_record WHERE seq = 1`)).rejects.toThrow(/permission denied for table activity_record/);
    await expect(asApi(`TRUNCATE activity_record`)).rejects.toThrow(/permission denied for table activity_record/);
    await expect(asApi(`ALTER TABLE activity_record DISABLE TRIGGER tr_activity_record_no_update_delete`)).rejects.toThrow(/must be owner of table activity_record/);
    await expect(asApi(`ALTER TABLE activity_record DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    await expect(asApi(`DROP TRIGGER tr_activity_record_no_truncate ON activity_record`)).rejects.toThrow(/must be owner/);
    await expect(asApi(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied to set parameter "session_replication_role"/);
    await expect(asApi(`CREATE OR REPLACE FUNCTION activity_record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`)).rejects.toThrow(
      /must be owner|permission denied/,
    );
    await expect(asApi(`SET ROLE "${new URL(api.env.ownerDatabaseUrl).username}"`)).rejects.toThrow(/permission denied to set role/);
    const [{ n: after }] = (await asApi('SELECT count(*)::int AS n FROM activity_record')) as { n: number }[];
    expect(after).toBe(before);
  });

  it('cannot create objects: no table, function or temporary table of its own', async () => {
    await expect(asApi(`CREATE TABLE public.shadow_trail (seq bigint)`)).rejects.toThrow(/permission denied for schema public/);
    await expect(asApi(`CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'`)).rejects.toThrow(/permission denied for schema public/);
    await expect(asApi(`CREATE TEMPORARY TABLE scratch (x int)`)).rejects.toThrow(/permission denied to create temporary tables/);
    await expect(asApi(`CREATE SCHEMA private`)).rejects.toThrow(/permission denied for database/);
  });

  it('frozen records refuse UPDATE, DELETE and TRUNCATE before any trigger runs', async () => {
    for (const table of ['application_version', 'grant_call_version', 'stored_document', 'due_diligence_document', 'application_attachment', 'agency']) {
      const [{ column }] = (await asApi(`SELECT attname AS column FROM pg_attribute WHERE attrelid = $1::regclass AND attnum = 1`, [table])) as { column: string }[];
      await expect(asApi(`UPDATE ${table} SET ${column} = ${column}`)).rejects.toThrow(new RegExp(`permission denied for table ${table}`));
      await expect(asApi(`DELETE FROM ${table}`)).rejects.toThrow(new RegExp(`permission denied for table ${table}`));
      await expect(asApi(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/permission denied/);
    }
    await expect(asApi(`DELETE FROM funding_decision`)).rejects.toThrow(/permission denied for table funding_decision/);
    await expect(asApi(`UPDATE funding_decision SET amount_minor = 0`)).rejects.toThrow(/permission denied for table funding_decision/);
    await expect(asApi(`UPDATE review_score SET score = 5`)).rejects.toThrow(/permission denied for table review_score/);
    await expect(asApi(`UPDATE trail_export SET head_seq = 1`)).rejects.toThrow(/permission denied for table trail_export/);
    await expect(asApi(`UPDATE outbound_email SET to_address = 'attacker@example.org'`)).rejects.toThrow(/permission denied for table outbound_email/);
  });

  it('holds per table exactly the privileges the code uses, and no TRUNCATE anywhere', async () => {
    const rows = (await api.env.queryAs<{ table: string; privileges: string }>(
      'superuser',
      `SELECT c.relname AS table,
              concat_ws(' ',
                CASE WHEN has_table_privilege($1, c.oid, 'SELECT') THEN 'SELECT' END,
                CASE WHEN has_table_privilege($1, c.oid, 'INSERT') THEN 'INSERT' END,
                CASE WHEN has_table_privilege($1, c.oid, 'UPDATE') THEN 'UPDATE'
                     WHEN has_any_column_privilege($1, c.oid, 'UPDATE') THEN
                       'UPDATE(' || (SELECT string_agg(a.attname, ',' ORDER BY a.attname) FROM pg_attribute a
                                      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND has_column_privilege($1, c.oid, a.attnum, 'UPDATE')) || ')' END,
                CASE WHEN has_table_privilege($1, c.oid, 'DELETE') THEN 'DELETE' END,
                CASE WHEN has_table_privilege($1, c.oid, 'TRUNCATE') THEN 'TRUNCATE' END,
                CASE WHEN has_table_privilege($1, c.oid, 'REFERENCES') THEN 'REFERENCES' END,
                CASE WHEN has_table_privilege($1, c.oid, 'TRIGGER') THEN 'TRIGGER' END) AS privileges
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
        ORDER BY c.relname`,
      [role],
    )) as { table: string; privileges: string }[];
    expect(Object.fromEntries(rows.map((r) => [r.table, r.privileges]))).toEqual(EXPECTED);
  });

  it('can still draw receipt numbers, and later tables of the owner come with the usual privileges', async () => {
    const [{ n }] = (await asApi(`SELECT nextval('application_receipt_seq')::int AS n`)) as { n: number }[];
    expect(n).toBeGreaterThan(1000);
    // As a later migration would: the owner's default privileges grant the runtime role
    // SELECT, INSERT, UPDATE, DELETE, never TRUNCATE; an append-only table revokes in its migration.
    await api.env.queryAs('owner', `CREATE TABLE later_table (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)`);
    await asApi(`INSERT INTO later_table (note) VALUES ('written by the api')`);
    await asApi(`UPDATE later_table SET note = 'changed'`);
    await expect(asApi(`TRUNCATE later_table`)).rejects.toThrow(/permission denied/);
    await api.env.queryAs('owner', `REVOKE UPDATE, DELETE ON later_table FROM "${role}"`);
    await expect(asApi(`UPDATE later_table SET note = 'again'`)).rejects.toThrow(/permission denied for table later_table/);
    await api.env.queryAs('owner', `DROP TABLE later_table`);
  });

  it('the api and worker warn at start when given the owner or a superuser instead, and not as the runtime role', async () => {
    expect(await privilegedRoleWarning((sql) => asApi(sql))).toBeUndefined();
    const owner = await privilegedRoleWarning((sql) => api.env.queryAs('owner', sql));
    expect(owner).toMatch(/^connected to PostgreSQL as "mizan_test_roles_\w+_owner", the owner of \d+ tables: .*MIGRATION_DATABASE_URL/);
    expect(await privilegedRoleWarning((sql) => api.env.queryAs('superuser', sql))).toMatch(/, a superuser: the database cannot stop this process/);
  });

  it('still runs the application end to end: sign-in on the trail, the chain verified through the api', async () => {
    const auditor = await api.signIn('auditor@north.test');
    const verification = await api.request('POST', ApiPaths.trailVerification, { cookie: auditor });
    expect(verification.statusCode).toBe(200);
    expect(verification.json<TrailVerification>()).toMatchObject({ intact: true });
    const actions = (await asApi(`SELECT action FROM activity_record ORDER BY seq`)) as { action: string }[];
    expect(actions.filter((a) => a.action === 'auth.signed_in')).toHaveLength(2);
  });

  it('a copy of the run’s migrated template (what other specs get) has the same owners, grants and default privileges', async () => {
    let copy: TestEnvironment | undefined;
    try {
      copy = await createTestEnvironment('roles_copy');
      expect(await privilegeCatalog(copy)).toEqual(await privilegeCatalog(api.env));
    } finally {
      await copy?.teardown();
    }
  });
});

/**
 * Every owner and access control list in the database (relations, columns, schemas, routines, types,
 * default privileges, the database itself), with the database's two roles written OWNER and APP.
 */
async function privilegeCatalog(env: TestEnvironment): Promise<string[]> {
  const database = new URL(env.ownerDatabaseUrl).pathname.slice(1);
  const rows = await env.queryAs<{ kind: string; name: string; owner: string | null; acl: string[] | null }>(
    'superuser',
    `SELECT 'relation' AS kind, c.oid::regclass::text AS name, pg_get_userbyid(c.relowner) AS owner, c.relacl::text[] AS acl
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
     UNION ALL
     SELECT 'column', att.attrelid::regclass::text || '.' || att.attname, NULL, att.attacl::text[]
       FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND att.attacl IS NOT NULL
     UNION ALL
     SELECT 'schema', nspname, pg_get_userbyid(nspowner), nspacl::text[] FROM pg_namespace
     UNION ALL
     SELECT 'routine', p.oid::regprocedure::text, pg_get_userbyid(p.proowner), p.proacl::text[]
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
     UNION ALL
     SELECT 'type', t.oid::regtype::text, pg_get_userbyid(t.typowner), t.typacl::text[]
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
     UNION ALL
     SELECT 'default', pg_get_userbyid(d.defaclrole) || ' ' || coalesce(n.nspname, '*') || ' ' || d.defaclobjtype::text, NULL, d.defaclacl::text[]
       FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
     UNION ALL
     SELECT 'database', '', pg_get_userbyid(datdba), datacl::text[] FROM pg_database WHERE datname = current_database()`,
  );
  const roles = (text: string) => text.split(runtimeRoleName(database)).join('APP').split(ownerRoleName(database)).join('OWNER');
  const lines = rows.map((r) => roles(`${r.kind} ${r.name} owner=${r.owner ?? '-'} acl=${[...(r.acl ?? [])].map(roles).sort().join(',')}`));
  expect(lines.filter((l) => l.includes('APP=')).length).toBeGreaterThan(80);
  return lines.sort();
}
