import type { KeysetPage } from './trail';
import type { CurrencyCode, RedFlagCode, RedFlagSettingsJson, RedFlagSeverity } from '@mizan/domain';
import type { RedFlagRunReason, RedFlagRunState, RedFlagState } from './reporting';

/**
 * Red flags (issue 11, docs/red-flags.md): what the engine raised, for the officers of the agency. A flag names the
 * rule (`code`), its numbers (`params`, translated by the web per code) and the lines it is about.
 */

export interface RedFlagLineRef {
  id: string;
  seq: number;
  reportId: string;
  date: string;
  supplier: string;
  amountMinor: string;
  currency: CurrencyCode;
}

export interface RedFlagHistoryEntry {
  at: string;
  /** The trail action: red_flag.cleared, red_flag.escalated. */
  action: string;
  actorName: string | null;
  reason: string | null;
}

export interface RedFlagView {
  id: string;
  grantId: string;
  grantNumber: string;
  grantTitle: string;
  reportId: string | null;
  code: RedFlagCode;
  severity: RedFlagSeverity;
  state: RedFlagState;
  /** False once the latest run no longer raises it (kept with its history). */
  active: boolean;
  params: Record<string, unknown>;
  /** The lines it names (at most RED_FLAG_LINES_SHOWN; `lineCount` says how many there are). */
  lines: RedFlagLineRef[];
  lineCount: number;
  firstRaisedAt: string;
  lastEvaluatedAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolutionReason: string | null;
  history: RedFlagHistoryEntry[];
  rowVersion: number;
}

export const RED_FLAG_LINES_SHOWN = 50;

export interface RedFlagCounts {
  /** Active flags by code and severity, over the filter's scope (not its state/severity/code filters). */
  byCode: Partial<Record<RedFlagCode, Partial<Record<RedFlagSeverity, number>>>>;
  bySeverity: Partial<Record<RedFlagSeverity, number>>;
  byState: Partial<Record<RedFlagState, number>>;
}

/** A keyset page of flags (issue 14), with the counts over the filter's scope. */
export interface RedFlagPage extends KeysetPage<RedFlagView> {
  counts: RedFlagCounts;
}

export interface RedFlagListQuery {
  state?: RedFlagState;
  severity?: RedFlagSeverity;
  code?: RedFlagCode;
  programId?: string;
  grantId?: string;
  /** Include flags no longer raised (default false). */
  inactive?: boolean;
  after?: string;
  before?: string;
  pageSize?: number;
}

export interface RedFlagReasonRequest {
  reason: string;
}

export interface RedFlagRunView {
  id: string;
  reason: RedFlagRunReason;
  reportId: string | null;
  state: RedFlagRunState;
  progress: number;
  lineCount: number | null;
  flagCount: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RedFlagSettingsView {
  /** The effective settings (defaults with the agency's overrides). Money per currency as decimal strings of minor units. */
  settings: RedFlagSettingsJson;
  defaults: RedFlagSettingsJson;
  /** Only what the agency changed. */
  overrides: Partial<RedFlagSettingsJson>;
  updatedAt: string | null;
  rowVersion: number;
}

export const RedFlagPaths = {
  /** GET (officer): the agency's flags, paged and filtered (program, grant, state, severity, code), with counts. */
  flags: 'red-flags',
  /** GET (officer): the flags of one grant. */
  grantFlags: (grantId: string) => `grants/${grantId}/red-flags`,
  flag: (flagId: string) => `red-flags/${flagId}`,
  /** POST { reason }: clear (not a problem), with the reason on the trail. */
  clear: (flagId: string) => `red-flags/${flagId}/clear`,
  /** POST { reason }: escalate (to finance and the program's officers). */
  escalate: (flagId: string) => `red-flags/${flagId}/escalate`,
  /** GET: the latest runs with progress; POST: run now. */
  runs: 'red-flags/runs',
  /** GET / PUT (overrides): the agency's thresholds. */
  settings: 'red-flags/settings',
} as const;
