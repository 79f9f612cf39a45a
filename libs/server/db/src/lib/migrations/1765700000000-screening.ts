import { MigrationInterface, QueryRunner } from 'typeorm';
import { revokeFromRuntime } from './runtime-role';

/**
 * Sanctions screening (issue 13, docs/screening.md).
 *
 * - `sanctions_list_version`: one row per import of a list file (the UN Security Council
 *   consolidated list first), with the job's progress and what changed since the
 *   previous version of the same list.
 * - `sanctions_entry`: the current state of each list entry (individual or entity), keyed
 *   by its reference number; `content_hash` changes when anything screened about it
 *   changes (names, aliases, birth, nationality), `removed_in_version_id` is set when a
 *   later version no longer has it.
 * - `screening_party`: a view of everyone Mizan screens — organizations and their bank
 *   account holders, their members, partner organizations, their contact persons and
 *   members, and the suppliers on grantees' expenditure lines — with the organization
 *   (and partner) whose grants and payments they block.
 * - `screening_match`: a potential match of a party's name against a list entry, with its
 *   score and explanation, resolved by an officer (false positive / confirmed; four eyes
 *   for confirming and for clearing a high score). The unique key (party, name, entry,
 *   entry content) is what keeps a cleared pair from being raised again unless the name
 *   or the entry changes.
 * - `screening_run`: a background screening of all parties (after an import, or asked for).
 * - `screening_settings`: the agency's threshold and the high score above which clearing
 *   needs a second officer.
 */
