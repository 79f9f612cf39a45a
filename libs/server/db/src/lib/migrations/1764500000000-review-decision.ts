import { MigrationInterface, QueryRunner } from 'typeorm';

/** Review and decision (issue 4): reviewer assignments with conflict-of-interest declarations, scores, funding decisions, notifications and the email outbox. */
export class ReviewDecision1764500000000 implements MigrationInterface {
  name = 'ReviewDecision1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application DROP CONSTRAINT ck_application_state`);
    await q.query(`
      ALTER TABLE application ADD CONSTRAINT ck_application_state CHECK (state IN
        ('draft','submitted','screening','eligible','ineligible','returned','resubmitted','withdrawn','in_review','approved','rejected','reserve'))`);
    // Decisions above this amount need a second officer's confirmation (four eyes).
    await q.query(`ALTER TABLE grant_call ADD COLUMN confirmation_threshold_minor bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE grant_call ADD COLUMN disagreement_threshold numeric(4,2) NOT NULL DEFAULT 1.50`);
    await q.query(`
      CREATE TABLE review_assignment (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        call_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        reviewer_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'assigned',
        assigned_by uuid NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        conflict_declared_at timestamptz,
        has_conflict boolean,
        conflict_statement text,
        recommendation text,
        overall_comment text,
        submitted_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_review_assignment PRIMARY KEY (id),
        CONSTRAINT fk_review_assignment_application FOREIGN KEY (application_id) REFERENCES application (id),
        CONSTRAINT fk_review_assignment_call FOREIGN KEY (call_id) REFERENCES grant_call (id),
        CONSTRAINT fk_review_assignment_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_review_assignment_reviewer FOREIGN KEY (reviewer_id) REFERENCES app_user (id),
        CONSTRAINT ck_review_assignment_status CHECK (status IN ('assigned','declared','in_progress','submitted','conflict','reassigned')),
        CONSTRAINT ck_review_assignment_recommendation CHECK (recommendation IS NULL OR recommendation IN ('fund','fund_with_changes','reserve','do_not_fund'))
      )`);
    // One live assignment per reviewer and application; conflicted or reassigned ones stay as history.
    await q.query(`CREATE UNIQUE INDEX uq_review_assignment_live ON review_assignment (application_id, reviewer_id) WHERE status NOT IN ('conflict','reassigned')`);
    await q.query(`CREATE INDEX ix_review_assignment_reviewer ON review_assignment (reviewer_id, status)`);
    await q.query(`CREATE INDEX ix_review_assignment_call ON review_assignment (call_id)`);
    await q.query(`
      CREATE TABLE review_score (
        assignment_id uuid NOT NULL,
        criterion_id text NOT NULL,
        score smallint NOT NULL,
        comment text NOT NULL DEFAULT '',
        CONSTRAINT pk_review_score PRIMARY KEY (assignment_id, criterion_id),
        CONSTRAINT fk_review_score_assignment FOREIGN KEY (assignment_id) REFERENCES review_assignment (id) ON DELETE CASCADE,
        CONSTRAINT ck_review_score_range CHECK (score BETWEEN 0 AND 5)
      )`);
    await q.query(`
      CREATE TABLE funding_decision (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        call_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        outcome text NOT NULL,
        state text NOT NULL,
        amount_minor bigint NOT NULL DEFAULT 0,
        currency char(3) NOT NULL,
        conditions text,
        rejection_reasons text[] NOT NULL DEFAULT '{}',
        rationale text NOT NULL,
        proposed_by uuid NOT NULL,
        proposed_at timestamptz NOT NULL DEFAULT now(),
        confirmed_by uuid,
        confirmed_at timestamptz,
        CONSTRAINT pk_funding_decision PRIMARY KEY (id),
        CONSTRAINT fk_funding_decision_application FOREIGN KEY (application_id) REFERENCES application (id),
        CONSTRAINT fk_funding_decision_call FOREIGN KEY (call_id) REFERENCES grant_call (id),
        CONSTRAINT fk_funding_decision_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_funding_decision_proposed_by FOREIGN KEY (proposed_by) REFERENCES app_user (id),
        CONSTRAINT fk_funding_decision_confirmed_by FOREIGN KEY (confirmed_by) REFERENCES app_user (id),
        CONSTRAINT ck_funding_decision_outcome CHECK (outcome IN ('approved','rejected','reserve')),
        CONSTRAINT ck_funding_decision_state CHECK (state IN ('proposed','confirmed','cancelled')),
        CONSTRAINT ck_funding_decision_amount CHECK (amount_minor >= 0 AND (outcome = 'approved' OR amount_minor = 0)),
        CONSTRAINT ck_funding_decision_four_eyes CHECK (confirmed_by IS NULL OR confirmed_by <> proposed_by)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_funding_decision_live ON funding_decision (application_id) WHERE state <> 'cancelled'`);
    await q.query(`CREATE INDEX ix_funding_decision_call ON funding_decision (call_id, outcome, state)`);
    await q.query(`
      CREATE TABLE notification (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        entity_type text,
        entity_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT pk_notification PRIMARY KEY (id),
        CONSTRAINT fk_notification_user FOREIGN KEY (user_id) REFERENCES app_user (id)
      )`);
    await q.query(`CREATE INDEX ix_notification_user_unread ON notification (user_id, created_at DESC) WHERE read_at IS NULL`);
    await q.query(`
      CREATE TABLE outbound_email (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT pk_outbound_email PRIMARY KEY (id),
        CONSTRAINT fk_outbound_email_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT ck_outbound_email_status CHECK (status IN ('queued','sent','failed'))
      )`);
    await q.query(`CREATE INDEX ix_outbound_email_agency ON outbound_email (agency_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbound_email`);
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE funding_decision`);
    await q.query(`DROP TABLE review_score`);
    await q.query(`DROP TABLE review_assignment`);
    await q.query(`ALTER TABLE grant_call DROP COLUMN disagreement_threshold`);
    await q.query(`ALTER TABLE grant_call DROP COLUMN confirmation_threshold_minor`);
    await q.query(`ALTER TABLE application DROP CONSTRAINT ck_application_state`);
    await q.query(`
      ALTER TABLE application ADD CONSTRAINT ck_application_state CHECK (state IN
        ('draft','submitted','screening','eligible','ineligible','returned','resubmitted','withdrawn'))`);
  }
}
