import { MigrationInterface, QueryRunner } from 'typeorm';
import { IRAQ_GOVERNORATES } from '@mizan/domain';

/** Programs, calls (with versions), organizations, partners, due diligence, applications (with frozen versions). */
export class Intake1764100000000 implements MigrationInterface {
  name = 'Intake1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE governorate (
        code text NOT NULL,
        country_code char(2) NOT NULL,
        name_en text NOT NULL,
        name_ar text NOT NULL,
        security_level text NOT NULL DEFAULT 'accessible',
        CONSTRAINT pk_governorate PRIMARY KEY (code),
        CONSTRAINT ck_governorate_security_level CHECK (security_level IN ('accessible','restricted','no_access'))
      )`);
    for (const g of IRAQ_GOVERNORATES) {
      await q.query(`INSERT INTO governorate (code, country_code, name_en, name_ar) VALUES ($1, 'IQ', $2, $3)`, [g.code, g.en, g.ar]);
    }
    await q.query(`
      CREATE TABLE program (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        name text NOT NULL,
        countries text[] NOT NULL,
        themes text[] NOT NULL,
        budget_minor bigint NOT NULL,
        currency char(3) NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_program PRIMARY KEY (id),
        CONSTRAINT fk_program_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_program_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT ck_program_budget CHECK (budget_minor > 0),
        CONSTRAINT ck_program_period CHECK (period_end >= period_start)
      )`);
    await q.query(`CREATE INDEX ix_program_agency ON program (agency_id)`);
    await q.query(`
      CREATE TABLE grant_call (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'draft',
        title text NOT NULL,
        description text NOT NULL,
        time_zone text NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        currency char(3) NOT NULL,
        envelope_minor bigint NOT NULL,
        max_grant_minor bigint NOT NULL,
        min_cofunding_bp integer NOT NULL,
        admin_cap_bp integer NOT NULL,
        host_countries text[] NOT NULL,
        require_partner boolean NOT NULL,
        min_organization_age_months integer NOT NULL,
        required_documents text[] NOT NULL,
        rubric jsonb NOT NULL,
        published_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_grant_call PRIMARY KEY (id),
        CONSTRAINT fk_grant_call_program FOREIGN KEY (program_id) REFERENCES program (id),
        CONSTRAINT fk_grant_call_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT ck_grant_call_status CHECK (status IN ('draft','published')),
        CONSTRAINT ck_grant_call_window CHECK (closes_at > opens_at),
        CONSTRAINT ck_grant_call_amounts CHECK (envelope_minor > 0 AND max_grant_minor > 0 AND max_grant_minor <= envelope_minor),
        CONSTRAINT ck_grant_call_shares CHECK (min_cofunding_bp BETWEEN 0 AND 10000 AND admin_cap_bp BETWEEN 0 AND 10000)
      )`);
    await q.query(`CREATE INDEX ix_grant_call_program ON grant_call (program_id)`);
    await q.query(`CREATE INDEX ix_grant_call_agency_status ON grant_call (agency_id, status)`);
    await q.query(`
      CREATE TABLE grant_call_version (
        call_id uuid NOT NULL,
        version integer NOT NULL,
        rules jsonb NOT NULL,
        reason text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_grant_call_version PRIMARY KEY (call_id, version),
        CONSTRAINT fk_grant_call_version_call FOREIGN KEY (call_id) REFERENCES grant_call (id)
      )`);
    await q.query(`
      CREATE TABLE organization (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        legal_name text NOT NULL,
        registration_number text NOT NULL,
        hostland_country char(2) NOT NULL,
        address text NOT NULL,
        founded_on date,
        contact_email text NOT NULL,
        contact_phone text,
        iban text NOT NULL,
        account_holder text NOT NULL,
        holder_explanation text,
        thematic_expertise text[] NOT NULL DEFAULT '{}',
        dd_status text NOT NULL DEFAULT 'pending',
        dd_conditions text,
        dd_expires_on date,
        dd_reviewed_by uuid,
        dd_reviewed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_organization PRIMARY KEY (id),
        CONSTRAINT fk_organization_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT uq_organization_registration UNIQUE (agency_id, hostland_country, registration_number),
        CONSTRAINT ck_organization_dd_status CHECK (dd_status IN ('pending','cleared','conditional','rejected'))
      )`);
    await q.query(`
      CREATE TABLE organization_member (
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        role_in_organization text NOT NULL,
        skills text[] NOT NULL DEFAULT '{}',
        joined_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_organization_member PRIMARY KEY (organization_id, user_id),
        CONSTRAINT fk_organization_member_organization FOREIGN KEY (organization_id) REFERENCES organization (id) ON DELETE CASCADE,
        CONSTRAINT fk_organization_member_user FOREIGN KEY (user_id) REFERENCES app_user (id)
      )`);
    await q.query(`CREATE INDEX ix_organization_member_user ON organization_member (user_id)`);
    await q.query(`
      CREATE TABLE partner_organization (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        name text NOT NULL,
        governorate_code text NOT NULL,
        local_registration_number text NOT NULL,
        contact_person text NOT NULL,
        contact_email text,
        contact_phone text,
        relationship text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_partner_organization PRIMARY KEY (id),
        CONSTRAINT fk_partner_organization_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
        CONSTRAINT fk_partner_organization_governorate FOREIGN KEY (governorate_code) REFERENCES governorate (code)
      )`);
    await q.query(`CREATE INDEX ix_partner_organization_organization ON partner_organization (organization_id)`);
    await q.query(`
      CREATE TABLE partner_member (
        partner_organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_partner_member PRIMARY KEY (partner_organization_id, user_id),
        CONSTRAINT fk_partner_member_partner FOREIGN KEY (partner_organization_id) REFERENCES partner_organization (id),
        CONSTRAINT fk_partner_member_user FOREIGN KEY (user_id) REFERENCES app_user (id)
      )`);
    await q.query(`CREATE INDEX ix_partner_member_user ON partner_member (user_id)`);
    await q.query(`
      CREATE TABLE invitation (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        partner_organization_id uuid,
        email text NOT NULL,
        role text NOT NULL,
        token_hash char(64) NOT NULL,
        invited_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_user_id uuid,
        CONSTRAINT pk_invitation PRIMARY KEY (id),
        CONSTRAINT fk_invitation_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
        CONSTRAINT fk_invitation_partner FOREIGN KEY (partner_organization_id) REFERENCES partner_organization (id),
        CONSTRAINT uq_invitation_token_hash UNIQUE (token_hash),
        CONSTRAINT ck_invitation_role CHECK (role IN ('applicant','partner')),
        CONSTRAINT ck_invitation_partner CHECK ((role = 'partner') = (partner_organization_id IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE due_diligence_document (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        kind text NOT NULL,
        stored_document_id uuid NOT NULL,
        original_name text NOT NULL,
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_due_diligence_document PRIMARY KEY (id),
        CONSTRAINT fk_due_diligence_document_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
        CONSTRAINT fk_due_diligence_document_stored FOREIGN KEY (stored_document_id) REFERENCES stored_document (id),
        CONSTRAINT ck_due_diligence_document_kind CHECK (kind IN ('statutes','board_list','annual_report','accounts','registration_certificate','other'))
      )`);
    await q.query(`CREATE INDEX ix_due_diligence_document_organization ON due_diligence_document (organization_id)`);
    await q.query(`
      CREATE TABLE application (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        state text NOT NULL DEFAULT 'draft',
        title text NOT NULL,
        content jsonb NOT NULL,
        currency char(3) NOT NULL,
        requested_minor bigint NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        receipt_number text,
        submitted_at timestamptz,
        screening_message text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid NOT NULL,
        CONSTRAINT pk_application PRIMARY KEY (id),
        CONSTRAINT fk_application_call FOREIGN KEY (call_id) REFERENCES grant_call (id),
        CONSTRAINT fk_application_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
        CONSTRAINT fk_application_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT uq_application_receipt UNIQUE (receipt_number),
        CONSTRAINT ck_application_state CHECK (state IN ('draft','submitted','screening','eligible','ineligible','returned','resubmitted','withdrawn')),
        CONSTRAINT ck_application_requested CHECK (requested_minor >= 0)
      )`);
    await q.query(`CREATE INDEX ix_application_call_state ON application (call_id, state)`);
    await q.query(`CREATE INDEX ix_application_organization ON application (organization_id)`);
    await q.query(`
      CREATE TABLE application_partner (
        application_id uuid NOT NULL,
        partner_organization_id uuid NOT NULL,
        CONSTRAINT pk_application_partner PRIMARY KEY (application_id, partner_organization_id),
        CONSTRAINT fk_application_partner_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT fk_application_partner_partner FOREIGN KEY (partner_organization_id) REFERENCES partner_organization (id)
      )`);
    await q.query(`CREATE INDEX ix_application_partner_partner ON application_partner (partner_organization_id)`);
    await q.query(`
      CREATE TABLE application_version (
        application_id uuid NOT NULL,
        number integer NOT NULL,
        kind text NOT NULL,
        content jsonb NOT NULL,
        totals jsonb NOT NULL,
        eligibility jsonb NOT NULL,
        call_version integer NOT NULL,
        content_sha256 char(64) NOT NULL,
        receipt_number text NOT NULL,
        submitted_by uuid NOT NULL,
        submitted_at timestamptz NOT NULL,
        CONSTRAINT pk_application_version PRIMARY KEY (application_id, number),
        CONSTRAINT fk_application_version_application FOREIGN KEY (application_id) REFERENCES application (id),
        CONSTRAINT uq_application_version_receipt UNIQUE (receipt_number),
        CONSTRAINT ck_application_version_kind CHECK (kind IN ('submission','resubmission'))
      )`);
    // Frozen snapshots: like the trail, never changed once written.
    await q.query(`
      CREATE FUNCTION application_version_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'application_version is frozen: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_application_version_frozen BEFORE UPDATE OR DELETE ON application_version
      FOR EACH ROW EXECUTE FUNCTION application_version_refuse_change()`);
    await q.query(`
      CREATE TABLE application_attachment (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        stored_document_id uuid NOT NULL,
        original_name text NOT NULL,
        description text NOT NULL DEFAULT '',
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_application_attachment PRIMARY KEY (id),
        CONSTRAINT fk_application_attachment_application FOREIGN KEY (application_id) REFERENCES application (id),
        CONSTRAINT fk_application_attachment_stored FOREIGN KEY (stored_document_id) REFERENCES stored_document (id)
      )`);
    await q.query(`CREATE SEQUENCE application_receipt_seq START 1001`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE application_receipt_seq`);
    await q.query(`DROP TABLE application_attachment`);
    await q.query(`DROP TABLE application_version`);
    await q.query(`DROP FUNCTION application_version_refuse_change()`);
    await q.query(`DROP TABLE application_partner`);
    await q.query(`DROP TABLE application`);
    await q.query(`DROP TABLE due_diligence_document`);
    await q.query(`DROP TABLE invitation`);
    await q.query(`DROP TABLE partner_member`);
    await q.query(`DROP TABLE partner_organization`);
    await q.query(`DROP TABLE organization_member`);
    await q.query(`DROP TABLE organization`);
    await q.query(`DROP TABLE grant_call_version`);
    await q.query(`DROP TABLE grant_call`);
    await q.query(`DROP TABLE program`);
    await q.query(`DROP TABLE governorate`);
  }
}
