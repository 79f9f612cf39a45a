import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Funding decisions in detail (issue 4): the applicant's note on a rejection,
 * who cancelled a proposal and why, and database rules that keep decisions
 * honest even against direct SQL — a proposal becomes confirmed only with a
 * second officer's name, a final decision is never changed or deleted. A
 * reserve place stays on record while a later approval or rejection of the
 * same application is proposed, so it no longer counts as the "live" decision.
 * Emails name what they are about, and when they were last tried.
 */
export class DecisionDetails1764700000000 implements MigrationInterface {
  name = 'DecisionDetails1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE funding_decision ADD COLUMN rejection_note text`);
    await q.query(`ALTER TABLE funding_decision ADD COLUMN cancelled_by uuid`);
    await q.query(`ALTER TABLE funding_decision ADD COLUMN cancelled_at timestamptz`);
    await q.query(`ALTER TABLE funding_decision ADD COLUMN cancel_reason text`);
    await q.query(`ALTER TABLE funding_decision ADD CONSTRAINT fk_funding_decision_cancelled_by FOREIGN KEY (cancelled_by) REFERENCES app_user (id)`);
    await q.query(`ALTER TABLE funding_decision ADD CONSTRAINT ck_funding_decision_confirmed CHECK ((state = 'confirmed') = (confirmed_at IS NOT NULL))`);
    await q.query(`
      ALTER TABLE funding_decision ADD CONSTRAINT ck_funding_decision_cancelled
        CHECK ((state = 'cancelled') = (cancelled_at IS NOT NULL AND cancelled_by IS NOT NULL AND cancel_reason IS NOT NULL))`);
    await q.query(`ALTER TABLE funding_decision ADD CONSTRAINT ck_funding_decision_reasons CHECK (outcome = 'rejected' OR (cardinality(rejection_reasons) = 0 AND rejection_note IS NULL))`);
    await q.query(`DROP INDEX uq_funding_decision_live`);
    await q.query(`CREATE UNIQUE INDEX uq_funding_decision_live ON funding_decision (application_id) WHERE state = 'proposed' OR (state = 'confirmed' AND outcome <> 'reserve')`);
    await q.query(`
      CREATE FUNCTION funding_decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'funding decisions are kept: DELETE refused' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.state <> 'proposed' THEN
          RAISE EXCEPTION 'a % funding decision is final: UPDATE refused', OLD.state USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.outcome <> OLD.outcome OR NEW.amount_minor <> OLD.amount_minor OR NEW.proposed_by <> OLD.proposed_by OR NEW.call_id <> OLD.call_id
           OR NEW.application_id <> OLD.application_id OR NEW.agency_id <> OLD.agency_id OR NEW.currency <> OLD.currency THEN
          RAISE EXCEPTION 'a proposed funding decision is confirmed or cancelled, never edited' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.state = 'confirmed' AND NEW.confirmed_by IS NULL THEN
          RAISE EXCEPTION 'a proposed funding decision is confirmed only by a second officer (four eyes)' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_funding_decision_guard BEFORE UPDATE OR DELETE ON funding_decision
      FOR EACH ROW EXECUTE FUNCTION funding_decision_guard()`);
    await q.query(`ALTER TABLE outbound_email ADD COLUMN entity_type text`);
    await q.query(`ALTER TABLE outbound_email ADD COLUMN entity_id text`);
    await q.query(`ALTER TABLE outbound_email ADD COLUMN last_attempt_at timestamptz`);
    // The worker's sweep looks for mail that was queued but never handed to the queue (e.g. Redis was down at commit).
    await q.query(`CREATE INDEX ix_outbound_email_queued ON outbound_email (created_at) WHERE status = 'queued'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_outbound_email_queued`);
    await q.query(`ALTER TABLE outbound_email DROP COLUMN last_attempt_at`);
    await q.query(`ALTER TABLE outbound_email DROP COLUMN entity_id`);
    await q.query(`ALTER TABLE outbound_email DROP COLUMN entity_type`);
    await q.query(`DROP TRIGGER tr_funding_decision_guard ON funding_decision`);
    await q.query(`DROP FUNCTION funding_decision_guard()`);
    await q.query(`DROP INDEX uq_funding_decision_live`);
    await q.query(`CREATE UNIQUE INDEX uq_funding_decision_live ON funding_decision (application_id) WHERE state <> 'cancelled'`);
    await q.query(`ALTER TABLE funding_decision DROP CONSTRAINT ck_funding_decision_reasons`);
    await q.query(`ALTER TABLE funding_decision DROP CONSTRAINT ck_funding_decision_cancelled`);
    await q.query(`ALTER TABLE funding_decision DROP CONSTRAINT ck_funding_decision_confirmed`);
    await q.query(`ALTER TABLE funding_decision DROP CONSTRAINT fk_funding_decision_cancelled_by`);
    await q.query(`ALTER TABLE funding_decision DROP COLUMN cancel_reason`);
    await q.query(`ALTER TABLE funding_decision DROP COLUMN cancelled_at`);
    await q.query(`ALTER TABLE funding_decision DROP COLUMN cancelled_by`);
    await q.query(`ALTER TABLE funding_decision DROP COLUMN rejection_note`);
  }
}
