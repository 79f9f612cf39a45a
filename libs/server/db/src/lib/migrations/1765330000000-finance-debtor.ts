import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agency's own bank account, the debtor of every ISO 20022 pain.001 credit
 * transfer it sends (issue 9, bank files): name, IBAN and BIC on the agency's
 * finance settings. Empty until finance fills them in; a bank file cannot be
 * built without them.
 */
export class FinanceDebtor1765330000000 implements MigrationInterface {
  name = 'FinanceDebtor1765330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE finance_settings ADD COLUMN agency_name text, ADD COLUMN agency_iban text, ADD COLUMN agency_bic text`);
    await q.query(`
      ALTER TABLE finance_settings
        ADD CONSTRAINT ck_finance_settings_iban CHECK (agency_iban IS NULL OR agency_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        ADD CONSTRAINT ck_finance_settings_bic CHECK (agency_bic IS NULL OR agency_bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE finance_settings DROP CONSTRAINT ck_finance_settings_bic, DROP CONSTRAINT ck_finance_settings_iban`);
    await q.query(`ALTER TABLE finance_settings DROP COLUMN agency_bic, DROP COLUMN agency_iban, DROP COLUMN agency_name`);
  }
}
