import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four eyes on INSERT too (issue 8). The guard of 1764700000000 watches UPDATE
 * and DELETE, so a direct INSERT of an approval above the call's confirmation
 * threshold, written as confirmed by nobody, went through. Now a decision is
 * born either proposed, or confirmed by its proposer alone when no second
 * officer is needed: a rejection, a reserve place, or an approval within the
 * call's threshold. A second officer's confirmation is always an UPDATE of a
 * proposal (checked by the older guard), never part of the INSERT, and nothing
 * is born cancelled.
 */
export class DecisionInsertGuard1764900000000 implements MigrationInterface {
  name = 'DecisionInsertGuard1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION funding_decision_insert_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        threshold bigint;
      BEGIN
        IF NEW.state NOT IN ('proposed', 'confirmed') THEN
          RAISE EXCEPTION 'a funding decision starts proposed or confirmed, not %', NEW.state USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.confirmed_by IS NOT NULL THEN
          RAISE EXCEPTION 'a second officer confirms a proposed funding decision afterwards (four eyes), not in the same INSERT'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.state = 'confirmed' AND NEW.outcome = 'approved' THEN
          -- The call's row is locked by the service before it decides, so this reads the threshold the decision was made under.
          SELECT confirmation_threshold_minor INTO threshold FROM grant_call WHERE id = NEW.call_id;
          IF threshold IS NULL OR NEW.amount_minor > threshold THEN
            RAISE EXCEPTION 'an approval of % above the confirmation threshold of % needs a second officer (four eyes): INSERT it as proposed',
              NEW.amount_minor, coalesce(threshold::text, '(no call)') USING ERRCODE = 'insufficient_privilege';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_funding_decision_insert_guard BEFORE INSERT ON funding_decision
      FOR EACH ROW EXECUTE FUNCTION funding_decision_insert_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_funding_decision_insert_guard ON funding_decision`);
    await q.query(`DROP FUNCTION funding_decision_insert_guard()`);
  }
}
