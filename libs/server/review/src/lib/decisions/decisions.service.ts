import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  ApplicationDecisionView,
  CallDecisionsView,
  DecisionNoticeView,
  EnvelopeView,
  ErrorCode,
  FundingDecisionView,
  MakeDecisionRequest,
  FieldErrorCode,
  FieldProblem,
  can,
} from '@mizan/contracts';
import {
  ApplicationState,
  CurrencyCode,
  DECISION_ACTION,
  DecisionOutcome,
  DecisionState,
  RejectionReason,
  approvalEnvelopeViolation,
  checkDecision,
  decisionNeedsConfirmation,
  decisionTransition,
  envelopeRemaining,
  transition,
} from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import { auditorReadsApplication } from '@mizan/server/identity';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';

const canMakeDecisions = (auth: AuthenticatedRequestContext): boolean => can(auth.user.roles(), 'decision.make');
import { ApplicationClosed, ApplicationClosedListener, ApplicationLifecycle, IntakeAccess, assertUuid } from '@mizan/server/intake';
import { TrailActor, TrailEntry, TrailService } from '@mizan/server/trail';
import { AssignmentsService } from '../assignments/assignments.service';
import { NotificationAction } from '../notifications/notification-actions';
import { NotificationsService } from '../notifications/notifications.service';
import { decisionMessage, formatMoney } from './decision-messages';
import { FundingDecision } from './funding-decision.entity';

interface LockedCall {
  id: string;
  agency_id: string;
  currency: CurrencyCode;
  envelope_minor: string;
  confirmation_threshold_minor: string;
}

interface LockedApplication {
  id: string;
  agency_id: string;
  call_id: string;
  organization_id: string;
  state: ApplicationState;
  title: string;
  receipt_number: string | null;
  currency: CurrencyCode;
  requested_minor: string;
}

interface DecisionRow {
  id: string;
  application_id: string;
  application_title: string;
  organization_name: string;
  receipt_number: string | null;
  call_id: string;
  outcome: DecisionOutcome;
  state: DecisionState;
  amount_minor: string;
  requested_minor: string;
  currency: CurrencyCode;
  conditions: string | null;
  rejection_reasons: RejectionReason[];
  rejection_note: string | null;
  rationale: string;
  proposed_by: string;
  proposed_by_email: string;
  proposed_at: Date;
  confirmed_by: string | null;
  confirmed_by_email: string | null;
  confirmed_at: Date | null;
  cancelled_by: string | null;
  cancelled_by_email: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
}

const DECISION_SELECT = `
  SELECT d.id, d.application_id, a.title AS application_title, o.legal_name AS organization_name, a.receipt_number, d.call_id,
         d.outcome, d.state, d.amount_minor::text AS amount_minor, a.requested_minor::text AS requested_minor, d.currency, d.conditions,
         d.rejection_reasons, d.rejection_note, d.rationale,
         d.proposed_by, pu.email AS proposed_by_email, d.proposed_at,
         d.confirmed_by, cu.email AS confirmed_by_email, d.confirmed_at,
         d.cancelled_by, xu.email AS cancelled_by_email, d.cancelled_at, d.cancel_reason
    FROM funding_decision d
    JOIN application a ON a.id = d.application_id
    JOIN organization o ON o.id = a.organization_id
    JOIN app_user pu ON pu.id = d.proposed_by
    LEFT JOIN app_user cu ON cu.id = d.confirmed_by
    LEFT JOIN app_user xu ON xu.id = d.cancelled_by`;

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

