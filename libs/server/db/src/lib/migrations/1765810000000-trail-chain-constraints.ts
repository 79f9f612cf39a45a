import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scale (issue 14), per-agency chains (after 1765800000000): the legacy chain (hash versions 1 and 2, chain_seq NULL) is walked in seq order by every
 * verification. Without this index the walk's last look-up ("anything after the last legacy record?") would step
 * through every per-agency record after it in the primary key; with it, it stops at once.
 *
 * The chain cannot fork: no two records link to the same previous hash — now within one chain, since every chain
 * starts at the genesis hash (the legacy chain keeps its own unique index, each per-agency chain one position per
 * previous hash).
 *
 * And the check of migration 1765100000000 on hash_version (1 or 2) lets version 3 in, which migration 1765800000000
 * defined but did not admit: TrailService writes version 3 from now on.
 */
export class TrailChainConstraints1765810000000 implements MigrationInterface {
  name = 'TrailChainConstraints1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_activity_record_legacy_seq ON activity_record (seq) WHERE chain_seq IS NULL`);
    await q.query(`ALTER TABLE activity_record DROP CONSTRAINT ck_activity_record_hash_version`);
    await q.query(`ALTER TABLE activity_record ADD CONSTRAINT ck_activity_record_hash_version CHECK (hash_version IN (1, 2, 3))`);
    await q.query(`ALTER TABLE activity_record DROP CONSTRAINT uq_activity_record_previous_hash`);
    await q.query(`CREATE UNIQUE INDEX uq_activity_record_legacy_previous_hash ON activity_record (previous_hash) WHERE chain_seq IS NULL`);
    await q.query(
      `CREATE UNIQUE INDEX uq_activity_record_chain_previous_hash ON activity_record ((COALESCE(agency_id, '00000000-0000-0000-0000-000000000000'::uuid)), previous_hash)
       WHERE chain_seq IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_activity_record_chain_previous_hash`);
    await q.query(`DROP INDEX uq_activity_record_legacy_previous_hash`);
    await q.query(`ALTER TABLE activity_record ADD CONSTRAINT uq_activity_record_previous_hash UNIQUE (previous_hash)`);
    await q.query(`ALTER TABLE activity_record DROP CONSTRAINT ck_activity_record_hash_version`);
    await q.query(`ALTER TABLE activity_record ADD CONSTRAINT ck_activity_record_hash_version CHECK (hash_version IN (1, 2))`);
    await q.query(`DROP INDEX ix_activity_record_legacy_seq`);
  }
}
