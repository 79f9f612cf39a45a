import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versioned record hashes. Version 1 (every record written so far) hashed the
 * time as a JavaScript Date, in milliseconds, while timestamptz keeps
 * microseconds: a change of the microseconds went unnoticed. Version 2 hashes
 * the stored time text with its microseconds. Existing rows stay version 1 and
 * verify as before; the default stays 1 so that a writer unaware of versions
 * (which can only write millisecond times) is verified the way it hashed. The
 * api writes 2 explicitly. Adding a column with a constant default rewrites no
 * row, so the append-only triggers are not involved.
 */
export class TrailHashVersion1765100000000 implements MigrationInterface {
  name = 'TrailHashVersion1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activity_record ADD COLUMN hash_version smallint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE activity_record ADD CONSTRAINT ck_activity_record_hash_version CHECK (hash_version IN (1, 2))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activity_record DROP CONSTRAINT ck_activity_record_hash_version`);
    await q.query(`ALTER TABLE activity_record DROP COLUMN hash_version`);
  }
}
