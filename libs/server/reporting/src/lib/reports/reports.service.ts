import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  BudgetVsActualView,
  ErrorCode,
  ExpenditureLineInput,
  ExpenditureLineState,
  ExpenditureLineView,
  FieldProblem,
  IndicatorProgress,
  LineImportProblem,
  NarrativeContent,
  KeysetPage,
  Page,
  RateSource,
  ReportDueListItemView,
  ReportDueListQuery,
  ReportDueView,
  ReportFileView,
  ReportState,
  ReportView,
  can,
} from '@mizan/contracts';
import { CURRENCIES, CurrencyCode, Rate, daysBetweenIso, formatRate, invertRate, isCurrency, latestTodayIso, logframeIndicators, parseRate } from '@mizan/domain';
import { KeysetColumn, KeysetValue, MizanException, cappedCountSql, readKeysetPage } from '@mizan/server/core';
import { GrantReads, RatesService, assertId, todayUtc } from '@mizan/server/finance';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { NotificationsService } from '@mizan/server/review';
import { PartyScreeningService } from '@mizan/server/screening';
import { TrailEntry, TrailService } from '@mizan/server/trail';
import { RedFlagRunsService } from '../red-flags/red-flag-runs.service';
import {
  ACTIVITIES_MAX,
  BudgetLineRef,
  CheckedLine,
  INDICATOR_ACTUAL_MAX,
  INDICATOR_COMMENT_MAX,
  LineContext,
  LineProblem,
  budgetVsActual,
  checkLine,
  grantAmount,
  lineEditable,
  lineRemovable,
  reportEditable,
} from './report-rules';
import { actorOf } from '../acting';
import { relationOrReportNotFound } from '../report-access';

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

/** A due day as a whole number of days since 1970-01-01: the same in every session time zone, and indexed (ix_grant_report_due_state_day). */
const DUE_DAY_SQL = `(d.due_on - DATE '1970-01-01')`;

/** `auditor`: an auditor with the grant in an open engagement's scope reads like an officer and never writes (issue 12). */
export type ReportRelation = 'officer' | 'auditor' | 'member' | 'partner';

interface ReportRow {
  id: string;
  agency_id: string;
  grant_id: string;
  report_due_id: string;
  period_from: string;
  period_to: string;
  due_on: string;
  state: ReportState;
  narrative: NarrativeContent;
  submission_count: number;
  submitted_at: Date | null;
  accepted_at: Date | null;
  return_reason: string | null;
  accept_note: string | null;
  row_version: number;
  grant_number: string;
  grant_title: string;
  organization_id: string;
  organization_name: string;
  application_id: string;
  currency: CurrencyCode;
  current_version: number;
}

const REPORT_SELECT = `
  SELECT r.id, r.agency_id, r.grant_id, r.report_due_id, to_char(r.period_from, 'YYYY-MM-DD') AS period_from, to_char(r.period_to, 'YYYY-MM-DD') AS period_to,
         to_char(d.due_on, 'YYYY-MM-DD') AS due_on, r.state, r.narrative, r.submission_count, r.submitted_at, r.accepted_at, r.return_reason, r.accept_note,
         r.row_version, g.grant_number, g.title AS grant_title, g.organization_id, o.legal_name AS organization_name, g.application_id, g.currency, g.current_version
    FROM grant_report r JOIN grant_report_due d ON d.id = r.report_due_id JOIN grant_award g ON g.id = r.grant_id JOIN organization o ON o.id = g.organization_id`;

interface LineRow {
  id: string;
  seq: number;
  client_id: string | null;
  spent_on: string;
  budget_line_id: string;
  supplier: string;
  description: string;
  amount_minor: string;
  currency: CurrencyCode;
  rate: string | null;
  rate_source: RateSource;
  rate_note: string | null;
  grant_amount_minor: string;
  payment_method: 'bank' | 'cash';
  state: ExpenditureLineState;
  ineligible_minor: string;
  ineligible_reason: string | null;
  created_by: string;
  created_by_name: string;
  row_version: number;
}

const LINE_SELECT = `
  SELECT l.id, l.seq, l.client_id, to_char(l.spent_on, 'YYYY-MM-DD') AS spent_on, l.budget_line_id, l.supplier, l.description, l.amount_minor::text AS amount_minor,
         l.currency, l.rate::text AS rate, l.rate_source, l.rate_note, l.grant_amount_minor::text AS grant_amount_minor, l.payment_method, l.state,
         l.ineligible_minor::text AS ineligible_minor, l.ineligible_reason, l.created_by, u.display_name AS created_by_name, l.row_version
    FROM expenditure_line l JOIN app_user u ON u.id = l.created_by`;

/** A line as stored, for the trail (before/after). */
function lineFacts(l: PricedLine): Record<string, string | null> {
  return {
    spentOn: l.spentOn,
    budgetLineId: l.budgetLineId,
    supplier: l.supplier,
    amountMinor: l.amountMinor.toString(),
    currency: l.currency,
    rate: l.rate ? formatRate(l.rate) : null,
    rateSource: l.rateSource,
    grantAmountMinor: l.grantAmountMinor.toString(),
    paymentMethod: l.paymentMethod,
  };
}

/** A line ready to store: the checked fields, the rate used and the grant-currency amount. */
export interface PricedLine extends Omit<CheckedLine, 'rateSource'> {
  rate: Rate | null;
  rateSource: RateSource;
  grantAmountMinor: bigint;
}

/** The field problems of a line as one 4xx naming each field: a specific code for the budget line, the currency and a missing rate. */
export function lineProblemException(problems: readonly LineProblem[]): MizanException {
  const fields: FieldProblem[] = problems.map((p) => ({ field: p.field, message: `${p.code}: ${p.message}` }));
  const first = problems[0];
  const pick = (code: string): LineProblem | undefined => problems.find((p) => p.code === code);
  const budget = pick('BUDGET_LINE_UNKNOWN');
  if (budget) return MizanException.withParams(ErrorCode.BudgetLineUnknown, `Invalid budgetLineId: ${budget.message}`, budget.params ?? {}, fields);
  const currency = pick('CURRENCY_NOT_ALLOWED');
  if (currency) return MizanException.withParams(ErrorCode.CurrencyNotAllowed, `Invalid currency: ${currency.message}`, currency.params ?? {}, fields);
  const rate = pick('RATE_REQUIRED');
  if (rate) return MizanException.withParams(ErrorCode.RateRequired, `Invalid rate: ${rate.message}`, rate.params ?? {}, fields);
  return MizanException.withParams(ErrorCode.ValidationFailed, `Invalid ${first.field}: ${first.message}`, { field: first.field, problem: first.code }, fields);
}

