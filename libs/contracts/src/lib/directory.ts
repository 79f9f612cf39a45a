/**
 * Diaspora expertise directory and partner matching (issue 15, docs/directory.md).
 *
 * REST routes (under /api/v1). "public" = no session; permissions in permissions.ts.
 *
 *   GET    directory/taxonomy                              public            sectors → skills (names en/ar/sv)
 *   POST   directory/registrations                         public            register as an expert (rate-limited) → 202, verification mail sent
 *   POST   directory/registrations/verify                  public            { token } → the account is active (or held for an officer after a sanctions hit)
 *   GET    directory/public/profiles                       public            profiles listed publicly (name, skills, languages, country, city): keyset page
 *   GET    directory/me                                    expert            own profile (with contact and status); 404 before one is saved
 *   PUT    directory/me                                    expert            save own profile (DirectoryProfileInput)
 *   POST   directory/me/cv                                 expert            multipart `file` (PDF, ≤ 5 MB): replaces the CV
 *   GET    directory/me/cv                                 expert            download own CV
 *   DELETE directory/me/cv                                 expert            remove own CV
 *   GET    directory/me/needs                              expert            open assignment needs that fit the profile (ranked, with reasons)
 *   POST   directory/needs/:needId/interest                expert            express interest in an open need
 *   GET    directory/me/matches                            expert            own matches
 *   GET    directory/me/export                             expert            GDPR export (DirectoryExport JSON, attachment)
 *   POST   directory/me/erasure                            expert            { password } erase the account and every personal datum → 204
 *   GET    directory/profiles                              officer, partner, applicant   search (DirectorySearchQuery) → DirectorySearchPage;
 *                                                                            hosts (partner, applicant) see only officers_and_hosts + public profiles
 *   GET    directory/profiles/:profileId                   officer, partner, applicant   one profile (same visibility; never contact details)
 *   GET    directory/profiles/:profileId/cv                officer           the expert's CV
 *   GET    directory/held                                  officer           registrations held after a sanctions hit
 *   POST   directory/profiles/:profileId/release           officer           { decision: 'release' | 'refuse', reason } a held registration
 *   GET    directory/needs                                 officer: all; partner / applicant: own    keyset page of needs
 *   POST   directory/needs                                 partner, applicant                        post a need (DirectoryNeedInput)
 *   GET    directory/needs/:needId                         officer, owner                            one need (with its matches)
 *   POST   directory/needs/:needId/close                   officer, owner                            close an open need without a match
 *   GET    directory/needs/:needId/candidates              officer           matching run: ranked experts with score + reasons
 *   POST   directory/needs/:needId/proposals               officer           { profileId } propose an expert → DirectoryMatchView (proposed)
 *   GET    directory/needs/:needId/organization-matches    officer, owner    partnership need: organizations ranked (theme, governorate, past grants)
 *   GET    directory/matches?needId=                       officer: all; partner/applicant: on own needs   list of matches (of one need)
 *   GET    directory/matches/:matchId                      officer, the expert, the host   one match (contacts once the expert accepted)
 *   POST   directory/matches/:matchId/accept               the expert (proposed → accepted); the host (accepted → active)
 *   POST   directory/matches/:matchId/decline              the expert (proposed) or the host (accepted) → declined, { reason? }
 *   POST   directory/matches/:matchId/sessions             the expert (active)   log a session (DirectorySessionInput)
 *   POST   directory/matches/:matchId/close                the host or an officer (active) { rating 1–5, outcome } → closed
 *   GET    directory/aggregates?dimension=…                officer           counts for the map and charts, k ≥ 5 (DirectoryAggregateView)
 *   GET    directory/taxonomy/suggestions                  admin, officer    free-text skills experts typed, for the taxonomy
 */
import type { KeysetPage } from './trail';

