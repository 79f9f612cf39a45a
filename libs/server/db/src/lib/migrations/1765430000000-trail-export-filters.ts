import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A trail export applies the filters that were on screen (issue 10): they are kept on the export (jsonb, `{}` for
 * the whole trail) and an export is unique per (agency, snapshot, filters) — the same filters on the same snapshot
 * give back the same export; other filters build their own PDF. jsonb equality ignores key order.
 * The trail page filters by action too: an index on (agency, action, seq) serves that filter, newest first.
 */
export class TrailExportFilters1765430000000 implements MigrationInterface {
  name = 'TrailExportFilters1765430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE trail_export ADD COLUMN filters jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`ALTER TABLE trail_export ADD CONSTRAINT ck_trail_export_filters CHECK (jsonb_typeof(filters) = 'object')`);
    await q.query(`ALTER TABLE trail_export DROP CONSTRAINT uq_trail_export_agency_head`);
    await q.query(`ALTER TABLE trail_export ADD CONSTRAINT uq_trail_export_agency_head_filters UNIQUE (agency_id, head_seq, filters)`);
    await q.query(`CREATE INDEX ix_activity_record_agency_action ON activity_record (agency_id, action, seq DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_activity_record_agency_action`);
    await q.query(`DELETE FROM trail_export WHERE filters <> '{}'::jsonb`);
    await q.query(`ALTER TABLE trail_export DROP CONSTRAINT uq_trail_export_agency_head_filters`);
    await q.query(`ALTER TABLE trail_export ADD CONSTRAINT uq_trail_export_agency_head UNIQUE (agency_id, head_seq)`);
    await q.query(`ALTER TABLE trail_export DROP CONSTRAINT ck_trail_export_filters`);
    await q.query(`ALTER TABLE trail_export DROP COLUMN filters`);
  }
}