/** The tranche rates of a grant: per received payment in another currency, 1 unit of that currency = rate grant currency. */
export interface TrancheRate {
  currency: CurrencyCode;
  rate: Rate;
  receivedOn: string;
}

/** The rate a line uses when none was typed: the tranche received last on or before the line's date (else the first one), else null. */
export function trancheRateFor(rates: readonly TrancheRate[], currency: CurrencyCode, spentOn: string): TrancheRate | null {
  const of = rates.filter((r) => r.currency === currency).sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
  if (of.length === 0) return null;
  const before = of.filter((r) => r.receivedOn <= spentOn);
  return before.length > 0 ? before[before.length - 1] : of[0];
}

/** Everything about a grant a line is checked and priced against. */
export interface GrantFacts {
  agencyId: string;
  grantId: string;
  currency: CurrencyCode;
  budget: BudgetLineRef[];
  toleranceBp: number;
  trancheRates: TrancheRate[];
  allowedCurrencies: CurrencyCode[];
}

/**
 * Financial and narrative reports of grants (issue 11): the reporting
 * schedule, opening a report, its expenditure lines (grantee members and
 * partners), budget vs actual, the narrative part and submission. Every change
 * is on the trail in the same transaction.
 */
/** A priced line's column values in the order both the INSERT and the UPDATE of expenditure_line list them (spent_on … payment_method). */
function pricedLineValues(line: PricedLine): unknown[] {
  return [
    line.spentOn,
    line.budgetLineId,
    line.supplier,
    line.description,
    line.amountMinor.toString(),
    line.currency,
    line.rate ? line.rate.text : null,
    line.rateSource,
    line.rateNote,
    line.grantAmountMinor.toString(),
    line.paymentMethod,
  ];
}

