import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AcceptReportRequest,
  ErrorCode,
  ExpenditureLineState,
  LineMessageView,
  ReportDecisionView,
  ReportState,
  ReturnReportRequest,
  VerificationProgressView,
  VerifiedLineView,
  VerifyLineRequest,
  can,
} from '@mizan/contracts';
import { CurrencyCode, expenditureVerified } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import { GrantReads, LedgerService, TRANCHE_SELECT, TrancheRow, assertId } from '@mizan/server/finance';
import { auditorReadsGrant } from '@mizan/server/identity';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { NotificationsService } from '@mizan/server/review';
import { TrailEntry, TrailService } from '@mizan/server/trail';
import { AdvanceRate, advanceConsumed, listOf } from './verification-rules';
import { actorOf } from '../acting';
import { relationOrReportNotFound } from '../report-access';

const TEXT_MAX = 4000;

function requireText(value: string | undefined | null, field: string, what: string): string {
  const text = (value ?? '').trim();
  if (!text) throw new MizanException(ErrorCode.ValidationFailed, `${what} is required`, [{ field, message: `${what} is required` }]);
  if (text.length > TEXT_MAX) throw new MizanException(ErrorCode.ValidationFailed, `${what} is too long`, [{ field, message: `at most ${TEXT_MAX} characters` }]);
  return text;
}

function stale(): MizanException {
  return new MizanException(ErrorCode.StaleReport, 'The report or line changed since it was read: reload and try again');
}

interface ReportRow {
  id: string;
  agency_id: string;
  grant_id: string;
  report_due_id: string;
  period_from: string;
  period_to: string;
  state: ReportState;
  row_version: number;
  program_id: string;
  organization_id: string;
  grant_number: string;
  currency: CurrencyCode;
}

const REPORT_SELECT = `
  SELECT r.id, r.agency_id, r.grant_id, r.report_due_id, to_char(r.period_from, 'YYYY-MM-DD') AS period_from, to_char(r.period_to, 'YYYY-MM-DD') AS period_to,
         r.state, r.row_version, g.program_id, g.organization_id, g.grant_number, g.currency
    FROM grant_report r JOIN grant_award g ON g.id = r.grant_id`;

interface LineRow {
  id: string;
  report_id: string;
  grant_id: string;
  seq: number;
  amount_minor: string;
  currency: CurrencyCode;
  rate: string | null;
  rate_source: string;
  grant_amount_minor: string;
  spent_on: string;
  state: ExpenditureLineState;
  ineligible_minor: string;
  ineligible_reason: string | null;
  verified_at: Date | null;
  journal_entry_id: string | null;
  created_by: string;
  row_version: number;
}

const LINE_SELECT = `
  SELECT l.id, l.report_id, l.grant_id, l.seq, l.amount_minor::text AS amount_minor, l.currency, l.rate::text AS rate, l.rate_source,
         l.grant_amount_minor::text AS grant_amount_minor, to_char(l.spent_on, 'YYYY-MM-DD') AS spent_on, l.state,
         l.ineligible_minor::text AS ineligible_minor, l.ineligible_reason, l.verified_at, l.journal_entry_id, l.created_by, l.row_version
    FROM expenditure_line l`;

const VERIFIED: readonly ExpenditureLineState[] = ['accepted', 'ineligible'];

/**
 * The officer's verification of a submitted report (issue 11): line decisions
 * posted to the ledger in the same transaction as their trail record, the
 * line threads, and accepting or returning the report (acceptance records the
 * report on the tranche it covers, so the next tranche's "previous report
 * accepted" condition holds). Lock order: grant → report → line → tranche →
 * ledger accounts → trail, as everywhere (docs/finance.md, "Balances and concurrency").
 */
