import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fixes the deferred balance check of 1765300000000: its one function served
 * both constraint triggers with `CASE WHEN TG_TABLE_NAME = 'posting' THEN
 * NEW.entry_id ELSE NEW.id END`, and PL/pgSQL resolves every field of that
 * expression against the row type, so on journal_entry (no entry_id) — and on
 * posting (whose id is a bigint) — COMMIT failed with `record "new" has no
 * field …` and no entry could ever be written. Each branch now reads only the
 * field of its own table. The rules are unchanged: at least two postings, and
 * a zero sum per currency, checked at COMMIT.
 *
 * Also the indexes the ledger reads use (grant statement, trial balance,
 * cash forecast) — measured in docs/benchmarks.md.
 */
export class LedgerBalanceCheck1765310000000 implements MigrationInterface {
  name = 'LedgerBalanceCheck1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION journal_entry_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid;
        unbalanced record;
        postings integer;
      BEGIN
        IF TG_TABLE_NAME = 'posting' THEN
          target := NEW.entry_id;
        ELSE
          target := NEW.id;
        END IF;
        SELECT count(*) INTO postings FROM posting WHERE entry_id = target;
        IF postings < 2 THEN
          RAISE EXCEPTION 'journal entry % has % posting(s); a double entry needs at least two', target, postings USING ERRCODE = 'check_violation';
        END IF;
        SELECT currency, sum(amount_minor) AS total INTO unbalanced FROM posting WHERE entry_id = target
         GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'journal entry % does not balance in %: postings sum to %', target, unbalanced.currency, unbalanced.total
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION journal_entry_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid := CASE WHEN TG_TABLE_NAME = 'posting' THEN NEW.entry_id ELSE NEW.id END;
        unbalanced record;
        postings integer;
      BEGIN
        SELECT count(*) INTO postings FROM posting WHERE entry_id = target;
        IF postings < 2 THEN
          RAISE EXCEPTION 'journal entry % has % posting(s); a double entry needs at least two', target, postings USING ERRCODE = 'check_violation';
        END IF;
        SELECT currency, sum(amount_minor) AS total INTO unbalanced FROM posting WHERE entry_id = target
         GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'journal entry % does not balance in %: postings sum to %', target, unbalanced.currency, unbalanced.total
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
  }
}
