import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the ledger's reads (docs/benchmarks.md, "Ledger"): a grant
 * statement walks the postings of the grant's accounts in id order and needs
 * each posting's entry and amount; covering them in the index lets PostgreSQL
 * answer from the index alone (index-only scan once the visibility map is set)
 * instead of one heap page per posting. It replaces ix_posting_account, whose
 * columns it starts with.
 */
export class LedgerReadIndexes1765310000000 implements MigrationInterface {
  name = 'LedgerReadIndexes1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_posting_account_cover ON posting (account_id, id) INCLUDE (entry_id, amount_minor)`);
    await q.query(`DROP INDEX ix_posting_account`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_posting_account ON posting (account_id, id)`);
    await q.query(`DROP INDEX ix_posting_account_cover`);
  }
}
