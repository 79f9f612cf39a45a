import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConfirmReceiptRequest, ErrorCode, Page, PaymentState, PaymentView, RecordPaidRequest, can } from '@mizan/contracts';
import {
  CurrencyCode,
  PaymentAction,
  Rate,
  SodResult,
  TransitionError,
  FinanceProblem,
  approvalCheck,
  checkPaymentRecord,
  convertMinor,
  formatDecimal,
  formatRate,
  latestTodayIso,
  nextPaymentState,
  parseRate,
  paymentPaid,
  paymentReleased,
  payerCheck,
} from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import { auditGrantInScope, auditorReadsGrant } from '@mizan/server/identity';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { NotificationsService } from '@mizan/server/review';
import { assertGrantMayProceed } from '@mizan/server/screening';
import { TrailActor, TrailEntry, TrailService } from '@mizan/server/trail';
import { LedgerService } from '../ledger/ledger.service';
import { RatesService } from '../rates/rates.service';
import { invalid, todayUtc, transitionProblem } from './finance-errors';
import { PAYMENT_SELECT, PaymentRow, receiptDifference, screeningBlocksOf, toPaymentView, viewerOf } from './payment-views';

export interface PaymentListQuery {
  state?: PaymentState;
  grantId?: string;
  page: number;
  pageSize: number;
}

const SOD_MESSAGES: Record<string, string> = {
  SOD_REQUESTER_CANNOT_APPROVE: 'You requested this payment: another finance user must approve it',
  SOD_ALREADY_APPROVED: 'You already approved this payment: a second, different finance user must approve it',
  SOD_PAYER_IS_REQUESTER: 'You requested this payment: another finance user must record it paid',
  SOD_PAYER_IS_APPROVER: 'You approved this payment and the agency requires three people: another finance user must record it paid',
};

const SOD_ERROR: Record<string, ErrorCode> = {
  SOD_REQUESTER_CANNOT_APPROVE: ErrorCode.SodRequesterCannotApprove,
  SOD_ALREADY_APPROVED: ErrorCode.SodAlreadyApproved,
  SOD_PAYER_IS_REQUESTER: ErrorCode.SodPayerIsRequester,
  SOD_PAYER_IS_APPROVER: ErrorCode.SodPayerIsApprover,
};

function sodProblem(result: SodResult): void {
  if (!result.ok) throw MizanException.withParams(SOD_ERROR[result.code], SOD_MESSAGES[result.code], { ...result.params });
}

/** The bank's reference of a returned transfer (as free text of a bank statement line). */
export const BANK_RETURN_REFERENCE_MAX = 140;

function actorOf(auth: AuthenticatedRequestContext): TrailActor {
  return { id: auth.user.id, label: auth.user.email };
}

function next(from: PaymentState, action: PaymentAction, approvals?: { given: number; required: number }): PaymentState {
  try {
    return nextPaymentState(from, action, approvals);
  } catch (error) {
    if (error instanceof TransitionError) throw transitionProblem(error);
    throw error;
  }
}

/** Money leaves only for an active grant: a suspended (or closed) grant's payments wait; they can still be rejected or cancelled. */
function requireActiveGrant(p: Pick<PaymentRow, 'grant_state' | 'grant_number'>, doing: string): void {
  if (p.grant_state !== 'active') {
    throw MizanException.withParams(ErrorCode.PaymentTransitionNotAllowed, `Grant ${p.grant_number} is ${p.grant_state}: its payments cannot be ${doing} until it is active again`, {
      grantState: p.grant_state,
    });
  }
}

