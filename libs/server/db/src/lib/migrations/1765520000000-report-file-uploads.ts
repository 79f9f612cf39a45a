import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Resumable uploads (issue 11): a report file remembers the tus upload it came
 * from, so finishing the same upload twice (a retried last PATCH, or the
 * client asking for the result again) stores it once.
 */
export class ReportFileUploads1765520000000 implements MigrationInterface {
  name = 'ReportFileUploads1765520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_file ADD COLUMN upload_id uuid NULL`);
    await q.query(`CREATE UNIQUE INDEX ux_report_file_upload ON report_file (upload_id) WHERE upload_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ux_report_file_upload`);
    await q.query(`ALTER TABLE report_file DROP COLUMN upload_id`);
  }
}
