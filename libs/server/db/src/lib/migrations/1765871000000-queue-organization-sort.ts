import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The screening queue sorted by organization (issue 14): the sort key was the joined organization's legal name, so a
 * page sorted the whole call (3.4× slower from scale 1 to 10). application.organization_name is a copy of it, kept by
 * triggers (set on insert and when the application changes organization; rewritten when an organization is renamed,
 * in the same transaction), with an index (call_id, organization_name, id) in the keyset's order. The queue still
 * shows the organization's own name.
 *
 * The queue's search (ILIKE on title, organization name and receipt number) gets trigram indexes (pg_trgm, a trusted
 * extension the database owner may create), so a rare word is found by index instead of reading the call.
 */
export class QueueOrganizationSort1765871000000 implements MigrationInterface {
  name = 'QueueOrganizationSort1765871000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application ADD COLUMN organization_name text`);
    await q.query(`UPDATE application a SET organization_name = o.legal_name FROM organization o WHERE o.id = a.organization_id`);
    await q.query(`ALTER TABLE application ALTER COLUMN organization_name SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION application_organization_name() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.organization_name := (SELECT o.legal_name FROM organization o WHERE o.id = NEW.organization_id);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_application_organization_name BEFORE INSERT OR UPDATE OF organization_id, organization_name ON application
      FOR EACH ROW EXECUTE FUNCTION application_organization_name()`);
    await q.query(`
      CREATE FUNCTION organization_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE application SET organization_name = NEW.legal_name WHERE organization_id = NEW.id AND organization_name IS DISTINCT FROM NEW.legal_name;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_organization_renamed AFTER UPDATE OF legal_name ON organization
      FOR EACH ROW WHEN (OLD.legal_name IS DISTINCT FROM NEW.legal_name) EXECUTE FUNCTION organization_renamed()`);
    await q.query(`CREATE INDEX ix_application_queue_organization ON application (call_id, organization_name, id)`);

    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX ix_application_search_title ON application USING gin (title gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_application_search_organization ON application USING gin (organization_name gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_application_search_receipt ON application USING gin (receipt_number gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_application_search_receipt`);
    await q.query(`DROP INDEX ix_application_search_organization`);
    await q.query(`DROP INDEX ix_application_search_title`);
    await q.query(`DROP INDEX ix_application_queue_organization`);
    await q.query(`DROP TRIGGER tr_organization_renamed ON organization`);
    await q.query(`DROP FUNCTION organization_renamed()`);
    await q.query(`DROP TRIGGER tr_application_organization_name ON application`);
    await q.query(`DROP FUNCTION application_organization_name()`);
    await q.query(`ALTER TABLE application DROP COLUMN organization_name`);
  }
}