/** Which field each problem of the domain's checkPaymentRecord is about, and how to say it. */
const RECORD_PROBLEM: Record<string, { field: string; say: (p: Readonly<Record<string, unknown>>) => string }> = {
  PAYMENT_VALUE_DATE_INVALID: { field: 'valueDate', say: (p) => `${String(p['valueDate'])} is not a calendar date like 2026-12-31` },
  PAYMENT_VALUE_DATE_IN_FUTURE: { field: 'valueDate', say: (p) => `the value date ${String(p['valueDate'])} is in the future` },
  PAYMENT_VALUE_DATE_BEFORE_GRANT: { field: 'valueDate', say: (p) => `the value date ${String(p['valueDate'])} is before the grant starts (${String(p['startsOn'])})` },
  PAYMENT_DEBITED_NOT_POSITIVE: { field: 'debitedMinor', say: () => 'debitedMinor must be more than zero' },
  PAYMENT_TRANSFER_NOT_POSITIVE: { field: 'transferMinor', say: () => 'transferMinor must be more than zero' },
  PAYMENT_FEES_NEGATIVE: { field: 'feesMinor', say: () => 'feesMinor cannot be negative' },
  PAYMENT_CURRENCY_UNKNOWN: { field: 'transferCurrency', say: (p) => `unknown currency ${String(p['currency'])}` },
  PAYMENT_RATE_NOT_ONE: { field: 'rate', say: (p) => `the transfer is in ${String(p['currency'])}, the payment's own currency: the rate is 1` },
  PAYMENT_TRANSFER_MISMATCH: { field: 'transferMinor', say: () => 'in the same currency, what was sent is what was debited' },
  PAYMENT_RATE_IMPLAUSIBLE: {
    field: 'rate',
    say: (p) => `at ${String(p['rate'])} the debited amount comes to ${String(p['expectedTransferMinor'])}, not ${String(p['transferMinor'])} (more than ${String(p['maxDeviationPercent'])} apart): check the rate and the amounts`,
  },
  PAYMENT_DEBITED_FAR_FROM_REQUESTED: {
    field: 'debitedMinor',
    say: (p) => `${String(p['debitedMinor'])} debited for ${String(p['requestedMinor'])} requested is more than ${String(p['maxDeviationPercent'])} apart: check the amount`,
  },
};

const RATE_CODES = new Set(['RATE_NOT_A_NUMBER', 'RATE_ZERO', 'RATE_NEGATIVE', 'RATE_TOO_MANY_DECIMALS', 'RATE_TOO_MANY_DIGITS', 'PAYMENT_RATE_NOT_ONE', 'PAYMENT_RATE_IMPLAUSIBLE', 'PAYMENT_TRANSFER_MISMATCH']);

/** The problems of a payment record as one 400 naming each field and its problem code (without the rate's when no rate was given). */
function paymentRecordProblems(problems: readonly FinanceProblem[], withRate: boolean): void {
  const relevant = problems.filter((p) => withRate || !RATE_CODES.has(p.code));
  if (relevant.length === 0) return;
  const fields = relevant.map((p) => {
    const known = RECORD_PROBLEM[p.code];
    const field = known?.field ?? 'rate';
    return { field, message: `${p.code}: ${known ? known.say(p.params) : JSON.stringify(p.params)}` };
  });
  throw MizanException.withParams(ErrorCode.ValidationFailed, `Invalid ${[...new Set(fields.map((f) => f.field))].join(', ')}: ${fields.map((f) => f.message).join('; ')}`, { problem: relevant[0].code }, fields);
}

/**
 * The payments desk (issue 9): approve with segregation of duties (one or two
 * finance approvers, never the requester), reject or cancel (the requested
 * money goes back to the grant's commitment), record paid (the ledger moves
 * the money to the grantee and books the exchange difference and bank fees),
 * and the grantee's confirmation of what arrived.
 *
 * Every write locks in the order the ledger expects: grant_award, tranche,
 * payment (FOR UPDATE), then the ledger's balances, then the trail.
 * Segregation of duties is checked here first (a 403 with the reason) and
 * again by the database's CHECKs on the payment row.
 */
/** Something to do once a payment is recorded paid and committed (the api wires the IATI re-publication of the program, issue 16). */
export type AfterPaymentPaid = (programId: string) => Promise<unknown>;
export const AFTER_PAYMENT_PAID = Symbol('AFTER_PAYMENT_PAID');

