import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scale (issue 14): one hash chain per agency instead of one for the whole deployment.
 *
 * Records written before this migration (hash versions 1 and 2) stay where they are: the
 * legacy chain, gap-free in `seq` from 1, verified as before. From now on every record is
 * hash version 3 and belongs to the chain of its agency (agency_id NULL: the platform's own
 * chain): `chain_seq` is its gap-free position in that chain, `previous_hash` the hash of the
 * chain's record before it, and the hash covers `chain_seq` (as "seq") and the agency id, so a
 * record cannot be moved to another chain or position without re-hashing. Writers of one agency
 * serialize on that agency's lock only; `seq` stays the deployment-wide order (from a sequence,
 * so a rolled-back transaction may leave a gap in it — the chains themselves never have one).
 */
export class TrailChains1765800000000 implements MigrationInterface {
  name = 'TrailChains1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activity_record ADD COLUMN chain_seq bigint NULL`);
    await q.query(`CREATE SEQUENCE activity_record_seq_seq AS bigint OWNED BY activity_record.seq`);
    await q.query(`SELECT setval('activity_record_seq_seq', COALESCE((SELECT max(seq) FROM activity_record), 0) + 1, false)`);
    await q.query(`ALTER TABLE activity_record ALTER COLUMN seq SET DEFAULT nextval('activity_record_seq_seq')`);
    await q.query(
      `ALTER TABLE activity_record ADD CONSTRAINT ck_activity_record_chain_seq
       CHECK ((hash_version >= 3) = (chain_seq IS NOT NULL) AND (chain_seq IS NULL OR chain_seq >= 1))`,
    );
    // One position per chain; serves "the head of this agency's chain" (ORDER BY chain_seq DESC LIMIT 1).
    await q.query(
      `CREATE UNIQUE INDEX uq_activity_record_chain ON activity_record ((COALESCE(agency_id, '00000000-0000-0000-0000-000000000000'::uuid)), chain_seq)
       WHERE chain_seq IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_activity_record_chain`);
    await q.query(`ALTER TABLE activity_record DROP CONSTRAINT ck_activity_record_chain_seq`);
    await q.query(`ALTER TABLE activity_record ALTER COLUMN seq DROP DEFAULT`);
    await q.query(`DROP SEQUENCE activity_record_seq_seq`);
    await q.query(`ALTER TABLE activity_record DROP COLUMN chain_seq`);
  }
}
