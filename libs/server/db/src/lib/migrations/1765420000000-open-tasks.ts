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
/** Anything that can run SQL: the migration's QueryRunner, or a spec's owner connection. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * The notifications written before this migration asked for actions without
 * saying so: give them their action keys (from their kind and entity), and
 * resolve those whose action was already done — a proposal confirmed or
 * cancelled, a review submitted, declined or taken away, a reviewer assigned
 * after a conflict (or the application out of review). Only the notifications
 * change: no business state is touched, so nothing goes on the trail.
 */
export async function backfillOpenTasks(q: SqlRunner): Promise<void> {
  await q.query(`
    UPDATE notification SET action_key = CASE kind
        WHEN 'decision.awaiting_confirmation' THEN 'decision.confirm:' || entity_id
        WHEN 'review.assigned' THEN 'review:' || entity_id
        WHEN 'review.conflict_declared' THEN 'application.assign_reviewer:' || entity_id
      END
     WHERE action_key IS NULL AND entity_id IS NOT NULL AND kind IN ('decision.awaiting_confirmation', 'review.assigned', 'review.conflict_declared')`);
  await q.query(`
    UPDATE notification n SET resolved_at = COALESCE(d.confirmed_at, d.cancelled_at, now()), resolved_by = COALESCE(d.confirmed_by, d.cancelled_by)
      FROM funding_decision d
     WHERE n.resolved_at IS NULL AND n.action_key = 'decision.confirm:' || d.id::text AND d.state <> 'proposed'`);
  await q.query(`
    UPDATE notification n
       SET resolved_at = COALESCE(ra.submitted_at, ra.conflict_declared_at, now()),
           resolved_by = CASE WHEN ra.status IN ('submitted', 'conflict') THEN ra.reviewer_id END
      FROM review_assignment ra
     WHERE n.resolved_at IS NULL AND n.action_key = 'review:' || ra.id::text AND ra.status NOT IN ('assigned', 'declared', 'in_progress')`);
  await q.query(`
    UPDATE notification n SET resolved_at = now()
      FROM application a
     WHERE n.resolved_at IS NULL AND n.action_key = 'application.assign_reviewer:' || a.id::text
       AND (a.state NOT IN ('eligible', 'in_review')
            OR EXISTS (SELECT 1 FROM review_assignment ra WHERE ra.application_id = a.id AND ra.assigned_at > n.created_at))`);
}

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
    await backfillOpenTasks(q);
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
