import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Redis } from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import {
  DIRECTORY_CONTACT_STATES,
  DIRECTORY_MIN_CELL,
  DIRECTORY_VERIFY_WEB_PATH,
  ErrorCode,
  type DirectoryAggregateDimension,
  type DirectoryAggregateView,
  type DirectoryCandidatesView,
  type DirectoryCloseInput,
  type DirectoryContact,
  type DirectoryExport,
  type DirectoryHeldView,
  type DirectoryMatchListQuery,
  type DirectoryMatchReason,
  type DirectoryMatchState,
  type DirectoryMatchView,
  type DirectoryNeedFitView,
  type DirectoryNeedInput,
  type DirectoryNeedPage,
  type DirectoryNeedView,
  type DirectoryOrganizationMatchView,
  type DirectoryOwnProfileView,
  type DirectoryProfileInput,
  type DirectoryProfileSummary,
  type DirectoryPublicPage,
  type DirectoryPublicProfileView,
  type DirectoryRegistrationInput,
  type DirectoryReleaseInput,
  type DirectorySearchPage,
  type DirectorySearchQuery,
  type DirectorySessionInput,
  type DirectorySessionView,
  type DirectorySkillSuggestionView,
  type DirectoryTaxonomyView,
  type DirectoryVerificationResult,
  type DirectoryAssignmentTerms,
  type DirectoryPartnershipTerms,
  type UserLanguage,
} from '@mizan/contracts';
import {
  aggregateWithThreshold,
  directoryQueryTerms,
  directorySearchText,
  latestTodayIso,
  matchExpert,
  matchOrganizations,
  normalizeText,
  rankCandidates,
  screenName,
  stripDirectionControls,
  type MatchExpert,
  type MatchNeed,
  type MonitoringSecurityLevel,
} from '@mizan/domain';
import { KeysetColumn, KeysetQueryDto, KeysetValue, MIZAN_CONFIG, MizanConfig, MizanException, REDIS, cappedCountSql, readKeysetPage, renderEmail } from '@mizan/server/core';
import { AuthenticatedRequestContext, hashPassword, verifyPassword } from '@mizan/server/identity';
import { NotificationsService } from '@mizan/server/review';
import { ScreeningIndexCache, screeningThresholds } from '@mizan/server/screening';
import { FileStore, acceptedFileType, plainFileName } from '@mizan/server/storage';
import { TrailActor, TrailEntry, TrailService } from '@mizan/server/trail';

/** Registrations accepted per client address and per email address within the window (then 429). */
const REGISTRATIONS_PER_IP = 10;
const REGISTRATIONS_PER_EMAIL = 3;
const REGISTRATION_WINDOW_SECONDS = 3600;
const VERIFICATION_HOURS = 48;
/** Profiles a matching run scores exactly (the best of those sharing a skill or the sector, pre-ranked in SQL). */
const MATCHING_POOL = 500;

interface ProfileRow {
  id: string;
  agency_id: string;
  user_id: string;
  status: DirectoryOwnProfileView['status'];
  name: string;
  profession: string;
  skills: string[];
  sectors: string[];
  free_skills: string[];
  years_of_experience: number;
  languages: string[];
  residence_country: string | null;
  residence_city: string;
  availability_days: number;
  mode: DirectoryProfileSummary['mode'];
  travel_governorates: string[];
  bio: string;
  phone: string | null;
  visibility: DirectoryProfileSummary['visibility'];
  completed: boolean;
  cv_file_name: string | null;
  cv_size: number | null;
  cv_uploaded_at: Date | null;
  updated_at: Date;
  created_at: Date;
}

interface NeedRow {
  id: string;
  agency_id: string;
  kind: 'assignment' | 'partnership';
  state: 'open' | 'matched' | 'closed';
  title: string;
  description: string;
  terms: DirectoryAssignmentTerms | DirectoryPartnershipTerms;
  sector: string;
  governorate: string;
  posted_by: string;
  organization_id: string | null;
  partner_organization_id: string | null;
  host_name: string;
  created_at: Date;
  created_key?: string;
  interest_count?: number;
}

interface MatchRow {
  id: string;
  agency_id: string;
  need_id: string;
  profile_id: string | null;
  state: DirectoryMatchState;
  mode: 'online' | 'in_person' | 'both';
  score: number;
  reasons: DirectoryMatchReason[];
  note: string | null;
  proposed_at: Date;
  expert_answered_at: Date | null;
  host_answered_at: Date | null;
  closed_at: Date | null;
  rating: number | null;
  outcome: string | null;
}

type Viewer = 'officer' | 'host' | 'expert';

const PROFILE_COLUMNS = `p.id, p.agency_id, p.user_id, p.status, p.name, p.profession, p.skills, p.sectors, p.free_skills, p.years_of_experience, p.languages,
  p.residence_country, p.residence_city, p.availability_days, p.mode, p.travel_governorates, p.bio, p.phone, p.visibility, p.completed,
  p.cv_file_name, p.cv_size, p.cv_uploaded_at, p.updated_at, p.created_at`;

const PROFILE_ORDER: KeysetColumn[] = [
  { sql: 'p.name', direction: 'asc', type: 'text' },
  { sql: 'p.id', direction: 'asc', type: 'uuid' },
];
const NEED_ORDER: KeysetColumn[] = [
  { sql: 'n.created_at', direction: 'desc', type: 'timestamptz' },
  { sql: 'n.id', direction: 'desc', type: 'uuid' },
];

/** Trail actor of an expert: pseudonymous (the profile id), never their name or email. */
export function expertActor(userId: string | null, profileId: string): TrailActor {
  return { id: userId, label: `expert ${profileId}` };
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function isOfficer(auth: AuthenticatedRequestContext): boolean {
  return auth.user.roles().includes('officer');
}

function summary(row: ProfileRow): DirectoryProfileSummary {
  return {
    id: row.id,
    name: row.name,
    profession: row.profession,
    sectors: row.sectors,
    skills: row.skills,
    freeSkills: row.free_skills,
    yearsOfExperience: row.years_of_experience,
    languages: row.languages as DirectoryProfileSummary['languages'],
    residenceCountry: (row.residence_country ?? 'SE') as DirectoryProfileSummary['residenceCountry'],
    residenceCity: row.residence_city,
    availabilityDaysPerYear: row.availability_days,
    mode: row.mode,
    travelGovernorates: row.travel_governorates,
    bio: row.bio,
    visibility: row.visibility,
    hasCv: row.cv_file_name !== null,
  };
}

function publicView(row: ProfileRow): DirectoryPublicProfileView {
  return {
    id: row.id,
    name: row.name,
    profession: row.profession,
    sectors: row.sectors,
    skills: row.skills,
    languages: row.languages as DirectoryPublicProfileView['languages'],
    residenceCountry: (row.residence_country ?? 'SE') as DirectoryPublicProfileView['residenceCountry'],
    residenceCity: row.residence_city,
    mode: row.mode,
  };
}

function needView(row: NeedRow): DirectoryNeedView {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    title: row.title,
    description: row.description,
    assignment: row.kind === 'assignment' ? (row.terms as DirectoryAssignmentTerms) : null,
    partnership: row.kind === 'partnership' ? (row.terms as DirectoryPartnershipTerms) : null,
    host: { organizationId: row.partner_organization_id ?? row.organization_id, name: row.host_name },
    postedAt: row.created_at.toISOString(),
    interestCount: Number(row.interest_count ?? 0),
  };
}

function matchNeedOf(row: NeedRow): MatchNeed {
  const t = row.terms as DirectoryAssignmentTerms;
  return { sector: t.sector, skills: t.skills, language: t.language, daysNeeded: t.daysNeeded, mode: t.mode, governorate: t.governorate };
}

function expertOf(row: ProfileRow, interested = false): MatchExpert {
  return {
    skills: row.skills,
    sectors: row.sectors,
    languages: row.languages,
    availabilityDaysPerYear: row.availability_days,
    mode: row.mode,
    travelGovernorates: row.travel_governorates,
    interested,
  };
}

function webBaseUrl(): string {
  return (process.env['MIZAN_WEB_URL'] ?? 'http://localhost:4200').replace(/\/+$/, '');
}

/**
 * The diaspora expertise directory (issue 15, docs/directory.md). Every change is on the trail in its transaction,
 * with pseudonymous references only for experts (profile ids; no names, emails or free text), so erasing an expert
 * never conflicts with the append-only trail.
 */
