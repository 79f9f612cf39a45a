import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the benchmarks asked for (issue 14, docs/benchmarks.md):
 * - The trail list with a date window pages newest first by stored time, then seq (trail-filters.ts): an index in
 *   that order seeks to the window's end; (agency_id, occurred_at DESC) alone made the page walk every newer record
 *   of the agency in seq order. It also serves the window's capped count, so it replaces the older one.
 */
export class BenchIndexes1765860000000 implements MigrationInterface {
  name = 'BenchIndexes1765860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_activity_record_agency_occurred_seq ON activity_record (agency_id, occurred_at DESC, seq DESC)`);
    await q.query(`DROP INDEX ix_activity_record_agency_occurred`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_activity_record_agency_occurred ON activity_record (agency_id, occurred_at DESC)`);
    await q.query(`DROP INDEX ix_activity_record_agency_occurred_seq`);
  }
}
