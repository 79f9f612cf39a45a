import { MigrationInterface, QueryRunner } from 'typeorm';
import { DIRECTORY_BASE_TAXONOMY } from '@mizan/domain';
import { ident, runtimeRole } from './runtime-role';

/**
 * The diaspora expertise directory (issue 15, docs/directory.md): the role `expert`, the taxonomy (sectors → skills,
 * named en / ar / sv), expert profiles with a normalized search text indexed for full-text search (GIN), needs posted
 * by hosts, interests, matches and mentoring sessions.
 *
 * Erasure (GDPR) must remove an expert's rows from tables the runtime role may not delete from (notifications,
 * the email outbox, sessions): `directory_erase_account(user)` does that as the owner (SECURITY DEFINER), for a user
 * holding the role expert only, and nothing else.
 */
export class Directory1765900000000 implements MigrationInterface {
  name = 'Directory1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_role DROP CONSTRAINT ck_user_role_role`);
    await q.query(`ALTER TABLE user_role ADD CONSTRAINT ck_user_role_role CHECK (role IN ('applicant','partner','officer','reviewer','finance','auditor','admin','monitor','expert'))`);

    await q.query(`
      CREATE TABLE directory_sector (
        code text NOT NULL,
        name_en text NOT NULL, name_ar text NOT NULL, name_sv text NOT NULL,
        position integer NOT NULL,
        CONSTRAINT pk_directory_sector PRIMARY KEY (code)
      )`);
    await q.query(`
      CREATE TABLE directory_skill (
        code text NOT NULL,
        sector_code text NOT NULL,
        name_en text NOT NULL, name_ar text NOT NULL, name_sv text NOT NULL,
        position integer NOT NULL,
        CONSTRAINT pk_directory_skill PRIMARY KEY (code),
        CONSTRAINT fk_directory_skill_sector FOREIGN KEY (sector_code) REFERENCES directory_sector (code)
      )`);
    let sp = 0;
    for (const sector of DIRECTORY_BASE_TAXONOMY) {
      await q.query(`INSERT INTO directory_sector (code, name_en, name_ar, name_sv, position) VALUES ($1, $2, $3, $4, $5)`, [sector.code, sector.name.en, sector.name.ar, sector.name.sv, sp++]);
      let kp = 0;
      for (const skill of sector.skills) {
        await q.query(`INSERT INTO directory_skill (code, sector_code, name_en, name_ar, name_sv, position) VALUES ($1, $2, $3, $4, $5, $6)`, [
          skill.code, sector.code, skill.name.en, skill.name.ar, skill.name.sv, kp++,
        ]);
      }
    }

    await q.query(`
      CREATE TABLE directory_profile (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        user_id uuid NOT NULL,
        status text NOT NULL,
        name text NOT NULL,
        profession text NOT NULL DEFAULT '',
        skills text[] NOT NULL DEFAULT '{}',
        sectors text[] NOT NULL DEFAULT '{}',
        free_skills text[] NOT NULL DEFAULT '{}',
        years_of_experience integer NOT NULL DEFAULT 0,
        languages text[] NOT NULL DEFAULT '{}',
        residence_country text,
        residence_city text NOT NULL DEFAULT '',
        city_key text NOT NULL DEFAULT '',
        availability_days integer NOT NULL DEFAULT 0,
        mode text NOT NULL DEFAULT 'online',
        travel_governorates text[] NOT NULL DEFAULT '{}',
        bio text NOT NULL DEFAULT '',
        phone text,
        visibility text NOT NULL DEFAULT 'officers',
        completed boolean NOT NULL DEFAULT false,
        search_text text NOT NULL DEFAULT '',
        search_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
        cv_key text, cv_file_name text, cv_size integer, cv_sha256 text, cv_uploaded_at timestamptz,
        verification_token_hash text,
        verification_expires_at timestamptz,
        held_matches jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_directory_profile PRIMARY KEY (id),
        CONSTRAINT uq_directory_profile_user UNIQUE (user_id),
        CONSTRAINT fk_directory_profile_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_directory_profile_user FOREIGN KEY (user_id) REFERENCES app_user (id),
        CONSTRAINT ck_directory_profile_status CHECK (status IN ('pending_verification','held','active','refused')),
        CONSTRAINT ck_directory_profile_mode CHECK (mode IN ('online','in_person','both')),
        CONSTRAINT ck_directory_profile_visibility CHECK (visibility IN ('officers','officers_and_hosts','public'))
      )`);
    await q.query(`CREATE INDEX ix_directory_profile_search ON directory_profile USING GIN (search_tsv)`);
    await q.query(`CREATE INDEX ix_directory_profile_skills ON directory_profile USING GIN (skills)`);
    await q.query(`CREATE INDEX ix_directory_profile_list ON directory_profile (agency_id, name, id) WHERE status = 'active' AND completed`);
    await q.query(`CREATE UNIQUE INDEX uq_directory_profile_token ON directory_profile (verification_token_hash) WHERE verification_token_hash IS NOT NULL`);

