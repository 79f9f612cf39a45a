import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sanctions screening (issue 13): a lapsed match no longer holds its pair. The pair
 * (party, name, entry, entry content) is unique among matches that are not lapsed, so a
 * party renamed away from a listed name (its undecided match lapses) and back again is
 * raised afresh, while a cleared or confirmed pair still keeps it from being raised twice.
 */
export class ScreeningMatchPair1765720000000 implements MigrationInterface {
  name = 'ScreeningMatchPair1765720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE screening_match DROP CONSTRAINT uq_screening_match_pair`);
    await q.query(`CREATE UNIQUE INDEX uq_screening_match_pair ON screening_match (agency_id, party_kind, party_id, name_key, entry_id, entry_hash) WHERE state <> 'lapsed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_screening_match_pair`);
    await q.query(`ALTER TABLE screening_match ADD CONSTRAINT uq_screening_match_pair UNIQUE (agency_id, party_kind, party_id, name_key, entry_id, entry_hash)`);
  }
}
