import { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity, sessions, the append-only hash-chained activity trail, stored documents and trail exports. */
export class Platform1764000000000 implements MigrationInterface {
  name = 'Platform1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agency (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL,
        country_code char(2) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_agency PRIMARY KEY (id),
        CONSTRAINT uq_agency_slug UNIQUE (slug)
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_app_user PRIMARY KEY (id),
        CONSTRAINT fk_app_user_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT ck_app_user_email_lower CHECK (email = lower(email))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_app_user_email ON app_user (email)`);
    await q.query(`CREATE INDEX ix_app_user_agency ON app_user (agency_id)`);
    await q.query(`
      CREATE TABLE user_role (
        user_id uuid NOT NULL,
        role text NOT NULL,
        CONSTRAINT pk_user_role PRIMARY KEY (user_id, role),
        CONSTRAINT fk_user_role_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT ck_user_role_role CHECK (role IN ('applicant','partner','officer','reviewer','finance','auditor','admin'))
      )`);
    await q.query(`
      CREATE TABLE user_session (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        idle_expires_at timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        client_ip text,
        user_agent text,
        CONSTRAINT pk_user_session PRIMARY KEY (id),
        CONSTRAINT fk_user_session_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT uq_user_session_token_hash UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX ix_user_session_user ON user_session (user_id)`);
    await q.query(`
      CREATE TABLE activity_record (
        seq bigint NOT NULL,
        occurred_at timestamptz NOT NULL,
        agency_id uuid,
        actor_id uuid,
        actor_label text NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        reason text,
        previous_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT pk_activity_record PRIMARY KEY (seq),
        CONSTRAINT uq_activity_record_hash UNIQUE (hash),
        CONSTRAINT uq_activity_record_previous_hash UNIQUE (previous_hash),
        CONSTRAINT ck_activity_record_seq_positive CHECK (seq > 0)
      )`);
    await q.query(`CREATE INDEX ix_activity_record_agency_seq ON activity_record (agency_id, seq DESC)`);
    await q.query(`CREATE INDEX ix_activity_record_entity ON activity_record (entity_type, entity_id)`);
    await q.query(`CREATE INDEX ix_activity_record_occurred_at ON activity_record (occurred_at)`);
    // The trail is append-only: the database itself refuses to change or remove a record.
    await q.query(`
      CREATE FUNCTION activity_record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'activity_record is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_activity_record_no_update_delete BEFORE UPDATE OR DELETE ON activity_record
      FOR EACH ROW EXECUTE FUNCTION activity_record_refuse_change()`);
    await q.query(`
      CREATE TRIGGER tr_activity_record_no_truncate BEFORE TRUNCATE ON activity_record
      FOR EACH STATEMENT EXECUTE FUNCTION activity_record_refuse_change()`);
    await q.query(`
      CREATE TABLE stored_document (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        kind text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        storage_key text NOT NULL,
        sha256 char(64) NOT NULL,
        size_bytes bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_stored_document PRIMARY KEY (id),
        CONSTRAINT fk_stored_document_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT ck_stored_document_size CHECK (size_bytes >= 0)
      )`);
    await q.query(`CREATE INDEX ix_stored_document_sha256 ON stored_document (sha256)`);
    await q.query(`
      CREATE TABLE trail_export (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        requested_by uuid NOT NULL,
        head_seq bigint NOT NULL,
        state text NOT NULL,
        document_id uuid,
        failed_reason text,
        requested_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT pk_trail_export PRIMARY KEY (id),
        CONSTRAINT fk_trail_export_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_trail_export_requested_by FOREIGN KEY (requested_by) REFERENCES app_user (id),
        CONSTRAINT fk_trail_export_document FOREIGN KEY (document_id) REFERENCES stored_document (id),
        CONSTRAINT uq_trail_export_agency_head UNIQUE (agency_id, head_seq),
        CONSTRAINT ck_trail_export_state CHECK (state IN ('waiting','active','completed','failed'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE trail_export`);
    await q.query(`DROP TABLE stored_document`);
    await q.query(`DROP TABLE activity_record`);
    await q.query(`DROP FUNCTION activity_record_refuse_change()`);
    await q.query(`DROP TABLE user_session`);
    await q.query(`DROP TABLE user_role`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE agency`);
  }
}