export const DirectoryPaths = {
  taxonomy: 'directory/taxonomy',
  taxonomySuggestions: 'directory/taxonomy/suggestions',
  registrations: 'directory/registrations',
  verifyRegistration: 'directory/registrations/verify',
  publicProfiles: 'directory/public/profiles',
  me: 'directory/me',
  myCv: 'directory/me/cv',
  myNeeds: 'directory/me/needs',
  myMatches: 'directory/me/matches',
  myExport: 'directory/me/export',
  myErasure: 'directory/me/erasure',
  profiles: 'directory/profiles',
  profile: (profileId: string) => `directory/profiles/${profileId}`,
  profileCv: (profileId: string) => `directory/profiles/${profileId}/cv`,
  held: 'directory/held',
  release: (profileId: string) => `directory/profiles/${profileId}/release`,
  needs: 'directory/needs',
  need: (needId: string) => `directory/needs/${needId}`,
  closeNeed: (needId: string) => `directory/needs/${needId}/close`,
  interest: (needId: string) => `directory/needs/${needId}/interest`,
  candidates: (needId: string) => `directory/needs/${needId}/candidates`,
  proposals: (needId: string) => `directory/needs/${needId}/proposals`,
  organizationMatches: (needId: string) => `directory/needs/${needId}/organization-matches`,
  matches: 'directory/matches',
  match: (matchId: string) => `directory/matches/${matchId}`,
  acceptMatch: (matchId: string) => `directory/matches/${matchId}/accept`,
  declineMatch: (matchId: string) => `directory/matches/${matchId}/decline`,
  matchSessions: (matchId: string) => `directory/matches/${matchId}/sessions`,
  closeMatch: (matchId: string) => `directory/matches/${matchId}/close`,
  aggregates: 'directory/aggregates',
} as const;

// ---------------------------------------------------------------------------------------------------------------------
// Vocabularies (stored as text: never rename one)

/** Where the expert can work: online, in person (on site in Iraq), or both. */
export const DIRECTORY_MODES = ['online', 'in_person', 'both'] as const;
export type DirectoryMode = (typeof DIRECTORY_MODES)[number];

/** Who may see a profile besides the expert: officers only; officers and host institutions; listed publicly with name. */
export const DIRECTORY_VISIBILITIES = ['officers', 'officers_and_hosts', 'public'] as const;
export type DirectoryVisibility = (typeof DIRECTORY_VISIBILITIES)[number];

/** Languages an expert can work in (ISO 639: ku = Kurdish, syr = Syriac); the web translates `directory.language.<code>`. */
export const DIRECTORY_LANGUAGES = ['ar', 'ku', 'syr', 'tr', 'fa', 'en', 'sv', 'de', 'fr'] as const;
export type DirectoryLanguage = (typeof DIRECTORY_LANGUAGES)[number];

/** Countries of residence the directory knows (ISO 3166-1 alpha-2); the web translates `directory.country.<code>`. */
export const DIRECTORY_COUNTRIES = ['SE', 'GB', 'DE', 'NL', 'DK', 'NO', 'FI', 'FR', 'BE', 'AT', 'CH', 'US', 'CA', 'AU', 'IQ'] as const;
export type DirectoryCountry = (typeof DIRECTORY_COUNTRIES)[number];

/**
 * A profile's state: `pending_verification` until the email is verified; `held` when registration screening found a
 * potential sanctions match (an officer releases or refuses it); `active` (searchable); `refused`.
 */
export const DIRECTORY_PROFILE_STATUSES = ['pending_verification', 'held', 'active', 'refused'] as const;
export type DirectoryProfileStatus = (typeof DIRECTORY_PROFILE_STATUSES)[number];

export const DIRECTORY_NEED_KINDS = ['assignment', 'partnership'] as const;
export type DirectoryNeedKind = (typeof DIRECTORY_NEED_KINDS)[number];

export const DIRECTORY_NEED_STATES = ['open', 'matched', 'closed'] as const;
export type DirectoryNeedState = (typeof DIRECTORY_NEED_STATES)[number];

/**
 * A match: `proposed` by an officer → the expert `accepted` (contact details now visible to both) or `declined` →
 * the host accepts too: `active` (sessions can be logged) or declines → `declined` → the host (or an officer) closes it with
 * a rating: `closed`.
 */
export const DIRECTORY_MATCH_STATES = ['proposed', 'accepted', 'declined', 'active', 'closed'] as const;
export type DirectoryMatchState = (typeof DIRECTORY_MATCH_STATES)[number];

/** States in which both parties see each other's contact details. */
export const DIRECTORY_CONTACT_STATES: readonly DirectoryMatchState[] = ['accepted', 'active', 'closed'];

/** Dimensions of the map and charts. */
export const DIRECTORY_AGGREGATE_DIMENSIONS = ['country', 'city', 'sector', 'language', 'mode'] as const;
export type DirectoryAggregateDimension = (typeof DIRECTORY_AGGREGATE_DIMENSIONS)[number];

/** No published cell counts fewer people than this (smaller cells are merged into `other` or suppressed). */
export const DIRECTORY_MIN_CELL = 5;

