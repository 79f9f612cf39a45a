import { MigrationInterface, QueryRunner } from 'typeorm';
import { ident, runtimeRole } from './runtime-role';

/**
 * Stale tasks (issue 10): a notification that asks for an action carries the
 * key of that action (`action_key`, e.g. `decision.confirm:<decision id>`) and
 * is resolved (`resolved_at`, `resolved_by`) in the transaction of whoever does
 * the action; the bell counts only open ones. A review assignment still open
 * when its application is decided or withdrawn ends as `closed` (history, like
 * `reassigned`), which frees it from the one-live-assignment index.
 */
export class OpenTasks1765420000000 implements MigrationInterface {
  name = 'OpenTasks1765420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification ADD COLUMN action_key text NULL, ADD COLUMN resolved_at timestamptz NULL, ADD COLUMN resolved_by uuid NULL`);
    await q.query(`ALTER TABLE notification ADD CONSTRAINT fk_notification_resolved_by FOREIGN KEY (resolved_by) REFERENCES app_user (id)`);
    await q.query(`ALTER TABLE notification ADD CONSTRAINT ck_notification_resolved CHECK (resolved_at IS NULL OR action_key IS NOT NULL)`);
    await q.query(`CREATE INDEX ix_notification_open_action ON notification (action_key) WHERE resolved_at IS NULL AND action_key IS NOT NULL`);
    await q.query(`GRANT UPDATE (resolved_at, resolved_by) ON notification TO ${ident(await runtimeRole(q))}`);

    await q.query(`ALTER TABLE review_assignment DROP CONSTRAINT ck_review_assignment_status`);
    await q.query(`
      ALTER TABLE review_assignment ADD CONSTRAINT ck_review_assignment_status
        CHECK (status IN ('assigned','declared','in_progress','submitted','conflict','reassigned','closed'))`);
    await q.query(`DROP INDEX uq_review_assignment_live`);
    await q.query(`CREATE UNIQUE INDEX uq_review_assignment_live ON review_assignment (application_id, reviewer_id) WHERE status NOT IN ('conflict','reassigned','closed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_review_assignment_live`);
    await q.query(`CREATE UNIQUE INDEX uq_review_assignment_live ON review_assignment (application_id, reviewer_id) WHERE status NOT IN ('conflict','reassigned')`);
    await q.query(`ALTER TABLE review_assignment DROP CONSTRAINT ck_review_assignment_status`);
    await q.query(`
      ALTER TABLE review_assignment ADD CONSTRAINT ck_review_assignment_status
        CHECK (status IN ('assigned','declared','in_progress','submitted','conflict','reassigned'))`);
    await q.query(`REVOKE UPDATE (resolved_at, resolved_by) ON notification FROM ${ident(await runtimeRole(q))}`);
    await q.query(`DROP INDEX ix_notification_open_action`);
    await q.query(`ALTER TABLE notification DROP CONSTRAINT ck_notification_resolved, DROP CONSTRAINT fk_notification_resolved_by`);
    await q.query(`ALTER TABLE notification DROP COLUMN resolved_by, DROP COLUMN resolved_at, DROP COLUMN action_key`);
  }
}
