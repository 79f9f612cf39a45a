/**
 * The api hot paths `tools/bench/api-paths-bench.ts` measures: one line each, so switching a list to its keyset
 * version (`?after=<cursor>&pageSize=`, response `{items, next, previous, total, totalCapped}`) is a one-line change:
 * set `paging: 'keyset'` and, for a deep page, put `{cursor}` where the cursor goes.
 *
 * `path` is relative to /api/v1/; `{name}` placeholders are filled from the bench context (BenchContext in
 * api-paths-bench.ts: callId = the call with most applications, grantId = the grant with most postings, action /
 * entityType / actorId / actorLabel / from / to = common trail values, searchWord = a word of a title in the call,
 * deepPage = a page near the end computed from the first page's `total`, cursor = the `next` cursor after following
 * `next` `follow` times — when the list ends first, the last full page before its end: the table of requests says
 * how deep each went).
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

/** A deep keyset page: this many `next` links followed from the first page (1,000 rows in at the default 25 a page). */
export const DEEP_FOLLOW = 40;
/** The sanctions queue's deep page: 6 `next` links at 50 a page (rows 301–350; the queue holds ~386 at scale 1). */
export const SANCTIONS_DEEP_FOLLOW = 6;

export const API_PATHS: readonly ApiPathSpec[] = [
  // Officer: the applications of the call with most applications — its screening desk (keyset, 25 a page): the first
  // page, a state filter, a sort, a deep page, and the chart's counts over the whole call.
  { name: 'applications.first', role: 'officer', path: 'calls/{callId}/screening', paging: 'keyset' },
  { name: 'applications.state', role: 'officer', path: 'calls/{callId}/screening?state=submitted', paging: 'keyset' },
  { name: 'applications.search', role: 'officer', path: 'calls/{callId}/screening?search={searchWord}', paging: 'keyset' },
  { name: 'applications.sort', role: 'officer', path: 'calls/{callId}/screening?sort=organization&direction=desc', paging: 'keyset' },
  { name: 'applications.deep', role: 'officer', path: 'calls/{callId}/screening?after={cursor}', paging: 'keyset', follow: DEEP_FOLLOW },
  { name: 'applications.sort-deep', role: 'officer', path: 'calls/{callId}/screening?sort=requested&direction=desc&after={cursor}', paging: 'keyset', follow: DEEP_FOLLOW },
  { name: 'applications.summary', role: 'officer', path: 'calls/{callId}/screening/summary' },
  // Sanctions screening: the queue of potential matches (open and waiting; the generator leaves ~386 at scale 1, so the
  // deep page, 300 rows in, is a full page at every scale).
  { name: 'sanctions-matches.first', role: 'officer', path: 'screening/matches?pageSize=50', paging: 'keyset' },
  { name: 'sanctions-matches.deep', role: 'officer', path: 'screening/matches?pageSize=50&after={cursor}', paging: 'keyset', follow: SANCTIONS_DEEP_FOLLOW },
  // Auditor: the trail (newest first, 50 a page) and its filters.
  { name: 'trail.first', role: 'auditor', path: 'trail?pageSize=50', paging: 'keyset' },
  { name: 'trail.action', role: 'auditor', path: 'trail?pageSize=50&action={action}', paging: 'keyset' },
  { name: 'trail.entity', role: 'auditor', path: 'trail?pageSize=50&entityType={entityType}', paging: 'keyset' },
  { name: 'trail.actor', role: 'auditor', path: 'trail?pageSize=50&actor={actorId}', paging: 'keyset' },
  { name: 'trail.dates', role: 'auditor', path: 'trail?pageSize=50&from={from}&to={to}', paging: 'keyset' },
  { name: 'trail.deep', role: 'auditor', path: 'trail?pageSize=50&after={cursor}', paging: 'keyset', follow: DEEP_FOLLOW },
  { name: 'trail.action-deep', role: 'auditor', path: 'trail?pageSize=50&action={action}&after={cursor}', paging: 'keyset', follow: DEEP_FOLLOW },
  // Officer: notifications (the first officer has half the decision notices).
  { name: 'notifications.first', role: 'officer', path: 'notifications', paging: 'keyset' },
  { name: 'notifications.deep', role: 'officer', path: 'notifications?after={cursor}', paging: 'keyset', follow: DEEP_FOLLOW },
  // The review board of the call with most applications (ranked in SQL), by rank and by score, and a deep page.
  { name: 'review-board.first', role: 'officer', path: 'calls/{callId}/board', paging: 'keyset' },
  { name: 'review-board.sort', role: 'officer', path: 'calls/{callId}/board?sort=score&direction=desc', paging: 'keyset' },
  { name: 'review-board.deep', role: 'officer', path: 'calls/{callId}/board?after={cursor}', paging: 'keyset', follow: DEEP_FOLLOW },
  // The ledger statement of the grant with most postings, each line with its running balance.
  { name: 'grant-statement.first', role: 'officer', path: 'ledger/grants/{grantId}/statement', paging: 'keyset' },
  { name: 'grant-statement.deep', role: 'officer', path: 'ledger/grants/{grantId}/statement?after={cursor}', paging: 'keyset', follow: DEEP_FOLLOW },
];

/** Sign-in (argon2id by design, ~30–60/s per core): measured apart, baseline = the same SQL + argon2 verify. */
export const SIGN_IN_PATH = 'auth/sign-in';
