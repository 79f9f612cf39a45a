import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AmountGroupView, BoardChartsView, BoardExportView, BoardHeaderView, BoardQuery, BoardReviewerView, BoardRowView, BoardSort, BoardView, ScoreBinView } from '@mizan/contracts';
import {
  ApplicationContent,
  ApplicationState,
  AssignmentStatus,
  Recommendation,
  fromHundredths,
  isDisagreement,
  meanScoreHundredths,
} from '@mizan/domain';
import { ErrorCode, FieldErrorCode, FieldProblem, KEYSET_COUNT_CAP } from '@mizan/contracts';
import { KeysetColumn, MizanException, keysetOrder, readKeysetPage } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { TrailService } from '@mizan/server/trail';
import { ReviewCall, actorOf, officerCall } from '../assignments/review-scope';

/** What the board shows: every application past screening. */
const BOARD_STATES: readonly ApplicationState[] = ['eligible', 'in_review', 'approved', 'rejected', 'reserve'];

interface ApplicationRow {
  id: string;
  title: string;
  organization_name: string;
  thematic_expertise: string[];
  receipt_number: string | null;
  submitted_at: Date | null;
  state: ApplicationState;
  requested_minor: string;
  content: ApplicationContent;
  partner_governorates: string[];
}

interface AssignmentRow {
  id: string;
  application_id: string;
  reviewer_id: string;
  reviewer_name: string;
  status: AssignmentStatus;
  weighted_hundredths: number | null;
  recommendation: Recommendation | null;
}

interface Scored {
  row: ApplicationRow;
  reviewers: BoardReviewerView[];
  scores: number[];
  meanHundredths: number | null;
  submittedAt: string | null;
  receiptNumber: string | null;
  requestedMinor: bigint;
}

export interface BoardData {
  call: ReviewCall;
  view: BoardExportView;
}

function reviewerView(x: AssignmentRow): BoardReviewerView {
  return {
    assignmentId: x.id,
    reviewerId: x.reviewer_id,
    reviewerName: x.reviewer_name,
    status: x.status,
    weightedScore: x.status === 'submitted' && x.weighted_hundredths !== null ? fromHundredths(x.weighted_hundredths) : null,
    recommendation: x.status === 'submitted' ? x.recommendation : null,
  };
}

/** A board row as SQL ranks it (RANKED_SQL). */
interface BoardSqlRow {
  id: string;
  title: string;
  organization_name: string;
  receipt_number: string | null;
  submitted_at: Date | null;
  state: ApplicationState;
  requested_minor: string;
  submitted_reviews: number;
  mean_h: number | null;
  spread_h: number | null;
  rank: string | null;
  cumulative_minor: string | null;
  above_line: boolean;
  board_pos: string;
  [key: `k${number}`]: unknown;
}

/**
 * The call's ranking as board_standing keeps it ($1 call, $2 agency, $3 envelope; migration 1765870000000 ranks the
 * call again in the transaction of every write that changes it): the mean of submitted scores rounded half up to the
 * hundredth (as meanScoreHundredths), rank by mean, then submitted first, then the lower receipt (as
 * rankApplications; rejected and unscored rows are unranked), the running sum of requests in rank order (the funding
 * line: above while it stays within the envelope of the moment — amounts are never negative, so the first row past it
 * closes the line), and board_pos, the board's own order (ranked rows, then the rest as submitted): unique, the last
 * key of every sort. A page reads its rows by index (call_id, <sort>, board_pos): O(page), not O(call).
 */
const RANKED_SQL = `
  SELECT s.application_id AS id, s.title, s.receipt_number, s.submitted_at, s.state, s.requested::text AS requested_minor, s.requested,
         s.submitted_reviews, s.mean_h, s.spread_h, s.rank, s.cumulative, s.cumulative::text AS cumulative_minor,
         s.competing AND s.cumulative <= $3::bigint AS above_line, s.board_pos
    FROM board_standing s
   WHERE s.call_id = $1 AND s.agency_id = $2`;

/** The funding line by index (ix_board_standing_line): the last competing row within the envelope; its rank counts the rows above. */
const LINE_SQL = `
  SELECT s.rank::int AS above_count, s.cumulative::text AS funded FROM board_standing s
   WHERE s.call_id = $1 AND s.agency_id = $2 AND s.competing AND s.cumulative <= $3::bigint
   ORDER BY s.cumulative DESC, s.rank DESC LIMIT 1`;