export class Screening1765700000000 implements MigrationInterface {
  name = 'Screening1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE screening_settings (
        agency_id uuid NOT NULL,
        threshold numeric(5,4) NOT NULL DEFAULT 0.7400,
        high_score numeric(5,4) NOT NULL DEFAULT 0.9200,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_screening_settings PRIMARY KEY (agency_id),
        CONSTRAINT fk_screening_settings_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_screening_settings_updated_by FOREIGN KEY (updated_by) REFERENCES app_user (id),
        CONSTRAINT ck_screening_settings_threshold CHECK (threshold >= 0.5 AND threshold <= 1),
        CONSTRAINT ck_screening_settings_high CHECK (high_score >= threshold AND high_score <= 1)
      )`);
    await revokeFromRuntime(q, 'DELETE', 'screening_settings');

    await q.query(`
      CREATE TABLE sanctions_list_version (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        list_name text NOT NULL,
        document_id uuid NOT NULL,
        file_name text NOT NULL,
        sha256 char(64) NOT NULL,
        published_at timestamptz,
        state text NOT NULL DEFAULT 'queued',
        progress smallint NOT NULL DEFAULT 0,
        failure_code text,
        failure_params jsonb,
        previous_version_id uuid,
        individuals integer NOT NULL DEFAULT 0,
        entities integer NOT NULL DEFAULT 0,
        aliases integer NOT NULL DEFAULT 0,
        entries_added integer NOT NULL DEFAULT 0,
        entries_removed integer NOT NULL DEFAULT 0,
        entries_changed integer NOT NULL DEFAULT 0,
        aliases_added integer NOT NULL DEFAULT 0,
        aliases_removed integer NOT NULL DEFAULT 0,
        imported_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT pk_sanctions_list_version PRIMARY KEY (id),
        CONSTRAINT fk_sanctions_list_version_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_sanctions_list_version_document FOREIGN KEY (document_id) REFERENCES stored_document (id),
        CONSTRAINT fk_sanctions_list_version_previous FOREIGN KEY (previous_version_id) REFERENCES sanctions_list_version (id),
        CONSTRAINT fk_sanctions_list_version_imported_by FOREIGN KEY (imported_by) REFERENCES app_user (id),
        CONSTRAINT ck_sanctions_list_version_state CHECK (state IN ('queued','running','done','failed')),
        CONSTRAINT ck_sanctions_list_version_progress CHECK (progress BETWEEN 0 AND 100),
        CONSTRAINT ck_sanctions_list_version_sha CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_sanctions_list_version_counts CHECK (individuals >= 0 AND entities >= 0 AND aliases >= 0 AND entries_added >= 0
          AND entries_removed >= 0 AND entries_changed >= 0 AND aliases_added >= 0 AND aliases_removed >= 0)
      )`);
    await q.query(`CREATE INDEX ix_sanctions_list_version_agency ON sanctions_list_version (agency_id, list_name, created_at DESC)`);
    // One import of a list at a time per agency: the diff is against the previous finished version.
    await q.query(`CREATE UNIQUE INDEX uq_sanctions_list_version_running ON sanctions_list_version (agency_id, list_name) WHERE state IN ('queued','running')`);
    await revokeFromRuntime(q, 'DELETE', 'sanctions_list_version');

    await q.query(`
      CREATE TABLE sanctions_entry (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        list_name text NOT NULL,
        reference text NOT NULL,
        data_id text,
        kind text NOT NULL,
        primary_name text NOT NULL,
        names jsonb NOT NULL,
        date_of_birth text[] NOT NULL DEFAULT '{}',
        place_of_birth text[] NOT NULL DEFAULT '{}',
        nationality text[] NOT NULL DEFAULT '{}',
        listing_reason text NOT NULL DEFAULT '',
        un_list_type text,
        listed_on date,
        content_hash char(64) NOT NULL,
        first_version_id uuid NOT NULL,
        last_changed_version_id uuid NOT NULL,
        removed_in_version_id uuid,
        CONSTRAINT pk_sanctions_entry PRIMARY KEY (id),
        CONSTRAINT uq_sanctions_entry_reference UNIQUE (agency_id, list_name, reference),
        CONSTRAINT fk_sanctions_entry_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_sanctions_entry_first FOREIGN KEY (first_version_id) REFERENCES sanctions_list_version (id),
        CONSTRAINT fk_sanctions_entry_changed FOREIGN KEY (last_changed_version_id) REFERENCES sanctions_list_version (id),
        CONSTRAINT fk_sanctions_entry_removed FOREIGN KEY (removed_in_version_id) REFERENCES sanctions_list_version (id),
        CONSTRAINT ck_sanctions_entry_kind CHECK (kind IN ('individual','entity')),
        CONSTRAINT ck_sanctions_entry_names CHECK (jsonb_typeof(names) = 'array')
      )`);
    await q.query(`CREATE INDEX ix_sanctions_entry_active ON sanctions_entry (agency_id, list_name) WHERE removed_in_version_id IS NULL`);
    await revokeFromRuntime(q, 'DELETE', 'sanctions_entry');

    await q.query(`
      CREATE TABLE screening_run (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        trigger text NOT NULL,
        list_version_id uuid,
        state text NOT NULL DEFAULT 'queued',
        progress smallint NOT NULL DEFAULT 0,
        parties_screened integer NOT NULL DEFAULT 0,
        matches_raised integer NOT NULL DEFAULT 0,
        failure_code text,
        requested_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT pk_screening_run PRIMARY KEY (id),
        CONSTRAINT fk_screening_run_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_screening_run_version FOREIGN KEY (list_version_id) REFERENCES sanctions_list_version (id),
        CONSTRAINT fk_screening_run_requested_by FOREIGN KEY (requested_by) REFERENCES app_user (id),
        CONSTRAINT ck_screening_run_trigger CHECK (trigger IN ('import','manual','settings')),
        CONSTRAINT ck_screening_run_state CHECK (state IN ('queued','running','done','failed')),
        CONSTRAINT ck_screening_run_progress CHECK (progress BETWEEN 0 AND 100)
      )`);
    await q.query(`CREATE INDEX ix_screening_run_agency ON screening_run (agency_id, created_at DESC)`);
    await revokeFromRuntime(q, 'DELETE', 'screening_run');

    await q.query(`
      CREATE TABLE screening_match (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        party_kind text NOT NULL,
        party_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        partner_organization_id uuid,
        screened_name text NOT NULL,
        name_key text NOT NULL,
        entry_id uuid NOT NULL,
        entry_hash char(64) NOT NULL,
        list_version_id uuid NOT NULL,
        score numeric(5,4) NOT NULL,
        explanation jsonb NOT NULL,
        state text NOT NULL DEFAULT 'open',
        proposed_resolution text,
        proposed_by uuid,
        proposed_at timestamptz,
        proposal_reason text,
        resolved_by uuid,
        resolved_at timestamptz,
        resolution_reason text,
        lapsed_reason text,
        raised_at timestamptz NOT NULL DEFAULT now(),
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_screening_match PRIMARY KEY (id),
        CONSTRAINT uq_screening_match_pair UNIQUE (agency_id, party_kind, party_id, name_key, entry_id, entry_hash),
        CONSTRAINT fk_screening_match_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_screening_match_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
        CONSTRAINT fk_screening_match_partner FOREIGN KEY (partner_organization_id) REFERENCES partner_organization (id),
        CONSTRAINT fk_screening_match_entry FOREIGN KEY (entry_id) REFERENCES sanctions_entry (id),
        CONSTRAINT fk_screening_match_version FOREIGN KEY (list_version_id) REFERENCES sanctions_list_version (id),
        CONSTRAINT fk_screening_match_proposed_by FOREIGN KEY (proposed_by) REFERENCES app_user (id),
        CONSTRAINT fk_screening_match_resolved_by FOREIGN KEY (resolved_by) REFERENCES app_user (id),
        CONSTRAINT ck_screening_match_kind CHECK (party_kind IN ('organization','account_holder','organization_member','partner','partner_contact','partner_member','supplier')),
        CONSTRAINT ck_screening_match_score CHECK (score >= 0 AND score <= 1),
        CONSTRAINT ck_screening_match_state CHECK (state IN ('open','pending_second','cleared','confirmed','lapsed')),
        CONSTRAINT ck_screening_match_resolution CHECK (proposed_resolution IS NULL OR proposed_resolution IN ('false_positive','confirmed')),
        CONSTRAINT ck_screening_match_pending CHECK (state <> 'pending_second' OR (proposed_resolution IS NOT NULL AND proposed_by IS NOT NULL AND proposal_reason IS NOT NULL)),
        CONSTRAINT ck_screening_match_resolved CHECK (state NOT IN ('cleared','confirmed') OR (resolved_by IS NOT NULL AND resolved_at IS NOT NULL AND resolution_reason IS NOT NULL)),
        CONSTRAINT ck_screening_match_four_eyes CHECK (resolved_by IS NULL OR proposed_by IS NULL OR resolved_by <> proposed_by),
        CONSTRAINT ck_screening_match_lapsed CHECK (state <> 'lapsed' OR lapsed_reason IN ('name_changed','entry_removed','entry_changed','party_removed'))
      )`);
    await q.query(`CREATE INDEX ix_screening_match_queue ON screening_match (agency_id, state, score DESC, raised_at)`);
    await q.query(`CREATE INDEX ix_screening_match_organization ON screening_match (organization_id) WHERE state IN ('open','pending_second','confirmed')`);
    // A decision is final: a cleared or confirmed match keeps who decided, why and on what score.
    await q.query(`
      CREATE FUNCTION screening_match_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.state IN ('cleared','confirmed','lapsed') AND NEW.state <> OLD.state AND NOT (OLD.state = 'cleared' AND NEW.state = 'lapsed') THEN
          RAISE EXCEPTION 'screening match % is % and final', OLD.id, OLD.state USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF (NEW.party_kind, NEW.party_id, NEW.name_key, NEW.entry_id, NEW.entry_hash, NEW.score, NEW.explanation, NEW.screened_name, NEW.agency_id, NEW.raised_at)
           IS DISTINCT FROM (OLD.party_kind, OLD.party_id, OLD.name_key, OLD.entry_id, OLD.entry_hash, OLD.score, OLD.explanation, OLD.screened_name, OLD.agency_id, OLD.raised_at) THEN
          RAISE EXCEPTION 'screening match %: what was screened and how it scored cannot be rewritten', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.state IN ('cleared','confirmed') AND (NEW.resolved_by, NEW.resolved_at, NEW.resolution_reason, NEW.proposed_by, NEW.proposal_reason, NEW.proposed_resolution)
           IS DISTINCT FROM (OLD.resolved_by, OLD.resolved_at, OLD.resolution_reason, OLD.proposed_by, OLD.proposal_reason, OLD.proposed_resolution) THEN
          RAISE EXCEPTION 'screening match %: its resolution cannot be rewritten', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_screening_match_guard BEFORE UPDATE ON screening_match FOR EACH ROW EXECUTE FUNCTION screening_match_guard()`);
    await revokeFromRuntime(q, 'DELETE', 'screening_match');

    // Everyone Mizan screens, with the organization (and partner) whose grants and payments a match blocks.
    // party_id: the organization, partner or user; for suppliers the grant whose lines name them.
    await q.query(`
      CREATE VIEW screening_party AS
        SELECT o.agency_id, 'organization'::text AS party_kind, o.id AS party_id, o.legal_name AS name, 'entity'::text AS name_kind,
               o.id AS organization_id, NULL::uuid AS partner_organization_id
          FROM organization o
        UNION ALL
        SELECT o.agency_id, 'account_holder', o.id, o.account_holder, 'unknown', o.id, NULL::uuid
          FROM organization o WHERE o.account_holder <> o.legal_name
        UNION ALL
        SELECT o.agency_id, 'organization_member', u.id, u.display_name, 'person', o.id, NULL::uuid
          FROM organization_member m JOIN organization o ON o.id = m.organization_id JOIN app_user u ON u.id = m.user_id
        UNION ALL
        SELECT o.agency_id, 'partner', p.id, p.name, 'entity', o.id, p.id
          FROM partner_organization p JOIN organization o ON o.id = p.organization_id
        UNION ALL
        SELECT o.agency_id, 'partner_contact', p.id, p.contact_person, 'person', o.id, p.id
          FROM partner_organization p JOIN organization o ON o.id = p.organization_id
        UNION ALL
        SELECT o.agency_id, 'partner_member', u.id, u.display_name, 'person', o.id, p.id
          FROM partner_member pm JOIN partner_organization p ON p.id = pm.partner_organization_id
          JOIN organization o ON o.id = p.organization_id JOIN app_user u ON u.id = pm.user_id
        UNION ALL
        SELECT DISTINCT g.agency_id, 'supplier', g.id, l.supplier, 'unknown', g.organization_id, NULL::uuid
          FROM expenditure_line l JOIN grant_award g ON g.id = l.grant_id
         WHERE l.removed_at IS NULL`);
    await revokeFromRuntime(q, 'INSERT, UPDATE, DELETE', 'screening_party');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW screening_party`);
    await q.query(`DROP TABLE screening_match`);
    await q.query(`DROP FUNCTION screening_match_guard()`);
    await q.query(`DROP TABLE screening_run`);
    await q.query(`DROP TABLE sanctions_entry`);
    await q.query(`DROP TABLE sanctions_list_version`);
    await q.query(`DROP TABLE screening_settings`);
  }
}
