import { MigrationInterface, QueryRunner } from 'typeorm';
import { revokeFromRuntime } from './runtime-role';

/**
 * The screening summary of a call kept between reads (issue 14): the chart above the screening queue is one
 * aggregate over the whole call (4,700 applications in the busiest call at scale 10: ~60 ms), read on every visit of
 * the queue. `screening_summary` keeps the last result per call with what it was computed for:
 *
 * - `generation`: raised by row triggers in the transaction of every write that can change the result — an
 *   application entering, leaving or moving in the queue (state, call, organization), a version submitted, a
 *   partner named or removed, a partner moved to another organization, an organization's country, founding date or
 *   clearance changed, a due-diligence document added or removed. Only calls that have a row are touched.
 * - `computed_generation` and `computed_key` (the call's rules and the day judged on): the result is served only
 *   while both still match.
 *
 * A reader reads `generation` before it computes, and stores the result with that number. A write that commits
 * before or during the computation has raised `generation` past it (or holds the row until it commits, and the
 * reader skips storing: `FOR UPDATE SKIP LOCKED`), so a stale result is never served. Nothing here is money or
 * trail: the table only spares work, and deleting its rows loses nothing.
 */
export class ScreeningSummary1765960000000 implements MigrationInterface {
  name = 'ScreeningSummary1765960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE screening_summary (
        call_id uuid NOT NULL,
        generation bigint NOT NULL DEFAULT 0,
        computed_generation bigint,
        computed_key text,
        summary jsonb,
        CONSTRAINT pk_screening_summary PRIMARY KEY (call_id),
        CONSTRAINT fk_screening_summary_call FOREIGN KEY (call_id) REFERENCES grant_call (id)
      )`);
    await revokeFromRuntime(q, 'DELETE', 'screening_summary');

    await q.query(`
      CREATE FUNCTION screening_summary_stale_calls(p_calls uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE screening_summary SET generation = generation + 1 WHERE call_id = ANY(p_calls)
      $$`);
    // application: its call before and after (OLD is NULL on INSERT).
    await q.query(`
      CREATE FUNCTION screening_summary_on_application() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM screening_summary_stale_calls(ARRAY[NEW.call_id, OLD.call_id]);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_application_screening_summary AFTER INSERT OR UPDATE OF state, call_id, organization_id ON application
      FOR EACH ROW EXECUTE FUNCTION screening_summary_on_application()`);
    // A version or a named partner: the call of its application.
    await q.query(`
      CREATE FUNCTION screening_summary_on_application_child() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM screening_summary_stale_calls(ARRAY(SELECT a.call_id FROM application a WHERE a.id IN (NEW.application_id, OLD.application_id)));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_application_version_screening_summary AFTER INSERT ON application_version
      FOR EACH ROW EXECUTE FUNCTION screening_summary_on_application_child()`);
    await q.query(`
      CREATE TRIGGER tr_application_partner_screening_summary AFTER INSERT OR DELETE ON application_partner
      FOR EACH ROW EXECUTE FUNCTION screening_summary_on_application_child()`);
    // A partner organization moved or removed: the calls of the applications naming it.
    await q.query(`
      CREATE FUNCTION screening_summary_on_partner() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM screening_summary_stale_calls(ARRAY(
          SELECT DISTINCT a.call_id FROM application_partner ap JOIN application a ON a.id = ap.application_id WHERE ap.partner_organization_id = OLD.id));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_partner_organization_screening_summary AFTER UPDATE OF organization_id OR DELETE ON partner_organization
      FOR EACH ROW EXECUTE FUNCTION screening_summary_on_partner()`);
    // An organization's facts the rules read, or its documents: the calls of its applications.
    await q.query(`
      CREATE FUNCTION screening_summary_on_organization() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        orgs uuid[];
      BEGIN
        -- Separate statements: PL/pgSQL resolves a record's fields where they are read, and organization has no organization_id.
        IF TG_TABLE_NAME = 'organization' THEN
          orgs := ARRAY[NEW.id];
        ELSIF TG_OP = 'INSERT' THEN
          orgs := ARRAY[NEW.organization_id];
        ELSIF TG_OP = 'DELETE' THEN
          orgs := ARRAY[OLD.organization_id];
        ELSE
          orgs := ARRAY[NEW.organization_id, OLD.organization_id];
        END IF;
        PERFORM screening_summary_stale_calls(ARRAY(SELECT DISTINCT a.call_id FROM application a WHERE a.organization_id = ANY(orgs)));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_due_diligence_document_screening_summary AFTER INSERT OR UPDATE OR DELETE ON due_diligence_document
      FOR EACH ROW EXECUTE FUNCTION screening_summary_on_organization()`);
    await q.query(`
      CREATE TRIGGER tr_organization_screening_summary AFTER UPDATE OF hostland_country, founded_on, dd_status, dd_expires_on ON organization
      FOR EACH ROW
      WHEN ((OLD.hostland_country, OLD.founded_on, OLD.dd_status, OLD.dd_expires_on) IS DISTINCT FROM (NEW.hostland_country, NEW.founded_on, NEW.dd_status, NEW.dd_expires_on))
      EXECUTE FUNCTION screening_summary_on_organization()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_organization_screening_summary ON organization`);
    await q.query(`DROP TRIGGER tr_due_diligence_document_screening_summary ON due_diligence_document`);
    await q.query(`DROP TRIGGER tr_partner_organization_screening_summary ON partner_organization`);
    await q.query(`DROP TRIGGER tr_application_partner_screening_summary ON application_partner`);
    await q.query(`DROP TRIGGER tr_application_version_screening_summary ON application_version`);
    await q.query(`DROP TRIGGER tr_application_screening_summary ON application`);
    await q.query(`DROP FUNCTION screening_summary_on_organization()`);
    await q.query(`DROP FUNCTION screening_summary_on_partner()`);
    await q.query(`DROP FUNCTION screening_summary_on_application_child()`);
    await q.query(`DROP FUNCTION screening_summary_on_application()`);
    await q.query(`DROP FUNCTION screening_summary_stale_calls(uuid[])`);
    await q.query(`DROP TABLE screening_summary`);
  }
}
