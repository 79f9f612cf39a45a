import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The screening queue's search counted from the index alone (issue 14). A search for a common word (`ILIKE
 * '%project%'` on title, organization name and receipt number) matches most of a call, so the trigram indexes do not
 * help and the capped count read every queue row of the call from the table to test the three texts: 21 ms for the
 * 4,735 of the busiest call at scale 10, 2.17× slower than at scale 1. With the three texts in the queue count's index
 * the count is an index-only scan, with or without a search.
 *
 * The texts fit a B-tree entry: title and legal name are at most 300 UTF-16 units (≤ 900 bytes of UTF-8 each), a
 * receipt number ~20 bytes; `ix_application_queue_title` and `_organization` already index each of them.
 */
export class QueueSearchCovering1765962000000 implements MigrationInterface {
  name = 'QueueSearchCovering1765962000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_application_queue_search ON application (call_id, state) INCLUDE (agency_id, title, organization_name, receipt_number)`,
    );
    await q.query(`DROP INDEX ix_application_queue_count`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_application_queue_count ON application (call_id, state) INCLUDE (agency_id)`);
    await q.query(`DROP INDEX ix_application_queue_search`);
  }
}
