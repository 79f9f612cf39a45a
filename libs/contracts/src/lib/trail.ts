export interface ActivityRecordView {
  /** Position in the chain, 1-based, gap-free. */
  seq: string;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  previousHash: string;
  hash: string;
}

/** The filters of the trail page, which an export applies too (all optional; empty means the whole trail). */
export interface TrailFilterSet {
  /** Part of the actor's email or label. */
  actor?: string;
  /** An exact action code (TrailAction). */
  action?: string;
  entityType?: string;
  entityId?: string;
  /** ISO date or date-time, inclusive. */
  from?: string;
  /** ISO date or date-time, inclusive (a date means the whole day). */
  to?: string;
}

/** GET trail: the filters and a keyset page (`after` / `before` cursors from a page, `pageSize`). */
export interface TrailQuery extends TrailFilterSet {
  after?: string;
  before?: string;
  pageSize?: number;
}

/** A page of the trail (newest first), with the display names of the users its records name (actors and user ids in before/after). */
export interface TrailPage extends KeysetPage<ActivityRecordView> {
  /** user id → display name, for users of the reader's agency named on this page. */
  names: Record<string, string>;
}

/** POST trail/exports: the filters on screen, applied to the PDF. */
export interface TrailExportRequest {
  filters?: TrailFilterSet;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * One hash chain as verified. Since migration 1765800000000 every agency has its own chain
 * (kind 'agency'), records without an agency form the platform's chain, and the records written
 * before it stay in the legacy chain (one for the whole deployment, positions = seq).
 */
export interface TrailChainVerification {
  kind: 'legacy' | 'platform' | 'agency';
  /** The agency of an 'agency' chain, else null. */
  agencyId: string | null;
  agencyName: string | null;
  intact: boolean;
  /** Records checked in this chain. */
  count: number;
  /** Position (legacy: seq; else chain_seq) and hash of the last record checked ('0' and the genesis hash when empty). */
  headSeq: string;
  headHash: string;
  /** The position in this chain where it stops verifying, when broken. */
  brokenAtSeq: string | null;
  problem: string | null;
}

export interface TrailVerification {
  /** Every chain checked is intact and every checkpoint agrees. */
  intact: boolean;
  /** Records checked, all chains. */
  count: number;
  /** Hash of the newest record checked (of the agency's chain when one agency is verified), or the genesis when there is none. */
  headHash: string;
  /** Where the first broken chain stops verifying (its position in that chain; see `chains`). */
  brokenAtSeq: string | null;
  problem: string | null;
  verifiedAt: string;
  /** Each chain checked: the legacy chain, then the platform's and the agencies' (or the one agency's). */
  chains: TrailChainVerification[];
  /** The chains checked against the worker's signed checkpoints (README, Trail checkpoints). */
  checkpoints: TrailCheckpointReport;
}

export interface TrailCheckpointReport {
  /** Checkpoint files found in the store. */
  found: number;
  /** Of those, the ones whose signature verified and that the chain agrees with. */
  agreeing: number;
  /** The newest checkpoint the chain agrees with. */
  /** `chain`: 'legacy', 'platform' or the agency id; `seq` is the position in that chain. */
  latest: { number: number; chain: string; seq: string; headHash: string; signedAt: string } | null;
  /** Key id of the public key checked against, null when none is configured. */
  keyId: string | null;
  /** Every contradiction, first one first (e.g. "TRUNCATED: checkpoint #7 at seq 1234 …"). */
  problems: string[];
}

export type ExportState = 'waiting' | 'active' | 'completed' | 'failed';

export interface TrailExportView {
  id: string;
  state: ExportState;
  /** 0–100 */
  progress: number;
  /** Set when completed. */
  file: { sha256: string; sizeBytes: number; downloadPath: string } | null;
  failedReason: string | null;
  requestedAt: string;
  /** The filters the PDF applies; `{}` for the whole trail. */
  filters: TrailFilterSet;
}

/**
 * A page of a list that can be long, read by keyset (issue 14): the page after page 1,000 costs
 * what page 2 costs, because the next page starts after the last row's sort key instead of
 * skipping rows (`?after=<next>` / `?before=<previous>`, with `pageSize`). Cursors are opaque.
 */
export interface KeysetPage<T> {
  items: T[];
  pageSize: number;
  /** Cursor for the page after this one (`?after=`), or null when this is the last. */
  next: string | null;
  /** Cursor for the page before this one (`?before=`), or null when this is the first. */
  previous: string | null;
  /** Rows matching the filters, counted up to KEYSET_COUNT_CAP; `totalCapped` says there are more. */
  total: number;
  totalCapped: boolean;
}

/** Counting stops here: past it a list says "10,000+" instead of scanning every row on every page. */
export const KEYSET_COUNT_CAP = 10_000;
