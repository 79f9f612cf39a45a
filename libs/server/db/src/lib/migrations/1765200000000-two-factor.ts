import { MigrationInterface, QueryRunner } from 'typeorm';
import { ident, revokeFromRuntime, runtimeRole } from './runtime-role';

/**
 * Two-factor sign-in and re-authentication (issue 8).
 * - `agency.requires_two_factor`: staff must sign in with a second factor.
 * - `user_session.stage`: a session is `full` only once every factor is checked;
 *   `reauthenticated_at`: the last time the password (and code) was given again.
 * - `user_two_factor`: the TOTP secret, encrypted (AES-256-GCM); `last_used_step`
 *   refuses a code that was already accepted (replay).
 * - `user_recovery_code`: only HMACs of the single-use codes.
 * The runtime role (1765000000000-database-roles) may change only the columns the
 * code changes: the agency's requirement, a session's stage, expiry and
 * re-authentication time, a factor's confirmation and last step, a code's use.
 */
export class TwoFactor1765200000000 implements MigrationInterface {
  name = 'TwoFactor1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency ADD COLUMN requires_two_factor boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE user_session ADD COLUMN stage text NOT NULL DEFAULT 'full'`);
    await q.query(`ALTER TABLE user_session ADD CONSTRAINT ck_user_session_stage CHECK (stage IN ('full','second_factor','enrolment'))`);
    await q.query(`ALTER TABLE user_session ADD COLUMN reauthenticated_at timestamptz NULL`);
    await q.query(`
      CREATE TABLE user_two_factor (
        user_id uuid NOT NULL,
        secret_ciphertext text NOT NULL,
        confirmed_at timestamptz NULL,
        last_used_step bigint NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_user_two_factor PRIMARY KEY (user_id),
        CONSTRAINT fk_user_two_factor_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE user_recovery_code (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        code_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz NULL,
        CONSTRAINT pk_user_recovery_code PRIMARY KEY (id),
        CONSTRAINT fk_user_recovery_code_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT uq_user_recovery_code UNIQUE (user_id, code_hash)
      )`);
    const runtime = ident(await runtimeRole(q));
    await q.query(`GRANT UPDATE (requires_two_factor) ON agency TO ${runtime}`);
    await q.query(`GRANT UPDATE (stage, absolute_expires_at, reauthenticated_at) ON user_session TO ${runtime}`);
    await revokeFromRuntime(q, 'UPDATE', 'user_two_factor');
    await q.query(`GRANT UPDATE (confirmed_at, last_used_step) ON user_two_factor TO ${runtime}`);
    await revokeFromRuntime(q, 'UPDATE', 'user_recovery_code');
    await q.query(`GRANT UPDATE (used_at) ON user_recovery_code TO ${runtime}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_recovery_code`);
    await q.query(`DROP TABLE user_two_factor`);
    await q.query(`ALTER TABLE user_session DROP COLUMN reauthenticated_at`);
    await q.query(`ALTER TABLE user_session DROP CONSTRAINT ck_user_session_stage`);
    await q.query(`ALTER TABLE user_session DROP COLUMN stage`);
    await q.query(`ALTER TABLE agency DROP COLUMN requires_two_factor`);
  }
}
