import type { ListEntryKind, ListNameType, MatchExplanation, PartyNameKind } from '@mizan/domain';
import type { PersonRef } from './finance';

/**
 * Sanctions screening (issue 13, docs/screening.md). Officers and admins (`sanctions.screen`)
 * import lists, work the queue of potential matches and check names. Scores are numbers
 * 0..1 with four decimals; dates ISO. Errors name the problem by code
 * (ErrorCode.Sanctions* / Screening*), with params.
 */

/** Who or what is screened (the view `screening_party`). */
export const PARTY_KINDS = ['organization', 'account_holder', 'organization_member', 'partner', 'partner_contact', 'partner_member', 'supplier'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/**
 * open → (pending_second →) cleared | confirmed; lapsed when the party's name or the
 * entry changed, or the entry left the list, before anyone decided.
 */
export const MATCH_STATES = ['open', 'pending_second', 'cleared', 'confirmed', 'lapsed'] as const;
export type MatchState = (typeof MATCH_STATES)[number];

export const MATCH_RESOLUTIONS = ['false_positive', 'confirmed'] as const;
export type MatchResolution = (typeof MATCH_RESOLUTIONS)[number];

export const LIST_VERSION_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type ListVersionState = (typeof LIST_VERSION_STATES)[number];

export const SCREENING_RUN_TRIGGERS = ['import', 'manual', 'settings'] as const;
export type ScreeningRunTrigger = (typeof SCREENING_RUN_TRIGGERS)[number];

/** The longest name a check accepts (characters). */
export const SCREENING_NAME_MAX = 300;
/** Reasons for a resolution (characters). */
export const SCREENING_REASON_MIN = 10;
export const SCREENING_REASON_MAX = 2000;
/** The largest list file an import accepts (bytes). */
export const SANCTIONS_FILE_MAX_BYTES = 64 * 1024 * 1024;

export const ScreeningPaths = {
  /** GET: the versions of every list imported, newest first, paged; POST multipart (field `file`): import a list file (a background job). */
  lists: 'screening/lists',
  /** GET: one version with its progress and what changed since the previous one. */
  list: (id: string) => `screening/lists/${id}`,
  /** GET: one list entry (all its names, birth, nationality, listing reason). */
  entry: (id: string) => `screening/entries/${id}`,
  /** POST { name, kind? }: screen one name against the current list, nothing saved. */
  checks: 'screening/checks',
  /** GET: the queue of potential matches, paged (`?state=&partyKind=&q=&page=&pageSize=`). */
  matches: 'screening/matches',
  /** GET: one match with the party, the list entry and the explanation. */
  match: (id: string) => `screening/matches/${id}`,
  /** POST { resolution, reason, rowVersion }: resolve (false positive below the high score) or propose (confirm, or clear a high score). */
  matchResolution: (id: string) => `screening/matches/${id}/resolution`,
  /** POST { agree, reason, rowVersion }: the second officer agrees (resolved) or sends the proposal back (open again). */
  matchSecond: (id: string) => `screening/matches/${id}/second`,
  /** GET: runs, newest first, paged; POST: screen every party again now. */
  runs: 'screening/runs',
  /** GET: one run with its progress. */
  run: (id: string) => `screening/runs/${id}`,
  /** GET / PUT { threshold, highScore, rowVersion }: the agency's screening settings. */
  settings: 'screening/settings',
  /** GET: the screening status of an organization and its partners and people (matches not lapsed). */
  organization: (organizationId: string) => `screening/organizations/${organizationId}`,
} as const;

export interface SanctionsListVersionView {
  id: string;
  listName: string;
  fileName: string;
  sha256: string;
  /** When the list's publisher generated it. */
  publishedAt: string | null;
  state: ListVersionState;
  /** 0..100 */
  progress: number;
  failureCode: string | null;
  failureParams: Record<string, string | number> | null;
  individuals: number;
  entities: number;
  aliases: number;
  entriesAdded: number;
  entriesRemoved: number;
  entriesChanged: number;
  aliasesAdded: number;
  aliasesRemoved: number;
  importedBy: PersonRef;
  createdAt: string;
  finishedAt: string | null;
  /** The screening run this import started (null until it finished). */
  runId: string | null;
}

export interface SanctionsNameView {
  name: string;
  type: ListNameType;
  quality: string | null;
  /** latin | arabic | other */
  script: 'latin' | 'arabic' | 'other';
}

export interface SanctionsEntryView {
  id: string;
  listName: string;
  reference: string;
  kind: ListEntryKind;
  primaryName: string;
  names: SanctionsNameView[];
  datesOfBirth: string[];
  placesOfBirth: string[];
  nationalities: string[];
  listingReason: string;
  unListType: string | null;
  listedOn: string | null;
  /** Set when a later version no longer has the entry. */
  removedAt: string | null;
}

export interface ScreeningCheckInput {
  name: string;
  /** Default unknown. */
  kind?: PartyNameKind;
}

export interface ScreeningCandidateView {
  reference: string;
  entryId: string;
  name: string;
  kind: ListEntryKind;
  /** 0..1 */
  score: number;
  /** One English sentence (for API users and the command line). */
  explanation: string;
  /** The same, as structure (the web renders and translates it). */
  detail: MatchExplanation;
}

/** The answer of a check; the command line prints the same object (`tools/mizan screen --json`). */
export interface ScreeningCheckResult {
  query: string;
  potentialMatch: boolean;
  threshold: number;
  listVersionId: string;
  candidates: ScreeningCandidateView[];
}

export interface ScreeningPartyRef {
  kind: PartyKind;
  id: string;
  organizationId: string;
  organizationName: string;
  partnerOrganizationId: string | null;
  partnerName: string | null;
}

export interface ScreeningMatchView {
  id: string;
  state: MatchState;
  party: ScreeningPartyRef;
  screenedName: string;
  entryId: string;
  reference: string;
  entryName: string;
  entryKind: ListEntryKind;
  score: number;
  /** Score ≥ the high score when raised: clearing it needs a second officer. */
  high: boolean;
  raisedAt: string;
  proposedResolution: MatchResolution | null;
  proposedBy: PersonRef | null;
  rowVersion: number;
}

export interface ScreeningMatchDetail extends ScreeningMatchView {
  entry: SanctionsEntryView;
  explanation: MatchExplanation;
  explanationText: string;
  listVersionId: string;
  proposedAt: string | null;
  proposalReason: string | null;
  resolvedBy: PersonRef | null;
  resolvedAt: string | null;
  resolutionReason: string | null;
  lapsedReason: string | null;
  /** What the caller may do now. */
  actions: { resolve: boolean; second: boolean };
}

export interface ScreeningResolutionInput {
  resolution: MatchResolution;
  reason: string;
  rowVersion: number;
}

export interface ScreeningSecondInput {
  agree: boolean;
  reason: string;
  rowVersion: number;
}

export interface ScreeningRunView {
  id: string;
  trigger: ScreeningRunTrigger;
  listVersionId: string | null;
  state: ListVersionState;
  progress: number;
  partiesScreened: number;
  matchesRaised: number;
  failureCode: string | null;
  requestedBy: PersonRef | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ScreeningSettingsView {
  threshold: number;
  highScore: number;
  defaults: { threshold: number; highScore: number };
  updatedBy: PersonRef | null;
  updatedAt: string | null;
  rowVersion: number;
}

export interface ScreeningSettingsInput {
  threshold: number;
  highScore: number;
  rowVersion: number;
}

export interface OrganizationScreeningView {
  organizationId: string;
  /** clear: no match open or confirmed; pending: open or waiting for a second officer; confirmed: at least one confirmed. */
  status: 'clear' | 'pending' | 'confirmed';
  /** The current list version the parties were last screened against, null when no list yet. */
  listVersionId: string | null;
  matches: ScreeningMatchView[];
}

/** The queue's filters (GET ScreeningPaths.matches); without `state`: open and pending_second. */
export interface ScreeningMatchListQuery {
  state?: MatchState;
  partyKind?: PartyKind;
  /** Part of the screened name, the list reference or the organization's name. */
  q?: string;
  /** Keyset cursors (a page's `next` / `previous`) and the page size. */
  after?: string;
  before?: string;
  pageSize?: number;
}

/** The longest `q` of the queue's search (characters). */
export const SCREENING_QUERY_MAX = 200;

/** Why a payment (or a grant) waits: a party to its grant has a potential or confirmed sanctions match. */
export interface ScreeningBlockView {
  code: 'SCREENING_MATCH_UNRESOLVED' | 'SCREENING_MATCH_CONFIRMED';
  count: number;
  /** The screened names, comma-separated (at most five, then "…"). */
  names: string;
}
