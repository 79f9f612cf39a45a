import { MigrationInterface, QueryRunner } from 'typeorm';
import { revokeFromRuntime } from './runtime-role';

/**
 * Reporting and verification (issue 11): a report per reporting-schedule item
 * (financial lines and a narrative part, submitted and accepted as a whole),
 * its expenditure lines, the files attached to them (receipts, evidence), a
 * question thread per line, the red flags the engine raised and the runs that
 * raised them, and the agency's reporting settings (red-flag thresholds,
 * reminders). The grant gains the governorate its security level is read from.
 */
export class Reporting1765500000000 implements MigrationInterface {
  name = 'Reporting1765500000000';

  async up(q: QueryRunner): Promise<void> {
    // The governorate of a grant (its first activity's), for security levels, monitoring and evidence location.
    await q.query(`ALTER TABLE grant_award ADD COLUMN governorate text NULL`);
    await q.query(`
      UPDATE grant_award g SET governorate = a.content->'activities'->0->'governorates'->>0
        FROM application a WHERE a.id = g.application_id AND g.governorate IS NULL`);

    await q.query(`
      CREATE TABLE reporting_settings (
        agency_id uuid NOT NULL,
        red_flags jsonb NOT NULL DEFAULT '{}',
        reminder_days_before smallint NOT NULL DEFAULT 14,
        overdue_reminder_every_days smallint NOT NULL DEFAULT 7,
        monitoring_policy jsonb NOT NULL DEFAULT '{"accessible":{"kind":"on_site","everyDays":180},"restricted":{"kind":"remote","everyDays":90},"no_access":{"kind":"third_party","everyDays":90}}',
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_reporting_settings PRIMARY KEY (agency_id),
        CONSTRAINT fk_reporting_settings_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_reporting_settings_updated_by FOREIGN KEY (updated_by) REFERENCES app_user (id),
        CONSTRAINT ck_reporting_settings_reminders CHECK (reminder_days_before BETWEEN 0 AND 90 AND overdue_reminder_every_days BETWEEN 1 AND 90)
      )`);
    await revokeFromRuntime(q, 'DELETE', 'reporting_settings');

    await q.query(`
      CREATE TABLE grant_report (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        grant_id uuid NOT NULL,
        report_due_id uuid NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        state text NOT NULL DEFAULT 'draft',
        narrative jsonb NOT NULL DEFAULT '{"activities":"","indicators":[]}',
        submission_count integer NOT NULL DEFAULT 0,
        submitted_by uuid,
        submitted_at timestamptz,
        returned_by uuid,
        returned_at timestamptz,
        return_reason text,
        accepted_by uuid,
        accepted_at timestamptz,
        accept_note text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_grant_report PRIMARY KEY (id),
        CONSTRAINT uq_grant_report_due UNIQUE (report_due_id),
        CONSTRAINT fk_grant_report_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_grant_report_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_grant_report_due FOREIGN KEY (report_due_id) REFERENCES grant_report_due (id),
        CONSTRAINT fk_grant_report_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT fk_grant_report_submitted_by FOREIGN KEY (submitted_by) REFERENCES app_user (id),
        CONSTRAINT fk_grant_report_returned_by FOREIGN KEY (returned_by) REFERENCES app_user (id),
        CONSTRAINT fk_grant_report_accepted_by FOREIGN KEY (accepted_by) REFERENCES app_user (id),
        CONSTRAINT ck_grant_report_state CHECK (state IN ('draft','submitted','returned','accepted')),
        CONSTRAINT ck_grant_report_period CHECK (period_to >= period_from),
        CONSTRAINT ck_grant_report_accepted CHECK (state <> 'accepted' OR (accepted_by IS NOT NULL AND accepted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_grant_report_grant ON grant_report (grant_id, period_from)`);
    await q.query(`CREATE INDEX ix_grant_report_agency_state ON grant_report (agency_id, state)`);
    await revokeFromRuntime(q, 'DELETE', 'grant_report');

    await q.query(`
      CREATE TABLE expenditure_line (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        grant_id uuid NOT NULL,
        report_id uuid NOT NULL,
        seq integer NOT NULL,
        client_id uuid,
        spent_on date NOT NULL,
        budget_line_id text NOT NULL,
        supplier text NOT NULL,
        description text NOT NULL DEFAULT '',
        amount_minor bigint NOT NULL,
        currency char(3) NOT NULL,
        rate numeric(24,12),
        rate_source text NOT NULL DEFAULT 'same_currency',
        rate_note text,
        grant_amount_minor bigint NOT NULL,
        payment_method text NOT NULL,
        state text NOT NULL DEFAULT 'draft',
        ineligible_minor bigint NOT NULL DEFAULT 0,
        ineligible_reason text,
        verified_by uuid,
        verified_at timestamptz,
        journal_entry_id uuid,
        removed_at timestamptz,
        removed_by uuid,
        created_by uuid NOT NULL,
        updated_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_expenditure_line PRIMARY KEY (id),
        CONSTRAINT uq_expenditure_line_seq UNIQUE (report_id, seq),
        CONSTRAINT uq_expenditure_line_client UNIQUE (report_id, client_id),
        CONSTRAINT fk_expenditure_line_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_expenditure_line_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_expenditure_line_report FOREIGN KEY (report_id) REFERENCES grant_report (id),
        CONSTRAINT fk_expenditure_line_verified_by FOREIGN KEY (verified_by) REFERENCES app_user (id),
        CONSTRAINT fk_expenditure_line_entry FOREIGN KEY (journal_entry_id) REFERENCES journal_entry (id),
        CONSTRAINT fk_expenditure_line_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT fk_expenditure_line_updated_by FOREIGN KEY (updated_by) REFERENCES app_user (id),
        CONSTRAINT fk_expenditure_line_removed_by FOREIGN KEY (removed_by) REFERENCES app_user (id),
        CONSTRAINT ck_expenditure_line_amount CHECK (amount_minor > 0 AND grant_amount_minor >= 0),
        CONSTRAINT ck_expenditure_line_currency CHECK (currency ~ '^[A-Z]{3}$'),
        CONSTRAINT ck_expenditure_line_rate CHECK (rate IS NULL OR rate > 0),
        CONSTRAINT ck_expenditure_line_rate_source CHECK (rate_source IN ('same_currency','tranche','reference','bank','other')),
        CONSTRAINT ck_expenditure_line_method CHECK (payment_method IN ('bank','cash')),
        CONSTRAINT ck_expenditure_line_state CHECK (state IN ('draft','submitted','accepted','questioned','ineligible')),
        CONSTRAINT ck_expenditure_line_ineligible CHECK (ineligible_minor >= 0 AND ineligible_minor <= grant_amount_minor
          AND (ineligible_minor = 0 OR ineligible_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_expenditure_line_grant ON expenditure_line (grant_id, spent_on) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX ix_expenditure_line_agency ON expenditure_line (agency_id, spent_on) WHERE removed_at IS NULL`);
    await revokeFromRuntime(q, 'DELETE', 'expenditure_line');

    await q.query(`
      CREATE TABLE report_file (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        grant_id uuid NOT NULL,
        report_id uuid,
        line_id uuid,
        visit_id uuid,
        purpose text NOT NULL,
        document_id uuid NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        sha256 char(64) NOT NULL,
        size_bytes bigint NOT NULL,
        captured_at timestamptz,
        latitude double precision,
        longitude double precision,
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        removed_by uuid,
        CONSTRAINT pk_report_file PRIMARY KEY (id),
        CONSTRAINT fk_report_file_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_report_file_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_report_file_report FOREIGN KEY (report_id) REFERENCES grant_report (id),
        CONSTRAINT fk_report_file_line FOREIGN KEY (line_id) REFERENCES expenditure_line (id),
        CONSTRAINT fk_report_file_document FOREIGN KEY (document_id) REFERENCES stored_document (id),
        CONSTRAINT fk_report_file_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES app_user (id),
        CONSTRAINT fk_report_file_removed_by FOREIGN KEY (removed_by) REFERENCES app_user (id),
        CONSTRAINT ck_report_file_purpose CHECK (purpose IN ('receipt','evidence','visit')),
        CONSTRAINT ck_report_file_target CHECK (report_id IS NOT NULL OR visit_id IS NOT NULL),
        CONSTRAINT ck_report_file_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_report_file_position CHECK ((latitude IS NULL) = (longitude IS NULL)
          AND (latitude IS NULL OR (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)))
      )`);
    await q.query(`CREATE INDEX ix_report_file_line ON report_file (line_id) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX ix_report_file_report ON report_file (report_id) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX ix_report_file_sha256 ON report_file (agency_id, sha256) WHERE removed_at IS NULL`);
    await revokeFromRuntime(q, 'DELETE', 'report_file');

    // A thread per line: officer questions and grantee answers. Append-only.
    await q.query(`
      CREATE TABLE line_message (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        line_id uuid NOT NULL,
        report_id uuid NOT NULL,
        author_id uuid NOT NULL,
        kind text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_line_message PRIMARY KEY (id),
        CONSTRAINT fk_line_message_line FOREIGN KEY (line_id) REFERENCES expenditure_line (id),
        CONSTRAINT fk_line_message_report FOREIGN KEY (report_id) REFERENCES grant_report (id),
        CONSTRAINT fk_line_message_author FOREIGN KEY (author_id) REFERENCES app_user (id),
        CONSTRAINT ck_line_message_kind CHECK (kind IN ('question','answer','note'))
      )`);
    await q.query(`CREATE INDEX ix_line_message_line ON line_message (line_id, created_at)`);
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'line_message');