@Injectable()
export class VerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly ledger: LedgerService,
    private readonly reads: GrantReads,
    private readonly notifications: NotificationsService,
  ) {}

  // --- Reading ------------------------------------------------------------------------------------------

  /** The report if the caller is an officer of its agency; anyone else 404. */
  private async officerReport(auth: AuthenticatedRequestContext, reportId: string, manager: EntityManager, lock: '' | 'share' | 'update' = ''): Promise<ReportRow> {
    assertId(reportId, 'Report');
    const suffix = lock === 'update' ? ' FOR UPDATE OF r' : lock === 'share' ? ' FOR SHARE OF r' : '';
    const [row] = (await manager.query(`${REPORT_SELECT} WHERE r.id = $1${suffix}`, [reportId])) as ReportRow[];
    if (!row || row.agency_id !== auth.user.agencyId || !can(auth.user.roles(), 'grant.manage')) throw MizanException.notFound('Report');
    return row;
  }

  /** For reads only: the officer's report, or the report of a grant in an auditor's open engagement scope; anyone else 404. */
  private async officerOrAuditorReport(auth: AuthenticatedRequestContext, reportId: string, manager: EntityManager): Promise<ReportRow> {
    assertId(reportId, 'Report');
    const [row] = (await manager.query(`${REPORT_SELECT} WHERE r.id = $1`, [reportId])) as ReportRow[];
    if (row && !can(auth.user.roles(), 'grant.manage') && (await auditorReadsGrant(manager, auth, row.grant_id))) return row;
    return this.officerReport(auth, reportId, manager);
  }

  private async line(manager: EntityManager, reportId: string, lineId: string, lock = false): Promise<LineRow> {
    assertId(lineId, 'Line');
    const [row] = (await manager.query(`${LINE_SELECT} WHERE l.id = $1 AND l.report_id = $2 AND l.removed_at IS NULL${lock ? ' FOR UPDATE' : ''}`, [lineId, reportId])) as LineRow[];
    if (!row) throw MizanException.notFound('Line');
    return row;
  }

  async progress(auth: AuthenticatedRequestContext, reportId: string): Promise<VerificationProgressView> {
    const manager = this.dataSource.manager;
    const report = await this.officerOrAuditorReport(auth, reportId, manager);
    const rows = (await manager.query(
      `SELECT state, count(*)::int AS n, COALESCE(sum(grant_amount_minor - ineligible_minor), 0)::text AS eligible, COALESCE(sum(ineligible_minor), 0)::text AS ineligible
         FROM expenditure_line WHERE report_id = $1 AND removed_at IS NULL GROUP BY state`,
      [report.id],
    )) as { state: ExpenditureLineState; n: number; eligible: string; ineligible: string }[];
    const byState: Record<ExpenditureLineState, number> = { draft: 0, submitted: 0, accepted: 0, questioned: 0, ineligible: 0 };
    let acceptedMinor = 0n;
    let ineligibleMinor = 0n;
    for (const r of rows) {
      byState[r.state] = r.n;
      if (VERIFIED.includes(r.state)) {
        acceptedMinor += BigInt(r.eligible);
        ineligibleMinor += BigInt(r.ineligible);
      }
    }
    const open = (await manager.query(
      `SELECT seq FROM expenditure_line WHERE report_id = $1 AND removed_at IS NULL AND state NOT IN ('accepted','ineligible') ORDER BY seq LIMIT 50`,
      [report.id],
    )) as { seq: number }[];
    const total = Object.values(byState).reduce((s, n) => s + n, 0);
    const verified = byState.accepted + byState.ineligible;
    return {
      reportId: report.id,
      grantId: report.grant_id,
      state: report.state,
      currency: report.currency,
      total,
      verified,
      byState,
      openLineSeqs: open.map((o) => o.seq),
      acceptedMinor: acceptedMinor.toString(),
      ineligibleMinor: ineligibleMinor.toString(),
      canAccept: report.state === 'submitted' && verified === total,
      canReturn: report.state === 'submitted',
      rowVersion: report.row_version,
    };
  }

  // --- Line decisions -----------------------------------------------------------------------------------

  async verifyLine(auth: AuthenticatedRequestContext, reportId: string, lineId: string, request: VerifyLineRequest): Promise<VerifiedLineView> {
    // Input first: nothing is locked for a request that cannot succeed.
    let question: string | null = null;
    let reason: string | null = null;
    let ineligible = 0n;
    if (request.decision === 'question') question = requireText(request.question, 'question', 'The question');
    if (request.decision === 'ineligible') {
      reason = requireText(request.reason, 'reason', 'A reason');
      if (request.ineligibleMinor === undefined || !/^\d{1,16}$/.test(request.ineligibleMinor)) {
        throw new MizanException(ErrorCode.ValidationFailed, 'The ineligible amount is required, in minor units', [{ field: 'ineligibleMinor', message: 'whole minor units as digits' }]);
      }
      ineligible = BigInt(request.ineligibleMinor);
    }
    await this.officerReport(auth, reportId, this.dataSource.manager);

    let posted: VerifiedLineView['posted'] = null;
    const emailIds = await this.trail.record(async (manager) => {
      const report = await this.officerReport(auth, reportId, manager, 'share');
      const line = await this.line(manager, report.id, lineId, true);
      if (VERIFIED.includes(line.state)) {
        throw MizanException.withParams(ErrorCode.LineAlreadyVerified, `Line ${line.seq} was already verified (${line.state})`, { seq: line.seq, state: line.state });
      }
      if (report.state === 'accepted') throw MizanException.withParams(ErrorCode.ReportAlreadyAccepted, 'The report was already accepted', { state: report.state });
      if (report.state !== 'submitted') throw MizanException.withParams(ErrorCode.ReportNotSubmitted, `The report is ${report.state}`, { state: report.state });
      if (line.state !== 'submitted') {
        throw MizanException.withParams(ErrorCode.LineNotSubmitted, `Line ${line.seq} is ${line.state}: only a submitted line is verified`, { seq: line.seq, state: line.state });
      }
      if (line.row_version !== request.rowVersion) throw stale();

      if (request.decision === 'question') {
        const entries = await this.postQuestion(auth, manager, report, line, question as string);
        return { result: entries.emailIds, entries: entries.trail };
      }

      const grantAmount = BigInt(line.grant_amount_minor);
      if (request.decision === 'ineligible' && (ineligible <= 0n || ineligible > grantAmount)) {
        throw MizanException.withParams(
          ErrorCode.ValidationFailed,
          `The ineligible amount must be more than 0 and at most the line's ${grantAmount} in ${report.currency}`,
          { maxMinor: grantAmount.toString(), currency: report.currency },
          [{ field: 'ineligibleMinor', message: `INELIGIBLE_OUT_OF_RANGE: 0 < amount ≤ ${grantAmount}` }],
        );
      }
      const advance = await this.advanceRate(manager, line);
      const { advanceMinor, advanceRate } = advanceConsumed(
        { amountMinor: BigInt(line.amount_minor), currency: line.currency, grantCurrency: report.currency, grantAmountMinor: grantAmount, rateSource: line.rate_source },
        advance,
      );
      const state: ExpenditureLineState = request.decision === 'accept' ? 'accepted' : 'ineligible';
      const facts = {
        reportId: report.id,
        seq: line.seq,
        amountMinor: line.amount_minor,
        currency: line.currency,
        rate: line.rate,
        rateSource: line.rate_source,
        grantAmountMinor: line.grant_amount_minor,
        grantCurrency: report.currency,
        ineligibleMinor: ineligible.toString(),
        advanceMinor: advanceMinor.toString(),
        advanceRate,
        advancePaymentId: advanceRate ? (advance?.paymentId ?? null) : null,
        fxDifferenceMinor: (advanceMinor - grantAmount).toString(),
      };
      const trailEntry: TrailEntry = {
        actor: actorOf(auth),
        agencyId: report.agency_id,
        action: state === 'accepted' ? 'report.line_accepted' : 'report.line_ineligible',
        entityType: 'expenditure_line',
        entityId: line.id,
        before: { state: line.state },
        after: { state, ...facts },
        reason,
      };
      let entryId: string | null = null;
      if (advanceMinor > 0n) {
        const result = await this.ledger.post(manager, {
          agencyId: report.agency_id,
          programId: report.program_id,
          grantId: report.grant_id,
          kind: state === 'accepted' ? 'expenditure_verified' : 'expenditure_ineligible',
          description: `${report.grant_number}, report ${report.period_from} – ${report.period_to}, line ${line.seq} ${state}`,
          effectiveOn: line.spent_on,
          lines: expenditureVerified(
            { programId: report.program_id, grantId: report.grant_id, currency: report.currency },
            { grantAmountMinor: grantAmount, ineligibleMinor: ineligible, advanceMinor },
          ),
          details: facts,
          trail: trailEntry,
        });
        entryId = result.entryId;
      }
      await manager.query(
        `UPDATE expenditure_line SET state = $2, ineligible_minor = $3, ineligible_reason = $4, verified_by = $5, verified_at = now(), journal_entry_id = $6,
                updated_by = $5, updated_at = now(), row_version = row_version + 1 WHERE id = $1`,
        [line.id, state, ineligible.toString(), reason, auth.user.id, entryId],
      );
      posted = {
        verifiedMinor: (grantAmount - ineligible).toString(),
        refundReceivableMinor: ineligible.toString(),
        fxDifferenceMinor: (advanceMinor - grantAmount).toString(),
        advanceMinor: advanceMinor.toString(),
      };
      // The trail record went with the ledger entry; a line worth nothing has no entry and is recorded here.
      return { result: [] as string[], entries: entryId ? [] : [trailEntry] };
    });
    await this.notifications.deliver(emailIds);
    const line = await this.line(this.dataSource.manager, reportId, lineId);
    const [{ currency }] = (await this.dataSource.query('SELECT g.currency FROM grant_report r JOIN grant_award g ON g.id = r.grant_id WHERE r.id = $1', [reportId])) as {
      currency: CurrencyCode;
    }[];
    return {
      id: line.id,
      reportId,
      seq: line.seq,
      state: line.state,
      grantAmountMinor: line.grant_amount_minor,
      ineligibleMinor: line.ineligible_minor,
      ineligibleReason: line.ineligible_reason,
      currency,
      verifiedAt: line.verified_at ? new Date(line.verified_at).toISOString() : null,
      journalEntryId: line.journal_entry_id,
      posted,
      rowVersion: line.row_version,
    };
  }

  /** The latest paid tranche payment of the grant whose transfer was in the line's currency (on or before the line's date if there is one). */
  private async advanceRate(manager: EntityManager, line: LineRow): Promise<AdvanceRate | null> {
    const [row] = (await manager.query(
      `SELECT p.id, p.rate::text AS rate, to_char(p.value_date, 'YYYY-MM-DD') AS value_date FROM payment p
        WHERE p.grant_id = $1 AND p.state = 'paid' AND p.transfer_currency = $2
        ORDER BY (p.value_date <= $3::date) DESC, p.value_date DESC, p.paid_at DESC LIMIT 1`,
      [line.grant_id, line.currency, line.spent_on],
    )) as { id: string; rate: string; value_date: string }[];
    return row ? { rate: row.rate, paymentId: row.id, valueDate: row.value_date } : null;
  }

  // --- Threads ------------------------------------------------------------------------------------------

  /** Who the caller is to the line's grant: an officer of its agency, a member of the grantee, a partner; anyone else 404. */
  private async threadRelation(auth: AuthenticatedRequestContext, reportId: string, manager: EntityManager): Promise<{ report: ReportRow; relation: 'officer' | 'member' | 'partner' }> {
    assertId(reportId, 'Report');
    const [report] = (await manager.query(`${REPORT_SELECT} WHERE r.id = $1`, [reportId])) as ReportRow[];
    if (!report) throw MizanException.notFound('Report');
    if (report.agency_id === auth.user.agencyId && can(auth.user.roles(), 'grant.manage')) return { report, relation: 'officer' };
    return { report, relation: await relationOrReportNotFound(this.reads.granteeRelation(auth, report.grant_id, manager)) };
  }

  /** The report if the caller may read its verification: its thread's parties, or an auditor with the grant in scope; anyone else 404. */
  private async reportReadable(auth: AuthenticatedRequestContext, reportId: string): Promise<ReportRow> {
    assertId(reportId, 'Report');
    const manager = this.dataSource.manager;
    const [report] = (await manager.query(`${REPORT_SELECT} WHERE r.id = $1`, [reportId])) as ReportRow[];
    if (report && (await auditorReadsGrant(manager, auth, report.grant_id))) return report;
    return (await this.threadRelation(auth, reportId, manager)).report;
  }

  async messages(auth: AuthenticatedRequestContext, reportId: string, lineId: string): Promise<LineMessageView[]> {
    // Reading a thread: also an auditor with the grant in an open engagement's scope (issue 12); posting stays with officers and grantees.
    const report = await this.reportReadable(auth, reportId);
    await this.line(this.dataSource.manager, report.id, lineId);
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.kind, m.body, m.created_at, u.id AS author_id, u.display_name AS author_name
         FROM line_message m JOIN app_user u ON u.id = m.author_id WHERE m.line_id = $1 ORDER BY m.created_at, m.id`,
      [lineId],
    )) as { id: string; kind: LineMessageView['kind']; body: string; created_at: Date; author_id: string; author_name: string }[];
    return rows.map((r) => ({ id: r.id, kind: r.kind, body: r.body, author: { id: r.author_id, name: r.author_name }, createdAt: new Date(r.created_at).toISOString() }));
  }

  /** An officer's question (line → questioned) or the grantee's answer (questioned → submitted, ready for re-verification). */
  async postMessage(auth: AuthenticatedRequestContext, reportId: string, lineId: string, bodyText: string): Promise<LineMessageView> {
    const body = requireText(bodyText, 'body', 'The message');
    const { relation } = await this.threadRelation(auth, reportId, this.dataSource.manager);
    const { messageId, emailIds } = await this.trail.record(async (manager) => {
      const [report] = (await manager.query(`${REPORT_SELECT} WHERE r.id = $1 FOR SHARE OF r`, [reportId])) as ReportRow[];
      const line = await this.line(manager, report.id, lineId, true);
      if (VERIFIED.includes(line.state)) {
        throw MizanException.withParams(ErrorCode.LineAlreadyVerified, `Line ${line.seq} was already verified (${line.state})`, { seq: line.seq, state: line.state });
      }
      if (relation === 'officer') {
        if (report.state !== 'submitted') throw MizanException.withParams(ErrorCode.ReportNotSubmitted, `The report is ${report.state}`, { state: report.state });
        if (line.state !== 'submitted' && line.state !== 'questioned') {
          throw MizanException.withParams(ErrorCode.LineNotSubmitted, `Line ${line.seq} is ${line.state}`, { seq: line.seq, state: line.state });
        }
        const posted = await this.postQuestion(auth, manager, report, line, body);
        return { result: { messageId: posted.messageId, emailIds: posted.emailIds }, entries: posted.trail };
      }
      if (report.state !== 'submitted' && report.state !== 'returned') {
        throw MizanException.withParams(ErrorCode.ReportNotSubmitted, `The report is ${report.state}`, { state: report.state });
      }
      if (line.state !== 'questioned') {
        throw MizanException.withParams(ErrorCode.Conflict, `Line ${line.seq} has no open question (${line.state})`, { seq: line.seq, state: line.state });
      }
      const answerId = await this.postToThread(auth, manager, report, line, 'answer', body);
      // The officers who asked on this line hear of the answer.
      const askers = (await manager.query(`SELECT DISTINCT author_id FROM line_message WHERE line_id = $1 AND kind = 'question'`, [line.id])) as { author_id: string }[];
      await this.notifications.notify(manager, {
        userIds: askers.map((a) => a.author_id),
        agencyId: report.agency_id,
        kind: 'report.line_answer',
        message: { key: 'report.line_answer', params: { grant: report.grant_number, seq: line.seq, author: auth.user.displayName, answer: body.slice(0, 500) } },
        entityType: 'grant_report',
        entityId: report.id,
        email: false,
      });
      return {
        result: { messageId: answerId, emailIds: [] as string[] },
        entries: [
          {
            actor: actorOf(auth),
            agencyId: report.agency_id,
            action: 'report.line_answered',
            entityType: 'expenditure_line',
            entityId: line.id,
            before: { state: line.state },
            after: { state: 'submitted', reportId: report.id, seq: line.seq, messageId: answerId, relation },
          },
        ],
      };
    });
    await this.notifications.deliver(emailIds);
    const all = await this.messages(auth, reportId, lineId);
    return all.find((m) => m.id === messageId) as LineMessageView;
  }

  /** A question or an answer on the line's thread, and the line's state after it: questioned after a question, submitted (back with the officer) after an answer. */
  private async postToThread(auth: AuthenticatedRequestContext, manager: EntityManager, report: ReportRow, line: LineRow, kind: 'question' | 'answer', body: string): Promise<string> {
    const [message] = (await manager.query(`INSERT INTO line_message (line_id, report_id, author_id, kind, body) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      line.id,
      report.id,
      auth.user.id,
      kind,
      body,
    ])) as { id: string }[];
    await manager.query(`UPDATE expenditure_line SET state = $3, updated_by = $2, updated_at = now(), row_version = row_version + 1 WHERE id = $1`, [
      line.id,
      auth.user.id,
      kind === 'question' ? 'questioned' : 'submitted',
    ]);
    return message.id;
  }

  private async postQuestion(
    auth: AuthenticatedRequestContext,
    manager: EntityManager,
    report: ReportRow,
    line: LineRow,
    question: string,
  ): Promise<{ messageId: string; emailIds: string[]; trail: TrailEntry[] }> {
    const messageId = await this.postToThread(auth, manager, report, line, 'question', question);
    const notified = await this.notifications.notify(manager, {
      userIds: await this.granteeSide(manager, report, line.created_by),
      agencyId: report.agency_id,
      kind: 'report.line_question',
      message: { key: 'report.line_question', params: { grant: report.grant_number, seq: line.seq, officer: auth.user.displayName, question: question.slice(0, 500) } },
      entityType: 'grant_report',
      entityId: report.id,
      email: true,
    });
    return {
      messageId,
      emailIds: notified.emailIds,
      trail: [
        {
          actor: actorOf(auth),
          agencyId: report.agency_id,
          action: 'report.line_questioned',
          entityType: 'expenditure_line',
          entityId: line.id,
          before: { state: line.state },
          after: { state: 'questioned', reportId: report.id, seq: line.seq, messageId },
        },
      ],
    };
  }

  /** The grantee's members, and the author of the line when a partner typed it. */
  private async granteeSide(manager: EntityManager, report: ReportRow, lineAuthor: string | null): Promise<string[]> {
    const members = (await manager.query('SELECT user_id FROM organization_member WHERE organization_id = $1', [report.organization_id])) as { user_id: string }[];
    const ids = new Set(members.map((m) => m.user_id));
    if (lineAuthor) ids.add(lineAuthor);
    return [...ids];
  }

  // --- The report as a whole ----------------------------------------------------------------------------

  async acceptReport(auth: AuthenticatedRequestContext, reportId: string, request: AcceptReportRequest): Promise<ReportDecisionView> {
    const note = request.note?.trim() ? requireText(request.note, 'note', 'The note') : null;
    const known = await this.officerReport(auth, reportId, this.dataSource.manager);
    const { tranche, emailIds } = await this.trail.record(async (manager) => {
      await this.reads.ofAgency(auth, known.grant_id, manager, true);
      const report = await this.officerReport(auth, reportId, manager, 'update');
      if (report.state === 'accepted') throw MizanException.withParams(ErrorCode.ReportAlreadyAccepted, 'The report was already accepted', { state: report.state });
      if (report.state !== 'submitted') throw MizanException.withParams(ErrorCode.ReportNotSubmitted, `The report is ${report.state}`, { state: report.state });
      if (report.row_version !== request.rowVersion) throw stale();
      const open = (await manager.query(
        `SELECT seq FROM expenditure_line WHERE report_id = $1 AND removed_at IS NULL AND state NOT IN ('accepted','ineligible') ORDER BY seq`,
        [report.id],
      )) as { seq: number }[];
      if (open.length > 0) {
        const seqs = open.map((o) => o.seq);
        throw MizanException.withParams(ErrorCode.ReportLinesOpen, `Lines still open: ${listOf(seqs)}`, { count: seqs.length, lines: listOf(seqs) });
      }
      const [sums] = (await manager.query(
        `SELECT COALESCE(sum(grant_amount_minor - ineligible_minor), 0)::text AS verified, COALESCE(sum(ineligible_minor), 0)::text AS ineligible, count(*)::int AS n
           FROM expenditure_line WHERE report_id = $1 AND removed_at IS NULL`,
        [report.id],
      )) as { verified: string; ineligible: string; n: number }[];
      await manager.query(
        `UPDATE grant_report SET state = 'accepted', accepted_by = $2, accepted_at = now(), accept_note = $3, updated_at = now(), row_version = row_version + 1 WHERE id = $1`,
        [report.id, auth.user.id, note],
      );
      await manager.query(`UPDATE grant_report_due SET state = 'accepted' WHERE id = $1`, [report.report_due_id]);
      const entries: TrailEntry[] = [
        {
          actor: actorOf(auth),
          agencyId: report.agency_id,
          action: 'report.accepted',
          entityType: 'grant_report',
          entityId: report.id,
          before: { state: report.state },
          after: { state: 'accepted', grantId: report.grant_id, lines: sums.n, verifiedMinor: sums.verified, ineligibleMinor: sums.ineligible, currency: report.currency },
          reason: note,
        },
      ];
      const tranche = await this.recordOnTranche(auth, manager, report, BigInt(sums.verified), note, entries);
      const notified = await this.notifications.notify(manager, {
        userIds: await this.granteeSide(manager, report, null),
        agencyId: report.agency_id,
        kind: 'report.accepted',
        message: { key: 'report.accepted', params: { grant: report.grant_number, from: report.period_from, to: report.period_to, hasNote: Boolean(note), note: note ?? '' } },
        entityType: 'grant_report',
        entityId: report.id,
        email: true,
      });
      return { result: { tranche, emailIds: notified.emailIds }, entries };
    });
    await this.notifications.deliver(emailIds);
    const [after] = (await this.dataSource.query('SELECT state, row_version FROM grant_report WHERE id = $1', [reportId])) as { state: ReportState; row_version: number }[];
    return { reportId, state: after.state, tranche, rowVersion: after.row_version };
  }

  /**
   * The report covers the paid tranche just before the next planned one: its
   * report acceptance is recorded there (as the manual route of issue 9 does),
   * with the verified expenditure as the accounted amount (added to what an
   * earlier report on the same tranche accounted, at most the tranche).
   */
  private async recordOnTranche(
    auth: AuthenticatedRequestContext,
    manager: EntityManager,
    report: ReportRow,
    verified: bigint,
    note: string | null,
    entries: TrailEntry[],
  ): Promise<ReportDecisionView['tranche']> {
    const tranches = (await manager.query(`${TRANCHE_SELECT} WHERE t.grant_id = $1 AND t.state <> 'cancelled' ORDER BY t.seq FOR UPDATE`, [report.grant_id])) as TrancheRow[];
    const next = tranches.find((t) => t.state === 'planned');
    const covered = next ? [...tranches].reverse().find((t) => t.seq < next.seq) : undefined;
    if (!covered || covered.state !== 'paid') return null;
    const amount = BigInt(covered.amount_minor);
    const sum = BigInt(covered.report_accounted_minor ?? '0') + verified;
    const accounted = sum > amount ? amount : sum;
    const text = note ?? `Report ${report.period_from} – ${report.period_to} accepted`;
    await manager.query(
      `UPDATE tranche SET report_accepted_by = $2, report_accepted_at = now(), report_acceptance_note = $3, report_accounted_minor = $4, row_version = row_version + 1 WHERE id = $1`,
      [covered.id, auth.user.id, text, accounted.toString()],
    );
    entries.push({
      actor: actorOf(auth),
      agencyId: report.agency_id,
      action: 'tranche.report_accepted',
      entityType: 'tranche',
      entityId: covered.id,
      before: { reportAcceptedAt: covered.report_accepted_at ? new Date(covered.report_accepted_at).toISOString() : null, reportAccountedMinor: covered.report_accounted_minor },
      after: { grantId: report.grant_id, seq: covered.seq, reportAccountedMinor: accounted.toString(), manual: false, reportId: report.id, nextTrancheSeq: next?.seq ?? null },
      reason: text,
    });
    return { id: covered.id, seq: covered.seq, accountedMinor: accounted.toString() };
  }

  async returnReport(auth: AuthenticatedRequestContext, reportId: string, request: ReturnReportRequest): Promise<ReportDecisionView> {
    const reason = requireText(request.reason, 'reason', 'A reason');
    const known = await this.officerReport(auth, reportId, this.dataSource.manager);
    const emailIds = await this.trail.record(async (manager) => {
      await this.reads.ofAgency(auth, known.grant_id, manager, true);
      const report = await this.officerReport(auth, reportId, manager, 'update');
      if (report.state === 'accepted') throw MizanException.withParams(ErrorCode.ReportAlreadyAccepted, 'The report was already accepted', { state: report.state });
      if (report.state !== 'submitted') throw MizanException.withParams(ErrorCode.ReportNotSubmitted, `The report is ${report.state}`, { state: report.state });
      if (report.row_version !== request.rowVersion) throw stale();
      await manager.query(
        `UPDATE grant_report SET state = 'returned', returned_by = $2, returned_at = now(), return_reason = $3, updated_at = now(), row_version = row_version + 1 WHERE id = $1`,
        [report.id, auth.user.id, reason],
      );
      // Lines not yet verified go back to the grantee (a questioned line stays questioned: it is editable and its thread open).
      const reopened = (await manager.query(
        `UPDATE expenditure_line SET state = 'draft', updated_by = $2, updated_at = now(), row_version = row_version + 1
          WHERE report_id = $1 AND removed_at IS NULL AND state = 'submitted' RETURNING seq`,
        [report.id, auth.user.id],
      )) as [{ seq: number }[], number] | { seq: number }[];
      const reopenedRows = Array.isArray(reopened[0]) ? (reopened[0] as { seq: number }[]) : (reopened as { seq: number }[]);
      await manager.query(`UPDATE grant_report_due SET state = 'due' WHERE id = $1 AND state = 'submitted'`, [report.report_due_id]);
      const notified = await this.notifications.notify(manager, {
        userIds: await this.granteeSide(manager, report, null),
        agencyId: report.agency_id,
        kind: 'report.returned',
        message: { key: 'report.returned', params: { grant: report.grant_number, from: report.period_from, to: report.period_to, reason } },
        entityType: 'grant_report',
        entityId: report.id,
        email: true,
      });
      return {
        result: notified.emailIds,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: report.agency_id,
            action: 'report.returned',
            entityType: 'grant_report',
            entityId: report.id,
            before: { state: report.state },
            after: { state: 'returned', grantId: report.grant_id, reopenedLines: reopenedRows.map((r) => r.seq).sort((a, b) => a - b) },
            reason,
          },
        ],
      };
    });
    await this.notifications.deliver(emailIds);
    const [after] = (await this.dataSource.query('SELECT state, row_version FROM grant_report WHERE id = $1', [reportId])) as { state: ReportState; row_version: number }[];
    return { reportId, state: after.state, tranche: null, rowVersion: after.row_version };
  }
}
