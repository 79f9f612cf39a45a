import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Until the reporting issue accepts reports, the officer records by hand that
 * the report covering a tranche was accepted, with how much of that tranche it
 * accounts for: the "earlier tranches accounted" release condition of the next
 * tranche reads this beside the ledger's verified expenditure (see
 * docs/finance.md, "Grants").
 */
export class TrancheAccounted1765320000000 implements MigrationInterface {
  name = 'TrancheAccounted1765320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tranche ADD COLUMN report_accounted_minor bigint`);
    await q.query(`ALTER TABLE tranche ADD CONSTRAINT ck_tranche_report_accounted CHECK (report_accounted_minor IS NULL OR (report_accounted_minor >= 0 AND report_accounted_minor <= amount_minor))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tranche DROP CONSTRAINT ck_tranche_report_accounted`);
    await q.query(`ALTER TABLE tranche DROP COLUMN report_accounted_minor`);
  }
}
