import { MigrationInterface, QueryRunner } from 'typeorm';
import { revokeFromRuntime } from './runtime-role';

/**
 * Audit (issue 12, docs/audit.md): engagements planned by officers and carried out by
 * auditors of an audit firm, limited to a scope (a program, a call, chosen grants or one
 * organization); the frozen population (payments or verified expenditure lines) and the
 * sample drawn from it with its seed; the test of each sampled item; findings with
 * management responses and follow-up; working papers; and the audit reports (PDFs
 * built by the worker, stored with their SHA-256, one per data snapshot).
 *
 * `audit_scope_grant` / `audit_scope_application` say which grants and applications
 * an auditor may read: those in the scope of an engagement they are on that is not
 * closed. Every auditor read goes through them.
 */
export class Audit1765600000000 implements MigrationInterface {
  name = 'Audit1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_engagement (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        reference text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        scope_kind text NOT NULL,
        scope_id uuid NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        firm_name text NOT NULL,
        state text NOT NULL DEFAULT 'planned',
        milestones jsonb NOT NULL DEFAULT '{}',
        population_kind text NULL,
        sampling jsonb NULL,
        population_frozen_at timestamptz NULL,
        sample_drawn_at timestamptz NULL,
        sample_frozen_at timestamptz NULL,
        opinion text NULL,
        conclusion text NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz NULL,
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_audit_engagement PRIMARY KEY (id),
        CONSTRAINT fk_audit_engagement_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_audit_engagement_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT uq_audit_engagement_reference UNIQUE (agency_id, reference),
        CONSTRAINT ck_audit_engagement_kind CHECK (kind IN ('spot_check','financial_audit','special_audit')),
        CONSTRAINT ck_audit_engagement_scope CHECK (scope_kind IN ('program','call','grants','organization') AND (scope_kind = 'grants') = (scope_id IS NULL)),
        CONSTRAINT ck_audit_engagement_period CHECK (period_from <= period_to),
        CONSTRAINT ck_audit_engagement_state CHECK (state IN ('planned','fieldwork','draft_report','management_comments','final','closed')),
        CONSTRAINT ck_audit_engagement_population CHECK (population_kind IS NULL OR population_kind IN ('payments','expenditure_lines')),
        CONSTRAINT ck_audit_engagement_opinion CHECK (opinion IS NULL OR opinion IN ('unqualified','qualified','adverse','disclaimer'))
      )`);
    await q.query(`CREATE INDEX ix_audit_engagement_agency ON audit_engagement (agency_id, state)`);
    await revokeFromRuntime(q, 'DELETE', 'audit_engagement');

    // Scope "chosen grants": the grants named at planning.
    await q.query(`
      CREATE TABLE audit_engagement_grant (
        engagement_id uuid NOT NULL,
        grant_id uuid NOT NULL,
        CONSTRAINT pk_audit_engagement_grant PRIMARY KEY (engagement_id, grant_id),
        CONSTRAINT fk_audit_engagement_grant_engagement FOREIGN KEY (engagement_id) REFERENCES audit_engagement (id),
        CONSTRAINT fk_audit_engagement_grant_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id)
      )`);
    await q.query(`CREATE INDEX ix_audit_engagement_grant_grant ON audit_engagement_grant (grant_id)`);
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'audit_engagement_grant');

    // The firm's auditors on the engagement (users holding the auditor role); removing one keeps the row.
    await q.query(`
      CREATE TABLE audit_engagement_auditor (
        engagement_id uuid NOT NULL,
        user_id uuid NOT NULL,
        lead boolean NOT NULL DEFAULT false,
        added_by uuid NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        removed_by uuid NULL,
        removed_at timestamptz NULL,
        CONSTRAINT pk_audit_engagement_auditor PRIMARY KEY (engagement_id, user_id),
        CONSTRAINT fk_audit_engagement_auditor_engagement FOREIGN KEY (engagement_id) REFERENCES audit_engagement (id),
        CONSTRAINT fk_audit_engagement_auditor_user FOREIGN KEY (user_id) REFERENCES app_user (id),
        CONSTRAINT fk_audit_engagement_auditor_added_by FOREIGN KEY (added_by) REFERENCES app_user (id),
        CONSTRAINT fk_audit_engagement_auditor_removed_by FOREIGN KEY (removed_by) REFERENCES app_user (id)
      )`);
    await q.query(`CREATE INDEX ix_audit_engagement_auditor_user ON audit_engagement_auditor (user_id) WHERE removed_at IS NULL`);
    await revokeFromRuntime(q, 'DELETE', 'audit_engagement_auditor');

    // The population, frozen when the sample is drawn: one row per payment or verified expenditure line. Append-only.
    await q.query(`
      CREATE TABLE audit_population_item (
        engagement_id uuid NOT NULL,
        seq integer NOT NULL,
        item_kind text NOT NULL,
        source_id uuid NOT NULL,
        grant_id uuid NOT NULL,
        amount_minor bigint NOT NULL,
        currency char(3) NOT NULL,
        booked_on date NOT NULL,
        label text NOT NULL DEFAULT '',
        open_flag boolean NOT NULL DEFAULT false,
        CONSTRAINT pk_audit_population_item PRIMARY KEY (engagement_id, seq),
        CONSTRAINT uq_audit_population_item_source UNIQUE (engagement_id, source_id),
        CONSTRAINT fk_audit_population_item_engagement FOREIGN KEY (engagement_id) REFERENCES audit_engagement (id),
        CONSTRAINT fk_audit_population_item_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT ck_audit_population_item_kind CHECK (item_kind IN ('payment','expenditure_line')),
        CONSTRAINT ck_audit_population_item_amount CHECK (amount_minor > 0)
      )`);
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'audit_population_item');

    // The sample: which population items, why (random, monetary unit, risk), and each item's test.
    await q.query(`
      CREATE TABLE audit_sample_item (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL,
        population_seq integer NOT NULL,
        pick_order integer NOT NULL,
        reasons text[] NOT NULL,
        result text NOT NULL DEFAULT 'untested',
        checklist jsonb NOT NULL DEFAULT '[]',
        notes text NOT NULL DEFAULT '',
        tested_by uuid NULL,
        tested_at timestamptz NULL,
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_audit_sample_item PRIMARY KEY (id),
        CONSTRAINT uq_audit_sample_item_seq UNIQUE (engagement_id, population_seq),
        CONSTRAINT fk_audit_sample_item_population FOREIGN KEY (engagement_id, population_seq) REFERENCES audit_population_item (engagement_id, seq),
        CONSTRAINT fk_audit_sample_item_tested_by FOREIGN KEY (tested_by) REFERENCES app_user (id),
        CONSTRAINT ck_audit_sample_item_result CHECK (result IN ('untested','pass','exception'))
      )`);
    await revokeFromRuntime(q, 'DELETE', 'audit_sample_item');

    // Findings: what the auditor found, the agreed action and its follow-up, the refund it may cause.
    await q.query(`
      CREATE TABLE audit_finding (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        grant_id uuid NOT NULL,
        sample_item_id uuid NULL,
        number integer NOT NULL,
        category text NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        priority text NOT NULL,
        affected_minor bigint NOT NULL DEFAULT 0,
        ineligible_minor bigint NOT NULL DEFAULT 0,
        currency char(3) NOT NULL,
        recommendation text NOT NULL DEFAULT '',
        action text NOT NULL DEFAULT '',
        action_owner text NOT NULL DEFAULT '',
        action_due_on date NULL,
        action_state text NOT NULL DEFAULT 'open',
        completion_note text NULL,
        completion_document_id uuid NULL,
        completed_by uuid NULL,
        completed_at timestamptz NULL,
        checked_by uuid NULL,
        checked_at timestamptz NULL,
        refund_journal_entry_id uuid NULL,
        refund_confirmed_by uuid NULL,
        refund_confirmed_at timestamptz NULL,
        raised_by uuid NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_audit_finding PRIMARY KEY (id),
        CONSTRAINT uq_audit_finding_number UNIQUE (engagement_id, number),
        CONSTRAINT fk_audit_finding_engagement FOREIGN KEY (engagement_id) REFERENCES audit_engagement (id),
        CONSTRAINT fk_audit_finding_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_audit_finding_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_audit_finding_sample_item FOREIGN KEY (sample_item_id) REFERENCES audit_sample_item (id),
        CONSTRAINT fk_audit_finding_completion_document FOREIGN KEY (completion_document_id) REFERENCES stored_document (id),
        CONSTRAINT fk_audit_finding_completed_by FOREIGN KEY (completed_by) REFERENCES app_user (id),
        CONSTRAINT fk_audit_finding_checked_by FOREIGN KEY (checked_by) REFERENCES app_user (id),
        CONSTRAINT fk_audit_finding_refund_confirmed_by FOREIGN KEY (refund_confirmed_by) REFERENCES app_user (id),
        CONSTRAINT fk_audit_finding_raised_by FOREIGN KEY (raised_by) REFERENCES app_user (id),
        CONSTRAINT ck_audit_finding_priority CHECK (priority IN ('high','medium','low')),
        CONSTRAINT ck_audit_finding_amounts CHECK (affected_minor >= 0 AND ineligible_minor >= 0 AND ineligible_minor <= affected_minor),
        CONSTRAINT ck_audit_finding_action_state CHECK (action_state IN ('open','completed','checked')),
        CONSTRAINT ck_audit_finding_checker CHECK (checked_by IS NULL OR checked_by IS DISTINCT FROM completed_by)
      )`);
    await q.query(`CREATE INDEX ix_audit_finding_grant_open ON audit_finding (grant_id) WHERE action_state <> 'checked'`);
    await revokeFromRuntime(q, 'DELETE', 'audit_finding');

    // Management responses and the auditor's answers, per finding. Append-only.
    await q.query(`
      CREATE TABLE audit_finding_response (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        finding_id uuid NOT NULL,
        side text NOT NULL,
        kind text NOT NULL,
        body text NOT NULL,
        author_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_audit_finding_response PRIMARY KEY (id),
        CONSTRAINT fk_audit_finding_response_finding FOREIGN KEY (finding_id) REFERENCES audit_finding (id),
        CONSTRAINT fk_audit_finding_response_author FOREIGN KEY (author_id) REFERENCES app_user (id),
        CONSTRAINT ck_audit_finding_response_side CHECK (side IN ('grantee','officer','auditor')),
        CONSTRAINT ck_audit_finding_response_kind CHECK (kind IN ('response','accepted','comment'))
      )`);
    await q.query(`CREATE INDEX ix_audit_finding_response_finding ON audit_finding_response (finding_id, created_at)`);
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'audit_finding_response');

    // Working papers: files the auditor attaches to the engagement, a sampled item or a finding. Append-only.
    await q.query(`
      CREATE TABLE audit_working_paper (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL,
        sample_item_id uuid NULL,
        finding_id uuid NULL,
        document_id uuid NOT NULL,
        file_name text NOT NULL,
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_audit_working_paper PRIMARY KEY (id),
        CONSTRAINT fk_audit_working_paper_engagement FOREIGN KEY (engagement_id) REFERENCES audit_engagement (id),
        CONSTRAINT fk_audit_working_paper_sample_item FOREIGN KEY (sample_item_id) REFERENCES audit_sample_item (id),
        CONSTRAINT fk_audit_working_paper_finding FOREIGN KEY (finding_id) REFERENCES audit_finding (id),
        CONSTRAINT fk_audit_working_paper_document FOREIGN KEY (document_id) REFERENCES stored_document (id),
        CONSTRAINT fk_audit_working_paper_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES app_user (id)
      )`);
    await q.query(`CREATE INDEX ix_audit_working_paper_engagement ON audit_working_paper (engagement_id, uploaded_at)`);
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'audit_working_paper');

    // Audit reports: one per (engagement, data snapshot); a final one is never changed, only superseded.
    await q.query(`
      CREATE TABLE audit_report (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        engagement_id uuid NOT NULL,
        version integer NOT NULL,
        is_final boolean NOT NULL DEFAULT false,
        snapshot_sha256 char(64) NOT NULL,
        snapshot jsonb NOT NULL,
        state text NOT NULL DEFAULT 'queued',
        progress integer NOT NULL DEFAULT 0,
        total integer NOT NULL DEFAULT 0,
        document_id uuid NULL,
        sha256 char(64) NULL,
        trail_head_seq bigint NULL,
        trail_head_hash char(64) NULL,
        trail_verified boolean NULL,
        supersedes_id uuid NULL,
        supersede_reason text NULL,
        superseded_by uuid NULL,
        error text NULL,
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        CONSTRAINT pk_audit_report PRIMARY KEY (id),
        CONSTRAINT uq_audit_report_version UNIQUE (engagement_id, version),
        CONSTRAINT fk_audit_report_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_audit_report_engagement FOREIGN KEY (engagement_id) REFERENCES audit_engagement (id),
        CONSTRAINT fk_audit_report_document FOREIGN KEY (document_id) REFERENCES stored_document (id),
        CONSTRAINT fk_audit_report_supersedes FOREIGN KEY (supersedes_id) REFERENCES audit_report (id),
        CONSTRAINT fk_audit_report_superseded_by FOREIGN KEY (superseded_by) REFERENCES audit_report (id),
        CONSTRAINT fk_audit_report_requested_by FOREIGN KEY (requested_by) REFERENCES app_user (id),
        CONSTRAINT ck_audit_report_state CHECK (state IN ('queued','running','done','failed')),
        CONSTRAINT ck_audit_report_done CHECK (state <> 'done' OR (document_id IS NOT NULL AND sha256 IS NOT NULL))
      )`);
    // Asking twice for the same snapshot does not build twice (a failed build may be asked again).
    await q.query(`CREATE UNIQUE INDEX uq_audit_report_snapshot ON audit_report (engagement_id, snapshot_sha256, is_final) WHERE state <> 'failed'`);
    // One current final report per engagement.
    await q.query(`CREATE UNIQUE INDEX uq_audit_report_final ON audit_report (engagement_id) WHERE is_final AND superseded_by IS NULL AND state <> 'failed'`);
    await q.query(`CREATE INDEX ix_audit_report_sha256 ON audit_report (sha256) WHERE sha256 IS NOT NULL`);
    await q.query(`CREATE INDEX ix_audit_report_queued ON audit_report (requested_at) WHERE state IN ('queued','running')`);
    await revokeFromRuntime(q, 'DELETE', 'audit_report');
    // A final report's content never changes: only its superseded_by may be set, once.
    await q.query(`
      CREATE FUNCTION audit_report_final_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.state = 'done' AND OLD.is_final THEN
          IF NEW.superseded_by IS NOT NULL AND OLD.superseded_by IS NULL
             AND (to_jsonb(NEW) - 'superseded_by') = (to_jsonb(OLD) - 'superseded_by') THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'audit report % is final and cannot be changed', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_audit_report_final_frozen BEFORE UPDATE ON audit_report FOR EACH ROW EXECUTE FUNCTION audit_report_final_frozen()`);

    // Which grants and applications each auditor may read: those in the scope of an engagement they are on that is not closed.
    await q.query(`
      CREATE VIEW audit_scope_grant AS
        SELECT a.user_id, e.id AS engagement_id, e.agency_id, g.id AS grant_id, g.application_id, g.organization_id, g.program_id, g.call_id
          FROM audit_engagement e
          JOIN audit_engagement_auditor a ON a.engagement_id = e.id AND a.removed_at IS NULL
          JOIN grant_award g ON g.agency_id = e.agency_id AND g.state <> 'draft' AND (
                 (e.scope_kind = 'program' AND g.program_id = e.scope_id)
              OR (e.scope_kind = 'call' AND g.call_id = e.scope_id)
              OR (e.scope_kind = 'organization' AND g.organization_id = e.scope_id)
              OR (e.scope_kind = 'grants' AND EXISTS (SELECT 1 FROM audit_engagement_grant x WHERE x.engagement_id = e.id AND x.grant_id = g.id)))
         WHERE e.state <> 'closed'`);
    // Applications: a program or call scope covers every application to it (the selection is audited too), an organization
    // scope every application of that organization, a chosen-grants scope the applications of those grants.
    await q.query(`
      CREATE VIEW audit_scope_application AS
        SELECT a.user_id, e.id AS engagement_id, e.agency_id, ap.id AS application_id, ap.organization_id, c.program_id, ap.call_id
          FROM audit_engagement e
          JOIN audit_engagement_auditor a ON a.engagement_id = e.id AND a.removed_at IS NULL
          JOIN application ap ON ap.state <> 'draft'
          JOIN grant_call c ON c.id = ap.call_id AND c.agency_id = e.agency_id
         WHERE e.state <> 'closed' AND (
                 (e.scope_kind = 'program' AND c.program_id = e.scope_id)
              OR (e.scope_kind = 'call' AND ap.call_id = e.scope_id)
              OR (e.scope_kind = 'organization' AND ap.organization_id = e.scope_id)
              OR (e.scope_kind = 'grants' AND EXISTS (SELECT 1 FROM audit_engagement_grant x JOIN grant_award g ON g.id = x.grant_id
                                                       WHERE x.engagement_id = e.id AND g.application_id = ap.id)))`);
    await revokeFromRuntime(q, 'INSERT, UPDATE, DELETE', 'audit_scope_grant');
    await revokeFromRuntime(q, 'INSERT, UPDATE, DELETE', 'audit_scope_application');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW audit_scope_application`);
    await q.query(`DROP VIEW audit_scope_grant`);
    await q.query(`DROP TRIGGER tr_audit_report_final_frozen ON audit_report`);
    await q.query(`DROP FUNCTION audit_report_final_frozen()`);
    for (const table of ['audit_report', 'audit_working_paper', 'audit_finding_response', 'audit_finding', 'audit_sample_item', 'audit_population_item', 'audit_engagement_auditor', 'audit_engagement_grant', 'audit_engagement']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
