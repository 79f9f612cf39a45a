import { MigrationInterface, QueryRunner } from 'typeorm';
import { ident, runtimeRole } from './runtime-role';

/**
 * Per table, what the code really does as the runtime role. Anything not listed
 * here is refused by PostgreSQL before any trigger runs, even to raw SQL.
 * `update` lists columns when only some may change (a column grant), `true` for
 * a whole-row UPDATE. No table gets TRUNCATE, REFERENCES or TRIGGER.
 */
const TABLES: Record<string, { insert?: true; update?: true | string[]; delete?: true }> = {
  // Reference data, written by migrations only.
  governorate: {},
  // Append-only: the trail and what is frozen once written.
  activity_record: { insert: true },
  application_version: { insert: true },
  grant_call_version: { insert: true },
  stored_document: { insert: true },
  due_diligence_document: { insert: true },
  application_attachment: { insert: true },
  agency: { insert: true },
  organization_member: { insert: true },
  partner_member: { insert: true },
  // Rows that change while they are worked on.
  app_user: { insert: true, update: true },
  program: { insert: true, update: true },
  grant_call: { insert: true, update: true },
  organization: { insert: true, update: true },
  partner_organization: { insert: true, update: true },
  invitation: { insert: true, update: true },
  application: { insert: true, update: true },
  review_assignment: { insert: true, update: true },
  // Replaced as a set (role changes, an application's partners, a draft's scores;
  // a submitted review's scores are final by trigger).
  user_role: { insert: true, delete: true },
  application_partner: { insert: true, delete: true },
  review_score: { insert: true, delete: true },
  // Only their state moves: amount, outcome, proposer, addressee, snapshot never change.
  funding_decision: { insert: true, update: ['state', 'confirmed_by', 'confirmed_at', 'cancelled_by', 'cancelled_at', 'cancel_reason'] },
  trail_export: { insert: true, update: ['state', 'document_id', 'failed_reason', 'completed_at'] },
  user_session: { insert: true, update: ['last_seen_at', 'idle_expires_at', 'revoked_at'] },
  notification: { insert: true, update: ['read_at'] },
  outbound_email: { insert: true, update: ['status', 'attempts', 'last_attempt_at', 'last_error', 'message_id', 'sent_at'] },
};

/**
 * Least-privilege roles (issue 8). Migrations run as the owner role, which owns
 * every table; the api, the worker and the seed connect as the runtime role
 * `<database>_app`, which owns nothing, is no superuser (so it can neither
 * disable a trigger nor set session_replication_role), cannot create objects,
 * and holds per table only the privileges above.
 *
 * Tables created by later migrations (as the same owner) get SELECT, INSERT,
 * UPDATE and DELETE through the owner's default privileges; an append-only or
 * frozen table must revoke what it refuses in its own migration
 * (`revokeFromRuntime`, runtime-role.ts).
 */
export class DatabaseRoles1765000000000 implements MigrationInterface {
  name = 'DatabaseRoles1765000000000';

  async up(q: QueryRunner): Promise<void> {
    const role = await runtimeRole(q);
    const app = ident(role);
    const [{ me }] = (await q.query(`SELECT current_user AS me`)) as { me: string }[];
    if (me === role) throw new Error(`migrations must run as the owner role, not as the runtime role ${role} (set MIGRATION_DATABASE_URL)`);
    // An existing deployment that never had the role: create it without login,
    // so the grants exist; an operator gives it a password and LOGIN to use it.
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(role)}) THEN
          CREATE ROLE ${app} NOLOGIN;
        END IF;
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN insufficient_privilege THEN
          RAISE EXCEPTION 'the runtime role % does not exist and % may not create it', ${literal(role)}, current_user
            USING HINT = 'create it first (CREATE ROLE ${role.replace(/'/g, "''")} LOGIN PASSWORD ...), see README "Database roles"';
      END $$`);

    // Only the owner creates objects. (PostgreSQL 15+ already keeps CREATE on
    // public from PUBLIC; older servers granted it to everyone.)
    await q.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${app}`);

    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`);
    for (const [table, grant] of Object.entries(TABLES)) {
      const privileges = ['SELECT'];
      if (grant.insert) privileges.push('INSERT');
      if (grant.update === true) privileges.push('UPDATE');
      if (Array.isArray(grant.update)) privileges.push(`UPDATE (${grant.update.map(ident).join(', ')})`);
      if (grant.delete) privileges.push('DELETE');
      await q.query(`GRANT ${privileges.join(', ')} ON ${ident(table)} TO ${app}`);
    }
    // Receipt numbers (nextval) and any later sequence.
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);

    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const app = ident(await runtimeRole(q));
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${app}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${app}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${app}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${app}`);
  }
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
