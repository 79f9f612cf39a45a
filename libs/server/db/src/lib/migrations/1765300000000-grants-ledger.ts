import { MigrationInterface, QueryRunner } from 'typeorm';
import { ident, revokeFromRuntime, runtimeRole } from './runtime-role';

/**
 * Grants and disbursement (issue 9): grants with versioned content, tranches,
 * reporting schedule, findings, payments with segregation of duties, bank files,
 * exchange rates, idempotency keys, and the double-entry ledger.
 *
 * What the database itself guarantees (a bug in the api cannot get past it):
 * - a journal entry's postings sum to zero per currency, and an entry has at
 *   least two postings (deferred constraint triggers, checked at COMMIT);
 * - journal entries, postings, grant versions and exchange rates are
 *   append-only (UPDATE, DELETE and TRUNCATE refused by triggers and grants);
 * - every journal entry names the trail record written in its transaction;
 * - account balances are kept by a SECURITY DEFINER trigger in the same
 *   transaction as the posting; the runtime role cannot write them, and a
 *   "stage" account (envelope, commitment, requested…) can never go below zero,
 *   which is "never more than what stands above it";
 * - a payment's requester, approvers and payer are different people, and a
 *   payment in a bank file cannot be moved to another one.
 */
export class GrantsLedger1765300000000 implements MigrationInterface {
  name = 'GrantsLedger1765300000000';