    // Red flags: one row per distinct finding (fingerprint = rule + what it is about), kept across runs so a clearance sticks.
    await q.query(`
      CREATE TABLE red_flag (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        grant_id uuid NOT NULL,
        report_id uuid,
        code text NOT NULL,
        severity text NOT NULL,
        fingerprint text NOT NULL,
        line_ids uuid[] NOT NULL DEFAULT '{}',
        params jsonb NOT NULL DEFAULT '{}',
        state text NOT NULL DEFAULT 'open',
        active boolean NOT NULL DEFAULT true,
        first_raised_at timestamptz NOT NULL DEFAULT now(),
        last_evaluated_at timestamptz NOT NULL DEFAULT now(),
        resolved_by uuid,
        resolved_at timestamptz,
        resolution_reason text,
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_red_flag PRIMARY KEY (id),
        CONSTRAINT uq_red_flag_fingerprint UNIQUE (agency_id, fingerprint),
        CONSTRAINT fk_red_flag_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_red_flag_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_red_flag_report FOREIGN KEY (report_id) REFERENCES grant_report (id),
        CONSTRAINT fk_red_flag_resolved_by FOREIGN KEY (resolved_by) REFERENCES app_user (id),
        CONSTRAINT ck_red_flag_severity CHECK (severity IN ('low','medium','high')),
        CONSTRAINT ck_red_flag_state CHECK (state IN ('open','cleared','escalated')),
        CONSTRAINT ck_red_flag_resolution CHECK (state = 'open' OR (resolved_by IS NOT NULL AND resolved_at IS NOT NULL AND resolution_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_red_flag_grant ON red_flag (grant_id, state) WHERE active`);
    await revokeFromRuntime(q, 'DELETE', 'red_flag');