/** The page's rows with their organization's name (read for these rows only). */
function withOrganization(inner: string): string {
  return `SELECT p.*, o.legal_name AS organization_name FROM (${inner}) p JOIN application a ON a.id = p.id JOIN organization o ON o.id = a.organization_id`;
}

/** What the page's one statement adds to each row: the filtered count (capped) and the funding line. */
interface BoardTotals {
  filtered_total: number;
  line_above_count: number;
  line_funded: string;
}

/** The board's header: the call and its funding line (how many rows above it, what they fund). */
function headerOf(call: ReviewCall, line: { above_count: number; funded: string } | undefined): BoardHeaderView {
  const funded = BigInt(line?.funded ?? '0');
  return {
    callId: call.id,
    callTitle: call.title,
    currency: call.currency,
    envelopeMinor: call.envelope_minor,
    disagreementThreshold: Number(call.disagreement_threshold),
    fundingLine: { aboveCount: line?.above_count ?? 0, fundedMinor: funded.toString(), remainingMinor: (BigInt(call.envelope_minor) - funded).toString() },
  };
}

function rankedParams(call: ReviewCall): unknown[] {
  return [call.id, call.agency_id, call.envelope_minor];
}

/** The keyset of each sort: the sorted value, then board_pos (ties keep the board's order, as before paging). */
export function boardColumns(sort: BoardSort, direction?: 'asc' | 'desc'): KeysetColumn[] {
  const ascendingByDefault = sort === 'rank' || sort === 'title' || sort === 'submitted';
  const d = direction ?? (ascendingByDefault ? 'asc' : 'desc');
  const pos: KeysetColumn = { sql: 'r.board_pos', direction: 'asc', type: 'bigint' };
  switch (sort) {
    case 'rank':
      // board_pos is the rank order (ranked rows first, NULLS LAST, ties in board order): one key, one index.
      return d === 'asc' ? [pos] : [{ sql: 'r.rank', direction: d, type: 'bigint', nullable: true }, pos];
    case 'score':
      return [{ sql: 'r.mean_h', direction: d, type: 'int', nullable: true }, pos];
    case 'spread':
      return [{ sql: 'r.spread_h', direction: d, type: 'int', nullable: true }, pos];
    case 'requested':
      return [{ sql: 'r.requested', direction: d, type: 'bigint' }, pos];
    case 'submitted':
      return [{ sql: 'r.submitted_at', direction: d, type: 'timestamptz', nullable: true }, pos];
    case 'title':
      return [{ sql: 'r.title', direction: d, type: 'text' }, pos];
  }
}