@Injectable()
export class DirectoryService {
  private readonly files: FileStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(MIZAN_CONFIG) private readonly config: MizanConfig,
    private readonly trail: TrailService,
    private readonly notifications: NotificationsService,
    private readonly screening: ScreeningIndexCache,
  ) {
    this.files = new FileStore(this.config.storageDir);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Taxonomy

  async taxonomy(): Promise<DirectoryTaxonomyView> {
    const sectors = (await this.dataSource.query(`SELECT code, name_en, name_ar, name_sv FROM directory_sector ORDER BY position, code`)) as {
      code: string;
      name_en: string;
      name_ar: string;
      name_sv: string;
    }[];
    const skills = (await this.dataSource.query(`SELECT code, sector_code, name_en, name_ar, name_sv FROM directory_skill ORDER BY position, code`)) as {
      code: string;
      sector_code: string;
      name_en: string;
      name_ar: string;
      name_sv: string;
    }[];
    return {
      sectors: sectors.map((s) => ({
        code: s.code,
        name: { en: s.name_en, ar: s.name_ar, sv: s.name_sv },
        skills: skills.filter((k) => k.sector_code === s.code).map((k) => ({ code: k.code, sectorCode: k.sector_code, name: { en: k.name_en, ar: k.name_ar, sv: k.name_sv } })),
      })),
    };
  }

  async skillSuggestions(auth: AuthenticatedRequestContext): Promise<DirectorySkillSuggestionView[]> {
    const rows = (await this.dataSource.query(
      `SELECT lower(s) AS text, count(*)::int AS count FROM directory_profile p, unnest(p.free_skills) s
        WHERE p.agency_id = $1 AND p.status = 'active' GROUP BY lower(s) HAVING count(*) >= 1 ORDER BY count(*) DESC, lower(s) LIMIT 200`,
      [auth.user.agencyId],
    )) as DirectorySkillSuggestionView[];
    return rows;
  }

  private async skillSectors(manager: EntityManager, codes: readonly string[]): Promise<string[]> {
    const rows = (await manager.query(`SELECT code, sector_code FROM directory_skill WHERE code = ANY($1::text[])`, [codes])) as { code: string; sector_code: string }[];
    const known = new Set(rows.map((r) => r.code));
    const unknown = codes.find((c) => !known.has(c));
    if (unknown !== undefined) {
      throw MizanException.withParams(ErrorCode.DirectoryUnknownSkill, `Unknown skill ${unknown}`, { code: unknown }, [{ field: 'skills', message: `unknown skill ${unknown}` }]);
    }
    return [...new Set(rows.map((r) => r.sector_code))].sort();
  }

  private async assertSector(manager: EntityManager, code: string, field: string): Promise<void> {
    const rows = (await manager.query(`SELECT 1 FROM directory_sector WHERE code = $1`, [code])) as unknown[];
    if (rows.length === 0) throw MizanException.withParams(ErrorCode.DirectoryUnknownSkill, `Unknown sector ${code}`, { code }, [{ field, message: `unknown sector ${code}` }]);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Registration

  private async rateLimit(key: string, max: number): Promise<void> {
    const count = await this.redis.incr(key);
    if (count === 1) await this.redis.expire(key, REGISTRATION_WINDOW_SECONDS);
    if (count > max) {
      const ttl = await this.redis.ttl(key);
      const e = new MizanException(ErrorCode.RateLimited, 'Too many registrations; try again later');
      (e as MizanException & { retryAfterSeconds?: number }).retryAfterSeconds = ttl > 0 ? ttl : REGISTRATION_WINDOW_SECONDS;
      throw e;
    }
  }

  /** Anyone may register; the answer is the same whether or not the email is known (no account enumeration). */
  async register(input: DirectoryRegistrationInput, clientIp: string): Promise<void> {
    const email = input.email.trim().toLowerCase();
    await this.rateLimit(`${this.config.queuePrefix}:directory:register:ip:${clientIp}`, REGISTRATIONS_PER_IP);
    await this.rateLimit(`${this.config.queuePrefix}:directory:register:email:${tokenHash(email)}`, REGISTRATIONS_PER_EMAIL);
    const passwordHash = await hashPassword(input.password);
    const token = randomBytes(32).toString('base64url');
    const emailIds = await this.trail.record(async (manager) => {
      const existing = (await manager.query(`SELECT u.id, p.id AS profile_id, p.status FROM app_user u LEFT JOIN directory_profile p ON p.user_id = u.id WHERE u.email = $1`, [email])) as {
        id: string;
        profile_id: string | null;
        status: string | null;
      }[];
      const [agency] = (await manager.query(`SELECT id FROM agency ORDER BY created_at, id LIMIT 1`)) as { id: string }[];
      if (!agency) throw new MizanException(ErrorCode.Conflict, 'No agency runs this directory yet');
      let profileId: string;
      let userId: string;
      if (existing[0]) {
        // Only a registration still waiting for its verification gets a fresh link; any other account: nothing.
        if (existing[0].status !== 'pending_verification' || !existing[0].profile_id) return { result: [] as string[], entries: [] };
        userId = existing[0].id;
        profileId = existing[0].profile_id;
        await manager.query(`UPDATE app_user SET password_hash = $2, display_name = $3, language = $4 WHERE id = $1`, [userId, passwordHash, input.name.trim(), input.language]);
        await manager.query(
          `UPDATE directory_profile SET name = $2, verification_token_hash = $3, verification_expires_at = now() + make_interval(hours => $4), updated_at = now() WHERE id = $1`,
          [profileId, input.name.trim(), tokenHash(token), VERIFICATION_HOURS],
        );
      } else {
        const [user] = (await manager.query(
          `INSERT INTO app_user (agency_id, email, display_name, password_hash, active, language) VALUES ($1, $2, $3, $4, false, $5) RETURNING id`,
          [agency.id, email, input.name.trim(), passwordHash, input.language],
        )) as { id: string }[];
        userId = user.id;
        await manager.query(`INSERT INTO user_role (user_id, role) VALUES ($1, 'expert')`, [userId]);
        const [profile] = (await manager.query(
          `INSERT INTO directory_profile (agency_id, user_id, status, name, verification_token_hash, verification_expires_at)
           VALUES ($1, $2, 'pending_verification', $3, $4, now() + make_interval(hours => $5)) RETURNING id`,
          [agency.id, userId, input.name.trim(), tokenHash(token), VERIFICATION_HOURS],
        )) as { id: string }[];
        profileId = profile.id;
      }
      const link = `${webBaseUrl()}/${DIRECTORY_VERIFY_WEB_PATH}?token=${encodeURIComponent(token)}`;
      const rendered = renderEmail(input.language as UserLanguage, { key: 'directory.verify', params: { name: input.name.trim(), link: { $link: link }, hours: VERIFICATION_HOURS } });
      const [mail] = (await manager.query(
        `INSERT INTO outbound_email (agency_id, to_address, subject, text_body, html_body, language, status, attempts, entity_type, entity_id)
         VALUES ($1, $2, $3, $4, $5, $6, 'queued', 0, 'directory_profile', $7) RETURNING id`,
        [agency.id, email, rendered.subject, rendered.text, rendered.html, rendered.language, profileId],
      )) as { id: string }[];
      const entries: TrailEntry[] = [
        { actor: { id: null, label: 'registration' }, agencyId: agency.id, action: 'directory.expert_registered', entityType: 'directory_profile', entityId: profileId, after: { status: 'pending_verification' } },
      ];
      return { result: [mail.id], entries };
    });
    await this.notifications.deliver(emailIds);
  }

  /** The link of the mail: the account becomes active, or held for an officer when the name is a potential sanctions match. */
  async verify(token: string): Promise<DirectoryVerificationResult> {
    const invalid = () => new MizanException(ErrorCode.DirectoryVerificationInvalid, 'This verification link is unknown, used or expired', [{ field: 'token', message: 'unknown, used or expired' }]);
    return this.trail.record(async (manager) => {
      const [row] = (await manager.query(
        `SELECT id, agency_id, user_id, name FROM directory_profile WHERE verification_token_hash = $1 AND status = 'pending_verification' AND verification_expires_at > now() FOR UPDATE`,
        [tokenHash(stripDirectionControls(token).trim())],
      )) as { id: string; agency_id: string; user_id: string; name: string }[];
      if (!row) throw invalid();
      const hits = await this.screenName(manager, row.agency_id, row.name);
      const status = hits.length > 0 ? 'held' : 'active';
      await manager.query(
        `UPDATE directory_profile SET status = $2, held_matches = $3::jsonb, verification_token_hash = NULL, verification_expires_at = NULL, updated_at = now() WHERE id = $1`,
        [row.id, status, hits.length > 0 ? JSON.stringify(hits) : null],
      );
      if (status === 'active') await manager.query(`UPDATE app_user SET active = true WHERE id = $1`, [row.user_id]);
      const actor = expertActor(row.user_id, row.id);
      const entries: TrailEntry[] = [{ actor, agencyId: row.agency_id, action: 'directory.expert_verified', entityType: 'directory_profile', entityId: row.id, after: { status: 'verified' } }];
      if (status === 'held') {
        entries.push({
          actor: { id: null, label: 'screening' },
          agencyId: row.agency_id,
          action: 'directory.expert_held',
          entityType: 'directory_profile',
          entityId: row.id,
          after: { status: 'held', entries: hits.map((h) => h.entryId) },
        });
      }
      return { result: { status }, entries };
    });
  }

  /** The name against the agency's current sanctions list with its threshold (the engine that screens every other party). */
  private async screenName(manager: EntityManager, agencyId: string, name: string): Promise<{ entryId: string; score: number }[]> {
    const list = await this.screening.current(manager, agencyId);
    if (!list) return [];
    const { threshold } = await screeningThresholds(manager, agencyId);
    return screenName(list.index, name, 'person', { minScore: threshold, limit: 5 })
      .filter((c) => c.score >= threshold)
      .map((c) => ({ entryId: list.entryIds[c.entryIndex], score: c.score }));
  }

  async held(auth: AuthenticatedRequestContext): Promise<DirectoryHeldView[]> {
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.name, u.email, p.created_at, p.held_matches FROM directory_profile p JOIN app_user u ON u.id = p.user_id
        WHERE p.agency_id = $1 AND p.status = 'held' ORDER BY p.created_at`,
      [auth.user.agencyId],
    )) as { id: string; name: string; email: string; created_at: Date; held_matches: { entryId: string; score?: number }[] | null }[];
    return rows.map((r) => {
      const matches = (r.held_matches ?? []).map((h) => ({ entryId: h.entryId, score: h.score ?? 0 })).sort((a, b) => b.score - a.score);
      return { profileId: r.id, name: r.name, email: r.email, registeredAt: r.created_at.toISOString(), screeningMatchIds: matches.map((m) => m.entryId), screeningMatches: matches };
    });
  }

  async release(auth: AuthenticatedRequestContext, profileId: string, input: DirectoryReleaseInput): Promise<DirectoryOwnProfileView> {
    await this.trail.record(async (manager) => {
      const [row] = (await manager.query(`SELECT id, user_id, status FROM directory_profile WHERE id = $1 AND agency_id = $2 FOR UPDATE`, [profileId, auth.user.agencyId])) as {
        id: string;
        user_id: string;
        status: string;
      }[];
      if (!row) throw MizanException.notFound('Profile');
      if (row.status !== 'held') throw MizanException.withParams(ErrorCode.DirectoryNotHeld, 'This registration is not held', { state: row.status });
      const status = input.decision === 'release' ? 'active' : 'refused';
      await manager.query(`UPDATE directory_profile SET status = $2, updated_at = now() WHERE id = $1`, [row.id, status]);
      if (status === 'active') await manager.query(`UPDATE app_user SET active = true WHERE id = $1`, [row.user_id]);
      return {
        result: undefined,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId: auth.user.agencyId,
            action: status === 'active' ? 'directory.expert_released' : 'directory.expert_refused',
            entityType: 'directory_profile',
            entityId: row.id,
            before: { status: 'held' },
            after: { status },
            reason: input.reason.trim(),
          },
        ],
      };
    });
    return this.ownView(this.dataSource.manager, profileId);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The expert's own profile

  private async ownProfileRow(manager: EntityManager, userId: string, lock = false): Promise<ProfileRow | null> {
    const [row] = (await manager.query(`SELECT ${PROFILE_COLUMNS} FROM directory_profile p WHERE p.user_id = $1${lock ? ' FOR UPDATE' : ''}`, [userId])) as ProfileRow[];
    return row ?? null;
  }

  private async ownView(manager: EntityManager, profileId: string): Promise<DirectoryOwnProfileView> {
    const [row] = (await manager.query(`SELECT ${PROFILE_COLUMNS}, u.email FROM directory_profile p JOIN app_user u ON u.id = p.user_id WHERE p.id = $1`, [profileId])) as (ProfileRow & {
      email: string;
    })[];
    if (!row) throw MizanException.notFound('Profile');
    return {
      ...summary(row),
      status: row.status,
      email: row.email,
      phone: row.phone,
      cv: row.cv_file_name ? { fileName: row.cv_file_name, sizeBytes: row.cv_size ?? 0, uploadedAt: (row.cv_uploaded_at ?? row.updated_at).toISOString() } : null,
      updatedAt: row.updated_at.toISOString(),
    };
  }

  async me(auth: AuthenticatedRequestContext): Promise<DirectoryOwnProfileView> {
    const row = await this.ownProfileRow(this.dataSource.manager, auth.user.id);
    if (!row) throw MizanException.notFound('Profile');
    return this.ownView(this.dataSource.manager, row.id);
  }

  private async activeOwnProfile(manager: EntityManager, auth: AuthenticatedRequestContext, lock = false): Promise<ProfileRow> {
    const row = await this.ownProfileRow(manager, auth.user.id, lock);
    if (!row) throw new MizanException(ErrorCode.DirectoryProfileMissing, 'Save your profile first');
    if (row.status !== 'active') throw MizanException.withParams(ErrorCode.DirectoryProfileNotActive, 'The profile is not active', { state: row.status });
    return row;
  }

  async saveProfile(auth: AuthenticatedRequestContext, input: DirectoryProfileInput): Promise<DirectoryOwnProfileView> {
    const id = await this.trail.record(async (manager) => {
      const row = await this.activeOwnProfile(manager, auth, true);
      const skills = [...new Set(input.skills)];
      const sectors = await this.skillSectors(manager, skills);
      const freeSkills = [...new Set(input.freeSkills.map((s) => s.trim()).filter((s) => s.length > 0))];
      const city = input.residenceCity.trim();
      const skillNames = (await manager.query(`SELECT name_en, name_ar, name_sv FROM directory_skill WHERE code = ANY($1::text[])`, [skills])) as {
        name_en: string;
        name_ar: string;
        name_sv: string;
      }[];
      const searchText = directorySearchText([input.name, input.profession, city, input.bio, ...freeSkills, ...skillNames.flatMap((s) => [s.name_en, s.name_ar, s.name_sv])]);
      await manager.query(
        `UPDATE directory_profile SET name = $2, profession = $3, skills = $4, sectors = $5, free_skills = $6, years_of_experience = $7, languages = $8,
            residence_country = $9, residence_city = $10, city_key = $11, availability_days = $12, mode = $13, travel_governorates = $14, bio = $15, phone = $16,
            visibility = $17, completed = true, search_text = $18, updated_at = now() WHERE id = $1`,
        [
          row.id,
          input.name.trim(),
          input.profession.trim(),
          skills,
          sectors,
          freeSkills,
          input.yearsOfExperience,
          [...new Set(input.languages)],
          input.residenceCountry,
          city,
          normalizeText(city),
          input.availabilityDaysPerYear,
          input.mode,
          input.mode === 'online' ? [] : [...new Set(input.travelGovernorates)],
          input.bio.trim(),
          input.phone?.trim() || null,
          input.visibility,
          searchText,
        ],
      );
      await manager.query(`UPDATE app_user SET display_name = $2 WHERE id = $1`, [auth.user.id, input.name.trim()]);
      return {
        result: row.id,
        entries: [
          {
            actor: expertActor(auth.user.id, row.id),
            agencyId: row.agency_id,
            action: 'directory.profile_saved',
            entityType: 'directory_profile',
            entityId: row.id,
            after: { visibility: input.visibility, mode: input.mode, skills: skills.length, sectors },
          },
        ],
      };
    });
    return this.ownView(this.dataSource.manager, id);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Search and visibility

  /** Visibility a caller may see: officers every active profile; hosts officers_and_hosts and public ones. */
  private visibilitySql(auth: AuthenticatedRequestContext): string {
    if (isOfficer(auth)) return 'true';
    return `p.visibility IN ('officers_and_hosts','public')`;
  }

  async search(auth: AuthenticatedRequestContext, query: DirectorySearchQuery & KeysetQueryDto): Promise<DirectorySearchPage> {
    const { where, params } = this.searchWhere(query, [auth.user.agencyId]);
    const visible = `p.agency_id = $1 AND p.status = 'active' AND p.completed AND ${this.visibilitySql(auth)} AND ${where}`;
    return this.profilePage(visible, params, query, summary);
  }

  async publicProfiles(query: DirectorySearchQuery & KeysetQueryDto): Promise<DirectoryPublicPage> {
    const { where, params } = this.searchWhere(query, []);
    const visible = `p.status = 'active' AND p.completed AND p.visibility = 'public' AND ${where}`;
    return this.profilePage(visible, params, query, publicView);
  }

  private searchWhere(query: DirectorySearchQuery, base: unknown[]): { where: string; params: unknown[] } {
    const params = [...base];
    const conditions: string[] = [];
    const add = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.q) {
      const terms = directoryQueryTerms(query.q);
      if (terms.length > 0) conditions.push(`p.search_tsv @@ to_tsquery('simple', ${add(terms.map((t) => `${t}:*`).join(' & '))})`);
    }
    if (query.skills && query.skills.length > 0) conditions.push(`p.skills && ${add(query.skills)}::text[]`);
    if (query.sector) conditions.push(`p.sectors @> ARRAY[${add(query.sector)}::text]`);
    if (query.language) conditions.push(`p.languages @> ARRAY[${add(query.language)}::text]`);
    if (query.minDays !== undefined) conditions.push(`p.availability_days >= ${add(query.minDays)}`);
    if (query.country) conditions.push(`p.residence_country = ${add(query.country)}`);
    if (query.city) conditions.push(`p.city_key = ${add(normalizeText(query.city))}`);
    if (query.mode === 'online') conditions.push(`p.mode IN ('online','both')`);
    if (query.mode === 'in_person') conditions.push(`p.mode IN ('in_person','both')`);
    if (query.mode === 'both') conditions.push(`p.mode = 'both'`);
    return { where: conditions.length ? conditions.join(' AND ') : 'true', params };
  }

  private profilePage<T>(visible: string, params: unknown[], query: KeysetQueryDto, toItem: (row: ProfileRow) => T) {
    const from = `FROM directory_profile p WHERE ${visible}`;
    return readKeysetPage<ProfileRow, T>({
      columns: PROFILE_ORDER,
      query,
      firstParam: params.length + 1,
      select: (condition, order, limit, extra: KeysetValue[]) =>
        this.dataSource.query(`SELECT ${PROFILE_COLUMNS} ${from} AND ${condition} ORDER BY ${order} LIMIT ${limit}`, [...params, ...extra]) as Promise<ProfileRow[]>,
      keyOf: (row) => [row.name, row.id],
      toItem,
      count: async (cap) => ((await this.dataSource.query(cappedCountSql(from, cap), params)) as { n: number }[])[0].n,
    });
  }

  async profile(auth: AuthenticatedRequestContext, profileId: string): Promise<DirectoryProfileSummary> {
    const [row] = (await this.dataSource.query(
      `SELECT ${PROFILE_COLUMNS} FROM directory_profile p WHERE p.id = $1 AND p.agency_id = $2 AND p.status = 'active' AND p.completed AND ${this.visibilitySql(auth)}`,
      [profileId, auth.user.agencyId],
    )) as ProfileRow[];
    if (!row) throw MizanException.notFound('Profile');
    return summary(row);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Needs

  /** The host organization a partner or applicant user posts for (their first membership). */
  private async hostOf(manager: EntityManager, auth: AuthenticatedRequestContext): Promise<{ organizationId: string | null; partnerOrganizationId: string | null; name: string }> {
    const [partner] = (await manager.query(
      `SELECT po.id, po.name FROM partner_member m JOIN partner_organization po ON po.id = m.partner_organization_id WHERE m.user_id = $1 ORDER BY m.joined_at LIMIT 1`,
      [auth.user.id],
    )) as { id: string; name: string }[];
    if (partner) return { organizationId: null, partnerOrganizationId: partner.id, name: partner.name };
    const [org] = (await manager.query(
      `SELECT o.id, o.legal_name FROM organization_member m JOIN organization o ON o.id = m.organization_id WHERE m.user_id = $1 AND o.agency_id = $2 ORDER BY m.joined_at LIMIT 1`,
      [auth.user.id, auth.user.agencyId],
    )) as { id: string; legal_name: string }[];
    if (org) return { organizationId: org.id, partnerOrganizationId: null, name: org.legal_name };
    return { organizationId: null, partnerOrganizationId: null, name: auth.user.displayName };
  }

  async postNeed(auth: AuthenticatedRequestContext, input: DirectoryNeedInput): Promise<DirectoryNeedView> {
    const id = await this.trail.record(async (manager) => {
      const terms = input.kind === 'assignment' ? input.assignment : input.partnership;
      if (!terms) throw MizanException.withParams(ErrorCode.ValidationFailed, `${input.kind} terms are required`, { field: input.kind }, [{ field: input.kind, message: 'required' }]);
      let sector: string;
      if (input.kind === 'assignment') {
        const a = terms as DirectoryAssignmentTerms;
        await this.assertSector(manager, a.sector, 'assignment.sector');
        await this.skillSectors(manager, a.skills);
        if (a.startTo < a.startFrom) throw MizanException.withParams(ErrorCode.ValidationFailed, 'The start window ends before it begins', { field: 'assignment.startTo' }, [{ field: 'assignment.startTo', message: 'before startFrom' }]);
        sector = a.sector;
      } else {
        sector = (terms as DirectoryPartnershipTerms).theme;
        await this.assertSector(manager, sector, 'partnership.theme');
      }
      const host = await this.hostOf(manager, auth);
      const [row] = (await manager.query(
        `INSERT INTO directory_need (agency_id, kind, title, description, terms, sector, governorate, posted_by, organization_id, partner_organization_id, host_name)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [auth.user.agencyId, input.kind, input.title.trim(), input.description.trim(), JSON.stringify(terms), sector, terms.governorate, auth.user.id, host.organizationId, host.partnerOrganizationId, host.name],
      )) as { id: string }[];
      return {
        result: row.id,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId: auth.user.agencyId,
            action: 'directory.need_posted',
            entityType: 'directory_need',
            entityId: row.id,
            after: { kind: input.kind, title: input.title.trim(), sector, governorate: terms.governorate },
          },
        ],
      };
    });
    return this.need(auth, id);
  }

  private async needRow(manager: EntityManager, auth: AuthenticatedRequestContext, needId: string, lock = false): Promise<NeedRow> {
    const [row] = (await manager.query(
      `SELECT n.*, (SELECT count(*)::int FROM directory_interest i WHERE i.need_id = n.id) AS interest_count FROM directory_need n WHERE n.id = $1 AND n.agency_id = $2${lock ? ' FOR UPDATE OF n' : ''}`,
      [needId, auth.user.agencyId],
    )) as NeedRow[];
    if (!row) throw MizanException.notFound('Need');
    return row;
  }

  /** Officers see every need; the poster sees theirs; an expert sees open assignment needs only. */
  private canSeeNeed(auth: AuthenticatedRequestContext, row: NeedRow): boolean {
    if (isOfficer(auth)) return true;
    if (row.posted_by === auth.user.id) return true;
    return auth.user.roles().includes('expert') && row.state === 'open';
  }

  async need(auth: AuthenticatedRequestContext, needId: string): Promise<DirectoryNeedView> {
    const row = await this.needRow(this.dataSource.manager, auth, needId);
    if (!this.canSeeNeed(auth, row)) throw MizanException.notFound('Need');
    return needView(row);
  }

  async needs(auth: AuthenticatedRequestContext, query: KeysetQueryDto & { state?: string }): Promise<DirectoryNeedPage> {
    const params: unknown[] = [auth.user.agencyId];
    let where = 'n.agency_id = $1';
    if (!isOfficer(auth)) {
      params.push(auth.user.id);
      where += ` AND n.posted_by = $${params.length}`;
    }
    if (query.state) {
      params.push(query.state);
      where += ` AND n.state = $${params.length}`;
    }
    const from = `FROM directory_need n WHERE ${where}`;
    return readKeysetPage<NeedRow, DirectoryNeedView>({
      columns: NEED_ORDER,
      query,
      firstParam: params.length + 1,
      select: (condition, order, limit, extra) =>
        this.dataSource.query(
          `SELECT n.*, (SELECT count(*)::int FROM directory_interest i WHERE i.need_id = n.id) AS interest_count, to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key
             ${from} AND ${condition} ORDER BY ${order} LIMIT ${limit}`,
          [...params, ...extra],
        ) as Promise<NeedRow[]>,
      keyOf: (row) => [row.created_key ?? row.created_at.toISOString(), row.id],
      toItem: needView,
      count: async (cap) => ((await this.dataSource.query(cappedCountSql(from, cap), params)) as { n: number }[])[0].n,
    });
  }

  async closeNeed(auth: AuthenticatedRequestContext, needId: string): Promise<DirectoryNeedView> {
    await this.trail.record(async (manager) => {
      const row = await this.needRow(manager, auth, needId, true);
      if (!isOfficer(auth) && row.posted_by !== auth.user.id) throw MizanException.notFound('Need');
      if (row.state === 'closed') throw MizanException.withParams(ErrorCode.DirectoryNeedNotOpen, 'The need is closed', { state: row.state });
      await manager.query(`UPDATE directory_need SET state = 'closed', closed_at = now() WHERE id = $1`, [row.id]);
      return {
        result: undefined,
        entries: [{ actor: { id: auth.user.id, label: auth.user.email }, agencyId: row.agency_id, action: 'directory.need_closed', entityType: 'directory_need', entityId: row.id, before: { state: row.state }, after: { state: 'closed' } }],
      };
    });
    return this.need(auth, needId);
  }

  async expressInterest(auth: AuthenticatedRequestContext, needId: string): Promise<DirectoryNeedView> {
    await this.trail.record(async (manager) => {
      const profile = await this.activeOwnProfile(manager, auth);
      const row = await this.needRow(manager, auth, needId);
      if (row.state !== 'open' || row.kind !== 'assignment') {
        if (row.state !== 'open') throw MizanException.withParams(ErrorCode.DirectoryNeedNotOpen, 'The need is not open', { state: row.state });
        throw MizanException.notFound('Need');
      }
      const inserted = (await manager.query(`INSERT INTO directory_interest (need_id, profile_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING need_id`, [row.id, profile.id])) as unknown[];
      return {
        result: undefined,
        entries: inserted.length
          ? [{ actor: expertActor(auth.user.id, profile.id), agencyId: row.agency_id, action: 'directory.interest_expressed', entityType: 'directory_need', entityId: row.id, after: { profileId: profile.id } }]
          : [],
      };
    });
    return this.need(auth, needId);
  }

  /** Open assignment needs ranked for the expert (what fits them). */
  async myNeeds(auth: AuthenticatedRequestContext): Promise<DirectoryNeedFitView[]> {
    const profile = await this.activeOwnProfile(this.dataSource.manager, auth);
    const needs = (await this.dataSource.query(
      `SELECT n.*, (SELECT count(*)::int FROM directory_interest i WHERE i.need_id = n.id) AS interest_count,
              EXISTS (SELECT 1 FROM directory_interest i WHERE i.need_id = n.id AND i.profile_id = $2) AS interested
         FROM directory_need n WHERE n.agency_id = $1 AND n.state = 'open' AND n.kind = 'assignment' ORDER BY n.created_at DESC LIMIT 500`,
      [auth.user.agencyId, profile.id],
    )) as (NeedRow & { interested: boolean })[];
    const levels = await this.securityLevels(this.dataSource.manager, auth.user.agencyId);
    return needs
      .map((n) => {
        const r = matchExpert(matchNeedOf(n), expertOf(profile), levels.get(n.governorate) ?? 'accessible');
        return { fit: { need: needView(n), score: r.score, reasons: r.reasons as DirectoryMatchReason[], interested: n.interested }, ok: r.proposableMode !== null };
      })
      .filter((f) => f.ok && f.fit.score > 0)
      .sort((a, b) => b.fit.score - a.fit.score)
      .slice(0, 50)
      .map((f) => f.fit);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Matching

  /** Each governorate's security level today for the agency (its latest entry in force, else the reference level). */
  private async securityLevels(manager: EntityManager, agencyId: string): Promise<Map<string, MonitoringSecurityLevel>> {
    const rows = (await manager.query(
      `SELECT g.code, COALESCE((SELECT l.level FROM governorate_security_level l WHERE l.agency_id = $1 AND l.governorate_code = g.code AND l.effective_on <= current_date
                                 ORDER BY l.effective_on DESC, l.set_at DESC LIMIT 1), g.security_level) AS level FROM governorate g`,
      [agencyId],
    )) as { code: string; level: MonitoringSecurityLevel }[];
    return new Map(rows.map((r) => [r.code, r.level]));
  }

  private async assignmentNeed(manager: EntityManager, auth: AuthenticatedRequestContext, needId: string, lock = false): Promise<NeedRow> {
    const row = await this.needRow(manager, auth, needId, lock);
    if (row.kind !== 'assignment') throw MizanException.withParams(ErrorCode.DirectoryNeedNotOpen, 'Matching experts is for assignment needs', { state: row.state });
    return row;
  }

  async candidates(auth: AuthenticatedRequestContext, needId: string): Promise<DirectoryCandidatesView> {
    const manager = this.dataSource.manager;
    const need = await this.assignmentNeed(manager, auth, needId);
    const terms = need.terms as DirectoryAssignmentTerms;
    const level = (await this.securityLevels(manager, auth.user.agencyId)).get(terms.governorate) ?? 'accessible';
    // Pre-ranked in SQL by the part of the score that needs no security or travel logic (skills, language,
    // availability: 80 of 100 points) among profiles sharing a skill or the sector; the best MATCHING_POOL are then
    // scored exactly by the domain and the best 50 returned.
    const pool = (await manager.query(
      `SELECT ${PROFILE_COLUMNS}, EXISTS (SELECT 1 FROM directory_interest i WHERE i.need_id = $4 AND i.profile_id = p.id) AS interested,
              (SELECT m.id FROM directory_match m WHERE m.need_id = $4 AND m.profile_id = p.id) AS match_id
         FROM (SELECT p.id FROM directory_profile p
                WHERE p.agency_id = $1 AND p.status = 'active' AND p.completed AND (p.skills && $2::text[] OR p.sectors @> ARRAY[$3::text])
                ORDER BY greatest(50.0 * cardinality(ARRAY(SELECT unnest(p.skills) INTERSECT SELECT unnest($2::text[]))) / greatest(1, cardinality($2::text[])),
                                  CASE WHEN p.sectors @> ARRAY[$3::text] THEN 10 ELSE 0 END)
                         + CASE WHEN p.languages @> ARRAY[$5::text] THEN 15 ELSE 0 END
                         + 15.0 * least(1.0, p.availability_days::numeric / greatest(1, $6::int)) DESC, p.id
                LIMIT ${MATCHING_POOL}) best
         JOIN directory_profile p ON p.id = best.id`,
      [auth.user.agencyId, terms.skills, terms.sector, need.id, terms.language, terms.daysNeeded],
    )) as (ProfileRow & { interested: boolean; match_id: string | null })[];
    const ranked = rankCandidates(matchNeedOf(need), pool, (p) => expertOf(p, p.interested), level);
    return {
      needId: need.id,
      securityLevel: level,
      candidates: ranked.map(({ item, result }) => ({
        profile: summary(item),
        score: result.score,
        reasons: result.reasons as DirectoryMatchReason[],
        proposableMode: result.proposableMode ?? 'online',
        matchId: item.match_id,
      })),
    };
  }

  async propose(auth: AuthenticatedRequestContext, needId: string, input: { profileId: string; note?: string }): Promise<DirectoryMatchView> {
    const id = await this.trail.record(async (manager) => {
      const need = await this.assignmentNeed(manager, auth, needId, true);
      if (need.state !== 'open') throw MizanException.withParams(ErrorCode.DirectoryNeedNotOpen, 'The need is not open', { state: need.state });
      const [profile] = (await manager.query(
        `SELECT ${PROFILE_COLUMNS}, EXISTS (SELECT 1 FROM directory_interest i WHERE i.need_id = $3 AND i.profile_id = p.id) AS interested
           FROM directory_profile p WHERE p.id = $1 AND p.agency_id = $2 AND p.status = 'active' AND p.completed`,
        [input.profileId, auth.user.agencyId, need.id],
      )) as (ProfileRow & { interested: boolean })[];
      if (!profile) throw MizanException.notFound('Profile');
      const terms = need.terms as DirectoryAssignmentTerms;
      const level = (await this.securityLevels(manager, auth.user.agencyId)).get(terms.governorate) ?? 'accessible';
      const result = matchExpert(matchNeedOf(need), expertOf(profile, profile.interested), level);
      if (!result.proposableMode) {
        if (level === 'no_access') throw MizanException.withParams(ErrorCode.DirectoryInPersonBlocked, 'No in-person work where the governorate has no access', { governorate: terms.governorate });
        throw MizanException.withParams(ErrorCode.DirectoryMatchTransitionNotAllowed, 'The expert and the need share no way of working', { state: 'none' });
      }
      const [existing] = (await manager.query(`SELECT id FROM directory_match WHERE need_id = $1 AND profile_id = $2`, [need.id, profile.id])) as { id: string }[];
      if (existing) throw MizanException.withParams(ErrorCode.DirectoryAlreadyProposed, 'Already proposed', { matchId: existing.id });
      const [row] = (await manager.query(
        `INSERT INTO directory_match (agency_id, need_id, profile_id, mode, score, reasons, note, proposed_by) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) RETURNING id`,
        [auth.user.agencyId, need.id, profile.id, result.proposableMode, result.score, JSON.stringify(result.reasons), input.note?.trim() || null, auth.user.id],
      )) as { id: string }[];
      return {
        result: row.id,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId: auth.user.agencyId,
            action: 'directory.match_proposed',
            entityType: 'directory_match',
            entityId: row.id,
            after: { needId: need.id, profileId: profile.id, mode: result.proposableMode, score: result.score },
          },
        ],
      };
    });
    return this.match(auth, id);
  }

  private async matchRow(manager: EntityManager, auth: AuthenticatedRequestContext, matchId: string, lock = false): Promise<{ match: MatchRow; need: NeedRow; viewer: Viewer; profile: ProfileRow | null }> {
    const [match] = (await manager.query(`SELECT * FROM directory_match WHERE id = $1 AND agency_id = $2${lock ? ' FOR UPDATE' : ''}`, [matchId, auth.user.agencyId])) as MatchRow[];
    if (!match) throw MizanException.notFound('Match');
    const need = await this.needRow(manager, auth, match.need_id);
    const [profile] = match.profile_id ? ((await manager.query(`SELECT ${PROFILE_COLUMNS} FROM directory_profile p WHERE p.id = $1`, [match.profile_id])) as ProfileRow[]) : [];
    let viewer: Viewer | null = null;
    if (profile && profile.user_id === auth.user.id) viewer = 'expert';
    else if (need.posted_by === auth.user.id) viewer = 'host';
    else if (isOfficer(auth)) viewer = 'officer';
    if (!viewer) throw MizanException.notFound('Match');
    return { match, need, viewer, profile: profile ?? null };
  }

  async match(auth: AuthenticatedRequestContext, matchId: string): Promise<DirectoryMatchView> {
    const { match, need, profile } = await this.matchRow(this.dataSource.manager, auth, matchId);
    return this.matchView(this.dataSource.manager, match, need, profile);
  }

  private async matchView(manager: EntityManager, match: MatchRow, need: NeedRow, profile: ProfileRow | null): Promise<DirectoryMatchView> {
    const contacts = DIRECTORY_CONTACT_STATES.includes(match.state);
    let expertContact: DirectoryContact | null = null;
    let hostContact: DirectoryContact | null = null;
    if (contacts) {
      if (profile) {
        const [u] = (await manager.query(`SELECT email FROM app_user WHERE id = $1`, [profile.user_id])) as { email: string }[];
        expertContact = { name: profile.name, email: u?.email ?? '', phone: profile.phone };
      }
      const [host] = (await manager.query(`SELECT display_name, email FROM app_user WHERE id = $1`, [need.posted_by])) as { display_name: string; email: string }[];
      if (host) hostContact = { name: `${host.display_name} (${need.host_name})`, email: host.email, phone: null };
    }
    const sessions = (await manager.query(
      `SELECT id, to_char(held_on, 'YYYY-MM-DD') AS date, hours::float8 AS hours, mode, topic, note, logged_at FROM directory_session WHERE match_id = $1 ORDER BY held_on, logged_at`,
      [match.id],
    )) as { id: string; date: string; hours: number; mode: 'online' | 'in_person'; topic: string; note: string; logged_at: Date }[];
    const sessionViews: DirectorySessionView[] = sessions.map((s) => ({ id: s.id, date: s.date, hours: s.hours, mode: s.mode, topic: s.topic, note: s.note, loggedAt: s.logged_at.toISOString() }));
    return {
      id: match.id,
      needId: need.id,
      needTitle: need.title,
      state: match.state,
      mode: match.mode,
      score: match.score,
      reasons: match.reasons,
      profile: profile ? summary(profile) : null,
      note: match.note,
      proposedAt: match.proposed_at.toISOString(),
      expertAnsweredAt: match.expert_answered_at?.toISOString() ?? null,
      hostAnsweredAt: match.host_answered_at?.toISOString() ?? null,
      closedAt: match.closed_at?.toISOString() ?? null,
      rating: match.rating,
      outcome: match.outcome,
      expertContact,
      hostContact,
      sessions: sessionViews,
      totalHours: sessionViews.reduce((sum, s) => sum + s.hours, 0),
    };
  }

  async matches(auth: AuthenticatedRequestContext, query: DirectoryMatchListQuery = {}): Promise<DirectoryMatchView[]> {
    const manager = this.dataSource.manager;
    // `needId` narrows the list to one need; $3 is NULL otherwise (one plan for both).
    const needId = query.needId ?? null;
    const rows = isOfficer(auth)
      ? ((await manager.query(`SELECT id FROM directory_match WHERE agency_id = $1 AND ($2::uuid IS NULL OR need_id = $2::uuid) ORDER BY proposed_at DESC LIMIT 200`, [
          auth.user.agencyId,
          needId,
        ])) as { id: string }[])
      : ((await manager.query(
          `SELECT m.id FROM directory_match m JOIN directory_need n ON n.id = m.need_id
            WHERE m.agency_id = $1 AND n.posted_by = $2 AND m.state <> 'proposed' AND ($3::uuid IS NULL OR m.need_id = $3::uuid) ORDER BY m.proposed_at DESC LIMIT 200`,
          [auth.user.agencyId, auth.user.id, needId],
        )) as { id: string }[]);
    const out: DirectoryMatchView[] = [];
    for (const r of rows) out.push(await this.match(auth, r.id));
    return out;
  }

  async myMatches(auth: AuthenticatedRequestContext): Promise<DirectoryMatchView[]> {
    const profile = await this.ownProfileRow(this.dataSource.manager, auth.user.id);
    if (!profile) return [];
    const rows = (await this.dataSource.query(`SELECT id FROM directory_match WHERE profile_id = $1 ORDER BY proposed_at DESC LIMIT 200`, [profile.id])) as { id: string }[];
    const out: DirectoryMatchView[] = [];
    for (const r of rows) out.push(await this.match(auth, r.id));
    return out;
  }

  private transitionError(state: DirectoryMatchState): MizanException {
    return MizanException.withParams(ErrorCode.DirectoryMatchTransitionNotAllowed, `The match is ${state}`, { state });
  }

  async accept(auth: AuthenticatedRequestContext, matchId: string): Promise<DirectoryMatchView> {
    await this.trail.record(async (manager) => {
      const { match, need, viewer } = await this.matchRow(manager, auth, matchId, true);
      if (viewer === 'expert') {
        if (match.state !== 'proposed') throw this.transitionError(match.state);
        await manager.query(`UPDATE directory_match SET state = 'accepted', expert_answered_at = now() WHERE id = $1`, [match.id]);
        return {
          result: undefined,
          entries: [{ actor: expertActor(auth.user.id, match.profile_id ?? ''), agencyId: match.agency_id, action: 'directory.match_accepted_by_expert', entityType: 'directory_match', entityId: match.id, before: { state: match.state }, after: { state: 'accepted' } }],
        };
      }
      if (viewer === 'host') {
        if (match.state !== 'accepted') throw this.transitionError(match.state);
        if (need.state !== 'open') throw MizanException.withParams(ErrorCode.DirectoryNeedNotOpen, 'The need is not open', { state: need.state });
        await manager.query(`UPDATE directory_match SET state = 'active', host_answered_at = now() WHERE id = $1`, [match.id]);
        await manager.query(`UPDATE directory_need SET state = 'matched' WHERE id = $1`, [need.id]);
        return {
          result: undefined,
          entries: [{ actor: { id: auth.user.id, label: auth.user.email }, agencyId: match.agency_id, action: 'directory.match_accepted_by_host', entityType: 'directory_match', entityId: match.id, before: { state: match.state }, after: { state: 'active' } }],
        };
      }
      throw MizanException.forbidden('Only the expert or the host answers a match');
    });
    return this.match(auth, matchId);
  }

  async decline(auth: AuthenticatedRequestContext, matchId: string, reason?: string): Promise<DirectoryMatchView> {
    await this.trail.record(async (manager) => {
      const { match, viewer } = await this.matchRow(manager, auth, matchId, true);
      const allowed = (viewer === 'expert' && match.state === 'proposed') || (viewer === 'host' && match.state === 'accepted');
      if (viewer === 'officer') throw MizanException.forbidden('Only the expert or the host answers a match');
      if (!allowed) throw this.transitionError(match.state);
      await manager.query(
        `UPDATE directory_match SET state = 'declined', decline_reason = $2, ${viewer === 'expert' ? 'expert_answered_at' : 'host_answered_at'} = now() WHERE id = $1`,
        [match.id, reason?.trim() || null],
      );
      const actor = viewer === 'expert' ? expertActor(auth.user.id, match.profile_id ?? '') : { id: auth.user.id, label: auth.user.email };
      return {
        result: undefined,
        entries: [{ actor, agencyId: match.agency_id, action: 'directory.match_declined', entityType: 'directory_match', entityId: match.id, before: { state: match.state }, after: { state: 'declined', by: viewer } }],
      };
    });
    return this.match(auth, matchId);
  }

  async logSession(auth: AuthenticatedRequestContext, matchId: string, input: DirectorySessionInput): Promise<DirectoryMatchView> {
    await this.trail.record(async (manager) => {
      const { match, viewer } = await this.matchRow(manager, auth, matchId, true);
      if (viewer !== 'expert') throw MizanException.forbidden('Only the expert logs sessions');
      if (match.state !== 'active') throw this.transitionError(match.state);
      if (input.mode === 'in_person' && match.mode === 'online') {
        throw MizanException.withParams(ErrorCode.DirectoryInPersonBlocked, 'This match is online only', { governorate: '' }, [{ field: 'mode', message: 'online only' }]);
      }
      // Future only when it is tomorrow everywhere: an expert in Stockholm logs tonight's session just after midnight.
      if (input.date > latestTodayIso()) {
        throw MizanException.withParams(ErrorCode.ValidationFailed, 'A session cannot be in the future', { field: 'date' }, [{ field: 'date', message: 'in the future' }]);
      }
      const [row] = (await manager.query(
        `INSERT INTO directory_session (match_id, profile_id, held_on, hours, mode, topic, note) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [match.id, match.profile_id, input.date, input.hours, input.mode, input.topic.trim(), input.note.trim()],
      )) as { id: string }[];
      return {
        result: undefined,
        entries: [{ actor: expertActor(auth.user.id, match.profile_id ?? ''), agencyId: match.agency_id, action: 'directory.session_logged', entityType: 'directory_match', entityId: match.id, after: { sessionId: row.id, hours: input.hours, mode: input.mode } }],
      };
    });
    return this.match(auth, matchId);
  }

  async close(auth: AuthenticatedRequestContext, matchId: string, input: DirectoryCloseInput): Promise<DirectoryMatchView> {
    await this.trail.record(async (manager) => {
      const { match, need, viewer } = await this.matchRow(manager, auth, matchId, true);
      if (viewer === 'expert') throw MizanException.forbidden('The host or an officer closes a match');
      if (match.state !== 'active') throw this.transitionError(match.state);
      await manager.query(`UPDATE directory_match SET state = 'closed', closed_at = now(), rating = $2, outcome = $3 WHERE id = $1`, [match.id, input.rating, input.outcome.trim()]);
      await manager.query(`UPDATE directory_need SET state = 'closed', closed_at = now() WHERE id = $1 AND state <> 'closed'`, [need.id]);
      return {
        result: undefined,
        entries: [{ actor: { id: auth.user.id, label: auth.user.email }, agencyId: match.agency_id, action: 'directory.match_closed', entityType: 'directory_match', entityId: match.id, before: { state: match.state }, after: { state: 'closed', rating: input.rating } }],
      };
    });
    return this.match(auth, matchId);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Organization matching

  async organizationMatches(auth: AuthenticatedRequestContext, needId: string): Promise<DirectoryOrganizationMatchView[]> {
    const manager = this.dataSource.manager;
    const need = await this.needRow(manager, auth, needId);
    if (!isOfficer(auth) && need.posted_by !== auth.user.id) throw MizanException.notFound('Need');
    if (need.kind !== 'partnership') throw new MizanException(ErrorCode.DirectoryNotPartnership, 'Organization matching is for partnership needs');
    const orgs = (await manager.query(
      `SELECT o.id, o.legal_name AS name, o.hostland_country AS country, o.thematic_expertise AS themes,
              ARRAY(SELECT DISTINCT g.governorate FROM grant_award g WHERE g.organization_id = o.id AND g.governorate IS NOT NULL
                    UNION SELECT DISTINCT po.governorate_code FROM partner_organization po WHERE po.organization_id = o.id AND po.governorate_code IS NOT NULL) AS governorates,
              (SELECT count(*)::int FROM grant_award g WHERE g.organization_id = o.id) AS past_grants
         FROM organization o WHERE o.agency_id = $1 AND ($2::uuid IS NULL OR o.id <> $2)`,
      [auth.user.agencyId, need.organization_id],
    )) as { id: string; name: string; country: string | null; themes: string[] | null; governorates: string[]; past_grants: number }[];
    const partners = (await manager.query(
      `SELECT po.id, po.name, o.thematic_expertise AS themes, ARRAY[po.governorate_code] AS governorates, (SELECT count(*)::int FROM grant_award g WHERE g.organization_id = o.id) AS past_grants
         FROM partner_organization po JOIN organization o ON o.id = po.organization_id WHERE o.agency_id = $1 AND ($2::uuid IS NULL OR po.id <> $2)`,
      [auth.user.agencyId, need.partner_organization_id],
    )) as { id: string; name: string; themes: string[] | null; governorates: string[]; past_grants: number }[];
    const terms = need.terms as DirectoryPartnershipTerms;
    const themeAliases = new Set([terms.theme, ...(THEME_ALIASES[terms.theme] ?? [])]);
    const hasTheme = (themes: string[] | null) => ((themes ?? []).some((t) => themeAliases.has(t.toLowerCase())) ? [terms.theme] : []);
    const candidates = [
      ...orgs.map((o) => ({ id: o.id, kind: 'diaspora_organization' as const, name: o.name, country: o.country?.trim() ?? null, themes: hasTheme(o.themes), governorates: o.governorates, pastGrants: o.past_grants })),
      ...partners.map((p) => ({ id: p.id, kind: 'partner_organization' as const, name: p.name, country: 'IQ', themes: hasTheme(p.themes), governorates: p.governorates, pastGrants: p.past_grants })),
    ];
    return matchOrganizations({ theme: terms.theme, governorate: terms.governorate }, candidates).map((m) => ({
      organizationId: m.org.id,
      kind: m.org.kind,
      name: m.org.name,
      country: m.org.country,
      score: m.score,
      reasons: m.reasons,
    }));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Map and charts

  async aggregates(auth: AuthenticatedRequestContext, dimension: DirectoryAggregateDimension, filter: { country?: string }): Promise<DirectoryAggregateView> {
    const expr: Record<DirectoryAggregateDimension, string> = {
      country: `p.residence_country`,
      city: `p.residence_country || ':' || p.city_key`,
      sector: `unnest(p.sectors)`,
      language: `unnest(p.languages)`,
      mode: `p.mode`,
    };
    const params: unknown[] = [auth.user.agencyId];
    let where = `p.agency_id = $1 AND p.status = 'active' AND p.completed`;
    if (filter.country) {
      params.push(filter.country);
      where += ` AND p.residence_country = $2`;
    }
    const rows = (await this.dataSource.query(`SELECT ${expr[dimension]} AS key, count(*)::int AS count FROM directory_profile p WHERE ${where} GROUP BY 1`, params)) as {
      key: string | null;
      count: number;
    }[];
    const result = aggregateWithThreshold(
      rows.filter((r) => r.key !== null && r.key !== '').map((r) => ({ key: r.key as string, count: r.count })),
      DIRECTORY_MIN_CELL,
    );
    return { dimension, cells: result.cells, suppressed: result.suppressed, total: result.total };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // CV

  /** Replaces the expert's CV (a PDF, sniffed); the old file is deleted once the change is committed. */
  async uploadCv(auth: AuthenticatedRequestContext, file: { buffer: Buffer; fileName: string }): Promise<DirectoryOwnProfileView> {
    const type = acceptedFileType(file.buffer);
    if (type.kind !== 'pdf') {
      throw new MizanException(ErrorCode.UnsupportedFileType, 'A CV must be a PDF', [{ field: 'file', message: 'a CV must be a PDF' }]);
    }
    const stored = await this.files.put(file.buffer, 'directory-cv', 'pdf');
    let previous: string | null = null;
    let profileId: string;
    try {
      profileId = await this.trail.record(async (manager) => {
        const row = await this.activeOwnProfile(manager, auth, true);
        const [old] = (await manager.query(`SELECT cv_key FROM directory_profile WHERE id = $1`, [row.id])) as { cv_key: string | null }[];
        previous = old?.cv_key ?? null;
        await manager.query(`UPDATE directory_profile SET cv_key = $2, cv_file_name = $3, cv_size = $4, cv_sha256 = $5, cv_uploaded_at = now(), updated_at = now() WHERE id = $1`, [
          row.id,
          stored.storageKey,
          plainFileName(file.fileName, 'cv.pdf'),
          stored.sizeBytes,
          stored.sha256,
        ]);
        return {
          result: row.id,
          entries: [{ actor: expertActor(auth.user.id, row.id), agencyId: row.agency_id, action: 'directory.cv_uploaded', entityType: 'directory_profile', entityId: row.id, after: { sizeBytes: stored.sizeBytes } }],
        };
      });
    } catch (error) {
      await unlink(this.files.pathOf(stored.storageKey)).catch(() => undefined);
      throw error;
    }
    if (previous) await unlink(this.files.pathOf(previous)).catch(() => undefined);
    return this.ownView(this.dataSource.manager, profileId);
  }

  async removeCv(auth: AuthenticatedRequestContext): Promise<DirectoryOwnProfileView> {
    let previous: string | null = null;
    const profileId = await this.trail.record(async (manager) => {
      const row = await this.activeOwnProfile(manager, auth, true);
      const [old] = (await manager.query(`SELECT cv_key FROM directory_profile WHERE id = $1`, [row.id])) as { cv_key: string | null }[];
      previous = old?.cv_key ?? null;
      if (!previous) return { result: row.id, entries: [] };
      await manager.query(`UPDATE directory_profile SET cv_key = NULL, cv_file_name = NULL, cv_size = NULL, cv_sha256 = NULL, cv_uploaded_at = NULL, updated_at = now() WHERE id = $1`, [row.id]);
      return {
        result: row.id,
        entries: [{ actor: expertActor(auth.user.id, row.id), agencyId: row.agency_id, action: 'directory.cv_removed', entityType: 'directory_profile', entityId: row.id }],
      };
    });
    if (previous) await unlink(this.files.pathOf(previous)).catch(() => undefined);
    return this.ownView(this.dataSource.manager, profileId);
  }

  /** The CV: the expert's own, or (officers) any active profile's of the agency. */
  async openCv(auth: AuthenticatedRequestContext, profileId: string | null): Promise<{ view: { contentType: string; fileName: string; sizeBytes: number; sha256: string }; stream: Readable }> {
    const [row] = (
      profileId === null
        ? await this.dataSource.query(`SELECT cv_key, cv_file_name, cv_size, cv_sha256 FROM directory_profile WHERE user_id = $1`, [auth.user.id])
        : await this.dataSource.query(`SELECT cv_key, cv_file_name, cv_size, cv_sha256 FROM directory_profile WHERE id = $1 AND agency_id = $2 AND status = 'active'`, [profileId, auth.user.agencyId])
    ) as { cv_key: string | null; cv_file_name: string | null; cv_size: number | null; cv_sha256: string | null }[];
    if (!row?.cv_key) throw MizanException.notFound('CV');
    const stream = await this.files.open(row.cv_key);
    return { view: { contentType: 'application/pdf', fileName: row.cv_file_name ?? 'cv.pdf', sizeBytes: row.cv_size ?? 0, sha256: row.cv_sha256 ?? '' }, stream };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // GDPR

  async exportOwn(auth: AuthenticatedRequestContext): Promise<DirectoryExport> {
    const manager = this.dataSource.manager;
    const profile = await this.ownProfileRow(manager, auth.user.id);
    const interests = profile
      ? ((await manager.query(
          `SELECT i.need_id, n.title, i.created_at FROM directory_interest i JOIN directory_need n ON n.id = i.need_id WHERE i.profile_id = $1 ORDER BY i.created_at`,
          [profile.id],
        )) as { need_id: string; title: string; created_at: Date }[])
      : [];
    return {
      exportedAt: new Date().toISOString(),
      account: { email: auth.user.email, name: auth.user.displayName, language: auth.user.language ?? 'en', createdAt: auth.user.createdAt.toISOString() },
      profile: profile ? await this.ownView(manager, profile.id) : null,
      interests: interests.map((i) => ({ needId: i.need_id, needTitle: i.title, at: i.created_at.toISOString() })),
      matches: await this.myMatches(auth),
    };
  }

  /**
   * Erases the expert: profile, interests, sessions they logged, contact details, notifications, outbox mails,
   * sessions of the account; the account row keeps its id only (for the trail's pseudonymous references). Matches
   * stay for the host's history without their expert. The CV file is deleted from storage once committed.
   */
  async erase(auth: AuthenticatedRequestContext, password: string): Promise<void> {
    const cvKey = await this.eraseRows(auth, password);
    if (cvKey) await unlink(this.files.pathOf(cvKey)).catch(() => undefined);
  }

  private async eraseRows(auth: AuthenticatedRequestContext, password: string): Promise<string | null> {
    if (!(await verifyPassword(auth.user.passwordHash, password))) {
      throw new MizanException(ErrorCode.InvalidCredentials, 'The password is not right', [{ field: 'password', message: 'wrong password' }]);
    }
    return this.trail.record(async (manager) => {
      const profile = await this.ownProfileRow(manager, auth.user.id, true);
      const [cv] = profile ? ((await manager.query(`SELECT cv_key FROM directory_profile WHERE id = $1`, [profile.id])) as { cv_key: string | null }[]) : [];
      if (profile) {
        await manager.query(`DELETE FROM directory_session WHERE profile_id = $1`, [profile.id]);
        await manager.query(`UPDATE directory_match SET note = NULL, decline_reason = NULL WHERE profile_id = $1`, [profile.id]);
        await manager.query(`DELETE FROM directory_interest WHERE profile_id = $1`, [profile.id]);
        await manager.query(`DELETE FROM directory_profile WHERE id = $1`, [profile.id]);
      }
      await manager.query(`DELETE FROM user_recovery_code WHERE user_id = $1`, [auth.user.id]);
      await manager.query(`DELETE FROM user_two_factor WHERE user_id = $1`, [auth.user.id]);
      await manager.query(`SELECT directory_erase_account($1)`, [auth.user.id]);
      return {
        result: cv?.cv_key ?? null,
        entries: [
          {
            actor: expertActor(auth.user.id, profile?.id ?? auth.user.id),
            agencyId: auth.user.agencyId,
            action: 'directory.expert_erased',
            entityType: 'directory_profile',
            entityId: profile?.id ?? auth.user.id,
            after: { erased: true },
          },
        ],
      };
    });
  }
}

/** The organizations' thematic expertise words that mean a directory sector (organization matching). */
const THEME_ALIASES: Record<string, string[]> = {
  medicine: ['health'],
  mental_health: ['health', 'psychosocial'],
  engineering: ['water', 'energy', 'infrastructure'],
  accountancy: ['governance'],
  law: ['governance', 'human_rights'],
  journalism: ['media', 'governance'],
  cultural_heritage: ['culture', 'education'],
  womens_rights: ['gender', 'livelihoods', 'human_rights'],
};