/** Limits (the api refuses more with a 400 naming the field). */
export const DIRECTORY_LIMITS = {
  nameMax: 120,
  bioMax: 2000,
  cityMax: 80,
  phoneMax: 40,
  skillsMax: 30,
  freeSkillsMax: 10,
  freeSkillMax: 60,
  languagesMax: 9,
  yearsMax: 70,
  availabilityDaysMax: 365,
  textMax: 2000,
  titleMax: 200,
  durationWeeksMax: 104,
  sessionHoursMax: 24,
  searchTextMax: 200,
  cvMaxBytes: 5 * 1024 * 1024,
  passwordMin: 12,
  passwordMax: 200,
} as const;

// ---------------------------------------------------------------------------------------------------------------------
// Taxonomy

export interface LocalizedName {
  en: string;
  ar: string;
  sv: string;
}

export interface DirectorySkillView {
  code: string;
  sectorCode: string;
  name: LocalizedName;
}

export interface DirectorySectorView {
  code: string;
  name: LocalizedName;
  skills: DirectorySkillView[];
}

export interface DirectoryTaxonomyView {
  sectors: DirectorySectorView[];
}

/** A free-text skill experts typed that is not in the taxonomy, with how many profiles name it. */
export interface DirectorySkillSuggestionView {
  text: string;
  count: number;
}

// ---------------------------------------------------------------------------------------------------------------------
// Registration

/** POST directory/registrations (public). Always 202 (whether or not the email is known: no account enumeration). */
export interface DirectoryRegistrationInput {
  /** Full name as the expert wants it shown. */
  name: string;
  email: string;
  /** 12–200 characters. */
  password: string;
  /** The language of the verification mail and of the account. */
  language: 'en' | 'ar' | 'sv';
}

export interface DirectoryRegistrationAccepted {
  status: 'verification_sent';
}

/** POST directory/registrations/verify (public). */
export interface DirectoryVerificationInput {
  token: string;
}

export interface DirectoryVerificationResult {
  /** `active`: sign in now; `held`: a sanctions screening hit, an officer reviews the registration first. */
  status: 'active' | 'held';
}

// ---------------------------------------------------------------------------------------------------------------------
// Profile

/** PUT directory/me. */
export interface DirectoryProfileInput {
  name: string;
  /** Profession, free text (e.g. "Child psychiatrist"). */
  profession: string;
  /** Skill codes of the taxonomy (1–30). */
  skills: string[];
  /** Skills not in the taxonomy (suggested to admins), 0–10 of ≤ 60 characters. */
  freeSkills: string[];
  yearsOfExperience: number;
  languages: DirectoryLanguage[];
  residenceCountry: DirectoryCountry;
  residenceCity: string;
  /** Days per year the expert can give (1–365). */
  availabilityDaysPerYear: number;
  mode: DirectoryMode;
  /** Governorates (IQ-BG…) the expert would travel to; empty when online only. */
  travelGovernorates: string[];
  bio: string;
  /** Phone for the host once a match is accepted (optional). */
  phone: string | null;
  visibility: DirectoryVisibility;
}

/** The CV file of a profile (metadata only; the bytes through directory/me/cv). */
export interface DirectoryCvRef {
  fileName: string;
  sizeBytes: number;
  uploadedAt: string;
}

/** What others may see of a profile (never contact details: those appear on an accepted match only). */
export interface DirectoryProfileSummary {
  id: string;
  name: string;
  profession: string;
  /** Sector codes of the skills. */
  sectors: string[];
  skills: string[];
  freeSkills: string[];
  yearsOfExperience: number;
  languages: DirectoryLanguage[];
  residenceCountry: DirectoryCountry;
  residenceCity: string;
  availabilityDaysPerYear: number;
  mode: DirectoryMode;
  travelGovernorates: string[];
  bio: string;
  visibility: DirectoryVisibility;
  hasCv: boolean;
}

/** GET directory/me: the expert's own profile. */
export interface DirectoryOwnProfileView extends DirectoryProfileSummary {
  status: DirectoryProfileStatus;
  email: string;
  phone: string | null;
  cv: DirectoryCvRef | null;
  updatedAt: string;
}

/** Public listing: only what a publicly listed expert shows the world. */
export interface DirectoryPublicProfileView {
  id: string;
  name: string;
  profession: string;
  sectors: string[];
  skills: string[];
  languages: DirectoryLanguage[];
  residenceCountry: DirectoryCountry;
  residenceCity: string;
  mode: DirectoryMode;
}