  async up(q: QueryRunner): Promise<void> {
    const app = ident(await runtimeRole(q));

    // --- Finance settings per agency -------------------------------------------------------
    await q.query(`
      CREATE TABLE finance_settings (
        agency_id uuid NOT NULL,
        -- A payment above this amount (in the payment's currency, minor units) needs a second finance approver.
        second_approval_threshold_minor bigint NOT NULL DEFAULT 10000000,
        -- When true, the user who records a payment as paid must be neither its requester nor an approver.
        three_people boolean NOT NULL DEFAULT true,
        -- Agency overrides of the risk defaults (see docs/finance.md); NULL = the defaults of libs/domain.
        risk_policy jsonb,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_finance_settings PRIMARY KEY (agency_id),
        CONSTRAINT fk_finance_settings_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT ck_finance_settings_threshold CHECK (second_approval_threshold_minor >= 0)
      )`);

    // Where the money goes: the organization's BIC beside its IBAN (pain.001 creditor agent).
    await q.query(`ALTER TABLE organization ADD COLUMN bic text`);

    // --- Grants -----------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE grant_award (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        program_id uuid NOT NULL,
        call_id uuid NOT NULL,
        application_id uuid NOT NULL,
        decision_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        grant_number text NOT NULL,
        title text NOT NULL,
        currency char(3) NOT NULL,
        amount_minor bigint NOT NULL,
        state text NOT NULL DEFAULT 'draft',
        current_version integer NOT NULL DEFAULT 1,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        risk_rating text,
        risk_assessment jsonb,
        modality text NOT NULL DEFAULT 'advance',
        monitoring text,
        payee_name text NOT NULL,
        payee_iban text NOT NULL,
        payee_bic text,
        signatory_user_id uuid,
        signed_by uuid,
        signed_name text,
        signed_at timestamptz,
        countersigned_by uuid,
        countersigned_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_grant_award PRIMARY KEY (id),
        CONSTRAINT fk_grant_award_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_grant_award_program FOREIGN KEY (program_id) REFERENCES program (id),
        CONSTRAINT fk_grant_award_call FOREIGN KEY (call_id) REFERENCES grant_call (id),
        CONSTRAINT fk_grant_award_application FOREIGN KEY (application_id) REFERENCES application (id),
        CONSTRAINT fk_grant_award_decision FOREIGN KEY (decision_id) REFERENCES funding_decision (id),
        CONSTRAINT fk_grant_award_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
        CONSTRAINT fk_grant_award_signatory FOREIGN KEY (signatory_user_id) REFERENCES app_user (id),
        CONSTRAINT fk_grant_award_signed_by FOREIGN KEY (signed_by) REFERENCES app_user (id),
        CONSTRAINT fk_grant_award_countersigned_by FOREIGN KEY (countersigned_by) REFERENCES app_user (id),
        CONSTRAINT fk_grant_award_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT uq_grant_award_decision UNIQUE (decision_id),
        CONSTRAINT uq_grant_award_number UNIQUE (agency_id, grant_number),
        CONSTRAINT ck_grant_award_state CHECK (state IN ('draft','awaiting_signature','awaiting_countersignature','active','suspended','closed','cancelled')),
        CONSTRAINT ck_grant_award_amount CHECK (amount_minor > 0),
        CONSTRAINT ck_grant_award_period CHECK (ends_on >= starts_on),
        CONSTRAINT ck_grant_award_risk CHECK (risk_rating IS NULL OR risk_rating IN ('low','moderate','significant','high')),
        CONSTRAINT ck_grant_award_modality CHECK (modality IN ('advance','reimbursement','direct_payment')),
        -- The grantee signs, then a different person (an officer) countersigns.
        CONSTRAINT ck_grant_award_countersign CHECK (countersigned_by IS NULL OR (signed_by IS NOT NULL AND countersigned_by <> signed_by))
      )`);
    await q.query(`CREATE INDEX ix_grant_award_organization ON grant_award (organization_id)`);
    await q.query(`CREATE INDEX ix_grant_award_agency_state ON grant_award (agency_id, state)`);
    await q.query(`CREATE INDEX ix_grant_award_program ON grant_award (program_id)`);
    // A grant moves only along its life (libs/domain grant-state); once it left the draft, what was agreed with whom and
    // to which account is frozen, and a signature once given stays.
    await q.query(`
      CREATE FUNCTION grant_award_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT ((OLD.state = NEW.state)
             OR (OLD.state = 'draft' AND NEW.state IN ('awaiting_signature','cancelled'))
             OR (OLD.state = 'awaiting_signature' AND NEW.state IN ('draft','awaiting_countersignature','cancelled'))
             OR (OLD.state = 'awaiting_countersignature' AND NEW.state IN ('active','cancelled'))
             OR (OLD.state = 'active' AND NEW.state IN ('suspended','closed'))
             OR (OLD.state = 'suspended' AND NEW.state = 'active')) THEN
          RAISE EXCEPTION 'grant %: % → % is not a step of its life', OLD.id, OLD.state, NEW.state USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF (NEW.agency_id, NEW.program_id, NEW.call_id, NEW.application_id, NEW.decision_id, NEW.organization_id, NEW.grant_number, NEW.created_by)
            IS DISTINCT FROM (OLD.agency_id, OLD.program_id, OLD.call_id, OLD.application_id, OLD.decision_id, OLD.organization_id, OLD.grant_number, OLD.created_by) THEN
          RAISE EXCEPTION 'grant %: its parties and origin cannot be rewritten', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.state <> 'draft' AND (NEW.amount_minor, NEW.currency, NEW.payee_name, NEW.payee_iban, NEW.payee_bic)
            IS DISTINCT FROM (OLD.amount_minor, OLD.currency, OLD.payee_name, OLD.payee_iban, OLD.payee_bic) THEN
          RAISE EXCEPTION 'grant % is %: its amount and the account it is paid to are frozen', OLD.id, OLD.state USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF (OLD.signed_by IS NOT NULL AND (NEW.signed_by, NEW.signed_name, NEW.signed_at) IS DISTINCT FROM (OLD.signed_by, OLD.signed_name, OLD.signed_at))
           OR (OLD.countersigned_by IS NOT NULL AND (NEW.countersigned_by, NEW.countersigned_at) IS DISTINCT FROM (OLD.countersigned_by, OLD.countersigned_at))
           OR (OLD.state NOT IN ('draft','awaiting_signature') AND NEW.signatory_user_id IS DISTINCT FROM OLD.signatory_user_id) THEN
          RAISE EXCEPTION 'grant %: a signature once given stays', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.state = 'active' AND (NEW.signed_by IS NULL OR NEW.countersigned_by IS NULL) THEN
          RAISE EXCEPTION 'grant %: active only when signed and countersigned', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.current_version < OLD.current_version THEN
          RAISE EXCEPTION 'grant %: versions only grow', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_grant_award_guard BEFORE UPDATE ON grant_award FOR EACH ROW EXECUTE FUNCTION grant_award_guard()`);
    await q.query(`
      CREATE FUNCTION grant_award_insert_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.state <> 'draft' OR NEW.signed_by IS NOT NULL OR NEW.countersigned_by IS NOT NULL THEN
          RAISE EXCEPTION 'a grant is born a draft, signed by nobody' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_grant_award_insert_guard BEFORE INSERT ON grant_award FOR EACH ROW EXECUTE FUNCTION grant_award_insert_guard()`);

    // Every version of what was agreed: budget by line, tranche plan, reporting schedule, conditions, period.
    // An amendment is a new version with a reason, never an edit in place.
    await q.query(`
      CREATE TABLE grant_version (
        grant_id uuid NOT NULL,
        version integer NOT NULL,
        content jsonb NOT NULL,
        kind text NOT NULL,
        reason text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_grant_version PRIMARY KEY (grant_id, version),
        CONSTRAINT fk_grant_version_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_grant_version_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT ck_grant_version_kind CHECK (kind IN ('initial','draft_edit','amendment')),
        CONSTRAINT ck_grant_version_positive CHECK (version > 0)
      )`);

    await q.query(`
      CREATE TABLE tranche (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL,
        seq smallint NOT NULL,
        planned_on date NOT NULL,
        amount_minor bigint NOT NULL,
        currency char(3) NOT NULL,
        state text NOT NULL DEFAULT 'planned',
        -- Release conditions: [{ id, kind, params, label, ticked_by, ticked_at, note }] (domain: release-conditions).
        conditions jsonb NOT NULL DEFAULT '[]',
        -- Until the reporting issue: the officer records acceptance of the report that covers this tranche, by hand.
        report_accepted_by uuid,
        report_accepted_at timestamptz,
        report_acceptance_note text,
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_tranche PRIMARY KEY (id),
        CONSTRAINT fk_tranche_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_tranche_report_accepted_by FOREIGN KEY (report_accepted_by) REFERENCES app_user (id),
        CONSTRAINT ck_tranche_amount CHECK (amount_minor > 0),
        CONSTRAINT ck_tranche_state CHECK (state IN ('planned','requested','paid','cancelled'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_tranche_live_seq ON tranche (grant_id, seq) WHERE state <> 'cancelled'`);
    await q.query(`CREATE INDEX ix_tranche_planned_on ON tranche (planned_on) WHERE state IN ('planned','requested')`);

    await q.query(`
      CREATE TABLE grant_report_due (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL,
        kind text NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        due_on date NOT NULL,
        state text NOT NULL DEFAULT 'due',
        CONSTRAINT pk_grant_report_due PRIMARY KEY (id),
        CONSTRAINT fk_grant_report_due_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT ck_grant_report_due_kind CHECK (kind IN ('interim','final')),
        CONSTRAINT ck_grant_report_due_state CHECK (state IN ('due','submitted','accepted','cancelled')),
        CONSTRAINT ck_grant_report_due_period CHECK (period_to >= period_from)
      )`);
    await q.query(`CREATE INDEX ix_grant_report_due_grant ON grant_report_due (grant_id, due_on)`);

    // Findings on a grant (monitoring now; audit and red flags later). An open high-priority one blocks a tranche.
    await q.query(`
      CREATE TABLE grant_finding (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL,
        priority text NOT NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        state text NOT NULL DEFAULT 'open',
        raised_by uuid NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        closed_by uuid,
        closed_at timestamptz,
        close_reason text,
        CONSTRAINT pk_grant_finding PRIMARY KEY (id),
        CONSTRAINT fk_grant_finding_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_grant_finding_raised_by FOREIGN KEY (raised_by) REFERENCES app_user (id),
        CONSTRAINT fk_grant_finding_closed_by FOREIGN KEY (closed_by) REFERENCES app_user (id),
        CONSTRAINT ck_grant_finding_priority CHECK (priority IN ('low','medium','high')),
        CONSTRAINT ck_grant_finding_state CHECK (state IN ('open','closed'))
      )`);
    await q.query(`CREATE INDEX ix_grant_finding_open ON grant_finding (grant_id) WHERE state = 'open'`);

    // Background documents of a grant: the agreement PDF (per version).
    await q.query(`
      CREATE TABLE grant_document (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL,
        grant_version integer NOT NULL,
        kind text NOT NULL DEFAULT 'agreement',
        state text NOT NULL DEFAULT 'queued',
        progress smallint NOT NULL DEFAULT 0,
        document_id uuid,
        sha256 text,
        error text,
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT pk_grant_document PRIMARY KEY (id),
        CONSTRAINT fk_grant_document_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_grant_document_document FOREIGN KEY (document_id) REFERENCES stored_document (id),
        CONSTRAINT fk_grant_document_requested_by FOREIGN KEY (requested_by) REFERENCES app_user (id),
        CONSTRAINT ck_grant_document_kind CHECK (kind IN ('agreement')),
        CONSTRAINT ck_grant_document_state CHECK (state IN ('queued','running','done','failed')),
        CONSTRAINT ck_grant_document_progress CHECK (progress BETWEEN 0 AND 100)
      )`);
    await q.query(`CREATE INDEX ix_grant_document_grant ON grant_document (grant_id, requested_at DESC)`);

    // --- Exchange rates ---------------------------------------------------------------------
    // 1 base = rate quote, as an exact decimal (never a float). Append-only: a correction is a new row
    // from another source or a later import; the rate used by a payment is copied onto it.
    await q.query(`
      CREATE TABLE exchange_rate (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        rate_date date NOT NULL,
        base char(3) NOT NULL,
        quote char(3) NOT NULL,
        rate numeric(28,12) NOT NULL,
        source text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_exchange_rate PRIMARY KEY (id),
        CONSTRAINT fk_exchange_rate_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_exchange_rate_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT ck_exchange_rate_positive CHECK (rate > 0),
        CONSTRAINT ck_exchange_rate_pair CHECK (base <> quote),
        CONSTRAINT uq_exchange_rate UNIQUE (agency_id, rate_date, base, quote, source)
      )`);
    await q.query(`CREATE INDEX ix_exchange_rate_lookup ON exchange_rate (agency_id, base, quote, rate_date DESC)`);
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'exchange_rate');

    // --- Bank files -------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE bank_file (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        message_id text NOT NULL,
        execution_date date NOT NULL,
        state text NOT NULL DEFAULT 'queued',
        payment_count integer NOT NULL,
        control_sum_minor bigint NOT NULL,
        currency char(3) NOT NULL,
        document_id uuid,
        sha256 text,
        error text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT pk_bank_file PRIMARY KEY (id),
        CONSTRAINT fk_bank_file_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_bank_file_document FOREIGN KEY (document_id) REFERENCES stored_document (id),
        CONSTRAINT fk_bank_file_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT uq_bank_file_message UNIQUE (agency_id, message_id),
        CONSTRAINT ck_bank_file_state CHECK (state IN ('queued','running','done','failed')),
        CONSTRAINT ck_bank_file_count CHECK (payment_count > 0)
      )`);

    // --- Payments ---------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE payment (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        program_id uuid NOT NULL,
        grant_id uuid NOT NULL,
        tranche_id uuid NOT NULL,
        amount_minor bigint NOT NULL,
        currency char(3) NOT NULL,
        state text NOT NULL DEFAULT 'requested',
        required_approvals smallint NOT NULL,
        three_people boolean NOT NULL,
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        request_note text,
        approved_by uuid,
        approved_at timestamptz,
        second_approved_by uuid,
        second_approved_at timestamptz,
        bank_file_id uuid,
        paid_by uuid,
        paid_at timestamptz,
        value_date date,
        bank_reference text,
        debited_minor bigint,
        transfer_currency char(3),
        transfer_minor bigint,
        rate numeric(28,12),
        rate_source text,
        fees_minor bigint,
        closed_by uuid,
        closed_at timestamptz,
        close_reason text,
        receipt_confirmed_by uuid,
        receipt_confirmed_at timestamptz,
        received_minor bigint,
        received_currency char(3),
        receipt_note text,
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_payment PRIMARY KEY (id),
        CONSTRAINT fk_payment_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_payment_program FOREIGN KEY (program_id) REFERENCES program (id),
        CONSTRAINT fk_payment_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_payment_tranche FOREIGN KEY (tranche_id) REFERENCES tranche (id),
        CONSTRAINT fk_payment_bank_file FOREIGN KEY (bank_file_id) REFERENCES bank_file (id),
        CONSTRAINT fk_payment_requested_by FOREIGN KEY (requested_by) REFERENCES app_user (id),
        CONSTRAINT fk_payment_approved_by FOREIGN KEY (approved_by) REFERENCES app_user (id),
        CONSTRAINT fk_payment_second_approved_by FOREIGN KEY (second_approved_by) REFERENCES app_user (id),
        CONSTRAINT fk_payment_paid_by FOREIGN KEY (paid_by) REFERENCES app_user (id),
        CONSTRAINT fk_payment_closed_by FOREIGN KEY (closed_by) REFERENCES app_user (id),
        CONSTRAINT fk_payment_receipt_confirmed_by FOREIGN KEY (receipt_confirmed_by) REFERENCES app_user (id),
        CONSTRAINT ck_payment_state CHECK (state IN ('requested','approved','sent_to_bank','paid','rejected','cancelled')),
        CONSTRAINT ck_payment_amount CHECK (amount_minor > 0),
        CONSTRAINT ck_payment_required_approvals CHECK (required_approvals IN (1, 2)),
        -- Segregation of duties, whatever the api does.
        CONSTRAINT ck_payment_sod_approver CHECK (approved_by IS NULL OR approved_by <> requested_by),
        CONSTRAINT ck_payment_sod_second CHECK (second_approved_by IS NULL OR (second_approved_by <> requested_by AND second_approved_by <> approved_by)),
        CONSTRAINT ck_payment_sod_payer CHECK (paid_by IS NULL OR (paid_by <> requested_by AND (NOT three_people OR (paid_by <> approved_by AND paid_by IS DISTINCT FROM second_approved_by)))),
        CONSTRAINT ck_payment_approved_complete CHECK (state NOT IN ('approved','sent_to_bank','paid') OR (approved_by IS NOT NULL AND (required_approvals = 1 OR second_approved_by IS NOT NULL))),
        CONSTRAINT ck_payment_paid_complete CHECK (state <> 'paid' OR (paid_by IS NOT NULL AND value_date IS NOT NULL AND bank_reference IS NOT NULL AND debited_minor > 0 AND transfer_minor > 0 AND rate > 0 AND transfer_currency IS NOT NULL AND fees_minor >= 0)),
        CONSTRAINT ck_payment_received CHECK (received_minor IS NULL OR received_minor >= 0)
      )`);
    // One live payment per tranche: a tranche cannot be paid twice.
    await q.query(`CREATE UNIQUE INDEX uq_payment_live_tranche ON payment (tranche_id) WHERE state NOT IN ('rejected','cancelled')`);
    await q.query(`CREATE INDEX ix_payment_agency_state ON payment (agency_id, state, requested_at)`);
    await q.query(`CREATE INDEX ix_payment_grant ON payment (grant_id)`);
    await q.query(`CREATE INDEX ix_payment_bank_file ON payment (bank_file_id) WHERE bank_file_id IS NOT NULL`);
    // A payment only moves forward; who requested, approved and paid it, what was requested, how many approvers and
    // whether a third person pays are frozen from birth; what was paid is frozen once paid (the grantee's receipt is
    // added once); a payment stays in its bank file unless the file could not be built.
    await q.query(`
      CREATE FUNCTION payment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        file_state text;
      BEGIN
        IF NOT ((OLD.state = NEW.state)
             OR (OLD.state = 'requested' AND NEW.state IN ('approved','rejected','cancelled'))
             OR (OLD.state = 'approved' AND NEW.state IN ('sent_to_bank','rejected','cancelled'))
             OR (OLD.state = 'sent_to_bank' AND NEW.state IN ('paid','rejected','approved'))) THEN
          RAISE EXCEPTION 'payment %: % → % is not a step of its life', OLD.id, OLD.state, NEW.state USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.state IN ('rejected','cancelled') THEN
          RAISE EXCEPTION 'payment % is % and final', OLD.id, OLD.state USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.bank_file_id IS NOT NULL AND NEW.bank_file_id IS DISTINCT FROM OLD.bank_file_id THEN
          SELECT state INTO file_state FROM bank_file WHERE id = OLD.bank_file_id;
          IF NOT (NEW.bank_file_id IS NULL AND file_state = 'failed' AND OLD.state = 'sent_to_bank' AND NEW.state = 'approved') THEN
            RAISE EXCEPTION 'payment % is already in bank file %', OLD.id, OLD.bank_file_id USING ERRCODE = 'insufficient_privilege';
          END IF;
        END IF;
        IF OLD.state = 'sent_to_bank' AND NEW.state = 'approved' AND NOT (OLD.bank_file_id IS NOT NULL AND NEW.bank_file_id IS NULL) THEN
          RAISE EXCEPTION 'payment % goes back to approved only when its bank file could not be built', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.state = 'sent_to_bank' AND NEW.bank_file_id IS NULL THEN
          RAISE EXCEPTION 'payment % is sent to the bank in a bank file', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.requested_by IS DISTINCT FROM OLD.requested_by
           OR (OLD.approved_by IS NOT NULL AND NEW.approved_by IS DISTINCT FROM OLD.approved_by)
           OR (OLD.second_approved_by IS NOT NULL AND NEW.second_approved_by IS DISTINCT FROM OLD.second_approved_by)
           OR (OLD.paid_by IS NOT NULL AND NEW.paid_by IS DISTINCT FROM OLD.paid_by)
           OR NEW.amount_minor <> OLD.amount_minor OR NEW.currency <> OLD.currency
           OR NEW.grant_id <> OLD.grant_id OR NEW.tranche_id <> OLD.tranche_id
           OR NEW.agency_id <> OLD.agency_id OR NEW.program_id <> OLD.program_id
           OR NEW.required_approvals <> OLD.required_approvals OR NEW.three_people <> OLD.three_people
           OR NEW.requested_at <> OLD.requested_at THEN
          RAISE EXCEPTION 'payment %: who requested, approved or paid it, what was requested and the rules it was requested under cannot be rewritten', OLD.id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.state = 'paid' AND (NEW.value_date, NEW.bank_reference, NEW.debited_minor, NEW.transfer_currency, NEW.transfer_minor, NEW.rate,
              NEW.rate_source, NEW.fees_minor, NEW.paid_at, NEW.bank_file_id, NEW.closed_by, NEW.closed_at, NEW.close_reason)
            IS DISTINCT FROM (OLD.value_date, OLD.bank_reference, OLD.debited_minor, OLD.transfer_currency, OLD.transfer_minor, OLD.rate,
              OLD.rate_source, OLD.fees_minor, OLD.paid_at, OLD.bank_file_id, OLD.closed_by, OLD.closed_at, OLD.close_reason) THEN
          RAISE EXCEPTION 'payment % is paid: what was paid cannot be rewritten', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.receipt_confirmed_at IS NOT NULL AND (NEW.receipt_confirmed_by, NEW.receipt_confirmed_at, NEW.received_minor, NEW.received_currency, NEW.receipt_note)
            IS DISTINCT FROM (OLD.receipt_confirmed_by, OLD.receipt_confirmed_at, OLD.received_minor, OLD.received_currency, OLD.receipt_note) THEN
          RAISE EXCEPTION 'payment %: its receipt was confirmed once and stays as confirmed', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.receipt_confirmed_at IS NOT NULL AND NEW.state <> 'paid' THEN
          RAISE EXCEPTION 'payment %: only a paid payment can be confirmed as received', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_payment_guard BEFORE UPDATE ON payment FOR EACH ROW EXECUTE FUNCTION payment_guard()`);
    // Born requested, by nobody's approval, under the agency's rules of the day (never weaker), for a tranche of its grant.
    await q.query(`
      CREATE FUNCTION payment_insert_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        settings record;
        needed smallint;
        g record;
      BEGIN
        IF NEW.state <> 'requested' OR NEW.approved_by IS NOT NULL OR NEW.second_approved_by IS NOT NULL OR NEW.paid_by IS NOT NULL
           OR NEW.bank_file_id IS NOT NULL OR NEW.receipt_confirmed_at IS NOT NULL OR NEW.value_date IS NOT NULL THEN
          RAISE EXCEPTION 'a payment is born requested, approved by nobody' USING ERRCODE = 'insufficient_privilege';
        END IF;
        SELECT second_approval_threshold_minor AS threshold, three_people INTO settings FROM finance_settings WHERE agency_id = NEW.agency_id;
        -- No settings row yet: the column defaults of finance_settings (what the api creates).
        needed := CASE WHEN NEW.amount_minor > coalesce(settings.threshold, 10000000) THEN 2 ELSE 1 END;
        IF NEW.required_approvals < needed THEN
          RAISE EXCEPTION 'a payment of % needs % approvers under the agency threshold, not %', NEW.amount_minor, needed, NEW.required_approvals
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF coalesce(settings.three_people, true) AND NOT NEW.three_people THEN
          RAISE EXCEPTION 'the agency requires a third person to pay' USING ERRCODE = 'insufficient_privilege';
        END IF;
        SELECT agency_id, program_id, currency INTO g FROM grant_award WHERE id = NEW.grant_id;
        IF g.agency_id IS DISTINCT FROM NEW.agency_id OR g.program_id IS DISTINCT FROM NEW.program_id OR g.currency IS DISTINCT FROM NEW.currency
           OR NOT EXISTS (SELECT 1 FROM tranche t WHERE t.id = NEW.tranche_id AND t.grant_id = NEW.grant_id) THEN
          RAISE EXCEPTION 'a payment belongs to a tranche of its grant, in the grant''s agency, program and currency' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_payment_insert_guard BEFORE INSERT ON payment FOR EACH ROW EXECUTE FUNCTION payment_insert_guard()`);
    await revokeFromRuntime(q, 'DELETE', 'payment');

    // --- Idempotency keys -------------------------------------------------------------------
    await q.query(`
      CREATE TABLE idempotency_key (
        user_id uuid NOT NULL,
        idem_key text NOT NULL,
        method text NOT NULL,
        route text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL DEFAULT 'in_progress',
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT pk_idempotency_key PRIMARY KEY (user_id, idem_key),
        CONSTRAINT fk_idempotency_key_user FOREIGN KEY (user_id) REFERENCES app_user (id),
        CONSTRAINT ck_idempotency_key_state CHECK (state IN ('in_progress','done')),
        CONSTRAINT ck_idempotency_key_length CHECK (length(idem_key) BETWEEN 1 AND 200)
      )`);
    await q.query(`CREATE INDEX ix_idempotency_key_created ON idempotency_key (created_at)`);

    // --- The ledger -------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE ledger_account (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        code text NOT NULL,
        scope_type text NOT NULL,
        scope_id uuid NOT NULL,
        program_id uuid,
        currency char(3) NOT NULL,
        -- A stage account (envelope, commitment, requested, advance…) can never go below zero.
        non_negative boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_ledger_account PRIMARY KEY (id),
        CONSTRAINT fk_ledger_account_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_ledger_account_program FOREIGN KEY (program_id) REFERENCES program (id),
        CONSTRAINT uq_ledger_account UNIQUE (agency_id, code, scope_id, currency),
        CONSTRAINT ck_ledger_account_scope CHECK (scope_type IN ('agency','program','call','grant'))
      )`);
    await q.query(`CREATE INDEX ix_ledger_account_program ON ledger_account (program_id)`);
    await q.query(`CREATE INDEX ix_ledger_account_scope ON ledger_account (scope_id)`);
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'ledger_account');

    await q.query(`
      CREATE TABLE journal_entry (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        agency_id uuid NOT NULL,
        program_id uuid,
        grant_id uuid,
        payment_id uuid,
        kind text NOT NULL,
        description text NOT NULL,
        effective_on date NOT NULL,
        reverses_entry_id uuid,
        trail_seq bigint NOT NULL,
        details jsonb,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_journal_entry PRIMARY KEY (id),
        CONSTRAINT uq_journal_entry_seq UNIQUE (seq),
        CONSTRAINT fk_journal_entry_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_journal_entry_program FOREIGN KEY (program_id) REFERENCES program (id),
        CONSTRAINT fk_journal_entry_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_journal_entry_payment FOREIGN KEY (payment_id) REFERENCES payment (id),
        CONSTRAINT fk_journal_entry_reverses FOREIGN KEY (reverses_entry_id) REFERENCES journal_entry (id),
        CONSTRAINT fk_journal_entry_trail FOREIGN KEY (trail_seq) REFERENCES activity_record (seq),
        CONSTRAINT fk_journal_entry_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT uq_journal_entry_reverses UNIQUE (reverses_entry_id)
      )`);
    await q.query(`CREATE INDEX ix_journal_entry_grant ON journal_entry (grant_id, seq)`);
    await q.query(`CREATE INDEX ix_journal_entry_program ON journal_entry (program_id, seq)`);

    await q.query(`
      CREATE TABLE posting (
        id bigint GENERATED ALWAYS AS IDENTITY,
        entry_id uuid NOT NULL,
        account_id uuid NOT NULL,
        currency char(3) NOT NULL,
        -- Signed minor units: debit > 0, credit < 0.
        amount_minor bigint NOT NULL,
        CONSTRAINT pk_posting PRIMARY KEY (id),
        CONSTRAINT fk_posting_entry FOREIGN KEY (entry_id) REFERENCES journal_entry (id),
        CONSTRAINT fk_posting_account FOREIGN KEY (account_id) REFERENCES ledger_account (id),
        CONSTRAINT ck_posting_nonzero CHECK (amount_minor <> 0)
      )`);
    await q.query(`CREATE INDEX ix_posting_entry ON posting (entry_id)`);
    await q.query(`CREATE INDEX ix_posting_account ON posting (account_id, id)`);

    // Balances, kept in the same transaction as the posting by a trigger the runtime role cannot bypass.
    await q.query(`
      CREATE TABLE account_balance (
        account_id uuid NOT NULL,
        non_negative boolean NOT NULL,
        debit_minor bigint NOT NULL DEFAULT 0,
        credit_minor bigint NOT NULL DEFAULT 0,
        balance_minor bigint NOT NULL DEFAULT 0,
        posting_count bigint NOT NULL DEFAULT 0,
        CONSTRAINT pk_account_balance PRIMARY KEY (account_id),
        CONSTRAINT fk_account_balance_account FOREIGN KEY (account_id) REFERENCES ledger_account (id),
        CONSTRAINT ck_account_balance_sum CHECK (balance_minor = debit_minor - credit_minor),
        CONSTRAINT ck_account_balance_non_negative CHECK (NOT non_negative OR balance_minor >= 0)
      )`);
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON account_balance FROM ${app}`);

    await q.query(`
      CREATE FUNCTION ledger_account_open_balance() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO account_balance (account_id, non_negative) VALUES (NEW.id, NEW.non_negative);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_ledger_account_open_balance AFTER INSERT ON ledger_account FOR EACH ROW EXECUTE FUNCTION ledger_account_open_balance()`);

    await q.query(`
      CREATE FUNCTION posting_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        account_currency char(3);
      BEGIN
        SELECT currency INTO account_currency FROM ledger_account WHERE id = NEW.account_id;
        IF account_currency IS DISTINCT FROM NEW.currency THEN
          RAISE EXCEPTION 'posting in % on an account kept in %', NEW.currency, account_currency USING ERRCODE = 'check_violation';
        END IF;
        UPDATE account_balance
           SET debit_minor = debit_minor + GREATEST(NEW.amount_minor, 0),
               credit_minor = credit_minor + GREATEST(-NEW.amount_minor, 0),
               balance_minor = balance_minor + NEW.amount_minor,
               posting_count = posting_count + 1
         WHERE account_id = NEW.account_id;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_posting_apply AFTER INSERT ON posting FOR EACH ROW EXECUTE FUNCTION posting_apply()`);

    // Balanced per currency, and at least two postings per entry: checked at COMMIT (deferred).
    await q.query(`
      CREATE FUNCTION journal_entry_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid;
        unbalanced record;
        postings integer;
      BEGIN
        -- Each branch only names the columns of its own table (PL/pgSQL resolves NEW's fields when a statement runs).
        IF TG_TABLE_NAME = 'posting' THEN
          target := NEW.entry_id;
        ELSE
          target := NEW.id;
        END IF;
        -- History is append-only: postings join only an entry written by their own transaction, and an entry names a
        -- trail record written by its own transaction (xmin: the transaction that inserted the row).
        IF TG_TABLE_NAME = 'posting' THEN
          IF (SELECT e.xmin::text FROM journal_entry e WHERE e.id = target) IS DISTINCT FROM (SELECT p.xmin::text FROM posting p WHERE p.id = NEW.id) THEN
            RAISE EXCEPTION 'posting % joins journal entry % written by an earlier transaction: correct the ledger with a new entry', NEW.id, target
              USING ERRCODE = 'insufficient_privilege';
          END IF;
        ELSIF (SELECT r.xmin::text FROM activity_record r WHERE r.seq = NEW.trail_seq) IS DISTINCT FROM (SELECT e.xmin::text FROM journal_entry e WHERE e.id = NEW.id) THEN
          RAISE EXCEPTION 'journal entry % names trail record % of another transaction: an entry is booked with its own trail record', NEW.id, NEW.trail_seq
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        SELECT count(*) INTO postings FROM posting WHERE entry_id = target;
        IF postings < 2 THEN
          RAISE EXCEPTION 'journal entry % has % posting(s); a double entry needs at least two', target, postings USING ERRCODE = 'check_violation';
        END IF;
        SELECT currency, sum(amount_minor) AS total INTO unbalanced FROM posting WHERE entry_id = target
         GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'journal entry % does not balance in %: postings sum to %', target, unbalanced.currency, unbalanced.total
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER tr_posting_balanced AFTER INSERT ON posting
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_check_balanced()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER tr_journal_entry_balanced AFTER INSERT ON journal_entry
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_check_balanced()`);

    // Append-only: the ledger is corrected by reversing entries, never edited.
    await q.query(`
      CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused (correct a mistake with a reversing entry)', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['journal_entry', 'posting', 'grant_version', 'exchange_rate']) {
      await q.query(`CREATE TRIGGER tr_${table}_refuse_update BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
      await q.query(`CREATE TRIGGER tr_${table}_refuse_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    }
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'journal_entry');
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'posting');
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'grant_version');
    // Nothing of a grant is ever deleted: it is cancelled, closed or superseded, on the trail.
    for (const table of ['finance_settings', 'grant_award', 'tranche', 'grant_report_due', 'grant_finding', 'grant_document', 'bank_file']) {
      await revokeFromRuntime(q, 'DELETE', table);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['journal_entry', 'posting', 'grant_version', 'exchange_rate']) {
      await q.query(`DROP TRIGGER tr_${table}_refuse_update ON ${table}`);
      await q.query(`DROP TRIGGER tr_${table}_refuse_truncate ON ${table}`);
    }
    await q.query(`DROP TABLE account_balance`);
    await q.query(`DROP TABLE posting`);
    await q.query(`DROP TABLE journal_entry`);
    await q.query(`DROP TABLE ledger_account`);
    await q.query(`DROP FUNCTION ledger_refuse_change()`);
    await q.query(`DROP FUNCTION journal_entry_check_balanced()`);
    await q.query(`DROP FUNCTION posting_apply()`);
    await q.query(`DROP FUNCTION ledger_account_open_balance()`);
    await q.query(`DROP TABLE idempotency_key`);
    await q.query(`DROP TABLE payment`);
    await q.query(`DROP FUNCTION payment_guard()`);
    await q.query(`DROP FUNCTION payment_insert_guard()`);
    await q.query(`DROP TABLE bank_file`);
    await q.query(`DROP TABLE exchange_rate`);
    await q.query(`DROP TABLE grant_document`);
    await q.query(`DROP TABLE grant_finding`);
    await q.query(`DROP TABLE grant_report_due`);
    await q.query(`DROP TABLE tranche`);
    await q.query(`DROP TABLE grant_version`);
    await q.query(`DROP TABLE grant_award`);
    await q.query(`DROP FUNCTION grant_award_guard()`);
    await q.query(`DROP FUNCTION grant_award_insert_guard()`);
    await q.query(`ALTER TABLE organization DROP COLUMN bic`);
    await q.query(`DROP TABLE finance_settings`);
  }
}
