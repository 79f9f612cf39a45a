import { MigrationInterface, QueryRunner } from 'typeorm';
import { revokeFromRuntime } from './runtime-role';

/**
 * Transparency (issue 16): the agency's IATI identity, what each program publishes, and the publications (each
 * attempt; a published one keeps its file's storage key and SHA-256, a failed one its validation errors). A
 * partner may ask not to be named in publications.
 */
export class Transparency1765950000000 implements MigrationInterface {
  name = 'Transparency1765950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE partner_organization ADD COLUMN withhold_from_publication boolean NOT NULL DEFAULT false`,
    );
    await q.query(`
      CREATE TABLE iati_identity (
        agency_id uuid NOT NULL,
        organisation_identifier text NOT NULL,
        name jsonb NOT NULL,
        organisation_type text NOT NULL,
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_iati_identity PRIMARY KEY (agency_id),
        CONSTRAINT fk_iati_identity_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_iati_identity_updated_by FOREIGN KEY (updated_by) REFERENCES app_user (id)
      )`);
    await revokeFromRuntime(q, 'DELETE', 'iati_identity');
    await q.query(`
      CREATE TABLE program_publication (
        program_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        published boolean NOT NULL DEFAULT false,
        public_summary jsonb,
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        row_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_program_publication PRIMARY KEY (program_id),
        CONSTRAINT fk_program_publication_program FOREIGN KEY (program_id) REFERENCES program (id),
        CONSTRAINT fk_program_publication_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_program_publication_updated_by FOREIGN KEY (updated_by) REFERENCES app_user (id)
      )`);
    await revokeFromRuntime(q, 'DELETE', 'program_publication');
    await q.query(`
      CREATE TABLE iati_publication (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        program_id uuid NOT NULL,
        version integer,
        status text NOT NULL DEFAULT 'queued',
        trigger text NOT NULL,
        sha256 char(64),
        byte_size integer,
        activity_count integer,
        storage_key text,
        errors jsonb NOT NULL DEFAULT '[]',
        page jsonb,
        requested_by uuid,
        requested_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        CONSTRAINT pk_iati_publication PRIMARY KEY (id),
        CONSTRAINT fk_iati_publication_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_iati_publication_program FOREIGN KEY (program_id) REFERENCES program (id),
        CONSTRAINT fk_iati_publication_requested_by FOREIGN KEY (requested_by) REFERENCES app_user (id),
        CONSTRAINT ck_iati_publication_status CHECK (status IN ('queued','running','published','failed','unchanged')),
        CONSTRAINT ck_iati_publication_trigger CHECK (trigger IN ('manual','schedule','payment')),
        CONSTRAINT ck_iati_publication_published CHECK (status <> 'published' OR (version IS NOT NULL AND sha256 IS NOT NULL AND storage_key IS NOT NULL AND published_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_iati_publication_version ON iati_publication (program_id, version) WHERE version IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX uq_iati_publication_open ON iati_publication (program_id) WHERE status IN ('queued','running')`,
    );
    await q.query(
      `CREATE INDEX ix_iati_publication_program ON iati_publication (program_id, requested_at DESC)`,
    );
    await revokeFromRuntime(q, 'DELETE', 'iati_publication');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE iati_publication`);
    await q.query(`DROP TABLE program_publication`);
    await q.query(`DROP TABLE iati_identity`);
    await q.query(
      `ALTER TABLE partner_organization DROP COLUMN withhold_from_publication`,
    );
  }
}