function toView(row: DecisionRow): FundingDecisionView {
  return {
    id: row.id,
    applicationId: row.application_id,
    applicationTitle: row.application_title,
    organizationName: row.organization_name,
    receiptNumber: row.receipt_number,
    callId: row.call_id,
    outcome: row.outcome,
    state: row.state,
    amountMinor: row.amount_minor,
    requestedMinor: row.requested_minor,
    currency: row.currency,
    conditions: row.conditions,
    rejectionReasons: row.rejection_reasons,
    rejectionNote: row.rejection_note,
    rationale: row.rationale,
    proposedBy: { id: row.proposed_by, email: row.proposed_by_email },
    proposedAt: new Date(row.proposed_at).toISOString(),
    confirmedBy: row.confirmed_by ? { id: row.confirmed_by, email: row.confirmed_by_email ?? '' } : null,
    confirmedAt: iso(row.confirmed_at),
    cancelledBy: row.cancelled_by ? { id: row.cancelled_by, email: row.cancelled_by_email ?? '' } : null,
    cancelledAt: iso(row.cancelled_at),
    cancelReason: row.cancel_reason,
    awaitingConfirmation: row.state === 'proposed',
  };
}

function toNotice(row: DecisionRow): DecisionNoticeView {
  return {
    outcome: row.outcome,
    amountMinor: row.amount_minor,
    requestedMinor: row.requested_minor,
    currency: row.currency,
    conditions: row.conditions,
    rejectionReasons: row.rejection_reasons,
    rejectionNote: row.rejection_note,
    decidedAt: new Date(row.confirmed_at ?? row.proposed_at).toISOString(),
  };
}

function actorOf(auth: AuthenticatedRequestContext): TrailActor {
  return { id: auth.user.id, label: auth.user.email };
}

function conflict(message: string): MizanException {
  return new MizanException(ErrorCode.Conflict, message);
}

const APPLICATION_VERB: Record<DecisionOutcome, TrailEntry['action']> = {
  approved: 'application.approved',
  rejected: 'application.rejected',
  reserve: 'application.reserved',
};

/** What a decision looks like on the trail: everything that was decided, nothing of the application's content. */
function decisionFacts(d: {
  applicationId: string;
  outcome: DecisionOutcome;
  amountMinor: string;
  currency: CurrencyCode;
  conditions: string | null;
  rejectionReasons: readonly RejectionReason[];
  rejectionNote: string | null;
}) {
  return {
    applicationId: d.applicationId,
    outcome: d.outcome,
    amountMinor: d.amountMinor,
    currency: d.currency,
    conditions: d.conditions,
    rejectionReasons: [...d.rejectionReasons],
    rejectionNote: d.rejectionNote,
  };
}

/**
 * Funding decisions with four eyes and the envelope (issue 4).
 *
 * Every write locks the call's row first (SELECT … FOR UPDATE), then the
 * application's: so decisions of one call run one after another, the sum of
 * approvals read under the lock is the true sum, and two officers approving at
 * the same moment cannot both pass the envelope. The same order everywhere
 * means no deadlocks between decisions.
 */
