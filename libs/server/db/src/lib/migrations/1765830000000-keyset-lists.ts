import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyset pagination of the officers' long lists (issue 14): an index per filter and sort, each
 * ending in the id the cursor ends in, so a page deep in the list costs what the second one does.
 * - Screening queue of a call: (call_id, <sort column>, id) per sort; (call_id, state, submitted_at, id) for one state.
 *   (Sorting by organization name needs the organization's row and is sorted among the call's rows.)
 * - Review board: the call's submitted scores grouped per application; the reviewers of a page's rows.
 * - Red flags: the list's own order (state rank, severity rank, newest) within an agency's active flags.
 * - Reports due: by state and due day.
 */
export class KeysetLists1765830000000 implements MigrationInterface {
  name = 'KeysetLists1765830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_application_queue_submitted ON application (call_id, submitted_at, id)`);
    await q.query(`CREATE INDEX ix_application_queue_state ON application (call_id, state, submitted_at, id)`);
    await q.query(`CREATE INDEX ix_application_queue_requested ON application (call_id, requested_minor, id)`);
    await q.query(`CREATE INDEX ix_application_queue_receipt ON application (call_id, receipt_number, id)`);
    await q.query(`CREATE INDEX ix_application_queue_title ON application (call_id, title, id)`);
    await q.query(`CREATE INDEX ix_review_assignment_call_submitted ON review_assignment (call_id, application_id, weighted_hundredths) WHERE status = 'submitted'`);
    await q.query(`CREATE INDEX ix_review_assignment_application ON review_assignment (application_id, assigned_at, id)`);
    await q.query(
      `CREATE INDEX ix_red_flag_keyset ON red_flag (agency_id, (CASE state WHEN 'escalated' THEN 0 WHEN 'open' THEN 1 ELSE 2 END),
         (CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END), first_raised_at DESC, id) WHERE active`,
    );
    await q.query(`CREATE INDEX ix_grant_report_due_state_day ON grant_report_due (state, (due_on - DATE '1970-01-01'), id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of [
      'ix_grant_report_due_state_day',
      'ix_red_flag_keyset',
      'ix_review_assignment_application',
      'ix_review_assignment_call_submitted',
      'ix_application_queue_title',
      'ix_application_queue_receipt',
      'ix_application_queue_requested',
      'ix_application_queue_state',
      'ix_application_queue_submitted',
    ]) {
      await q.query(`DROP INDEX ${name}`);
    }
  }
}