/** A registration held after a sanctions hit (officer). */
/** GET directory/matches query: only the matches of one need (at most 200, newest first, like the whole list). */
export interface DirectoryMatchListQuery {
  needId?: string;
}

export interface DirectoryHeldView {
  profileId: string;
  name: string;
  email: string;
  registeredAt: string;
  /** The screening matches raised (see the screening queue). */
  screeningMatchIds: string[];
  /** The same, each with its similarity score (0–1), highest first: why the registration is held. */
  screeningMatches: { entryId: string; score: number }[];
}

export interface DirectoryReleaseInput {
  decision: 'release' | 'refuse';
  reason: string;
}

// ---------------------------------------------------------------------------------------------------------------------
// Search

/** GET directory/profiles (query string; lists are comma-separated). */
export interface DirectorySearchQuery {
  /** Full text over name, profession, skills, bio, city (Arabic and Latin normalized like screening names). */
  q?: string;
  /** Skill codes: a profile must have at least one. */
  skills?: string[];
  sector?: string;
  language?: DirectoryLanguage;
  /** Minimum days per year. */
  minDays?: number;
  country?: DirectoryCountry;
  city?: string;
  /** `online` matches online and both; `in_person` matches in_person and both. */
  mode?: DirectoryMode;
  pageSize?: number;
  after?: string;
  before?: string;
}

export type DirectorySearchPage = KeysetPage<DirectoryProfileSummary>;
export type DirectoryPublicPage = KeysetPage<DirectoryPublicProfileView>;

// ---------------------------------------------------------------------------------------------------------------------
// Needs

/** An assignment's terms of reference. */
export interface DirectoryAssignmentTerms {
  sector: string;
  skills: string[];
  language: DirectoryLanguage;
  /** 1–104 weeks. */
  durationWeeks: number;
  /** Days of work asked over the assignment (1–365). */
  daysNeeded: number;
  mode: DirectoryMode;
  /** Where the work is (IQ-BA…). */
  governorate: string;
  /** Start window, ISO dates. */
  startFrom: string;
  startTo: string;
}

export interface DirectoryPartnershipTerms {
  /** A sector code of the taxonomy. */
  theme: string;
  offer: string;
  seek: string;
  governorate: string;
}

/** POST directory/needs: exactly one of `assignment` / `partnership`, as `kind` says. */
export interface DirectoryNeedInput {
  kind: DirectoryNeedKind;
  title: string;
  description: string;
  assignment?: DirectoryAssignmentTerms;
  partnership?: DirectoryPartnershipTerms;
}

export interface DirectoryNeedView {
  id: string;
  kind: DirectoryNeedKind;
  state: DirectoryNeedState;
  title: string;
  description: string;
  assignment: DirectoryAssignmentTerms | null;
  partnership: DirectoryPartnershipTerms | null;
  /** The posting organization (partner organization or diaspora organization). */
  host: { organizationId: string | null; name: string };
  postedAt: string;
  /** Experts who expressed interest (officers and the host see the count). */
  interestCount: number;
}

export type DirectoryNeedPage = KeysetPage<DirectoryNeedView>;

/** GET directory/me/needs: a need that fits the expert, with its score. */
export interface DirectoryNeedFitView {
  need: DirectoryNeedView;
  score: number;
  reasons: DirectoryMatchReason[];
  interested: boolean;
}

// ---------------------------------------------------------------------------------------------------------------------
// Matching

/**
 * Why a candidate scores what it does. The web translates `directory.reason.<code>` with the params:
 * - skills_matched {matched, required, skills (comma-separated codes)}
 * - sector_matched {sector}
 * - language {language} / language_missing {language}
 * - availability {days, needed} / availability_short {days, needed}
 * - mode {mode} / mode_mismatch {mode, needed}
 * - travel {governorate} / no_travel {governorate}
 * - in_person_blocked {governorate}: the governorate is at security level no_access: online only
 * - interested: the expert expressed interest in this need
 */
export const DIRECTORY_REASON_CODES = [
  'skills_matched',
  'sector_matched',
  'language',
  'language_missing',
  'availability',
  'availability_short',
  'mode',
  'mode_mismatch',
  'travel',
  'no_travel',
  'in_person_blocked',
  'interested',
] as const;
export type DirectoryReasonCode = (typeof DIRECTORY_REASON_CODES)[number];