@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly ledger: LedgerService,
    private readonly rates: RatesService,
    private readonly notifications: NotificationsService,
    @Optional() @Inject(AFTER_PAYMENT_PAID) private readonly afterPaid?: AfterPaymentPaid,
  ) {}

  async list(auth: AuthenticatedRequestContext, query: PaymentListQuery): Promise<Page<PaymentView>> {
    const where = ['p.agency_id = $1'];
    const params: unknown[] = [auth.user.agencyId];
    // An auditor (no grant.read of their own) lists only the payments of grants in an open engagement's scope (issue 12).
    if (!can(auth.user.roles(), 'grant.read')) where.push(auditGrantInScope(`$${params.push(auth.user.id)}`, 'p.grant_id'));
    if (query.state) where.push(`p.state = $${params.push(query.state)}`);
    if (query.grantId) where.push(`p.grant_id = $${params.push(query.grantId)}`);
    const filter = where.join(' AND ');
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM payment p WHERE ${filter}`, params)) as { total: number }[];
    const rows = (await this.dataSource.query(
      `${PAYMENT_SELECT} WHERE ${filter} ORDER BY p.requested_at, p.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    )) as PaymentRow[];
    const viewer = viewerOf(auth);
    const blocks = await screeningBlocksOf(this.dataSource.manager, rows, viewer);
    return { items: rows.map((r) => toPaymentView(r, viewer, blocks.get(r.grant_id) ?? null)), page: query.page, pageSize: query.pageSize, total };
  }

  async get(auth: AuthenticatedRequestContext, paymentId: string): Promise<PaymentView> {
    const row = await this.row(this.dataSource.manager, auth.user.agencyId, paymentId);
    // An auditor reads a payment of a grant in an open engagement's scope only; anything else is "not found".
    if (!can(auth.user.roles(), 'grant.read') && !(await auditorReadsGrant(this.dataSource.manager, auth, row.grant_id))) throw MizanException.notFound('Payment');
    const viewer = viewerOf(auth);
    const blocks = await screeningBlocksOf(this.dataSource.manager, [row], viewer);
    return toPaymentView(row, viewer, blocks.get(row.grant_id) ?? null);
  }

  async approve(auth: AuthenticatedRequestContext, paymentId: string): Promise<PaymentView> {
    const known = await this.row(this.dataSource.manager, auth.user.agencyId, paymentId);
    await this.trail.record(async (manager) => {
      const p = await this.lock(manager, known);
      requireActiveGrant(p, 'approved');
      // Issue 13: no payment is approved while a party to the grant has an unresolved or confirmed sanctions match.
      await assertGrantMayProceed(manager, p.grant_id);
      const state = p.state;
      if (state === 'requested') sodProblem(approvalCheck({ requestedBy: p.requested_by, approvedBy: p.approved_by, secondApprovedBy: p.second_approved_by, requiredApprovals: p.required_approvals }, auth.user.id));
      const first = p.approved_by === null;
      const given = first ? 1 : 2;
      const after = next(state, 'approve', { given, required: Number(p.required_approvals) });
      const now = new Date();
      if (first) {
        await manager.query(`UPDATE payment SET approved_by = $2, approved_at = $3, state = $4, row_version = row_version + 1 WHERE id = $1`, [p.id, auth.user.id, now, after]);
      } else {
        await manager.query(`UPDATE payment SET second_approved_by = $2, second_approved_at = $3, state = $4, row_version = row_version + 1 WHERE id = $1`, [p.id, auth.user.id, now, after]);
      }
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: p.agency_id,
            action: first ? 'payment.approved' : 'payment.second_approved',
            entityType: 'payment',
            entityId: p.id,
            before: { state },
            after: { state: after, approval: given, requiredApprovals: Number(p.required_approvals), amountMinor: p.amount_minor, currency: p.currency },
            reason: after === 'requested' ? 'first of two approvals: the amount is above the agency threshold' : null,
          },
        ],
      };
    });
    return this.get(auth, paymentId);
  }

  /** Finance refuses the payment (or the bank returned it): the requested money goes back to the grant's commitment. */
  /**
   * Finance rejects a payment. Of a payment sent to the bank this is a bank
   * return: it needs the bank's return reference, cannot come before the bank
   * file's execution date, and is recorded by a finance user other than the
   * bank file's creator (and, with three people, the approvers) — else one user
   * could put the same tranche into a second bank file.
   */
  async reject(auth: AuthenticatedRequestContext, paymentId: string, reason: string, bankReturnReference?: string | null): Promise<PaymentView> {
    return this.close(auth, paymentId, 'reject', reason, bankReturnReference?.trim() || null);
  }

  /** The requester or an officer withdraws the request: the same release as a rejection. */
  async cancel(auth: AuthenticatedRequestContext, paymentId: string, reason: string): Promise<PaymentView> {
    return this.close(auth, paymentId, 'cancel', reason);
  }

  private async close(auth: AuthenticatedRequestContext, paymentId: string, verb: 'reject' | 'cancel', reason: string, bankReturnReference: string | null = null): Promise<PaymentView> {
    const text = reason.trim();
    if (!text) throw invalid('reason', 'say why');
    const known = await this.row(this.dataSource.manager, auth.user.agencyId, paymentId);
    await this.trail.record(async (manager) => {
      const p = await this.lock(manager, known);
      const action: PaymentAction = verb === 'reject' && p.state === 'sent_to_bank' ? 'bank_return' : verb;
      const after = next(p.state, action);
      const bankReturn = action === 'bank_return' ? await this.bankReturnCheck(manager, auth, p, bankReturnReference) : null;
      await manager.query(
        `UPDATE payment SET state = $2, closed_by = $3, closed_at = now(), close_reason = $4, row_version = row_version + 1 WHERE id = $1`,
        [p.id, after, auth.user.id, text],
      );
      await manager.query(`UPDATE tranche SET state = 'planned', row_version = row_version + 1 WHERE id = $1 AND state = 'requested'`, [p.tranche_id]);
      const currency = p.currency;
      await this.ledger.post(manager, {
        agencyId: p.agency_id,
        programId: p.program_id,
        grantId: p.grant_id,
        paymentId: p.id,
        kind: 'payment_released',
        description: `Payment of tranche ${p.tranche_seq} of ${p.grant_number} ${after}: ${formatDecimal(BigInt(p.amount_minor), currency)} ${currency} back to the commitment`,
        effectiveOn: todayUtc(),
        lines: paymentReleased({ grantId: p.grant_id, currency }, BigInt(p.amount_minor)),
        details: { paymentId: p.id, action, reason: text, ...(bankReturn ?? {}) },
        trail: {
          actor: actorOf(auth),
          agencyId: p.agency_id,
          action: verb === 'cancel' ? 'payment.cancelled' : action === 'bank_return' ? 'payment.returned_by_bank' : 'payment.rejected',
          entityType: 'payment',
          entityId: p.id,
          before: { state: p.state, ...(bankReturn ? { bankFileId: bankReturn.bankFileId } : {}) },
          after: { state: after, trancheState: 'planned', releasedMinor: p.amount_minor, currency, ...(bankReturn ?? {}) },
          reason: text,
        },
      });
      return { result: undefined, entries: [] };
    });
    return this.get(auth, paymentId);
  }

  async recordPaid(auth: AuthenticatedRequestContext, paymentId: string, request: RecordPaidRequest): Promise<PaymentView> {
    const known = await this.row(this.dataSource.manager, auth.user.agencyId, paymentId);
    const bankReference = request.bankReference.trim();
    if (!bankReference) throw invalid('bankReference', 'give the bank reference of the transfer');
    const rateSourceGiven = request.rateSource?.trim() || null;
    const rateGiven = request.rate !== undefined && request.rate !== null;
    if (rateGiven && !rateSourceGiven) throw invalid('rateSource', 'say where the rate comes from (e.g. the bank, with its advice number)');
    const currency = known.currency;
    const record = {
      valueDate: request.valueDate,
      today: latestTodayIso(),
      grantStartsOn: known.grant_starts_on,
      debitedMinor: BigInt(request.debitedMinor),
      transferMinor: BigInt(request.transferMinor),
      feesMinor: BigInt(request.feesMinor),
      currency,
      transferCurrency: request.transferCurrency,
      requestedMinor: BigInt(known.amount_minor),
    };
    // Everything but the rate first (the published rate is looked up only for a valid value date and currency).
    paymentRecordProblems(checkPaymentRecord({ ...record, rate: request.rate ?? '1' }), rateGiven);
    const valueDate = record.valueDate;
    const debited = record.debitedMinor;
    const transfer = record.transferMinor;
    const fees = record.feesMinor;
    const transferCurrency = request.transferCurrency;

    const programId = await this.trail.record(async (manager) => {
      const p = await this.lock(manager, known);
      const after = next(p.state, 'record_paid');
      requireActiveGrant(p, 'recorded paid');
      sodProblem(payerCheck({ requestedBy: p.requested_by, approvedBy: p.approved_by, secondApprovedBy: p.second_approved_by }, auth.user.id, p.three_people));
      let rate: Rate;
      let rateSource: string;
      let rateDate: string | null = null;
      let method: string;
      if (rateGiven) {
        rate = parseRate(request.rate as string);
        rateSource = rateSourceGiven ?? 'bank';
        method = 'recorded';
      } else if (transferCurrency === currency) {
        rate = parseRate('1');
        rateSource = rateSourceGiven ?? 'same currency';
        method = 'same_currency';
      } else {
        const found = await this.rates.require(manager, p.agency_id, currency, transferCurrency, valueDate);
        rate = found.rate;
        rateSource = rateSourceGiven ?? found.source;
        rateDate = found.rateDate;
        method = found.method;
      }
      // With the rate known: does what was sent fit what was debited at that rate?
      paymentRecordProblems(checkPaymentRecord({ ...record, rate }), true);
      // What the requested amount comes to at this rate, for the record: the bank's own figures are what is booked.
      const requestedAtRate = convertMinor(BigInt(p.amount_minor), currency, transferCurrency, rate);
      await manager.query(
        `UPDATE payment SET state = $2, paid_by = $3, paid_at = now(), value_date = $4, bank_reference = $5, debited_minor = $6,
                transfer_currency = $7, transfer_minor = $8, rate = $9, rate_source = $10, fees_minor = $11, row_version = row_version + 1
          WHERE id = $1`,
        [p.id, after, auth.user.id, valueDate, bankReference, debited.toString(), transferCurrency, transfer.toString(), rate.text, rateSource, fees.toString()],
      );
      await manager.query(`UPDATE tranche SET state = 'paid', row_version = row_version + 1 WHERE id = $1`, [p.tranche_id]);
      const requested = BigInt(p.amount_minor);
      const facts = {
        valueDate,
        bankReference,
        amountMinor: p.amount_minor,
        currency,
        debitedMinor: debited.toString(),
        transferCurrency,
        transferMinor: transfer.toString(),
        rate: formatRate(rate),
        rateSource,
        rateDate,
        rateMethod: method,
        requestedAtRateMinor: requestedAtRate.toString(),
        feesMinor: fees.toString(),
        fxDifferenceMinor: (debited - requested).toString(),
      };
      await this.ledger.post(manager, {
        agencyId: p.agency_id,
        programId: p.program_id,
        grantId: p.grant_id,
        paymentId: p.id,
        kind: 'payment_paid',
        description: `Tranche ${p.tranche_seq} of ${p.grant_number} paid: ${formatDecimal(transfer, transferCurrency)} ${transferCurrency} sent, ${formatDecimal(debited, currency)} ${currency} debited`,
        effectiveOn: valueDate,
        lines: paymentPaid({ programId: p.program_id, grantId: p.grant_id, currency }, { requestedMinor: requested, debitedMinor: debited, feesMinor: fees }),
        details: facts,
        trail: {
          actor: actorOf(auth),
          agencyId: p.agency_id,
          action: 'payment.paid',
          entityType: 'payment',
          entityId: p.id,
          before: { state: p.state },
          after: { state: after, trancheState: 'paid', ...facts },
        },
      });
      return { result: p.program_id, entries: [] };
    });
    // After the commit: e.g. the program's IATI file is published again (issue 16); its trouble never undoes the payment.
    if (this.afterPaid) await this.afterPaid(programId).catch((error: Error) => this.logger.warn(`after payment ${paymentId} paid: ${error.message}`));
    return this.get(auth, paymentId);
  }

  /**
   * The grantee says what arrived on their account (a member of the grant's
   * organization; once, on a paid payment). A difference from what was sent
   * is recorded and finance is told.
   */
  async confirmReceipt(auth: AuthenticatedRequestContext, paymentId: string, request: ConfirmReceiptRequest): Promise<PaymentView> {
    const known = await this.memberRow(auth, paymentId);
    const received = BigInt(request.receivedMinor);
    const note = request.note?.trim() || null;
    await this.trail.record(async (manager) => {
      const [p] = (await manager.query(`${PAYMENT_SELECT} WHERE p.id = $1 FOR UPDATE OF p`, [known.id])) as PaymentRow[];
      if (p.state !== 'paid') {
        throw new MizanException(ErrorCode.PaymentTransitionNotAllowed, `The payment is ${p.state}: receipt can be confirmed once it is paid`);
      }
      if (p.receipt_confirmed_at) throw new MizanException(ErrorCode.ReceiptAlreadyConfirmed, 'Receipt of this payment was already confirmed');
      const allowed = [...new Set([p.transfer_currency, p.currency].filter((c): c is CurrencyCode => c !== null))];
      if (!allowed.includes(request.receivedCurrency)) {
        throw invalid('receivedCurrency', `the money was sent in ${p.transfer_currency}; confirm in ${allowed.join(' or ')}`);
      }
      await manager.query(
        `UPDATE payment SET receipt_confirmed_by = $2, receipt_confirmed_at = now(), received_minor = $3, received_currency = $4, receipt_note = $5,
                row_version = row_version + 1 WHERE id = $1`,
        [p.id, auth.user.id, received.toString(), request.receivedCurrency, note],
      );
      const difference = receiptDifference({ ...p, received_minor: received.toString(), received_currency: request.receivedCurrency });
      const sentMinor = request.receivedCurrency === p.transfer_currency ? p.transfer_minor : p.amount_minor;
      const facts = {
        receivedMinor: received.toString(),
        receivedCurrency: request.receivedCurrency,
        sentMinor,
        differenceMinor: difference === null ? null : difference.toString(),
      };
      const financeUsers = (await manager.query(
        `SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.agency_id = $1 AND u.active AND r.role = 'finance'`,
        [p.agency_id],
      )) as { id: string }[];
      const differs = difference !== null && difference !== 0n;
      const money = (minor: bigint | string | null) => (minor === null ? '?' : { $money: { minor: minor.toString(), currency: request.receivedCurrency } });
      await this.notifications.notify(manager, {
        userIds: financeUsers.map((u) => u.id),
        agencyId: p.agency_id,
        kind: differs ? 'payment.receipt_difference' : 'payment.receipt_confirmed',
        // Written in each finance user's language from the server catalog.
        message: {
          key: differs ? 'payment.receipt_difference' : 'payment.receipt_confirmed',
          params: {
            grant: p.grant_number,
            tranche: p.tranche_seq,
            organization: p.organization_name,
            received: money(received),
            sent: money(sentMinor),
            difference: money(difference),
            hasNote: Boolean(note),
            note,
          },
        },
        entityType: 'payment',
        entityId: p.id,
        email: false,
      });
      return {
        result: undefined,
        entries: [
          { actor: actorOf(auth), agencyId: p.agency_id, action: 'payment.receipt_confirmed', entityType: 'payment', entityId: p.id, after: facts, reason: note } satisfies TrailEntry,
        ],
      };
    });
    const [row] = (await this.dataSource.query(`${PAYMENT_SELECT} WHERE p.id = $1`, [known.id])) as PaymentRow[];
    return toPaymentView(row, viewerOf(auth, true));
  }

  /** The payment of the staff user's agency, or 404 (another agency's payment does not exist for them). */
  async row(manager: EntityManager, agencyId: string, paymentId: string): Promise<PaymentRow> {
    const [row] = (await manager.query(`${PAYMENT_SELECT} WHERE p.id = $1 AND p.agency_id = $2`, [paymentId, agencyId])) as PaymentRow[];
    if (!row) throw MizanException.notFound('Payment');
    return row;
  }

  /** The payment of a grant of an organization the user is a member of, or 404. */
  private async memberRow(auth: AuthenticatedRequestContext, paymentId: string): Promise<PaymentRow> {
    const [row] = (await this.dataSource.query(
      `${PAYMENT_SELECT} WHERE p.id = $1 AND EXISTS (SELECT 1 FROM organization_member m WHERE m.organization_id = g.organization_id AND m.user_id = $2)`,
      [paymentId, auth.user.id],
    )) as PaymentRow[];
    if (!row) throw MizanException.notFound('Payment');
    return row;
  }

  /** Locks grant, tranche and payment in that order and returns the payment as it is now. */
  /** The rules of a bank return (see reject); returns what the trail and the entry record of it. */
  private async bankReturnCheck(
    manager: EntityManager,
    auth: AuthenticatedRequestContext,
    p: PaymentRow,
    reference: string | null,
  ): Promise<{ bankFileId: string; bankFileExecutionDate: string; bankReturnReference: string }> {
    if (!reference) throw invalid('bankReturnReference', "a payment sent to the bank can only be rejected as a bank return: give the bank's reference of the returned transfer");
    if (reference.length > BANK_RETURN_REFERENCE_MAX) throw invalid('bankReturnReference', `at most ${BANK_RETURN_REFERENCE_MAX} characters`);
    const [file] = (await manager.query(`SELECT id, execution_date::text AS execution_date, created_by FROM bank_file WHERE id = $1 FOR SHARE`, [p.bank_file_id])) as {
      id: string;
      execution_date: string;
      created_by: string;
    }[];
    if (!file) throw MizanException.notFound('The bank file of this payment');
    if (todayUtc() < file.execution_date) {
      throw MizanException.withParams(ErrorCode.BankReturnBeforeExecution, `The bank file executes on ${file.execution_date}: the bank cannot have returned the payment before`, {
        executionDate: file.execution_date,
      });
    }
    const role = file.created_by === auth.user.id ? 'bank_file_creator' : p.three_people && (p.approved_by === auth.user.id || p.second_approved_by === auth.user.id) ? 'approver' : null;
    if (role) {
      throw MizanException.withParams(
        ErrorCode.SodBankReturnNotIndependent,
        role === 'bank_file_creator' ? 'You created the bank file of this payment: another finance user records its return' : 'You approved this payment: another finance user records its return',
        { role },
      );
    }
    return { bankFileId: file.id, bankFileExecutionDate: file.execution_date, bankReturnReference: reference };
  }

  private async lock(manager: EntityManager, known: PaymentRow): Promise<PaymentRow> {
    await manager.query('SELECT 1 FROM grant_award WHERE id = $1 FOR UPDATE', [known.grant_id]);
    await manager.query('SELECT 1 FROM tranche WHERE id = $1 FOR UPDATE', [known.tranche_id]);
    const [row] = (await manager.query(`${PAYMENT_SELECT} WHERE p.id = $1 FOR UPDATE OF p`, [known.id])) as PaymentRow[];
    return row;
  }
}
