/**
 * The api hot paths `tools/bench/api-paths-bench.ts` measures: one line each, so switching a list to its keyset
 * version (`?after=<cursor>&pageSize=`, response `{items, next, previous, total, totalCapped}`) is a one-line change:
 * set `paging: 'keyset'` and, for a deep page, put `{cursor}` where the cursor goes.
 *
 * `path` is relative to /api/v1/; `{name}` placeholders are filled from the bench context (BenchContext in
 * api-paths-bench.ts: callId = the call with most applications, grantId = the grant with most postings, action /
 * entityType / actorLabel / from / to = common trail values, deepPage = a page near the end computed from the first
 * page's `total`, cursor = the `next` cursor after following `next` `follow` times).
 */
export type BenchRole = 'officer' | 'auditor';

export interface ApiPathSpec {
  /** Short stable name (the tables' first column; `--paths` selects by it). */
  name: string;
  role: BenchRole;
  path: string;
  /** Offset pages (`page=`) as on main today, or keyset cursors. */
  paging?: 'offset' | 'keyset';
  /** Keyset deep page: how many `next` links to follow before measuring. */
  follow?: number;
  /** For a deep offset page: the first page's path, whose `total` gives {deepPage}. */
  totalFrom?: string;
  pageSize?: number;
}

export const API_PATHS: readonly ApiPathSpec[] = [
  // Officer: the applications of the call with most applications, and the call's screening queue (on main: whole lists).
  { name: 'applications.call', role: 'officer', path: 'applications?callId={callId}' },
  { name: 'screening-queue.call', role: 'officer', path: 'calls/{callId}/screening' },
  { name: 'screening-queue.filter', role: 'officer', path: 'calls/{callId}/screening?state=submitted' },
  // Sanctions screening: the queue of potential matches.
  { name: 'sanctions-matches.first', role: 'officer', path: 'screening/matches?pageSize=50' },
  { name: 'sanctions-matches.deep', role: 'officer', path: 'screening/matches?pageSize=50&page={deepPage}', totalFrom: 'screening/matches?pageSize=50', pageSize: 50 },
  // Auditor: the trail.
  { name: 'trail.first', role: 'auditor', path: 'trail?pageSize=50' },
  { name: 'trail.action', role: 'auditor', path: 'trail?pageSize=50&action={action}' },
  { name: 'trail.entity', role: 'auditor', path: 'trail?pageSize=50&entityType={entityType}' },
  { name: 'trail.actor', role: 'auditor', path: 'trail?pageSize=50&actor={actorLabel}' },
  { name: 'trail.dates', role: 'auditor', path: 'trail?pageSize=50&from={from}&to={to}' },
  { name: 'trail.deep', role: 'auditor', path: 'trail?pageSize=50&page={deepPage}', totalFrom: 'trail?pageSize=50', pageSize: 50 },
  // Officer: notifications, the review board of the call with most applications, a grant's ledger statement.
  { name: 'notifications', role: 'officer', path: 'notifications' },
  { name: 'review-board', role: 'officer', path: 'calls/{callId}/board' },
  { name: 'review-board.sort', role: 'officer', path: 'calls/{callId}/board?sort=score&direction=desc' },
  { name: 'grant-statement', role: 'officer', path: 'ledger/grants/{grantId}/statement' },
];

/** Sign-in (argon2id by design, ~30–60/s per core): measured apart, baseline = the same SQL + argon2 verify. */
export const SIGN_IN_PATH = 'auth/sign-in';