    // A run of the engine (on a report's submission, or when the thresholds change): progress for the page.
    await q.query(`
      CREATE TABLE red_flag_run (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        reason text NOT NULL,
        report_id uuid,
        state text NOT NULL DEFAULT 'queued',
        progress smallint NOT NULL DEFAULT 0,
        line_count integer,
        flag_count integer,
        error text,
        requested_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT pk_red_flag_run PRIMARY KEY (id),
        CONSTRAINT fk_red_flag_run_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_red_flag_run_report FOREIGN KEY (report_id) REFERENCES grant_report (id),
        CONSTRAINT fk_red_flag_run_requested_by FOREIGN KEY (requested_by) REFERENCES app_user (id),
        CONSTRAINT ck_red_flag_run_reason CHECK (reason IN ('report_submitted','settings_changed','manual','monitoring')),
        CONSTRAINT ck_red_flag_run_state CHECK (state IN ('queued','running','done','failed')),
        CONSTRAINT ck_red_flag_run_progress CHECK (progress BETWEEN 0 AND 100)
      )`);
    await q.query(`CREATE INDEX ix_red_flag_run_agency ON red_flag_run (agency_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_red_flag_run_queued ON red_flag_run (created_at) WHERE state IN ('queued','running')`);
    await revokeFromRuntime(q, 'DELETE', 'red_flag_run');

