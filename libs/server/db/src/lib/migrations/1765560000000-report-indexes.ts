import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opening a report for verification (issue 11, docs/benchmarks.md): each page
 * of lines counts the open red flags naming its lines. Without an index on
 * red_flag.line_ids that count read every active flag of every agency (21 ms
 * at 1,000 flags, growing with them); with this GIN index the lookup
 * (`line_ids && $ids`) reads only the flags that name one of the page's lines.
 */
export class ReportIndexes1765560000000 implements MigrationInterface {
  name = 'ReportIndexes1765560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_red_flag_line_ids ON red_flag USING gin (line_ids) WHERE active`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_red_flag_line_ids`);
  }
}