/** Instants go into cursors to the microsecond; numbers as text (bigint). */
function boardKeySql(column: KeysetColumn): string {
  if (column.type === 'timestamptz') return `to_char(${column.sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  return `${column.sql}::text`;
}

function boardFilter(call: ReviewCall, query: BoardQuery): { where: string; params: unknown[] } {
  const params = rankedParams(call);
  const where = ['true'];
  if (query.disagreement !== undefined) {
    params.push(Math.round(Number(call.disagreement_threshold) * 100));
    where.push(`${query.disagreement === 'true' ? '' : 'NOT '}COALESCE(r.spread_h > $${params.length}::int, false)`);
  }
  if (query.line) where.push(query.line === 'above' ? 'r.above_line' : 'NOT r.above_line');
  if (query.state) {
    params.push(query.state);
    where.push(`r.state = $${params.length}`);
  }
  if (query.applicationId) {
    params.push(query.applicationId);
    where.push(`r.id = $${params.length}::uuid`);
  }
  return { where: where.join(' AND '), params };
}

const UNSPECIFIED = 'unspecified';
const BIN_HUNDREDTHS = 50;
const BIN_COUNT = 500 / BIN_HUNDREDTHS;

function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The review board of a call: scores, spread and disagreement per
 * application, the ranking and the funding line against the envelope, and
 * the data behind the board's charts. Read-only: it decides nothing.
 */
@Injectable()
export class BoardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
  ) {}

  /**
   * Sets the spread (in points of the 0–5 weighted scale) above which the
   * board flags reviewers as disagreeing. On the trail with its reason.
   */
  async setDisagreementThreshold(auth: AuthenticatedRequestContext, callId: string, threshold: unknown, reasonText: unknown): Promise<BoardView> {
    const call = await officerCall(this.dataSource.manager, auth, callId);
    const reason = typeof reasonText === 'string' ? reasonText.trim() : '';
    const fields: FieldProblem[] = [];
    if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0 || threshold > 5 || Math.round(threshold * 100) !== threshold * 100) {
      fields.push({ field: 'threshold', message: 'The threshold is a number of points from 0 to 5 with at most two decimals, like 1.5' });
    }
    if (!reason) fields.push({ field: 'reason', code: FieldErrorCode.ReasonRequired, message: 'Say why the threshold changes: it goes on the trail' });
    if (fields.length > 0) throw new MizanException(ErrorCode.ValidationFailed, `Invalid ${fields.map((f) => f.field).join(', ')}`, fields);
    const next = (threshold as number).toFixed(2);
    await this.trail.record(async (manager) => {
      const [locked] = (await manager.query('SELECT disagreement_threshold::text AS before FROM grant_call WHERE id = $1 FOR UPDATE', [callId])) as { before: string }[];
      await manager.query('UPDATE grant_call SET disagreement_threshold = $2, updated_at = now() WHERE id = $1', [callId, next]);
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: call.agency_id,
            action: 'call.disagreement_threshold_changed',
            entityType: 'grant_call',
            entityId: callId,
            before: { disagreementThreshold: Number(locked?.before ?? call.disagreement_threshold) },
            after: { disagreementThreshold: Number(next) },
            reason,
          },
        ],
      };
    });
    return this.board(auth, callId);
  }

  /**
   * One keyset page of the board, sorted and filtered in SQL over the call's whole ranking. One statement ranks the
   * call once (a materialized CTE) and reads from it the page, the filtered count (capped) and the funding line
   * (issue 14: three rankings per page before).
   */
  async board(auth: AuthenticatedRequestContext, callId: string, query: BoardQuery = {}): Promise<BoardView> {
    const call = await officerCall(this.dataSource.manager, auth, callId);
    const columns = boardColumns(query.sort ?? 'rank', query.direction);
    const { where, params } = boardFilter(call, query);
    let totals: BoardTotals | undefined;
    const page = await readKeysetPage<BoardSqlRow, BoardSqlRow>({
      columns,
      query,
      firstParam: params.length + 1,
      select: async (condition, order, limit, extra) => {
        const counted =
          where === 'true'
            ? // board_pos numbers the call's rows 1..n: the count is the last one (index ix_board_standing_pos).
              `SELECT COALESCE(max(s.board_pos), 0)::int AS filtered_total FROM board_standing s WHERE s.call_id = $1 AND s.agency_id = $2`
            : `SELECT count(*)::int AS filtered_total FROM (SELECT 1 FROM (${RANKED_SQL}) r WHERE ${where} LIMIT ${KEYSET_COUNT_CAP + 1}) c`;
        const rows = (await this.dataSource.query(
          `WITH line AS (${LINE_SQL}), counted AS (${counted})
           SELECT COALESCE((SELECT above_count FROM line), 0) AS line_above_count, COALESCE((SELECT funded FROM line), '0') AS line_funded,
                  counted.*, p.*
             FROM counted
             LEFT JOIN LATERAL (${withOrganization(`SELECT r.*, ${columns.map((c, i) => `${boardKeySql(c)} AS k${i}`).join(', ')}
                                  FROM (${RANKED_SQL}) r WHERE ${where} AND ${condition} ORDER BY ${order} LIMIT ${limit}`)}) p ON true
            ORDER BY ${order.replace(/\br\./g, 'p.')}`,
          [...params, ...extra],
        )) as (BoardSqlRow & BoardTotals)[];
        totals = rows[0];
        // No row of the page: the one row carries the totals only.
        return rows.filter((r) => r.id !== null);
      },
      keyOf: (r) => columns.map((_, i) => r[`k${i}`] as string | number | null),
      toItem: (r) => r,
      count: async () => totals?.filtered_total ?? 0,
    });
    const items = await this.rowViews(call, page.items);
    return { ...headerOf(call, { above_count: totals?.line_above_count ?? 0, funded: totals?.line_funded ?? '0' }), ...page, items };
  }

  /** The whole board (the spreadsheet): the same query and order as the pages, without the keyset. */
  async boardData(auth: AuthenticatedRequestContext, callId: string, query: BoardQuery = {}): Promise<BoardData> {
    const call = await officerCall(this.dataSource.manager, auth, callId);
    const columns = boardColumns(query.sort ?? 'rank', query.direction);
    const { where, params } = boardFilter(call, query);
    const rows = (await this.dataSource.query(
      `SELECT q.* FROM (${withOrganization(`SELECT r.* FROM (${RANKED_SQL}) r WHERE ${where}`)}) q ORDER BY ${keysetOrder(columns).replace(/\br\./g, 'q.')}`,
      params,
    )) as BoardSqlRow[];
    return { call, view: { ...(await this.header(call)), rows: await this.rowViews(call, rows) } };
  }

  private async header(call: ReviewCall): Promise<BoardHeaderView> {
    const [line] = (await this.dataSource.query(LINE_SQL, rankedParams(call))) as { above_count: number; funded: string }[];
    return headerOf(call, line);
  }

  /** The rows as the board shows them, with their reviewers (read for these rows only). */
  private async rowViews(call: ReviewCall, rows: readonly BoardSqlRow[]): Promise<BoardRowView[]> {
    const threshold = Number(call.disagreement_threshold);
    const ids = rows.map((r) => r.id);
    const assignments =
      ids.length === 0
        ? []
        : ((await this.dataSource.query(
            `SELECT ra.id, ra.application_id, ra.reviewer_id, u.display_name AS reviewer_name, ra.status, ra.weighted_hundredths, ra.recommendation
               FROM review_assignment ra JOIN app_user u ON u.id = ra.reviewer_id
              WHERE ra.application_id = ANY($1::uuid[]) AND ra.call_id = $2 AND ra.status <> 'reassigned'
              ORDER BY ra.assigned_at, ra.id`,
            [ids, call.id],
          )) as AssignmentRow[]);
    return rows.map((r) => {
      const spread = r.spread_h === null ? null : fromHundredths(r.spread_h);
      return {
        applicationId: r.id,
        title: r.title,
        organizationName: r.organization_name,
        receiptNumber: r.receipt_number,
        submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
        state: r.state,
        requestedMinor: r.requested_minor,
        reviewers: assignments.filter((x) => x.application_id === r.id).map(reviewerView),
        submittedReviews: r.submitted_reviews,
        meanScore: r.mean_h === null ? null : fromHundredths(r.mean_h),
        spread,
        disagreement: isDisagreement(spread, threshold),
        rank: r.rank === null ? null : Number(r.rank),
        cumulativeRequestedMinor: r.cumulative_minor,
        aboveFundingLine: r.above_line,
      };
    });
  }

  async charts(auth: AuthenticatedRequestContext, callId: string): Promise<BoardChartsView> {
    const call = await officerCall(this.dataSource.manager, auth, callId);
    const { applications, assignments } = await this.load(call);
    const scored = this.score(applications, assignments);

    const bins: ScoreBinView[] = Array.from({ length: BIN_COUNT }, (_, i) => ({
      from: fromHundredths(i * BIN_HUNDREDTHS),
      to: fromHundredths((i + 1) * BIN_HUNDREDTHS),
      applications: 0,
      reviews: 0,
    }));
    const binOf = (hundredths: number) => bins[Math.min(BIN_COUNT - 1, Math.floor(hundredths / BIN_HUNDREDTHS))];
    for (const s of scored) {
      if (s.meanHundredths !== null) binOf(s.meanHundredths).applications += 1;
      for (const h of s.scores) binOf(h).reviews += 1;
    }

    const approved = (await this.dataSource.query(
      `SELECT application_id, SUM(amount_minor)::text AS amount FROM funding_decision
        WHERE call_id = $1 AND outcome = 'approved' AND state = 'confirmed' GROUP BY application_id`,
      [call.id],
    )) as { application_id: string; amount: string }[];
    const approvedOf = new Map(approved.map((a) => [a.application_id, BigInt(a.amount)]));
    const [program] = (await this.dataSource.query(`SELECT themes FROM program WHERE id = $1`, [call.program_id])) as { themes: string[] }[];
    const governorates = (await this.dataSource.query(`SELECT code, name_en FROM governorate`)) as { code: string; name_en: string }[];
    const governorateName = new Map(governorates.map((g) => [g.code, g.name_en]));

    const themeGroups = new Map<string, AmountGroupAccumulator>();
    const governorateGroups = new Map<string, AmountGroupAccumulator>();
    let requestedTotal = 0n;
    let approvedTotal = 0n;
    for (const a of applications) {
      const requested = BigInt(a.requested_minor);
      const approvedMinor = approvedOf.get(a.id) ?? 0n;
      requestedTotal += requested;
      approvedTotal += approvedMinor;
      for (const [key, label] of themesOf(a, program?.themes ?? [])) add(themeGroups, key, label, requested, approvedMinor);
      for (const code of governoratesOf(a)) add(governorateGroups, code, governorateName.get(code) ?? (code === UNSPECIFIED ? 'Unspecified' : code), requested, approvedMinor);
    }
    return {
      callId: call.id,
      currency: call.currency,
      scoreDistribution: bins,
      byTheme: groupViews(themeGroups),
      byGovernorate: groupViews(governorateGroups),
      totals: { applications: applications.length, requestedMinor: requestedTotal.toString(), approvedMinor: approvedTotal.toString() },
    };
  }

  private async load(call: ReviewCall): Promise<{ applications: ApplicationRow[]; assignments: AssignmentRow[] }> {
    const applications = (await this.dataSource.query(
      `SELECT a.id, a.title, o.legal_name AS organization_name, o.thematic_expertise, a.receipt_number, a.submitted_at, a.state,
              a.requested_minor::text AS requested_minor, a.content,
              COALESCE((SELECT array_agg(DISTINCT p.governorate_code) FROM application_partner ap JOIN partner_organization p ON p.id = ap.partner_organization_id
                         WHERE ap.application_id = a.id), '{}') AS partner_governorates
         FROM application a JOIN organization o ON o.id = a.organization_id
        WHERE a.call_id = $1 AND a.agency_id = $2 AND a.state = ANY($3::text[])
        ORDER BY a.submitted_at, a.receipt_number, a.id`,
      [call.id, call.agency_id, BOARD_STATES],
    )) as ApplicationRow[];
    // Reassigned rows are history; a declared conflict stays visible so the officer sees who needs replacing.
    const assignments = (await this.dataSource.query(
      `SELECT ra.id, ra.application_id, ra.reviewer_id, u.display_name AS reviewer_name, ra.status, ra.weighted_hundredths, ra.recommendation
         FROM review_assignment ra JOIN app_user u ON u.id = ra.reviewer_id
        WHERE ra.call_id = $1 AND ra.status <> 'reassigned'
        ORDER BY ra.assigned_at, ra.id`,
      [call.id],
    )) as AssignmentRow[];
    return { applications, assignments };
  }

  private score(applications: readonly ApplicationRow[], assignments: readonly AssignmentRow[]): Scored[] {
    return applications.map((row) => {
      const mine = assignments.filter((x) => x.application_id === row.id);
      const scores = mine.filter((x) => x.status === 'submitted' && x.weighted_hundredths !== null).map((x) => x.weighted_hundredths as number);
      return {
        row,
        reviewers: mine.map(reviewerView),
        scores,
        meanHundredths: meanScoreHundredths(scores),
        submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
        receiptNumber: row.receipt_number,
        requestedMinor: BigInt(row.requested_minor),
      };
    });
  }
}

interface AmountGroupAccumulator {
  label: string;
  applications: number;
  requested: bigint;
  approved: bigint;
}

function add(groups: Map<string, AmountGroupAccumulator>, key: string, label: string, requested: bigint, approved: bigint): void {
  const group = groups.get(key) ?? { label, applications: 0, requested: 0n, approved: 0n };
  group.applications += 1;
  group.requested += requested;
  group.approved += approved;
  groups.set(key, group);
}

function groupViews(groups: Map<string, AmountGroupAccumulator>): AmountGroupView[] {
  return [...groups.entries()]
    .map(([key, g]) => ({ key, label: g.label, applications: g.applications, requestedMinor: g.requested.toString(), approvedMinor: g.approved.toString() }))
    .sort((a, b) => compareBigint(BigInt(b.requestedMinor), BigInt(a.requestedMinor)) || a.key.localeCompare(b.key));
}

/**
 * An application carries no theme of its own: it is counted under each of
 * the program's themes that its organization works in, else as unspecified.
 */
function themesOf(application: Pick<ApplicationRow, 'thematic_expertise'>, programThemes: readonly string[]): [string, string][] {
  const expertise = new Set(application.thematic_expertise.map((t) => t.trim().toLowerCase()));
  const matched = programThemes.filter((t) => expertise.has(t.trim().toLowerCase()));
  return matched.length > 0 ? matched.map((t) => [t.trim().toLowerCase(), t]) : [[UNSPECIFIED, 'Unspecified']];
}

/** Where the work happens: the activities' governorates, else the partners', else unspecified. */
function governoratesOf(application: Pick<ApplicationRow, 'content' | 'partner_governorates'>): string[] {
  const fromActivities = new Set((application.content.activities ?? []).flatMap((a) => a.governorates ?? []));
  if (fromActivities.size > 0) return [...fromActivities].sort();
  if (application.partner_governorates.length > 0) return [...application.partner_governorates].sort();
  return [UNSPECIFIED];
}