    await q.query(`
      CREATE TABLE directory_need (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        kind text NOT NULL,
        state text NOT NULL DEFAULT 'open',
        title text NOT NULL,
        description text NOT NULL,
        terms jsonb NOT NULL,
        sector text NOT NULL,
        governorate text NOT NULL,
        posted_by uuid NOT NULL,
        organization_id uuid,
        partner_organization_id uuid,
        host_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT pk_directory_need PRIMARY KEY (id),
        CONSTRAINT fk_directory_need_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_directory_need_posted_by FOREIGN KEY (posted_by) REFERENCES app_user (id),
        CONSTRAINT ck_directory_need_kind CHECK (kind IN ('assignment','partnership')),
        CONSTRAINT ck_directory_need_state CHECK (state IN ('open','matched','closed'))
      )`);
    await q.query(`CREATE INDEX ix_directory_need_list ON directory_need (agency_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_directory_need_poster ON directory_need (posted_by, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE directory_interest (
        need_id uuid NOT NULL,
        profile_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_directory_interest PRIMARY KEY (need_id, profile_id),
        CONSTRAINT fk_directory_interest_need FOREIGN KEY (need_id) REFERENCES directory_need (id),
        CONSTRAINT fk_directory_interest_profile FOREIGN KEY (profile_id) REFERENCES directory_profile (id) ON DELETE CASCADE
      )`);

    // After erasure a match keeps its need, state and rating (the host's history) without its expert: profile_id NULL.
    await q.query(`
      CREATE TABLE directory_match (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        need_id uuid NOT NULL,
        profile_id uuid,
        state text NOT NULL DEFAULT 'proposed',
        mode text NOT NULL,
        score integer NOT NULL,
        reasons jsonb NOT NULL,
        note text,
        proposed_by uuid NOT NULL,
        proposed_at timestamptz NOT NULL DEFAULT now(),
        expert_answered_at timestamptz,
        host_answered_at timestamptz,
        closed_at timestamptz,
        rating integer,
        outcome text,
        decline_reason text,
        CONSTRAINT pk_directory_match PRIMARY KEY (id),
        CONSTRAINT fk_directory_match_need FOREIGN KEY (need_id) REFERENCES directory_need (id),
        CONSTRAINT fk_directory_match_profile FOREIGN KEY (profile_id) REFERENCES directory_profile (id) ON DELETE SET NULL,
        CONSTRAINT fk_directory_match_proposed_by FOREIGN KEY (proposed_by) REFERENCES app_user (id),
        CONSTRAINT uq_directory_match_pair UNIQUE (need_id, profile_id),
        CONSTRAINT ck_directory_match_state CHECK (state IN ('proposed','accepted','declined','active','closed')),
        CONSTRAINT ck_directory_match_mode CHECK (mode IN ('online','in_person','both')),
        CONSTRAINT ck_directory_match_rating CHECK (rating IS NULL OR rating BETWEEN 1 AND 5)
      )`);
    await q.query(`CREATE INDEX ix_directory_match_profile ON directory_match (profile_id)`);

    await q.query(`
      CREATE TABLE directory_session (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        match_id uuid NOT NULL,
        profile_id uuid,
        held_on date NOT NULL,
        hours numeric(5,2) NOT NULL,
        mode text NOT NULL,
        topic text NOT NULL,
        note text NOT NULL,
        logged_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_directory_session PRIMARY KEY (id),
        CONSTRAINT fk_directory_session_match FOREIGN KEY (match_id) REFERENCES directory_match (id),
        CONSTRAINT ck_directory_session_mode CHECK (mode IN ('online','in_person')),
        CONSTRAINT ck_directory_session_hours CHECK (hours > 0 AND hours <= 24)
      )`);
    await q.query(`CREATE INDEX ix_directory_session_match ON directory_session (match_id, held_on)`);

    await q.query(`
      CREATE FUNCTION directory_erase_account(target uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        addr text;
      BEGIN
        IF EXISTS (SELECT 1 FROM user_role WHERE user_id = target AND role <> 'expert') OR NOT EXISTS (SELECT 1 FROM user_role WHERE user_id = target AND role = 'expert') THEN
          RAISE EXCEPTION 'directory_erase_account: not an expert-only account';
        END IF;
        SELECT email INTO addr FROM app_user WHERE id = target;
        DELETE FROM notification WHERE user_id = target;
        DELETE FROM outbound_email WHERE lower(to_address) = lower(addr);
        DELETE FROM user_session WHERE user_id = target;
        UPDATE app_user SET email = 'erased-' || target::text || '@erased.invalid', display_name = 'erased', password_hash = '!', active = false, language = NULL WHERE id = target;
      END $$`);
    const role = await runtimeRole(q);
    await q.query(`REVOKE ALL ON FUNCTION directory_erase_account(uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION directory_erase_account(uuid) TO ${ident(role)}`);
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON directory_sector, directory_skill FROM ${ident(role)}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION directory_erase_account(uuid)`);
    await q.query(`DROP TABLE directory_session, directory_match, directory_interest, directory_need, directory_profile, directory_skill, directory_sector`);
    await q.query(`DELETE FROM user_role WHERE role = 'expert'`);
    await q.query(`ALTER TABLE user_role DROP CONSTRAINT ck_user_role_role`);
    await q.query(`ALTER TABLE user_role ADD CONSTRAINT ck_user_role_role CHECK (role IN ('applicant','partner','officer','reviewer','finance','auditor','admin','monitor'))`);
  }
}
