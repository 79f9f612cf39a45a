import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reviewer may write a criterion's comment before choosing its score: a
 * draft keeps the comment with no score yet. A submitted review still scores
 * every criterion (the service refuses a submission with a score missing, and
 * the weighted score frozen at submission is computed from all of them).
 */
export class DraftComments1764800000000 implements MigrationInterface {
  name = 'DraftComments1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_score ALTER COLUMN score DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM review_score WHERE score IS NULL`);
    await q.query(`ALTER TABLE review_score ALTER COLUMN score SET NOT NULL`);
  }
}
