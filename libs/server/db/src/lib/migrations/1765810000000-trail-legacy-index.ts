import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scale (issue 14): the legacy chain (hash versions 1 and 2, chain_seq NULL) is walked in seq order by every
 * verification. Without this index the walk's last look-up ("anything after the last legacy record?") would step
 * through every per-agency record after it in the primary key; with it, it stops at once.
 */
export class TrailLegacyIndex1765810000000 implements MigrationInterface {
  name = 'TrailLegacyIndex1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_activity_record_legacy_seq ON activity_record (seq) WHERE chain_seq IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_activity_record_legacy_seq`);
  }
}