    // Reminders sent for a report due, so the daily job sends each once (before the date; then every N days overdue).
    await q.query(`
      CREATE TABLE report_reminder (
        report_due_id uuid NOT NULL,
        kind text NOT NULL,
        sent_on date NOT NULL,
        CONSTRAINT pk_report_reminder PRIMARY KEY (report_due_id, kind, sent_on),
        CONSTRAINT fk_report_reminder_due FOREIGN KEY (report_due_id) REFERENCES grant_report_due (id),
        CONSTRAINT ck_report_reminder_kind CHECK (kind IN ('upcoming','overdue'))
      )`);
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'report_reminder');

    // Security levels per governorate and agency, with history (the latest effective row is the level; before any, governorate.security_level).
    await q.query(`
      CREATE TABLE governorate_security_level (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        governorate_code text NOT NULL,
        level text NOT NULL,
        effective_on date NOT NULL,
        reason text NOT NULL,
        set_by uuid NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_governorate_security_level PRIMARY KEY (id),
        CONSTRAINT fk_governorate_security_level_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_governorate_security_level_governorate FOREIGN KEY (governorate_code) REFERENCES governorate (code),
        CONSTRAINT fk_governorate_security_level_set_by FOREIGN KEY (set_by) REFERENCES app_user (id),
        CONSTRAINT ck_governorate_security_level_level CHECK (level IN ('accessible','restricted','no_access'))
      )`);
    await q.query(`CREATE INDEX ix_governorate_security_level_current ON governorate_security_level (agency_id, governorate_code, effective_on DESC, set_at DESC)`);
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'governorate_security_level');

    // Third-party monitors assigned to grants (role monitor sees only these). Removal keeps the row.
    await q.query(`
      CREATE TABLE grant_monitor (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        assigned_by uuid NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        removed_by uuid,
        removed_at timestamptz,
        CONSTRAINT pk_grant_monitor PRIMARY KEY (id),
        CONSTRAINT fk_grant_monitor_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_grant_monitor_user FOREIGN KEY (user_id) REFERENCES app_user (id),
        CONSTRAINT fk_grant_monitor_assigned_by FOREIGN KEY (assigned_by) REFERENCES app_user (id),
        CONSTRAINT fk_grant_monitor_removed_by FOREIGN KEY (removed_by) REFERENCES app_user (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_grant_monitor_active ON grant_monitor (grant_id, user_id) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX ix_grant_monitor_user ON grant_monitor (user_id) WHERE removed_at IS NULL`);
    await revokeFromRuntime(q, 'DELETE', 'grant_monitor');

    // Monitoring visits: on-site, remote verification (video call notes, geotagged photos) or by a third-party monitor. Append-only.
    await q.query(`
      CREATE TABLE monitoring_visit (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        grant_id uuid NOT NULL,
        kind text NOT NULL,
        visited_on date NOT NULL,
        security_level text NOT NULL,
        checklist jsonb NOT NULL DEFAULT '[]',
        findings text NOT NULL DEFAULT '',
        outcome text NOT NULL,
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_monitoring_visit PRIMARY KEY (id),
        CONSTRAINT fk_monitoring_visit_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_monitoring_visit_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_monitoring_visit_recorded_by FOREIGN KEY (recorded_by) REFERENCES app_user (id),
        CONSTRAINT ck_monitoring_visit_kind CHECK (kind IN ('on_site','remote','third_party')),
        CONSTRAINT ck_monitoring_visit_level CHECK (security_level IN ('accessible','restricted','no_access')),
        CONSTRAINT ck_monitoring_visit_outcome CHECK (outcome IN ('satisfactory','concerns','serious'))
      )`);
    await q.query(`CREATE INDEX ix_monitoring_visit_grant ON monitoring_visit (grant_id, visited_on DESC)`);
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'monitoring_visit');
    await q.query(`ALTER TABLE report_file ADD CONSTRAINT fk_report_file_visit FOREIGN KEY (visit_id) REFERENCES monitoring_visit (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['monitoring_visit', 'grant_monitor', 'governorate_security_level', 'report_reminder', 'red_flag_run', 'red_flag', 'line_message', 'report_file', 'expenditure_line', 'grant_report', 'reporting_settings']) {
      await q.query(`DROP TABLE ${table} CASCADE`);
    }
    await q.query(`ALTER TABLE grant_award DROP COLUMN governorate`);
  }
}