export interface DirectoryMatchReason {
  code: DirectoryReasonCode;
  params: Record<string, string | number>;
}

/** One ranked candidate of a matching run (score 0–100). */
export interface DirectoryCandidateView {
  profile: DirectoryProfileSummary;
  score: number;
  reasons: DirectoryMatchReason[];
  /** The mode a proposal would carry: never in_person where the governorate is no_access. */
  proposableMode: 'online' | 'in_person' | 'both';
  /** Already proposed on this need (match id), if so. */
  matchId: string | null;
}

export interface DirectoryCandidatesView {
  needId: string;
  /** The security level of the need's governorate today. */
  securityLevel: 'accessible' | 'restricted' | 'no_access';
  candidates: DirectoryCandidateView[];
}

/** POST directory/needs/:needId/proposals. */
export interface DirectoryProposalInput {
  profileId: string;
  /** A note to the expert and host (optional). */
  note?: string;
}

export interface DirectoryContact {
  name: string;
  email: string;
  phone: string | null;
}

export interface DirectorySessionView {
  id: string;
  date: string;
  hours: number;
  mode: 'online' | 'in_person';
  topic: string;
  note: string;
  loggedAt: string;
}

/** POST directory/matches/:matchId/sessions. */
export interface DirectorySessionInput {
  /** ISO date, not in the future. */
  date: string;
  /** 0.25–24, in quarter hours. */
  hours: number;
  mode: 'online' | 'in_person';
  topic: string;
  note: string;
}

export interface DirectoryMatchView {
  id: string;
  needId: string;
  needTitle: string;
  state: DirectoryMatchState;
  /** The mode agreed (online only where the governorate is no_access). */
  mode: 'online' | 'in_person' | 'both';
  score: number;
  reasons: DirectoryMatchReason[];
  profile: DirectoryProfileSummary | null;
  note: string | null;
  proposedAt: string;
  expertAnsweredAt: string | null;
  hostAnsweredAt: string | null;
  closedAt: string | null;
  rating: number | null;
  outcome: string | null;
  /** Shown once the expert accepted (states in DIRECTORY_CONTACT_STATES), to the expert, the host and officers; null before. */
  expertContact: DirectoryContact | null;
  hostContact: DirectoryContact | null;
  sessions: DirectorySessionView[];
  /** Sum of session hours. */
  totalHours: number;
}

/** POST directory/matches/:matchId/decline. */
export interface DirectoryDeclineInput {
  reason?: string;
}

/** POST directory/matches/:matchId/close. */
export interface DirectoryCloseInput {
  /** 1–5. */
  rating: number;
  outcome: string;
}

/** Organization matching: why an organization fits a partnership need. Codes: theme {theme}, governorate {governorate}, past_grants {count}. */
export interface DirectoryOrganizationMatchView {
  organizationId: string;
  kind: 'diaspora_organization' | 'partner_organization';
  name: string;
  country: string | null;
  score: number;
  reasons: { code: 'theme' | 'governorate' | 'past_grants'; params: Record<string, string | number> }[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Map and charts

/** GET directory/aggregates?dimension=country (optionally &country=SE for cities, &sector=…). */
export interface DirectoryAggregateCell {
  /** The group (country code, city, sector code, language code, mode) or `other` for small groups merged. */
  key: string;
  /** Always ≥ DIRECTORY_MIN_CELL. */
  count: number;
}

export interface DirectoryAggregateView {
  dimension: DirectoryAggregateDimension;
  cells: DirectoryAggregateCell[];
  /** How many people fall in groups that could not be shown even merged (0 or ≥ 1; the number itself is not published below 5: null then). */
  suppressed: number | null;
  /** Total shown (sum of cells). */
  total: number;
}

// ---------------------------------------------------------------------------------------------------------------------
// GDPR

/** GET directory/me/export: everything Mizan holds about the expert. */
export interface DirectoryExport {
  exportedAt: string;
  account: { email: string; name: string; language: string; createdAt: string };
  profile: DirectoryOwnProfileView | null;
  interests: { needId: string; needTitle: string; at: string }[];
  matches: DirectoryMatchView[];
}

/** POST directory/me/erasure. */
export interface DirectoryErasureInput {
  password: string;
}

/** The web page the verification mail links to (`<web>/<path>?token=…`); it POSTs the token to DirectoryPaths.verifyRegistration. */
export const DIRECTORY_VERIFY_WEB_PATH = 'directory/verify';