@Injectable()
export class DecisionsService implements OnModuleInit, ApplicationClosedListener {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly access: IntakeAccess,
    private readonly notifications: NotificationsService,
    private readonly assignments: AssignmentsService,
    private readonly lifecycle: ApplicationLifecycle,
  ) {}

  onModuleInit(): void {
    this.lifecycle.register(this);
  }

  /**
   * A withdrawal (intake, which holds the call's and the application's locks)
   * cancels a proposal still waiting for a second officer: the money it held
   * in the envelope is free again and nobody is asked to confirm it any more.
   */
  async applicationClosed(manager: EntityManager, auth: AuthenticatedRequestContext, closed: ApplicationClosed): Promise<TrailEntry[]> {
    if (closed.why !== 'withdrawn') return [];
    const open = (await manager.query(`SELECT id FROM funding_decision WHERE application_id = $1 AND state = 'proposed' FOR UPDATE`, [closed.applicationId])) as {
      id: string;
    }[];
    const entries: TrailEntry[] = [];
    const reason = 'The application was withdrawn by its applicant';
    for (const { id } of open) {
      const decision = await this.lockDecision(manager, id);
      await manager.query(`UPDATE funding_decision SET state = 'cancelled', cancelled_by = $2, cancelled_at = now(), cancel_reason = $3 WHERE id = $1`, [id, auth.user.id, reason]);
      await this.notifications.resolve(manager, [NotificationAction.confirmDecision(id)], auth.user.id);
      await this.notifications.notify(manager, {
        userIds: [decision.proposedBy],
        agencyId: decision.agencyId,
        kind: 'decision.cancelled',
        message: { key: 'decision.withdrawn_cancelled', params: { title: closed.title, outcome: decision.outcome } },
        entityType: 'funding_decision',
        entityId: id,
        email: false,
      });
      entries.push({
        actor: actorOf(auth),
        agencyId: decision.agencyId,
        action: 'decision.cancelled',
        entityType: 'funding_decision',
        entityId: id,
        before: { state: 'proposed', ...decisionFacts(decision) },
        after: { state: 'cancelled', because: 'withdrawn' },
        reason,
      });
    }
    return entries;
  }

  async propose(auth: AuthenticatedRequestContext, applicationId: string, request: MakeDecisionRequest): Promise<FundingDecisionView> {
    const { callId } = await this.applicationOfAgency(auth, applicationId);
    const { decisionId, emailIds } = await this.withUniqueGuard(() =>
      this.trail.record(async (manager) => {
        const call = await this.lockCall(manager, callId);
        const application = await this.lockApplication(manager, applicationId);
        const open = (await manager.query(
          `SELECT u.email FROM funding_decision d JOIN app_user u ON u.id = d.proposed_by WHERE d.application_id = $1 AND d.state = 'proposed'`,
          [applicationId],
        )) as { email: string }[];
        if (open.length > 0) throw conflict(`A decision on this application, proposed by ${open[0].email}, is waiting for confirmation: confirm or cancel it first`);
        const checked = checkDecision(request, { requestedMinor: BigInt(application.requested_minor), currency: application.currency });
        if (!checked.ok) {
          throw new MizanException(ErrorCode.ValidationFailed, `Invalid ${[...new Set(checked.violations.map((v) => v.field))].join(', ')}`, checked.violations);
        }
        const decision = checked.decision;
        const moved = transition(application.state, DECISION_ACTION[decision.outcome]);
        if (!moved.ok) throw conflict(`This application is ${application.state}: ${moved.reason}`);

        let committedAfter: bigint | null = null;
        if (decision.outcome === 'approved') {
          const committed = await this.committed(manager, call.id);
          const violation = approvalEnvelopeViolation(BigInt(call.envelope_minor), committed, decision.amountMinor, call.currency);
          if (violation) throw new MizanException(ErrorCode.EnvelopeExceeded, violation.message, [violation]);
          committedAfter = committed + decision.amountMinor;
        }
        const needsSecond = decisionNeedsConfirmation(decision.outcome, decision.amountMinor, BigInt(call.confirmation_threshold_minor));
        const now = new Date();
        const row = manager.create(FundingDecision, {
          applicationId,
          callId: call.id,
          agencyId: application.agency_id,
          outcome: decision.outcome,
          state: needsSecond ? 'proposed' : 'confirmed',
          amountMinor: decision.amountMinor.toString(),
          currency: application.currency,
          conditions: decision.conditions,
          rejectionReasons: decision.rejectionReasons,
          rejectionNote: decision.rejectionNote,
          rationale: decision.rationale,
          proposedBy: auth.user.id,
          proposedAt: now,
          confirmedBy: null,
          confirmedAt: needsSecond ? null : now,
          cancelledBy: null,
          cancelledAt: null,
          cancelReason: null,
        });
        await manager.insert(FundingDecision, row);
        const facts = decisionFacts({ ...row, rejectionReasons: decision.rejectionReasons });
        const entries: TrailEntry[] = [
          {
            actor: actorOf(auth),
            agencyId: application.agency_id,
            action: 'decision.proposed',
            entityType: 'funding_decision',
            entityId: row.id,
            after: {
              ...facts,
              needsConfirmation: needsSecond,
              confirmationThresholdMinor: call.confirmation_threshold_minor,
              ...(committedAfter !== null ? { envelopeMinor: call.envelope_minor, committedMinor: committedAfter.toString() } : {}),
            },
            reason: decision.rationale,
          },
        ];
        let emailIds: string[] = [];
        if (needsSecond) {
          await this.notifyOtherOfficers(manager, auth, application, row.id, decision.amountMinor);
        } else {
          entries.push({
            actor: actorOf(auth),
            agencyId: application.agency_id,
            action: 'decision.confirmed',
            entityType: 'funding_decision',
            entityId: row.id,
            before: { state: 'proposed' },
            after: { state: 'confirmed', secondOfficer: false, why: decision.outcome === 'approved' ? 'amount within the confirmation threshold' : `a ${decision.outcome} decision commits no money` },
          });
          const final = await this.finalize(manager, auth, application, row);
          entries.push(...final.entries);
          emailIds = final.emailIds;
        }
        return { result: { decisionId: row.id, emailIds }, entries };
      }),
    );
    await this.notifications.deliver(emailIds);
    return this.view(decisionId);
  }

  async confirm(auth: AuthenticatedRequestContext, decisionId: string): Promise<FundingDecisionView> {
    const { callId, applicationId } = await this.decisionOfAgency(auth, decisionId);
    const { emailIds } = await this.trail.record(async (manager) => {
      const call = await this.lockCall(manager, callId);
      const decision = await this.lockDecision(manager, decisionId);
      const application = await this.lockApplication(manager, applicationId);
      const next = decisionTransition(decision.state, 'confirm');
      if (!next.ok) throw conflict(`Cannot confirm: ${next.reason}`);
      if (decision.proposedBy === auth.user.id) {
        throw new MizanException(ErrorCode.FourEyesRequired, 'You proposed this decision: another officer of the agency must confirm it (four eyes)');
      }
      const moved = transition(application.state, DECISION_ACTION[decision.outcome]);
      if (!moved.ok) throw conflict(`This application is ${application.state}: ${moved.reason}`);
      if (decision.outcome === 'approved') {
        // The envelope may have been cut since the proposal: check again, without counting this decision twice.
        const others = await this.committed(manager, call.id, decision.id);
        const violation = approvalEnvelopeViolation(BigInt(call.envelope_minor), others, BigInt(decision.amountMinor), call.currency);
        if (violation) throw new MizanException(ErrorCode.EnvelopeExceeded, violation.message, [violation]);
      }
      const now = new Date();
      await manager.query(`UPDATE funding_decision SET state = 'confirmed', confirmed_by = $2, confirmed_at = $3 WHERE id = $1`, [decision.id, auth.user.id, now]);
      const confirmed = { ...decision, state: 'confirmed' as const, confirmedBy: auth.user.id, confirmedAt: now };
      // The task "confirm this decision" is done, for every officer who was asked.
      await this.notifications.resolve(manager, [NotificationAction.confirmDecision(decision.id)], auth.user.id);
      const final = await this.finalize(manager, auth, application, confirmed);
      await this.notifications.notify(manager, {
        userIds: [decision.proposedBy],
        agencyId: decision.agencyId,
        kind: 'decision.confirmed',
        message: { key: 'decision.confirmed', params: { title: application.title, actor: auth.user.email, outcome: decision.outcome } },
        entityType: 'funding_decision',
        entityId: decision.id,
        email: false,
      });
      return {
        result: { emailIds: final.emailIds },
        entries: [
          {
            actor: actorOf(auth),
            agencyId: decision.agencyId,
            action: 'decision.confirmed',
            entityType: 'funding_decision',
            entityId: decision.id,
            before: { state: 'proposed', proposedBy: decision.proposedBy },
            after: { state: 'confirmed', secondOfficer: true, ...decisionFacts(decision) },
          },
          ...final.entries,
        ],
      };
    });
    await this.notifications.deliver(emailIds);
    return this.view(decisionId);
  }

  /** Withdraws a proposal (the proposer) or declines it (a second officer). A final decision is never cancelled. */
  async cancel(auth: AuthenticatedRequestContext, decisionId: string, reasonText: string): Promise<FundingDecisionView> {
    const reason = reasonText.trim();
    if (!reason) throw new MizanException(ErrorCode.ValidationFailed, 'A reason is required', [{ field: 'reason', code: FieldErrorCode.ReasonRequired, message: 'Say why the decision is cancelled' }]);
    const { callId } = await this.decisionOfAgency(auth, decisionId);
    await this.trail.record(async (manager) => {
      await this.lockCall(manager, callId);
      const decision = await this.lockDecision(manager, decisionId);
      const next = decisionTransition(decision.state, 'cancel');
      if (!next.ok) throw conflict(`Cannot cancel: ${next.reason}`);
      await manager.query(`UPDATE funding_decision SET state = 'cancelled', cancelled_by = $2, cancelled_at = now(), cancel_reason = $3 WHERE id = $1`, [
        decision.id,
        auth.user.id,
        reason,
      ]);
      // Declined or withdrawn: nobody is asked to confirm it any more.
      await this.notifications.resolve(manager, [NotificationAction.confirmDecision(decision.id)], auth.user.id);
      if (decision.proposedBy !== auth.user.id) {
        const [application] = (await manager.query('SELECT title FROM application WHERE id = $1', [decision.applicationId])) as { title: string }[];
        await this.notifications.notify(manager, {
          userIds: [decision.proposedBy],
          agencyId: decision.agencyId,
          kind: 'decision.cancelled',
          message: { key: 'decision.cancelled', params: { title: application.title, actor: auth.user.email, outcome: decision.outcome, reason } },
          entityType: 'funding_decision',
          entityId: decision.id,
          email: false,
        });
      }
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: decision.agencyId,
            action: 'decision.cancelled',
            entityType: 'funding_decision',
            entityId: decision.id,
            before: { state: 'proposed', ...decisionFacts(decision) },
            after: { state: 'cancelled' },
            reason,
          },
        ],
      };
    });
    return this.view(decisionId);
  }

  /** One decision of the officer's own agency (another agency's is "not found"), e.g. to follow a notification to it. */
  async get(auth: AuthenticatedRequestContext, decisionId: string): Promise<FundingDecisionView> {
    assertUuid(decisionId, 'Decision');
    const [row] = (await this.dataSource.query(`${DECISION_SELECT} WHERE d.id = $1 AND d.agency_id = $2`, [decisionId, auth.user.agencyId])) as DecisionRow[];
    if (!row) throw MizanException.notFound('Decision');
    // An auditor (no decision.make) reads decisions on applications in an open engagement's scope only (issue 12).
    if (!canMakeDecisions(auth) && !(await auditorReadsApplication(this.dataSource.manager, auth, row.application_id))) throw MizanException.notFound('Decision');
    return toView(row);
  }

  async listForCall(auth: AuthenticatedRequestContext, callId: string): Promise<CallDecisionsView> {
    const call = await this.callOfAgency(auth, callId);
    const rows = (await this.dataSource.query(`${DECISION_SELECT} WHERE d.call_id = $1 ORDER BY d.proposed_at DESC, d.id`, [callId])) as DecisionRow[];
    return { callId, envelope: await this.envelope(this.dataSource.manager, call), decisions: rows.map(toView) };
  }

  /**
   * Sets the amount above which an approval needs a second officer. Taken
   * under the call's lock, so a decision in flight sees the old threshold or
   * the new one, never half of a change. Applies to decisions proposed from
   * now on; open proposals still wait for their confirmation.
   */
  async setConfirmationThreshold(auth: AuthenticatedRequestContext, callId: string, thresholdText: string, reasonText: string): Promise<EnvelopeView> {
    await this.callOfAgency(auth, callId);
    const reason = reasonText.trim();
    const fields: FieldProblem[] = [];
    if (!/^\d{1,18}$/.test(thresholdText)) fields.push({ field: 'confirmationThresholdMinor', message: `"${thresholdText}" is not a whole number of minor units` });
    if (!reason) fields.push({ field: 'reason', code: FieldErrorCode.ReasonRequired, message: 'Say why the threshold changes: it goes on the trail' });
    if (fields.length > 0) throw new MizanException(ErrorCode.ValidationFailed, `Invalid ${fields.map((f) => f.field).join(', ')}`, fields);
    return this.trail.record(async (manager) => {
      const call = await this.lockCall(manager, callId);
      const threshold = BigInt(thresholdText);
      if (threshold > BigInt(call.envelope_minor)) {
        const message = `The threshold may not exceed the call's envelope of ${formatMoney(BigInt(call.envelope_minor), call.currency)}`;
        throw new MizanException(ErrorCode.ValidationFailed, message, [{ field: 'confirmationThresholdMinor', message }]);
      }
      await manager.query('UPDATE grant_call SET confirmation_threshold_minor = $2, updated_at = now() WHERE id = $1', [callId, threshold.toString()]);
      return {
        result: await this.envelope(manager, { ...call, confirmation_threshold_minor: threshold.toString() }),
        entries: [
          {
            actor: actorOf(auth),
            agencyId: call.agency_id,
            action: 'call.confirmation_threshold_changed',
            entityType: 'grant_call',
            entityId: callId,
            before: { confirmationThresholdMinor: call.confirmation_threshold_minor },
            after: { confirmationThresholdMinor: threshold.toString() },
            reason,
          },
        ],
      };
    });
  }

  private async envelope(manager: EntityManager, call: LockedCall): Promise<EnvelopeView> {
    const [sums] = (await manager.query(
      `SELECT COALESCE(SUM(amount_minor) FILTER (WHERE state IN ('proposed', 'confirmed')), 0)::text AS committed,
              COALESCE(SUM(amount_minor) FILTER (WHERE state = 'confirmed'), 0)::text AS confirmed
         FROM funding_decision WHERE call_id = $1 AND outcome = 'approved'`,
      [call.id],
    )) as { committed: string; confirmed: string }[];
    return {
      envelopeMinor: call.envelope_minor,
      committedMinor: sums.committed,
      confirmedMinor: sums.confirmed,
      remainingMinor: envelopeRemaining(BigInt(call.envelope_minor), BigInt(sums.committed)).toString(),
      confirmationThresholdMinor: call.confirmation_threshold_minor,
      currency: call.currency,
    };
  }

  private async callOfAgency(auth: AuthenticatedRequestContext, callId: string): Promise<LockedCall> {
    assertUuid(callId, 'Call');
    const [call] = (await this.dataSource.query(
      `SELECT id, agency_id, currency, envelope_minor::text AS envelope_minor, confirmation_threshold_minor::text AS confirmation_threshold_minor
         FROM grant_call WHERE id = $1`,
      [callId],
    )) as LockedCall[];
    if (!call || call.agency_id !== auth.user.agencyId) throw MizanException.notFound('Call');
    return call;
  }

  /**
   * The decision of one application. Members (and partners) of the application
   * see the final decision only — not a proposal that a second officer may
   * still cancel — and not the agency's internal rationale.
   */
  async forApplication(auth: AuthenticatedRequestContext, applicationId: string): Promise<ApplicationDecisionView> {
    const relation = await this.access.applicationRelation(auth, applicationId);
    const rows = (await this.dataSource.query(
      `${DECISION_SELECT} WHERE d.application_id = $1 AND d.state <> 'cancelled' ORDER BY d.proposed_at DESC, d.id`,
      [applicationId],
    )) as DecisionRow[];
    const final = rows.filter((r) => r.state === 'confirmed').sort((a, b) => new Date(b.confirmed_at ?? 0).getTime() - new Date(a.confirmed_at ?? 0).getTime())[0];
    const view: ApplicationDecisionView = { applicationId, decision: final ? toNotice(final) : null };
    // Officers, and auditors in scope (issue 12), see the live proposal and the agency's rationale.
    if (relation === 'officer' || relation === 'auditor') {
      const live = rows.find((r) => r.state === 'proposed') ?? final;
      view.live = live ? toView(live) : null;
    }
    return view;
  }

  private async view(decisionId: string): Promise<FundingDecisionView> {
    const [row] = (await this.dataSource.query(`${DECISION_SELECT} WHERE d.id = $1`, [decisionId])) as DecisionRow[];
    if (!row) throw MizanException.notFound('Decision');
    return toView(row);
  }

  /** The application changes state now that its decision is final; its members hear of it in-app and by email. */
  private async finalize(
    manager: EntityManager,
    auth: AuthenticatedRequestContext,
    application: LockedApplication,
    decision: Pick<FundingDecision, 'id' | 'outcome' | 'amountMinor' | 'conditions' | 'rejectionReasons' | 'rejectionNote'>,
  ): Promise<{ entries: TrailEntry[]; emailIds: string[] }> {
    const moved = transition(application.state, DECISION_ACTION[decision.outcome]);
    if (!moved.ok) throw conflict(`This application is ${application.state}: ${moved.reason}`);
    await manager.query(`UPDATE application SET state = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1`, [
      application.id,
      moved.to,
      auth.user.id,
    ]);
    const members = (await manager.query('SELECT user_id FROM organization_member WHERE organization_id = $1', [application.organization_id])) as { user_id: string }[];
    const message = decisionMessage({
      outcome: decision.outcome,
      applicationTitle: application.title,
      receiptNumber: application.receipt_number,
      amountMinor: BigInt(decision.amountMinor),
      requestedMinor: BigInt(application.requested_minor),
      currency: application.currency,
      conditions: decision.conditions,
      rejectionReasons: decision.rejectionReasons,
      rejectionNote: decision.rejectionNote,
    });
    const notified = await this.notifications.notify(manager, {
      userIds: members.map((m) => m.user_id),
      agencyId: application.agency_id,
      kind: `application.${moved.to}`,
      message,
      entityType: 'application',
      entityId: application.id,
      email: true,
    });
    const entry: TrailEntry = {
      actor: actorOf(auth),
      agencyId: application.agency_id,
      action: APPLICATION_VERB[decision.outcome],
      entityType: 'application',
      entityId: application.id,
      before: { state: application.state },
      after: { state: moved.to, decisionId: decision.id, amountMinor: decision.amountMinor, notifiedUsers: members.length, emailsQueued: notified.emailIds.length },
    };
    // Decided: the reviews still open on it are no longer needed (a reserve place is decided too, for now).
    const closedReviews = await this.assignments.closeOpenReviews(manager, auth, {
      applicationId: application.id,
      agencyId: application.agency_id,
      callId: application.call_id,
      title: application.title,
      why: decision.outcome,
    });
    return { emailIds: notified.emailIds, entries: [entry, ...closedReviews] };
  }

  /** Four eyes needs a second pair: tell the agency's other officers there is a decision to confirm. */
  private async notifyOtherOfficers(manager: EntityManager, auth: AuthenticatedRequestContext, application: LockedApplication, decisionId: string, amountMinor: bigint) {
    const officers = (await manager.query(
      `SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'officer' WHERE u.agency_id = $1 AND u.active AND u.id <> $2`,
      [application.agency_id, auth.user.id],
    )) as { id: string }[];
    await this.notifications.notify(manager, {
      userIds: officers.map((o) => o.id),
      agencyId: application.agency_id,
      kind: 'decision.awaiting_confirmation',
      message: {
        key: 'decision.awaiting_confirmation',
        params: { title: application.title, actor: auth.user.email, amount: { $money: { minor: amountMinor.toString(), currency: application.currency } } },
      },
      entityType: 'funding_decision',
      entityId: decisionId,
      email: false,
      actionKey: NotificationAction.confirmDecision(decisionId),
    });
  }

  /** Approvals proposed or confirmed, optionally without one decision. Only meaningful under the call's lock. */
  private async committed(manager: EntityManager, callId: string, exceptDecisionId?: string): Promise<bigint> {
    const [{ committed }] = (await manager.query(
      `SELECT COALESCE(SUM(amount_minor), 0)::text AS committed FROM funding_decision
        WHERE call_id = $1 AND outcome = 'approved' AND state IN ('proposed', 'confirmed') AND id <> COALESCE($2::uuid, '00000000-0000-0000-0000-000000000000')`,
      [callId, exceptDecisionId ?? null],
    )) as { committed: string }[];
    return BigInt(committed);
  }

  private async lockCall(manager: EntityManager, callId: string): Promise<LockedCall> {
    const [call] = (await manager.query(
      `SELECT id, agency_id, currency, envelope_minor::text AS envelope_minor, confirmation_threshold_minor::text AS confirmation_threshold_minor
         FROM grant_call WHERE id = $1 FOR UPDATE`,
      [callId],
    )) as LockedCall[];
    if (!call) throw MizanException.notFound('Call');
    return call;
  }

  private async lockApplication(manager: EntityManager, applicationId: string): Promise<LockedApplication> {
    const [application] = (await manager.query(
      `SELECT id, agency_id, call_id, organization_id, state, title, receipt_number, currency, requested_minor::text AS requested_minor
         FROM application WHERE id = $1 FOR UPDATE`,
      [applicationId],
    )) as LockedApplication[];
    if (!application) throw MizanException.notFound('Application');
    return application;
  }

  private async lockDecision(manager: EntityManager, decisionId: string): Promise<FundingDecision> {
    const decision = await manager.getRepository(FundingDecision).findOne({ where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
    if (!decision) throw MizanException.notFound('Decision');
    return decision;
  }

  /** Officers decide only on their own agency's applications; anything else is "not found". */
  private async applicationOfAgency(auth: AuthenticatedRequestContext, applicationId: string): Promise<{ callId: string }> {
    assertUuid(applicationId, 'Application');
    const [row] = (await this.dataSource.query('SELECT agency_id, call_id FROM application WHERE id = $1', [applicationId])) as { agency_id: string; call_id: string }[];
    if (!row || row.agency_id !== auth.user.agencyId) throw MizanException.notFound('Application');
    await this.assertNotInvolved(auth, applicationId);
    return { callId: row.call_id };
  }

  private async decisionOfAgency(auth: AuthenticatedRequestContext, decisionId: string): Promise<{ callId: string; applicationId: string }> {
    assertUuid(decisionId, 'Decision');
    const [row] = (await this.dataSource.query('SELECT agency_id, call_id, application_id FROM funding_decision WHERE id = $1', [decisionId])) as {
      agency_id: string;
      call_id: string;
      application_id: string;
    }[];
    if (!row || row.agency_id !== auth.user.agencyId) throw MizanException.notFound('Decision');
    await this.assertNotInvolved(auth, row.application_id);
    return { callId: row.call_id, applicationId: row.application_id };
  }

  /** An officer who is also a member of the applying organization, or of a partner it names, does not decide on it. */
  private async assertNotInvolved(auth: AuthenticatedRequestContext, applicationId: string): Promise<void> {
    const [{ involved }] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM application a JOIN organization_member m ON m.organization_id = a.organization_id WHERE a.id = $1 AND m.user_id = $2)
           OR EXISTS (SELECT 1 FROM application_partner ap JOIN partner_member pm ON pm.partner_organization_id = ap.partner_organization_id
                       WHERE ap.application_id = $1 AND pm.user_id = $2) AS involved`,
      [applicationId, auth.user.id],
    )) as { involved: boolean }[];
    if (involved) throw MizanException.forbidden('You are a member of the applying organization or of its partner: another officer must decide on this application');
  }

  /** The partial unique index (one open decision per application) backs up the check made under the lock. */
  private async withUniqueGuard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string } | undefined)?.constraint === 'uq_funding_decision_live') {
        throw conflict('This application already has a decision');
      }
      throw error;
    }
  }
}