@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: GrantReads,
    private readonly rates: RatesService,
    private readonly trail: TrailService,
    private readonly notifications: NotificationsService,
    private readonly flagRuns: RedFlagRunsService,
    private readonly screening: PartyScreeningService,
  ) {}

  // --- Access ------------------------------------------------------------------------------------

  /** How the caller relates to the grant: officer (staff of its agency who read grants), member, partner; anyone else 404. */
  relation(auth: AuthenticatedRequestContext, grantId: string, manager: EntityManager = this.dataSource.manager): Promise<ReportRelation> {
    return this.reads.relation(auth, grantId, manager);
  }

  private async reportRow(manager: EntityManager, reportId: string, lock = false): Promise<ReportRow> {
    assertId(reportId, 'Report');
    if (lock) await manager.query('SELECT 1 FROM grant_report WHERE id = $1 FOR UPDATE', [reportId]);
    const [row] = (await manager.query(`${REPORT_SELECT} WHERE r.id = $1`, [reportId])) as ReportRow[];
    if (!row) throw MizanException.notFound('Report');
    return row;
  }

  /** The report and the caller's relation to its grant, or 404 for anyone who may not see the grant. */
  private async reportFor(auth: AuthenticatedRequestContext, reportId: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<{ report: ReportRow; relation: ReportRelation }> {
    const report = await this.reportRow(manager, reportId, lock);
    return { report, relation: await relationOrReportNotFound(this.relation(auth, report.grant_id, manager)) };
  }

  // --- Schedule ----------------------------------------------------------------------------------

  async schedule(auth: AuthenticatedRequestContext, grantId: string, today = todayUtc()): Promise<ReportDueView[]> {
    await this.relation(auth, grantId);
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.kind, to_char(d.period_from, 'YYYY-MM-DD') AS period_from, to_char(d.period_to, 'YYYY-MM-DD') AS period_to,
              to_char(d.due_on, 'YYYY-MM-DD') AS due_on, d.state, r.id AS report_id, r.state AS report_state
         FROM grant_report_due d LEFT JOIN grant_report r ON r.report_due_id = d.id
        WHERE d.grant_id = $1 ORDER BY d.due_on, d.period_from, d.id`,
      [grantId],
    )) as Array<{ id: string; kind: 'interim' | 'final'; period_from: string; period_to: string; due_on: string; state: ReportDueView['state']; report_id: string | null; report_state: ReportState | null }>;
    return rows.map((r) => {
      const overdue = r.state === 'due' && r.due_on < today;
      return {
        id: r.id,
        kind: r.kind,
        periodFrom: r.period_from,
        periodTo: r.period_to,
        dueOn: r.due_on,
        state: r.state,
        overdue,
        daysLate: overdue ? daysBetweenIso(r.due_on, today) : 0,
        report: r.report_id ? { id: r.report_id, state: r.report_state as ReportState } : null,
      };
    });
  }

  /** The officer's list: every report due in the agency that is due (or overdue) or submitted, most late first. */
  async overdue(auth: AuthenticatedRequestContext, query: ReportDueListQuery, today = todayUtc()): Promise<KeysetPage<ReportDueListItemView>> {
    const filter = query.filter ?? 'all';
    const where = [`g.agency_id = $1`, `g.state NOT IN ('draft','cancelled')`];
    if (filter === 'submitted') where.push(`d.state = 'submitted'`);
    else if (filter === 'overdue') where.push(`d.state = 'due' AND d.due_on < $2::date`);
    else if (filter === 'due') where.push(`d.state = 'due'`);
    else where.push(`d.state IN ('due','submitted')`);
    const lateExpr = `GREATEST(0, (CASE WHEN d.state = 'submitted' THEN COALESCE(r.submitted_at::date, $2::date) ELSE $2::date END) - d.due_on)`;
    // Keyset (issue 14): the order's columns ending in the id; the due day travels as days since 1970 (the expression of ix_grant_report_due_state_day).
    const tail: KeysetColumn[] = [
      { sql: DUE_DAY_SQL, direction: 'asc', type: 'int' },
      { sql: 'g.grant_number', direction: 'asc', type: 'text' },
      { sql: 'd.id', direction: 'asc', type: 'uuid' },
    ];
    const columns: KeysetColumn[] = query.sort === 'due_on' ? tail : [{ sql: lateExpr, direction: 'desc', type: 'int' }, ...tail];
    const from = `FROM grant_report_due d JOIN grant_award g ON g.id = d.grant_id JOIN organization o ON o.id = g.organization_id LEFT JOIN grant_report r ON r.report_due_id = d.id`;
    const params = [auth.user.agencyId, today];
    const fromWhere = `${from} WHERE ${where.join(' AND ')} AND $2::date IS NOT NULL`;
    const select = async (condition: string, order: string, limit: number, extra: KeysetValue[]) => (await this.dataSource.query(
      `SELECT d.id, d.grant_id, g.grant_number, g.title, o.legal_name AS organization_name, d.kind, to_char(d.period_from, 'YYYY-MM-DD') AS period_from,
              to_char(d.period_to, 'YYYY-MM-DD') AS period_to, to_char(d.due_on, 'YYYY-MM-DD') AS due_on, ${DUE_DAY_SQL} AS due_day, d.state, g.currency, ${lateExpr}::int AS days_late,
              r.id AS report_id, r.state AS report_state, r.submitted_at,
              (SELECT count(*)::int FROM expenditure_line l WHERE l.report_id = r.id AND l.removed_at IS NULL) AS line_count,
              (SELECT COALESCE(SUM(l.grant_amount_minor), 0)::text FROM expenditure_line l WHERE l.report_id = r.id AND l.removed_at IS NULL) AS claimed_minor
         ${fromWhere} AND ${condition} ORDER BY ${order} LIMIT ${limit}`,
      [...params, ...extra],
    )) as Array<{
      id: string;
      grant_id: string;
      grant_number: string;
      title: string;
      organization_name: string;
      kind: 'interim' | 'final';
      period_from: string;
      period_to: string;
      due_on: string;
      due_day: number;
      state: 'due' | 'submitted';
      currency: CurrencyCode;
      days_late: number;
      report_id: string | null;
      report_state: ReportState | null;
      submitted_at: Date | null;
      line_count: number;
      claimed_minor: string;
    }>;
    return readKeysetPage({
      columns,
      query,
      firstParam: params.length + 1,
      select,
      keyOf: (r) => (query.sort === 'due_on' ? [r.due_day, r.grant_number, r.id] : [r.days_late, r.due_day, r.grant_number, r.id]),
      count: async (cap) => ((await this.dataSource.query(cappedCountSql(fromWhere, cap), params)) as { n: number }[])[0].n,
      toItem: (r) => ({
        reportDueId: r.id,
        grantId: r.grant_id,
        grantNumber: r.grant_number,
        grantTitle: r.title,
        organizationName: r.organization_name,
        kind: r.kind,
        periodFrom: r.period_from,
        periodTo: r.period_to,
        dueOn: r.due_on,
        state: r.state,
        overdue: r.state === 'due' && r.due_on < today,
        daysLate: r.days_late,
        currency: r.currency,
        report: r.report_id
          ? { id: r.report_id, state: r.report_state as ReportState, submittedAt: iso(r.submitted_at), lineCount: r.line_count, claimedMinor: r.claimed_minor }
          : null,
      }),
    });
  }

  // --- Opening and reading a report ---------------------------------------------------------------

  /** Opens the report of a schedule item (grantee member): the existing one if it is open already. */
  async open(auth: AuthenticatedRequestContext, grantId: string, dueId: string): Promise<{ view: ReportView; created: boolean }> {
    const relation = await this.relation(auth, grantId);
    if (relation !== 'member') throw MizanException.forbidden('Only a member of the grantee organization opens a report');
    assertId(dueId, 'Report due');
    const { id, created } = await this.trail.record(async (manager) => {
      const [due] = (await manager.query(
        `SELECT d.id, d.state, to_char(d.period_from, 'YYYY-MM-DD') AS period_from, to_char(d.period_to, 'YYYY-MM-DD') AS period_to, g.agency_id
           FROM grant_report_due d JOIN grant_award g ON g.id = d.grant_id WHERE d.id = $1 AND d.grant_id = $2 FOR UPDATE OF d`,
        [dueId, grantId],
      )) as { id: string; state: string; period_from: string; period_to: string; agency_id: string }[];
      if (!due) throw MizanException.notFound('Report due');
      const [existing] = (await manager.query('SELECT id, state FROM grant_report WHERE report_due_id = $1', [dueId])) as { id: string; state: ReportState }[];
      if (due.state === 'accepted' || existing?.state === 'accepted') {
        throw MizanException.withParams(
          ErrorCode.ReportPeriodAccepted,
          `The report for ${due.period_from} – ${due.period_to} was accepted: it cannot be reopened or changed`,
          { periodFrom: due.period_from, periodTo: due.period_to, dueId },
        );
      }
      if (due.state === 'cancelled') throw MizanException.withParams(ErrorCode.ReportDueCancelled, 'This schedule item is cancelled: no report can be filed for it', { dueId });
      if (existing) return { result: { id: existing.id, created: false }, entries: [] };
      const [inserted] = (await manager.query(
        `INSERT INTO grant_report (agency_id, grant_id, report_due_id, period_from, period_to, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [due.agency_id, grantId, dueId, due.period_from, due.period_to, auth.user.id],
      )) as { id: string }[];
      return {
        result: { id: inserted.id, created: true },
        entries: [
          {
            actor: actorOf(auth),
            agencyId: due.agency_id,
            action: 'report.opened',
            entityType: 'grant_report',
            entityId: inserted.id,
            after: { grantId, reportDueId: dueId, periodFrom: due.period_from, periodTo: due.period_to },
          } satisfies TrailEntry,
        ],
      };
    });
    return { view: await this.view(auth, id), created };
  }

  /** The facts of the grant lines are checked against: the current version's budget, the tranche rates, the allowed currencies. */
  async grantFacts(manager: EntityManager, grantId: string): Promise<GrantFacts> {
    const [grant] = (await manager.query(
      `SELECT g.agency_id, g.currency, v.content FROM grant_award g JOIN grant_version v ON v.grant_id = g.id AND v.version = g.current_version WHERE g.id = $1`,
      [grantId],
    )) as { agency_id: string; currency: CurrencyCode; content: { budgetLines?: BudgetLineRef[]; reallocationToleranceBp?: number } }[];
    if (!grant) throw MizanException.notFound('Grant');
    const payments = (await manager.query(
      `SELECT p.transfer_currency, p.rate::text AS rate, to_char(COALESCE(p.receipt_confirmed_at::date, p.value_date), 'YYYY-MM-DD') AS received_on
         FROM payment p WHERE p.grant_id = $1 AND p.state = 'paid' AND p.rate IS NOT NULL AND p.transfer_currency IS NOT NULL AND p.transfer_currency <> p.currency
        ORDER BY received_on, p.id`,
      [grantId],
    )) as { transfer_currency: CurrencyCode; rate: string; received_on: string }[];
    // The payment's rate is 1 grant currency = r transfer currency; a line in the transfer currency needs the inverse.
    const trancheRates: TrancheRate[] = payments.filter((p) => isCurrency(p.transfer_currency) && p.received_on).map((p) => ({ currency: p.transfer_currency, rate: invertRate(parseRate(p.rate)), receivedOn: p.received_on }));
    const rateCurrencies = (await manager.query(
      `SELECT DISTINCT c FROM (SELECT base AS c FROM exchange_rate WHERE agency_id = $1 UNION SELECT quote FROM exchange_rate WHERE agency_id = $1) x`,
      [grant.agency_id],
    )) as { c: string }[];
    const allowed = new Set<CurrencyCode>([grant.currency, ...trancheRates.map((t) => t.currency)]);
    for (const { c } of rateCurrencies) if (isCurrency(c)) allowed.add(c);
    return {
      agencyId: grant.agency_id,
      grantId,
      currency: grant.currency,
      budget: (grant.content.budgetLines ?? []).map((b) => ({ id: b.id, category: b.category, description: b.description, amountMinor: String(b.amountMinor) })),
      toleranceBp: grant.content.reallocationToleranceBp ?? 0,
      trancheRates,
      allowedCurrencies: CURRENCIES.filter((c) => allowed.has(c)),
    };
  }

  async view(auth: AuthenticatedRequestContext, reportId: string): Promise<ReportView> {
    const { report, relation } = await this.reportFor(auth, reportId);
    const manager = this.dataSource.manager;
    const facts = await this.grantFacts(manager, report.grant_id);
    const [sum] = (await manager.query(
      `SELECT count(*)::int AS line_count, COALESCE(SUM(grant_amount_minor), 0)::text AS claimed FROM expenditure_line WHERE report_id = $1 AND removed_at IS NULL`,
      [reportId],
    )) as { line_count: number; claimed: string }[];
    const [app] = (await manager.query('SELECT content FROM application_version WHERE application_id = $1 ORDER BY number DESC LIMIT 1', [report.application_id])) as { content: unknown }[];
    const grantee = relation === 'member' || relation === 'partner';
    const manages = relation === 'officer' && can(auth.user.roles(), 'grant.manage');
    const latestRate = new Map<CurrencyCode, TrancheRate>();
    for (const t of facts.trancheRates) latestRate.set(t.currency, t);
    return {
      id: report.id,
      grantId: report.grant_id,
      grantNumber: report.grant_number,
      grantTitle: report.grant_title,
      organizationName: report.organization_name,
      reportDueId: report.report_due_id,
      periodFrom: report.period_from,
      periodTo: report.period_to,
      dueOn: report.due_on,
      state: report.state,
      lineCount: sum.line_count,
      claimedMinor: sum.claimed,
      currency: report.currency,
      submittedAt: iso(report.submitted_at),
      acceptedAt: iso(report.accepted_at),
      narrative: { activities: report.narrative?.activities ?? '', indicators: report.narrative?.indicators ?? [] },
      returnReason: report.return_reason,
      acceptNote: report.accept_note,
      allowedCurrencies: facts.allowedCurrencies,
      trancheRates: facts.trancheRates.map((t) => ({ currency: t.currency, rate: formatRate(t.rate), receivedOn: t.receivedOn })),
      budgetLines: facts.budget.map((b) => ({ id: b.id, category: b.category, description: b.description, approvedMinor: b.amountMinor })),
      can: {
        editLines: grantee && reportEditable(report.state),
        submit: relation === 'member' && reportEditable(report.state),
        verify: manages && report.state === 'submitted',
        accept: manages && report.state === 'submitted',
      },
      rowVersion: report.row_version,
      indicators: logframeIndicators(app?.content).map((i) => ({ id: i.id, name: i.name, unit: i.unit, baseline: i.baseline, target: i.target })),
    };
  }

  // --- Lines -------------------------------------------------------------------------------------

  async lines(auth: AuthenticatedRequestContext, reportId: string, page: number, pageSize: number): Promise<Page<ExpenditureLineView>> {
    const { report } = await this.reportFor(auth, reportId);
    const [{ total }] = (await this.dataSource.query('SELECT count(*)::int AS total FROM expenditure_line WHERE report_id = $1 AND removed_at IS NULL', [reportId])) as {
      total: number;
    }[];
    const rows = (await this.dataSource.query(`${LINE_SELECT} WHERE l.report_id = $1 AND l.removed_at IS NULL ORDER BY l.seq LIMIT $2 OFFSET $3`, [
      reportId,
      pageSize,
      (page - 1) * pageSize,
    ])) as LineRow[];
    return { items: await this.lineViews(this.dataSource.manager, report, rows), page, pageSize, total };
  }

  private async lineViews(manager: EntityManager, report: Pick<ReportRow, 'id' | 'currency'>, rows: readonly LineRow[]): Promise<ExpenditureLineView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const files = (await manager.query(
      `SELECT f.id, f.purpose, f.line_id, f.file_name, f.content_type, f.sha256, f.size_bytes::text AS size_bytes, f.captured_at, f.latitude, f.longitude,
              f.uploaded_by, u.display_name AS uploaded_by_name, f.created_at
         FROM report_file f JOIN app_user u ON u.id = f.uploaded_by
        WHERE f.line_id = ANY($1::uuid[]) AND f.purpose = 'receipt' AND f.removed_at IS NULL ORDER BY f.created_at, f.id`,
      [ids],
    )) as Array<{
      id: string;
      purpose: ReportFileView['purpose'];
      line_id: string;
      file_name: string;
      content_type: string;
      sha256: string;
      size_bytes: string;
      captured_at: Date | null;
      latitude: number | null;
      longitude: number | null;
      uploaded_by: string;
      uploaded_by_name: string;
      created_at: Date;
    }>;
    const messages = (await manager.query(
      `SELECT line_id, count(*)::int AS n, (array_agg(kind ORDER BY created_at DESC, id DESC))[1] AS last_kind FROM line_message WHERE line_id = ANY($1::uuid[]) GROUP BY line_id`,
      [ids],
    )) as { line_id: string; n: number; last_kind: string }[];
    const flags = (await manager.query(
      // `line_ids && $1` lets the GIN index ix_red_flag_line_ids find the flags naming these lines (not every active flag).
      `SELECT x.id AS line_id, count(DISTINCT f.id)::int AS n FROM red_flag f CROSS JOIN LATERAL unnest(f.line_ids) AS x(id)
        WHERE f.active AND f.state IN ('open','escalated') AND f.line_ids && $1::uuid[] AND x.id = ANY($1::uuid[]) GROUP BY x.id`,
      [ids],
    )) as { line_id: string; n: number }[];
    const byMessage = new Map(messages.map((m) => [m.line_id, m]));
    const byFlag = new Map(flags.map((f) => [f.line_id, f.n]));
    return rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      clientId: r.client_id,
      spentOn: r.spent_on,
      budgetLineId: r.budget_line_id,
      supplier: r.supplier,
      description: r.description,
      amountMinor: r.amount_minor,
      currency: r.currency,
      paymentMethod: r.payment_method,
      rate: r.rate === null ? null : parseRate(r.rate).text,
      rateSource: r.rate_source,
      rateNote: r.rate_note,
      grantAmountMinor: r.grant_amount_minor,
      grantCurrency: report.currency,
      state: r.state,
      ineligibleMinor: r.ineligible_minor,
      ineligibleReason: r.ineligible_reason,
      receipts: files
        .filter((f) => f.line_id === r.id)
        .map((f) => ({
          id: f.id,
          purpose: f.purpose,
          lineId: f.line_id,
          fileName: f.file_name,
          contentType: f.content_type,
          sha256: f.sha256,
          sizeBytes: Number(f.size_bytes),
          capturedAt: iso(f.captured_at),
          latitude: f.latitude,
          longitude: f.longitude,
          uploadedBy: { id: f.uploaded_by, name: f.uploaded_by_name },
          createdAt: new Date(f.created_at).toISOString(),
        })),
      messageCount: byMessage.get(r.id)?.n ?? 0,
      awaitingAnswer: byMessage.get(r.id)?.last_kind === 'question',
      openFlagCount: byFlag.get(r.id) ?? 0,
      createdBy: { id: r.created_by, name: r.created_by_name },
      rowVersion: r.row_version,
    }));
  }

  private lineContext(facts: GrantFacts, today: string): LineContext {
    return { grantCurrency: facts.currency, budgetLineIds: new Set(facts.budget.map((b) => b.id)), allowedCurrencies: facts.allowedCurrencies, today };
  }

  /**
   * The rate of a checked line: none for the grant currency; the typed one;
   * else the tranche rate; else the reference (ECB) rate of the date; else a
   * problem RATE_REQUIRED.
   */
  async price(manager: EntityManager, facts: GrantFacts, line: CheckedLine): Promise<PricedLine | LineProblem> {
    if (line.currency === facts.currency) return { ...line, rate: null, rateSource: 'same_currency', rateNote: null, grantAmountMinor: line.amountMinor };
    let rate = line.rate;
    let rateSource: RateSource | null = line.rate ? line.rateSource : null;
    if (!rate) {
      const tranche = line.rateSource === 'reference' ? null : trancheRateFor(facts.trancheRates, line.currency, line.spentOn);
      if (tranche) {
        rate = tranche.rate;
        rateSource = 'tranche';
      } else if (line.rateSource !== 'tranche') {
        const found = await this.rates.find(manager, facts.agencyId, line.currency, facts.currency, line.spentOn);
        if (found) {
          rate = found.rate;
          rateSource = 'reference';
        }
      }
    }
    if (!rate || !rateSource) {
      return {
        field: 'rate',
        code: 'RATE_REQUIRED',
        message: `no tranche or reference rate is known for ${line.currency} → ${facts.currency} on ${line.spentOn}: give the rate and its source`,
        params: { currency: line.currency, grantCurrency: facts.currency, spentOn: line.spentOn },
      };
    }
    return { ...line, rate, rateSource, grantAmountMinor: grantAmount(line, facts.currency, rate) };
  }

  /** Checks and prices a line, or throws the 4xx naming its fields. */
  async checkAndPrice(manager: EntityManager, facts: GrantFacts, input: Partial<ExpenditureLineInput>, today: string): Promise<PricedLine> {
    const checked = checkLine(input, this.lineContext(facts, today));
    if (!checked.ok) throw lineProblemException(checked.problems);
    const priced = await this.price(manager, facts, checked.line);
    if ('field' in priced && 'code' in priced && !('spentOn' in priced)) throw lineProblemException([priced]);
    return priced as PricedLine;
  }

  private requireGrantee(relation: ReportRelation): void {
    if (relation !== 'member' && relation !== 'partner') throw MizanException.forbidden('Only the grantee and its partners file expenditure lines');
  }

  private async insertLine(manager: EntityManager, auth: AuthenticatedRequestContext, report: ReportRow, line: PricedLine, clientId: string | null): Promise<string> {
    const [{ next }] = (await manager.query('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM expenditure_line WHERE report_id = $1', [report.id])) as { next: number }[];
    const supplierKnown = ((await manager.query('SELECT 1 FROM expenditure_line WHERE grant_id = $1 AND supplier = $2 AND removed_at IS NULL LIMIT 1', [report.grant_id, line.supplier])) as unknown[]).length > 0;
    const [row] = (await manager.query(
      `INSERT INTO expenditure_line (agency_id, grant_id, report_id, seq, client_id, spent_on, budget_line_id, supplier, description, amount_minor, currency,
                                     rate, rate_source, rate_note, grant_amount_minor, payment_method, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) RETURNING id`,
      [
        report.agency_id,
        report.grant_id,
        report.id,
        next,
        clientId,
        ...pricedLineValues(line),
        auth.user.id,
      ],
    )) as { id: string }[];
    // A supplier new to the grant is screened against the sanctions list in this transaction (issue 13).
    if (!supplierKnown) await this.screening.screenGrantSuppliers(manager, report.grant_id, actorOf(auth), [line.supplier]);
    return row.id;
  }

  private notEditable(report: ReportRow): MizanException {
    if (report.state === 'accepted') {
      return MizanException.withParams(ErrorCode.ReportPeriodAccepted, `The report for ${report.period_from} – ${report.period_to} was accepted: it cannot be changed`, {
        periodFrom: report.period_from,
        periodTo: report.period_to,
      });
    }
    return MizanException.withParams(ErrorCode.ReportNotEditable, `The report is ${report.state}: lines can be changed while it is a draft or returned`, { state: report.state });
  }

  /** Adds a line (grantee member or partner). With a client id already stored in the report: that line, not a second one. */
  async addLine(auth: AuthenticatedRequestContext, reportId: string, input: ExpenditureLineInput, today = latestTodayIso()): Promise<{ line: ExpenditureLineView; created: boolean }> {
    const { id, created } = await this.trail.record(async (manager) => {
      // The report row lock orders concurrent additions: seq stays dense and a repeated client id finds the first line.
      const { report, relation } = await this.reportFor(auth, reportId, manager, true);
      this.requireGrantee(relation);
      const clientId = input.clientId ?? null;
      if (clientId) {
        const [existing] = (await manager.query('SELECT id FROM expenditure_line WHERE report_id = $1 AND client_id = $2', [reportId, clientId])) as { id: string }[];
        if (existing) return { result: { id: existing.id, created: false }, entries: [] };
      }
      if (!reportEditable(report.state)) throw this.notEditable(report);
      const facts = await this.grantFacts(manager, report.grant_id);
      const line = await this.checkAndPrice(manager, facts, input, today);
      const lineId = await this.insertLine(manager, auth, report, line, clientId);
      return {
        result: { id: lineId, created: true },
        entries: [
          { actor: actorOf(auth), agencyId: report.agency_id, action: 'report.line_added', entityType: 'expenditure_line', entityId: lineId, after: { reportId, ...lineFacts(line) } } satisfies TrailEntry,
        ],
      };
    });
    return { line: await this.lineView(reportId, id), created };
  }

  private async lineView(reportId: string, lineId: string): Promise<ExpenditureLineView> {
    const report = await this.reportRow(this.dataSource.manager, reportId);
    const rows = (await this.dataSource.query(`${LINE_SELECT} WHERE l.id = $1`, [lineId])) as LineRow[];
    const [view] = await this.lineViews(this.dataSource.manager, report, rows);
    return view;
  }

  private async lockedLine(manager: EntityManager, reportId: string, lineId: string): Promise<LineRow> {
    assertId(lineId, 'Line');
    const [row] = (await manager.query(`${LINE_SELECT} WHERE l.id = $1 AND l.report_id = $2 AND l.removed_at IS NULL FOR UPDATE OF l`, [lineId, reportId])) as LineRow[];
    if (!row) throw MizanException.notFound('Line');
    return row;
  }

  /** Changes a line (optimistic: the row version the caller read). A questioned line stays questioned until answered. */
  async updateLine(auth: AuthenticatedRequestContext, reportId: string, lineId: string, input: ExpenditureLineInput, rowVersion: number, today = latestTodayIso()): Promise<ExpenditureLineView> {
    await this.trail.record(async (manager) => {
      const { report, relation } = await this.reportFor(auth, reportId, manager, true);
      this.requireGrantee(relation);
      const before = await this.lockedLine(manager, reportId, lineId);
      if (!lineEditable(report.state, before.state)) {
        if (report.state === 'accepted' || !reportEditable(report.state) && report.state !== 'submitted') throw this.notEditable(report);
        throw MizanException.withParams(ErrorCode.LineNotEditable, `The line is ${before.state} and the report ${report.state}: it cannot be changed now`, { state: before.state, reportState: report.state });
      }
      if (before.row_version !== rowVersion) {
        throw MizanException.withParams(ErrorCode.StaleReport, `The line changed since it was read (version ${before.row_version}, not ${rowVersion}): reload it`, {
          rowVersion: before.row_version,
        });
      }
      const facts = await this.grantFacts(manager, report.grant_id);
      const line = await this.checkAndPrice(manager, facts, input, today);
      await manager.query(
        `UPDATE expenditure_line SET spent_on = $2, budget_line_id = $3, supplier = $4, description = $5, amount_minor = $6, currency = $7, rate = $8, rate_source = $9,
                rate_note = $10, grant_amount_minor = $11, payment_method = $12, updated_by = $13, updated_at = now(), row_version = row_version + 1
          WHERE id = $1`,
        [
          lineId,
          ...pricedLineValues(line),
          auth.user.id,
        ],
      );
      if (before.supplier !== line.supplier) await this.screening.screenGrantSuppliers(manager, report.grant_id, actorOf(auth));
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: report.agency_id,
            action: 'report.line_changed',
            entityType: 'expenditure_line',
            entityId: lineId,
            before: { spentOn: before.spent_on, budgetLineId: before.budget_line_id, supplier: before.supplier, amountMinor: before.amount_minor, currency: before.currency, rate: before.rate, grantAmountMinor: before.grant_amount_minor },
            after: { reportId, ...lineFacts(line) },
          } satisfies TrailEntry,
        ],
      };
    });
    return this.lineView(reportId, lineId);
  }

  /** Removes a line (soft: removed_at) while the report is a draft or returned. */
  async removeLine(auth: AuthenticatedRequestContext, reportId: string, lineId: string, rowVersion: number | null): Promise<void> {
    await this.trail.record(async (manager) => {
      const { report, relation } = await this.reportFor(auth, reportId, manager, true);
      this.requireGrantee(relation);
      const before = await this.lockedLine(manager, reportId, lineId);
      if (!reportEditable(report.state)) throw this.notEditable(report);
      if (!lineRemovable(report.state, before.state)) {
        throw MizanException.withParams(ErrorCode.LineNotEditable, `The line is ${before.state}: it cannot be removed`, { state: before.state, reportState: report.state });
      }
      if (rowVersion !== null && before.row_version !== rowVersion) {
        throw MizanException.withParams(ErrorCode.StaleReport, `The line changed since it was read (version ${before.row_version}, not ${rowVersion}): reload it`, { rowVersion: before.row_version });
      }
      await manager.query('UPDATE expenditure_line SET removed_at = now(), removed_by = $2, updated_by = $2, updated_at = now(), row_version = row_version + 1 WHERE id = $1', [
        lineId,
        auth.user.id,
      ]);
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: report.agency_id,
            action: 'report.line_removed',
            entityType: 'expenditure_line',
            entityId: lineId,
            before: { reportId, seq: before.seq, supplier: before.supplier, amountMinor: before.amount_minor, currency: before.currency },
          } satisfies TrailEntry,
        ],
      };
    });
  }

  // --- Import ------------------------------------------------------------------------------------

  /** The grant facts for a template (caller must see the report). */
  async templateFacts(auth: AuthenticatedRequestContext, reportId: string): Promise<{ report: { grantNumber: string; periodFrom: string; periodTo: string }; facts: GrantFacts }> {
    const { report } = await this.reportFor(auth, reportId);
    return { report: { grantNumber: report.grant_number, periodFrom: report.period_from, periodTo: report.period_to }, facts: await this.grantFacts(this.dataSource.manager, report.grant_id) };
  }

  /**
   * Saves imported rows, all or nothing, in one transaction with one trail
   * record. `rows` come from the parser (field values by ExpenditureLineInput
   * key, with the sheet row number and a column letter per field); a row that
   * fails a rule the parser could not know (budget, currency, rate) makes the
   * whole import a 422 IMPORT_INVALID listing every problem.
   */
  async importLines(
    auth: AuthenticatedRequestContext,
    reportId: string,
    rows: ReadonlyArray<{ row: number; input: Partial<ExpenditureLineInput> }>,
    columnOf: (field: keyof ExpenditureLineInput) => { column: string; header: string },
    parseProblems: readonly LineImportProblem[],
    today = latestTodayIso(),
  ): Promise<{ imported: number }> {
    return this.trail.record(async (manager) => {
      const { report, relation } = await this.reportFor(auth, reportId, manager, true);
      this.requireGrantee(relation);
      if (!reportEditable(report.state)) throw this.notEditable(report);
      const facts = await this.grantFacts(manager, report.grant_id);
      const ctx = this.lineContext(facts, today);
      const problems: LineImportProblem[] = [...parseProblems];
      const failedRows = new Set(parseProblems.map((p) => p.row));
      const priced: PricedLine[] = [];
      for (const { row, input } of rows) {
        if (failedRows.has(row)) continue;
        const checked = checkLine(input, ctx);
        const rowProblems: LineProblem[] = [];
        if (!checked.ok) rowProblems.push(...checked.problems);
        else {
          const p = await this.price(manager, facts, checked.line);
          if ('spentOn' in p) priced.push(p);
          else rowProblems.push(p);
        }
        // An amount the parser could not convert for want of a known currency is the currency's problem, not a second one.
        const currencyProblem = rowProblems.some((p) => p.field === 'currency');
        for (const p of rowProblems.filter((x) => !(currencyProblem && x.field === 'amountMinor' && x.code === 'AMOUNT_INVALID'))) problems.push({ row, ...columnOf(p.field), code: p.code, ...(p.params ? { params: p.params } : {}) });
      }
      if (problems.length > 0) throw importInvalid(problems);
      if (priced.length === 0) throw importInvalid([{ row: 2, column: 'A', header: 'Date', code: 'NO_ROWS' }]);
      const ids: string[] = [];
      for (const line of priced) ids.push(await this.insertLine(manager, auth, report, line, null));
      const total = priced.reduce((s, l) => s + l.grantAmountMinor, 0n);
      return {
        result: { imported: ids.length },
        entries: [
          {
            actor: actorOf(auth),
            agencyId: report.agency_id,
            action: 'report.lines_imported',
            entityType: 'grant_report',
            entityId: report.id,
            after: { lineCount: ids.length, grantAmountMinor: total.toString(), currency: facts.currency, firstLineId: ids[0], lastLineId: ids[ids.length - 1] },
          } satisfies TrailEntry,
        ],
      };
    });
  }

  // --- Budget vs actual ------------------------------------------------------------------------

  async budgetVsActual(auth: AuthenticatedRequestContext, reportId: string): Promise<BudgetVsActualView> {
    const { report } = await this.reportFor(auth, reportId);
    const facts = await this.grantFacts(this.dataSource.manager, report.grant_id);
    const previous = (await this.dataSource.query(
      `SELECT l.budget_line_id, SUM(l.grant_amount_minor - l.ineligible_minor)::text AS total
         FROM expenditure_line l JOIN grant_report r ON r.id = l.report_id
        WHERE l.grant_id = $1 AND l.report_id <> $2 AND r.state = 'accepted' AND l.state IN ('accepted','ineligible') AND l.removed_at IS NULL
        GROUP BY l.budget_line_id`,
      [report.grant_id, reportId],
    )) as { budget_line_id: string; total: string }[];
    const current = (await this.dataSource.query(
      `SELECT budget_line_id, SUM(grant_amount_minor - ineligible_minor)::text AS total FROM expenditure_line WHERE report_id = $1 AND removed_at IS NULL GROUP BY budget_line_id`,
      [reportId],
    )) as { budget_line_id: string; total: string }[];
    const toMap = (rows: { budget_line_id: string; total: string }[]) => new Map(rows.map((r) => [r.budget_line_id, BigInt(r.total)]));
    return { currency: facts.currency, toleranceBp: facts.toleranceBp, rows: budgetVsActual(facts.budget, toMap(previous), toMap(current), facts.toleranceBp) };
  }

  // --- Narrative -------------------------------------------------------------------------------

  async saveNarrative(auth: AuthenticatedRequestContext, reportId: string, narrative: NarrativeContent, rowVersion: number | null): Promise<ReportView> {
    await this.trail.record(async (manager) => {
      const { report, relation } = await this.reportFor(auth, reportId, manager, true);
      this.requireGrantee(relation);
      if (!reportEditable(report.state)) throw this.notEditable(report);
      if (rowVersion !== null && rowVersion !== report.row_version) {
        throw MizanException.withParams(ErrorCode.StaleReport, `The report changed since it was read (version ${report.row_version}, not ${rowVersion}): reload it`, {
          rowVersion: report.row_version,
        });
      }
      const activities = (narrative.activities ?? '').trim();
      if (activities.length > ACTIVITIES_MAX) throw invalidField('activities', `at most ${ACTIVITIES_MAX} characters`);
      const [app] = (await manager.query('SELECT content FROM application_version WHERE application_id = $1 ORDER BY number DESC LIMIT 1', [report.application_id])) as { content: unknown }[];
      const known = new Set(logframeIndicators(app?.content).map((i) => i.id));
      const seen = new Set<string>();
      const indicators: IndicatorProgress[] = [];
      for (const [index, item] of (narrative.indicators ?? []).entries()) {
        const field = `indicators.${index}`;
        if (!known.has(item.indicatorId)) {
          throw MizanException.withParams(ErrorCode.IndicatorUnknown, `Indicator ${String(item.indicatorId).slice(0, 60)} is not in the grant's logframe`, { indicatorId: String(item.indicatorId).slice(0, 60) }, [
            { field: `${field}.indicatorId`, message: 'not an indicator of the logframe' },
          ]);
        }
        if (seen.has(item.indicatorId)) throw invalidField(`${field}.indicatorId`, `indicator ${item.indicatorId} is given twice`);
        seen.add(item.indicatorId);
        const actual = (item.actual ?? '').trim();
        if (actual !== '' && !/^-?\d{1,15}(\.\d{1,6})?$/.test(actual)) throw invalidField(`${field}.actual`, 'a number such as 120 or 12.5');
        if (actual.length > INDICATOR_ACTUAL_MAX) throw invalidField(`${field}.actual`, `at most ${INDICATOR_ACTUAL_MAX} characters`);
        const comment = (item.comment ?? '').trim();
        if (comment.length > INDICATOR_COMMENT_MAX) throw invalidField(`${field}.comment`, `at most ${INDICATOR_COMMENT_MAX} characters`);
        indicators.push({ indicatorId: item.indicatorId, actual, comment });
      }
      const content: NarrativeContent = { activities, indicators };
      await manager.query('UPDATE grant_report SET narrative = $2, updated_at = now(), row_version = row_version + 1 WHERE id = $1', [reportId, JSON.stringify(content)]);
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: report.agency_id,
            action: 'report.narrative_saved',
            entityType: 'grant_report',
            entityId: reportId,
            after: { activitiesLength: activities.length, indicators: indicators.map((i) => ({ indicatorId: i.indicatorId, actual: i.actual })) },
          } satisfies TrailEntry,
        ],
      };
    });
    return this.view(auth, reportId);
  }

  // --- Submit ----------------------------------------------------------------------------------

  /** Submits (or resubmits) the report: its draft lines become submitted, the officers are told, a red-flag run is queued. */
  async submit(auth: AuthenticatedRequestContext, reportId: string): Promise<ReportView> {
    const { emailIds, runId } = await this.trail.record(async (manager) => {
      const { report, relation } = await this.reportFor(auth, reportId, manager, true);
      if (relation !== 'member') throw MizanException.forbidden('Only a member of the grantee organization submits a report');
      if (!reportEditable(report.state)) throw this.notEditable(report);
      const [{ n }] = (await manager.query('SELECT count(*)::int AS n FROM expenditure_line WHERE report_id = $1 AND removed_at IS NULL', [reportId])) as { n: number }[];
      if (n === 0) throw new MizanException(ErrorCode.ReportEmpty, 'A report without expenditure lines cannot be submitted: add at least one line');
      await manager.query(`UPDATE expenditure_line SET state = 'submitted', updated_at = now(), row_version = row_version + 1 WHERE report_id = $1 AND removed_at IS NULL AND state = 'draft'`, [reportId]);
      await manager.query(
        `UPDATE grant_report SET state = 'submitted', submission_count = submission_count + 1, submitted_by = $2, submitted_at = now(), updated_at = now(), row_version = row_version + 1
          WHERE id = $1`,
        [reportId, auth.user.id],
      );
      await manager.query(`UPDATE grant_report_due SET state = 'submitted' WHERE id = $1`, [report.report_due_id]);
      // The red-flag engine runs in the worker (never in the request): queued here, in the submission's transaction.
      const runId = await this.flagRuns.request(manager, { agencyId: report.agency_id, reason: 'report_submitted', reportId, requestedBy: auth.user.id });
      const officers = (await manager.query(
        `SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.agency_id = $1 AND u.active AND r.role = 'officer'`,
        [report.agency_id],
      )) as { id: string }[];
      const resubmission = report.submission_count > 0;
      const { emailIds } = await this.notifications.notify(manager, {
        userIds: officers.map((o) => o.id),
        agencyId: report.agency_id,
        kind: 'report.submitted',
        message: {
          key: 'report.submitted',
          params: { grant: report.grant_number, organization: report.organization_name, periodFrom: report.period_from, periodTo: report.period_to, lines: n, resubmission },
        },
        entityType: 'grant_report',
        entityId: reportId,
        email: true,
        actionKey: `report.verify:${reportId}`,
      });
      return {
        result: { emailIds, runId },
        entries: [
          {
            actor: actorOf(auth),
            agencyId: report.agency_id,
            action: 'report.submitted',
            entityType: 'grant_report',
            entityId: reportId,
            before: { state: report.state },
            after: { state: 'submitted', submissionCount: report.submission_count + 1, lineCount: n },
          } satisfies TrailEntry,
        ],
      };
    });
    await this.notifications.deliver(emailIds);
    await this.flagRuns.enqueue(runId);
    return this.view(auth, reportId);
  }
}

export function invalidField(field: string, message: string): MizanException {
  return new MizanException(ErrorCode.ValidationFailed, `Invalid ${field}: ${message}`, [{ field, message }]);
}

/** The 422 of a refused import: every problem in params.problems (an array), nothing saved. */
export function importInvalid(problems: readonly LineImportProblem[]): MizanException {
  const sorted = [...problems].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  const shown = sorted.slice(0, 500);
  const first = sorted[0];
  const exception = MizanException.withParams(
    ErrorCode.ImportInvalid,
    `The file has ${sorted.length} problem(s), nothing was imported; first: row ${first.row}, column ${first.column} (${first.header}): ${first.code}`,
    { count: sorted.length },
    shown.slice(0, 50).map((p) => ({ field: `row ${p.row} ${p.column}`, message: `${p.header}: ${p.code}` })),
  );
  (exception.params as Record<string, unknown>)['problems'] = shown;
  return exception;
}
