import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review scoring details (issue 4): a due date per assignment, the weighted
 * score frozen at submission, and a submitted review made immutable in the
 * database as well as in the service.
 */
export class ReviewScoring1764600000000 implements MigrationInterface {
  name = 'ReviewScoring1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_assignment ADD COLUMN due_on date`);
    // Frozen at submission with the rubric of that moment: a later correction of the call does not rescore old reviews.
    await q.query(`ALTER TABLE review_assignment ADD COLUMN weighted_hundredths integer`);
    await q.query(`
      ALTER TABLE review_assignment ADD CONSTRAINT ck_review_assignment_weighted
        CHECK (weighted_hundredths IS NULL OR weighted_hundredths BETWEEN 0 AND 500)`);
    await q.query(`
      ALTER TABLE review_assignment ADD CONSTRAINT ck_review_assignment_submitted
        CHECK (status <> 'submitted' OR (submitted_at IS NOT NULL AND weighted_hundredths IS NOT NULL AND recommendation IS NOT NULL))`);
    await q.query(`
      CREATE FUNCTION review_refuse_change_after_submission() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        frozen boolean;
      BEGIN
        IF TG_TABLE_NAME = 'review_assignment' THEN
          IF OLD.status = 'submitted' AND (NEW.status, NEW.weighted_hundredths, NEW.recommendation, NEW.overall_comment, NEW.submitted_at, NEW.reviewer_id, NEW.application_id)
               IS DISTINCT FROM (OLD.status, OLD.weighted_hundredths, OLD.recommendation, OLD.overall_comment, OLD.submitted_at, OLD.reviewer_id, OLD.application_id) THEN
            RAISE EXCEPTION 'a submitted review is final: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END IF;
        SELECT status = 'submitted' INTO frozen FROM review_assignment
         WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.assignment_id ELSE OLD.assignment_id END;
        IF frozen THEN
          RAISE EXCEPTION 'the scores of a submitted review are final: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_review_assignment_submitted_final BEFORE UPDATE ON review_assignment
      FOR EACH ROW EXECUTE FUNCTION review_refuse_change_after_submission()`);
    await q.query(`
      CREATE TRIGGER tr_review_score_submitted_final BEFORE INSERT OR UPDATE OR DELETE ON review_score
      FOR EACH ROW EXECUTE FUNCTION review_refuse_change_after_submission()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_review_score_submitted_final ON review_score`);
    await q.query(`DROP TRIGGER tr_review_assignment_submitted_final ON review_assignment`);
    await q.query(`DROP FUNCTION review_refuse_change_after_submission()`);
    await q.query(`ALTER TABLE review_assignment DROP CONSTRAINT ck_review_assignment_submitted`);
    await q.query(`ALTER TABLE review_assignment DROP CONSTRAINT ck_review_assignment_weighted`);
    await q.query(`ALTER TABLE review_assignment DROP COLUMN weighted_hundredths`);
    await q.query(`ALTER TABLE review_assignment DROP COLUMN due_on`);
  }
}
