import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AmountGroupView, BoardChartsView, BoardQuery, BoardReviewerView, BoardRowView, BoardView, ScoreBinView } from '@mizan/contracts';
import {
  ApplicationContent,
  ApplicationState,
  AssignmentStatus,
  Recommendation,
  fromHundredths,
  fundingLine,
  isDisagreement,
  meanScoreHundredths,
  rankApplications,
  spreadHundredths,
} from '@mizan/domain';
import { ErrorCode, FieldErrorCode, FieldProblem } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
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
  view: BoardView;
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

  async board(auth: AuthenticatedRequestContext, callId: string, query: BoardQuery = {}): Promise<BoardView> {
    return (await this.boardData(auth, callId, query)).view;
  }

  async boardData(auth: AuthenticatedRequestContext, callId: string, query: BoardQuery = {}): Promise<BoardData> {
    const call = await officerCall(this.dataSource.manager, auth, callId);
    const { applications, assignments } = await this.load(call);
    const threshold = Number(call.disagreement_threshold);
    const scored = this.score(applications, assignments);
    // Rejected applications keep their scores on the board but no longer compete for the envelope.
    const ranked = rankApplications(scored.filter((s) => s.meanHundredths !== null && s.row.state !== 'rejected'));
    const line = fundingLine(ranked, BigInt(call.envelope_minor));
    const position = new Map(line.positions.map((p, i) => [p.item.row.id, { rank: i + 1, cumulative: p.cumulativeMinor, above: p.aboveLine }]));
    const order = new Map(ranked.map((s, i) => [s.row.id, i]));
    const rows: BoardRowView[] = [...scored]
      .sort((a, b) => (order.get(a.row.id) ?? Infinity) - (order.get(b.row.id) ?? Infinity))
      .map((s) => {
        const spreadH = spreadHundredths(s.scores);
        const spread = spreadH === null ? null : fromHundredths(spreadH);
        const p = position.get(s.row.id);
        return {
          applicationId: s.row.id,
          title: s.row.title,
          organizationName: s.row.organization_name,
          receiptNumber: s.row.receipt_number,
          submittedAt: s.submittedAt,
          state: s.row.state,
          requestedMinor: s.row.requested_minor,
          reviewers: s.reviewers,
          submittedReviews: s.scores.length,
          meanScore: s.meanHundredths === null ? null : fromHundredths(s.meanHundredths),
          spread,
          disagreement: isDisagreement(spread, threshold),
          rank: p?.rank ?? null,
          cumulativeRequestedMinor: p ? p.cumulative.toString() : null,
          aboveFundingLine: p?.above ?? false,
        };
      });
    return {
      call,
      view: {
        callId: call.id,
        callTitle: call.title,
        currency: call.currency,
        envelopeMinor: call.envelope_minor,
        disagreementThreshold: threshold,
        fundingLine: { aboveCount: line.aboveCount, fundedMinor: line.fundedMinor.toString(), remainingMinor: line.remainingMinor.toString() },
        rows: this.sortAndFilter(rows, query),
      },
    };
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
        reviewers: mine.map((x) => ({
          assignmentId: x.id,
          reviewerId: x.reviewer_id,
          reviewerName: x.reviewer_name,
          status: x.status,
          weightedScore: x.status === 'submitted' && x.weighted_hundredths !== null ? fromHundredths(x.weighted_hundredths) : null,
          recommendation: x.status === 'submitted' ? x.recommendation : null,
        })),
        scores,
        meanHundredths: meanScoreHundredths(scores),
        submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
        receiptNumber: row.receipt_number,
        requestedMinor: BigInt(row.requested_minor),
      };
    });
  }

  private sortAndFilter(rows: BoardRowView[], query: BoardQuery): BoardRowView[] {
    let out = rows;
    if (query.disagreement !== undefined) out = out.filter((r) => r.disagreement === (query.disagreement === 'true'));
    if (query.line) out = out.filter((r) => r.aboveFundingLine === (query.line === 'above'));
    if (query.state) out = out.filter((r) => r.state === query.state);
    const sort = query.sort ?? 'rank';
    const ascendingByDefault = sort === 'rank' || sort === 'title' || sort === 'submitted';
    const sign = (query.direction ?? (ascendingByDefault ? 'asc' : 'desc')) === 'asc' ? 1 : -1;
    const keyed = out.map((row, index) => ({ row, index }));
    // Missing values (no score, no rank) go last whichever the direction; equal keys keep rank order.
    const nullsLast = <T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number => {
      if (a === null && b === null) return 0;
      if (a === null) return 1;
      if (b === null) return -1;
      return sign * compare(a, b);
    };
    const compare = (a: BoardRowView, b: BoardRowView): number => {
      switch (sort) {
        case 'rank':
          return nullsLast(a.rank, b.rank, (x, y) => x - y);
        case 'score':
          return nullsLast(a.meanScore, b.meanScore, (x, y) => x - y);
        case 'spread':
          return nullsLast(a.spread, b.spread, (x, y) => x - y);
        case 'requested':
          return sign * compareBigint(BigInt(a.requestedMinor), BigInt(b.requestedMinor));
        case 'submitted':
          return nullsLast(a.submittedAt, b.submittedAt, (x, y) => (x < y ? -1 : x > y ? 1 : 0));
        case 'title':
          return sign * a.title.localeCompare(b.title);
      }
    };
    return keyed.sort((a, b) => compare(a.row, b.row) || a.index - b.index).map((k) => k.row);
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
