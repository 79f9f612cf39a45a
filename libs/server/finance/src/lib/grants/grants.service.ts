import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  AmendGrantRequest,
  ErrorCode,
  FieldProblem,
  GrantBudgetLine,
  GrantContent,
  GrantView,
  RaiseFindingRequest,
  ReleaseConditionRecord,
  ReportAcceptedRequest,
  SetRiskRequest,
  TranchePlanItem,
} from '@mizan/contracts';
import {
  GrantAction,
  MONITORING_LEVELS,
  TransitionError,
  canAmendGrant,
  grantCommitted,
  isGrantEditable,
  isMonitoring,
  nextGrantState,
  paymentRequested,
  ratingFromAssessment,
  type ApplicationContent,
  type GrantState,
} from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { assertGrantMayProceed } from '@mizan/server/screening';
import { TrailActor, TrailEntry, TrailService } from '@mizan/server/trail';
import { LedgerService } from '../ledger/ledger.service';
import {
  ContentProblem,
  allConditionsMet,
  answersRecord,
  contentChanges,
  proposeBudgetLines,
  proposePeriod,
  proposeReportingSchedule,
  proposeTranches,
  ratingRank,
  reallocationBp,
  validateContent,
} from './grant-rules';
import { GrantReads, GrantRow, TrancheRow, assertId, evaluateTranches, iso, policyOf, todayUtc } from './grant-reads';

const actorOf = (auth: AuthenticatedRequestContext): TrailActor => ({ id: auth.user.id, label: auth.user.email });
const GRANT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._/-]{1,39}$/;

function requireText(value: string | undefined, field: string, what: string): string {
  const text = (value ?? '').trim();
  if (!text) throw new MizanException(ErrorCode.ValidationFailed, `${what} is required`, [{ field, message: `${what} is required` }]);
  return text;
}

function contentInvalid(problems: readonly ContentProblem[]): MizanException {
  const codes = [...new Set(problems.map((p) => p.code))];
  return MizanException.withParams(
    ErrorCode.GrantContentInvalid,
    `The grant content breaks ${codes.length === 1 ? 'a rule' : 'rules'}: ${codes.join(', ')}`,
    { codes: codes.join(',') },
    problems.map((p) => ({ field: p.field, message: `${p.code}: ${p.message}` })),
  );
}

function transition(from: GrantState, action: GrantAction): GrantState {
  try {
    return nextGrantState(from, action);
  } catch (error) {
    if (error instanceof TransitionError) {
      throw MizanException.withParams(ErrorCode.Conflict, `A ${from.replace(/_/g, ' ')} grant cannot be ${action.replace(/_/g, ' ')}ed`, { state: from, action });
    }
    throw error;
  }
}

/** Names compared as a person would: Unicode-normalised, case-folded, Arabic diacritics, tatweel and punctuation ignored, spaces collapsed. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .toLocaleLowerCase('en')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface ConfirmedApproval {
  id: string;
  agency_id: string;
  application_id: string;
  call_id: string;
  program_id: string;
  organization_id: string;
  outcome: string;
  state: string;
  amount_minor: string;
  currency: GrantView['currency'];
  conditions: string | null;
  title: string;
  legal_name: string;
  iban: string;
  account_holder: string;
  bic: string | null;
}

/**
 * Grants from a confirmed approval to an active agreement, its amendments,
 * findings, tranche conditions and release requests (issue 9).
 *
 * Lock order (as everywhere in finance): grant_award row FOR UPDATE → tranche
 * rows FOR UPDATE → ledger accounts (LedgerService) → the trail (appended
 * last by TrailService.record). Every state change is on the trail in the same
 * transaction, with actor and reason.
 */
@Injectable()
export class GrantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly ledger: LedgerService,
    private readonly reads: GrantReads,
  ) {}

  // --- Officer -------------------------------------------------------------------------------------

  async createFromDecision(auth: AuthenticatedRequestContext, decisionId: string, grantNumber?: string): Promise<GrantView> {
    assertId(decisionId, 'Decision');
    if (grantNumber !== undefined && !GRANT_NUMBER.test(grantNumber)) {
      throw new MizanException(ErrorCode.ValidationFailed, 'Invalid grantNumber', [
        { field: 'grantNumber', message: 'A grant number is 2–40 letters, digits and . _ / - (starting with a letter or digit)' },
      ]);
    }
    const [d] = (await this.dataSource.query(
      `SELECT d.id, d.agency_id, d.application_id, d.call_id, c.program_id, a.organization_id, d.outcome, d.state, d.amount_minor::text AS amount_minor,
              d.currency, d.conditions, a.title, o.legal_name, o.iban, o.account_holder, o.bic
         FROM funding_decision d JOIN application a ON a.id = d.application_id JOIN grant_call c ON c.id = d.call_id
         JOIN organization o ON o.id = a.organization_id
        WHERE d.id = $1`,
      [decisionId],
    )) as ConfirmedApproval[];
    if (!d || d.agency_id !== auth.user.agencyId) throw MizanException.notFound('Decision');
    if (d.outcome !== 'approved' || d.state !== 'confirmed') {
      throw MizanException.withParams(ErrorCode.Conflict, 'Only a confirmed approval becomes a grant', { outcome: d.outcome, state: d.state });
    }
    const [frozen] = (await this.dataSource.query('SELECT content FROM application_version WHERE application_id = $1 ORDER BY number DESC LIMIT 1', [
      d.application_id,
    ])) as { content: ApplicationContent }[];
    const [application] = (await this.dataSource.query('SELECT content FROM application WHERE id = $1', [d.application_id])) as { content: ApplicationContent }[];
    const source = frozen?.content ?? application.content;
    const amount = BigInt(d.amount_minor);
    const policy = await policyOf(this.dataSource.manager, d.agency_id);
    const [org] = (await this.dataSource.query(`SELECT dd_status, to_char(dd_expires_on, 'YYYY-MM-DD') AS dd_expires_on FROM organization WHERE id = $1`, [
      d.organization_id,
    ])) as { dd_status: string; dd_expires_on: string | null }[];
    const today = todayUtc();
    // Before the capacity assessment the plan follows the policy of "moderate" (or "significant" without a valid due-diligence clearance).
    const provisional = policy[org.dd_status === 'cleared' && (!org.dd_expires_on || org.dd_expires_on >= today) ? 'moderate' : 'significant'];
    const period = proposePeriod(today, source.durationMonths);
    const lines: GrantBudgetLine[] = (source.budgetLines ?? []).map((l) => ({
      id: l.id,
      category: l.category,
      description: l.description || l.category,
      amountMinor: l.amountMinor,
    }));
    const tranches = proposeTranches(amount, provisional.minTranches, period, provisional);
    const content: GrantContent = {
      ...period,
      purpose: source.summary || d.title,
      budgetLines: proposeBudgetLines(lines, amount),
      tranches,
      reportingSchedule: proposeReportingSchedule(period, tranches),
      specialConditions: d.conditions ?? '',
      modality: 'advance',
      reallocationToleranceBp: 1000,
    };

    const grantId = await this.uniqueGuard(() =>
      this.trail.record(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('grant-number:' || $1::text))`, [d.agency_id]);
        const number = grantNumber ?? (await this.nextNumber(manager, d.agency_id, today.slice(0, 4)));
        const [row] = (await manager.query(
          `INSERT INTO grant_award (agency_id, program_id, call_id, application_id, decision_id, organization_id, grant_number, title, currency, amount_minor,
                                    starts_on, ends_on, modality, payee_name, payee_iban, payee_bic, created_by, governorate)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
          [
            d.agency_id,
            d.program_id,
            d.call_id,
            d.application_id,
            d.id,
            d.organization_id,
            number,
            d.title,
            d.currency,
            d.amount_minor,
            content.startsOn,
            content.endsOn,
            content.modality,
            d.account_holder,
            d.iban,
            d.bic,
            auth.user.id,
            // The governorate of the first activity, as the reporting migration set it for older grants (security levels, monitoring).
            source.activities?.[0]?.governorates?.[0] ?? null,
          ],
        )) as { id: string }[];
        await this.writeVersion(manager, row.id, 1, content, 'initial', 'Proposed from the confirmed approval', auth.user.id);
        await this.writePlan(manager, row.id, d.currency, content, []);
        return {
          result: row.id,
          entries: [
            {
              actor: actorOf(auth),
              agencyId: d.agency_id,
              action: 'grant.created',
              entityType: 'grant',
              entityId: row.id,
              after: { state: 'draft', grantNumber: number, decisionId: d.id, amountMinor: d.amount_minor, currency: d.currency, startsOn: content.startsOn, endsOn: content.endsOn },
            },
          ],
        };
      }),
    );
    return this.reads.view(grantId, 'officer', auth);
  }

  async updateDraft(auth: AuthenticatedRequestContext, grantId: string, content: GrantContent, rowVersion: number): Promise<GrantView> {
    await this.reads.ofAgency(auth, grantId);
    await this.trail.record(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      if (!isGrantEditable(g.state)) throw MizanException.withParams(ErrorCode.Conflict, `A ${g.state.replace(/_/g, ' ')} grant is not editable`, { state: g.state });
      if (g.row_version !== rowVersion) throw MizanException.withParams(ErrorCode.StaleGrant, 'The grant changed since you opened it: reload it', { rowVersion: g.row_version });
      const policy = g.risk_rating ? (await policyOf(manager, g.agency_id))[g.risk_rating] : null;
      const problems = validateContent(content, BigInt(g.amount_minor), policy);
      if (problems.length > 0) throw contentInvalid(problems);
      const version = g.current_version + 1;
      const before = await this.reads.content(manager, g.id, g.current_version);
      await this.writeVersion(manager, g.id, version, content, 'draft_edit', 'Draft edited', auth.user.id);
      await this.writePlan(manager, g.id, g.currency, content, await this.reads.tranches(manager, g.id, true));
      await this.touch(manager, g.id, { version, startsOn: content.startsOn, endsOn: content.endsOn, modality: content.modality });
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: g.agency_id,
            action: 'grant.draft_edited',
            entityType: 'grant',
            entityId: g.id,
            before: { version: g.current_version },
            after: { version, changes: contentChanges(before, content).map((c) => c.path) },
          },
        ],
      };
    });
    return this.reads.view(grantId, 'officer', auth);
  }

  /**
   * Capacity assessment + due diligence → rating. The officer may choose a
   * higher (stricter) rating, never a lower one; the modality and monitoring
   * must be what the rating allows. When the current tranche plan does not
   * satisfy the rating's policy, a plan that does is proposed (a new version).
   */
  async setRisk(auth: AuthenticatedRequestContext, grantId: string, request: SetRiskRequest): Promise<GrantView> {
    await this.reads.ofAgency(auth, grantId);
    const reason = requireText(request.reason, 'reason', 'A reason');
    const { record: answers, problems: answerProblems } = answersRecord(request.answers);
    if (answerProblems.length > 0) {
      throw new MizanException(ErrorCode.ValidationFailed, 'The capacity assessment is incomplete', answerProblems.map((p) => ({ field: p.field, message: `${p.code}: ${p.message}` })));
    }
    await this.trail.record(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      if (!isGrantEditable(g.state)) throw MizanException.withParams(ErrorCode.Conflict, 'The risk rating is set while the grant is a draft', { state: g.state });
      const result = ratingFromAssessment(answers, g.dd_status, g.dd_expires_on, todayUtc());
      if (!result.ok) throw new MizanException(ErrorCode.ValidationFailed, 'The capacity assessment is incomplete', result.problems.map((p) => ({ field: 'answers', message: p.code })));
      const assessed = result.rating;
      const rating = request.rating ?? assessed;
      const fields: FieldProblem[] = [];
      if (ratingRank(rating) < ratingRank(assessed)) {
        fields.push({ field: 'rating', message: `RATING_BELOW_ASSESSMENT: the assessment gives "${assessed}"; a rating may only be tightened, not lowered to "${rating}"` });
      }
      const policy = (await policyOf(manager, g.agency_id))[rating];
      if (!policy.allowedModalities.includes(request.modality)) {
        fields.push({ field: 'modality', message: `MODALITY_NOT_ALLOWED: a ${rating} risk allows ${policy.allowedModalities.join(', ')}` });
      }
      if (!isMonitoring(request.monitoring)) fields.push({ field: 'monitoring', message: `MONITORING_UNKNOWN: one of ${MONITORING_LEVELS.join(', ')}` });
      else if (MONITORING_LEVELS.indexOf(request.monitoring) < MONITORING_LEVELS.indexOf(policy.monitoring)) {
        fields.push({ field: 'monitoring', message: `MONITORING_BELOW_POLICY: a ${rating} risk needs at least ${policy.monitoring}` });
      }
      if (fields.length > 0) {
        throw MizanException.withParams(ErrorCode.RiskPolicyViolated, `The risk choice is looser than the ${assessed} assessment and its policy allow`, { assessed, rating }, fields);
      }
      const before = await this.reads.content(manager, g.id, g.current_version);
      let content: GrantContent = { ...before, modality: request.modality };
      const planProblems = validateContent(content, BigInt(g.amount_minor), policy).filter((p) => p.field.startsWith('content.tranches') || p.field === 'content.reportingSchedule');
      let replanned = false;
      if (planProblems.length > 0) {
        const tranches = proposeTranches(BigInt(g.amount_minor), policy.minTranches, content, policy);
        content = { ...content, tranches, reportingSchedule: proposeReportingSchedule(content, tranches) };
        replanned = true;
      }
      let version = g.current_version;
      if (replanned || before.modality !== content.modality) {
        version += 1;
        await this.writeVersion(manager, g.id, version, content, 'draft_edit', `Risk rated ${rating}${replanned ? ': tranche plan proposed for the policy' : ''}`, auth.user.id);
        if (replanned) await this.writePlan(manager, g.id, g.currency, content, await this.reads.tranches(manager, g.id, true));
      }
      const assessment = { answers: request.answers, assessedRating: assessed, score: result.score, maxScore: result.maxScore, raisedBy: result.raisedBy, reason };
      await manager.query(
        `UPDATE grant_award SET risk_rating = $2, risk_assessment = $3, modality = $4, monitoring = $5, current_version = $6,
                row_version = row_version + 1, updated_at = now() WHERE id = $1`,
        [g.id, rating, JSON.stringify(assessment), request.modality, request.monitoring, version],
      );
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: g.agency_id,
            action: 'grant.risk_rated',
            entityType: 'grant',
            entityId: g.id,
            before: { riskRating: g.risk_rating, modality: g.modality, monitoring: g.monitoring },
            after: { riskRating: rating, assessedRating: assessed, ddStatus: g.dd_status, modality: request.modality, monitoring: request.monitoring, trancheplanReproposed: replanned, version },
            reason,
          },
        ],
      };
    });
    return this.reads.view(grantId, 'officer', auth);
  }

  async sendForSignature(auth: AuthenticatedRequestContext, grantId: string, signatoryUserId: string): Promise<GrantView> {
    await this.reads.ofAgency(auth, grantId);
    await this.trail.record(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      const to = transition(g.state, 'send_for_signature');
      if (!g.risk_rating) {
        throw contentInvalid([{ field: 'riskRating', code: 'RISK_NOT_ASSESSED', message: 'Rate the partner risk before sending the agreement for signature' }]);
      }
      const content = await this.reads.content(manager, g.id, g.current_version);
      const problems = validateContent(content, BigInt(g.amount_minor), (await policyOf(manager, g.agency_id))[g.risk_rating]);
      if (problems.length > 0) throw contentInvalid(problems);
      const [member] = (await manager.query(
        `SELECT u.id FROM organization_member m JOIN app_user u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.user_id = $2 AND u.active`,
        [g.organization_id, signatoryUserId],
      )) as { id: string }[];
      if (!member) {
        throw new MizanException(ErrorCode.ValidationFailed, 'The signatory must be an active member of the organization', [
          { field: 'signatoryUserId', message: 'SIGNATORY_NOT_MEMBER: not an active member of the grantee organization' },
        ]);
      }
      await manager.query(`UPDATE grant_award SET state = $2, signatory_user_id = $3, row_version = row_version + 1, updated_at = now() WHERE id = $1`, [
        g.id,
        to,
        signatoryUserId,
      ]);
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: g.agency_id,
            action: 'grant.sent_for_signature',
            entityType: 'grant',
            entityId: g.id,
            before: { state: g.state },
            after: { state: to, signatoryUserId, version: g.current_version },
          },
        ],
      };
    });
    return this.reads.view(grantId, 'officer', auth);
  }

  async cancel(auth: AuthenticatedRequestContext, grantId: string, reasonText: string): Promise<GrantView> {
    const reason = requireText(reasonText, 'reason', 'A reason');
    await this.reads.ofAgency(auth, grantId);
    await this.trail.record(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      const to = transition(g.state, 'cancel');
      await manager.query(`UPDATE tranche SET state = 'cancelled', row_version = row_version + 1 WHERE grant_id = $1 AND state = 'planned'`, [g.id]);
      await manager.query(`UPDATE grant_report_due SET state = 'cancelled' WHERE grant_id = $1 AND state = 'due'`, [g.id]);
      await manager.query(`UPDATE grant_award SET state = $2, row_version = row_version + 1, updated_at = now() WHERE id = $1`, [g.id, to]);
      return {
        result: undefined,
        entries: [{ actor: actorOf(auth), agencyId: g.agency_id, action: 'grant.cancelled', entityType: 'grant', entityId: g.id, before: { state: g.state }, after: { state: to }, reason }],
      };
    });
    return this.reads.view(grantId, 'officer', auth);
  }

  /**
   * The officer countersigns what the grantee signed: the grant is active and
   * its amount is committed in the ledger (call envelope → grant commitment),
   * in the same transaction. An envelope too small for it → 409 naming it.
   */
  async countersign(auth: AuthenticatedRequestContext, grantId: string, version: number): Promise<GrantView> {
    await this.reads.ofAgency(auth, grantId);
    await this.trail.record(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      const to = transition(g.state, 'countersign');
      if (g.current_version !== version) throw MizanException.withParams(ErrorCode.StaleGrant, `The agreement is at version ${g.current_version}`, { version: g.current_version });
      if (g.signed_by === auth.user.id) throw MizanException.forbidden('You signed this agreement for the grantee: another person countersigns it');
      // Issue 13: nobody on (or possibly on) a sanctions list is funded.
      await assertGrantMayProceed(manager, g.id);
      const now = new Date();
      await manager.query(`UPDATE grant_award SET state = $2, countersigned_by = $3, countersigned_at = $4, row_version = row_version + 1, updated_at = now() WHERE id = $1`, [
        g.id,
        to,
        auth.user.id,
        now,
      ]);
      // Funding (when the program or call is not booked yet) and the commitment, in one post: the ledger's lock order.
      await this.ledger.ensureFunded(manager, { agencyId: g.agency_id, programId: g.program_id, callId: g.call_id, actor: actorOf(auth) }, [
        {
          agencyId: g.agency_id,
          programId: g.program_id,
          grantId: g.id,
          kind: 'grant_committed',
          description: `Grant ${g.grant_number} committed`,
          effectiveOn: todayUtc(now),
          lines: grantCommitted({ callId: g.call_id, grantId: g.id, currency: g.currency }, BigInt(g.amount_minor)),
          trail: {
            actor: actorOf(auth),
            agencyId: g.agency_id,
            action: 'grant.countersigned',
            entityType: 'grant',
            entityId: g.id,
            before: { state: g.state },
            after: { state: to, version, signedBy: g.signed_by, countersignedBy: auth.user.id, committedMinor: g.amount_minor, currency: g.currency },
          },
        },
      ]);
      return { result: undefined, entries: [] };
    });
    return this.reads.view(grantId, 'officer', auth);
  }

  /**
   * An amendment of an active grant: a new version with a reason, never an
   * edit in place. The total stays; tranches already requested or paid stay as
   * they are; planned ones follow the new plan.
   */
  async amend(auth: AuthenticatedRequestContext, grantId: string, request: AmendGrantRequest): Promise<GrantView> {
    const reason = requireText(request.reason, 'reason', 'A reason');
    await this.reads.ofAgency(auth, grantId);
    await this.trail.record(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      if (!canAmendGrant(g.state)) throw MizanException.withParams(ErrorCode.Conflict, `A ${g.state.replace(/_/g, ' ')} grant cannot be amended`, { state: g.state });
      const content = request.content;
      const policy = g.risk_rating ? (await policyOf(manager, g.agency_id))[g.risk_rating] : null;
      const problems = validateContent(content, BigInt(g.amount_minor), policy);
      const existing = (await this.reads.tranches(manager, g.id, true)).filter((t) => t.state !== 'cancelled');
      for (const t of existing.filter((x) => x.state !== 'planned')) {
        const planned = content.tranches.find((p) => p.seq === t.seq);
        if (!planned || planned.amountMinor !== t.amount_minor || planned.plannedOn !== t.planned_on) {
          problems.push({
            field: `content.tranches[${t.seq - 1}]`,
            code: 'TRANCHE_ALREADY_RELEASED',
            message: `Tranche ${t.seq} is ${t.state}: its amount (${t.amount_minor}) and date (${t.planned_on}) cannot change`,
          });
        }
      }
      if (problems.length > 0) throw contentInvalid(problems);
      const before = await this.reads.content(manager, g.id, g.current_version);
      const changes = contentChanges(before, content);
      if (changes.length === 0) throw new MizanException(ErrorCode.ValidationFailed, 'The amendment changes nothing', [{ field: 'content', message: 'NO_CHANGE' }]);
      const version = g.current_version + 1;
      await this.writeVersion(manager, g.id, version, content, 'amendment', reason, auth.user.id);
      await this.writePlan(manager, g.id, g.currency, content, existing);
      await this.touch(manager, g.id, { version, startsOn: content.startsOn, endsOn: content.endsOn, modality: content.modality });
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: g.agency_id,
            action: 'grant.amended',
            entityType: 'grant',
            entityId: g.id,
            before: { version: g.current_version, startsOn: g.starts_on, endsOn: g.ends_on },
            after: {
              version,
              startsOn: content.startsOn,
              endsOn: content.endsOn,
              changed: changes.map((c) => c.path),
              reallocationBp: reallocationBp(before.budgetLines, content.budgetLines, BigInt(g.amount_minor)),
              toleranceBp: before.reallocationToleranceBp,
            },
            reason,
          },
        ],
      };
    });
    return this.reads.view(grantId, 'officer', auth);
  }

  async raiseFinding(auth: AuthenticatedRequestContext, grantId: string, request: RaiseFindingRequest): Promise<GrantView> {
    const title = requireText(request.title, 'title', 'A title');
    await this.reads.ofAgency(auth, grantId);
    await this.trail.record(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      if (g.state === 'cancelled' || g.state === 'draft') throw MizanException.withParams(ErrorCode.Conflict, `No findings on a ${g.state} grant`, { state: g.state });
      const [row] = (await manager.query(`INSERT INTO grant_finding (grant_id, priority, title, description, raised_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        g.id,
        request.priority,
        title,
        request.description ?? '',
        auth.user.id,
      ])) as { id: string }[];
      return {
        result: undefined,
        entries: [
          { actor: actorOf(auth), agencyId: g.agency_id, action: 'grant.finding_raised', entityType: 'grant_finding', entityId: row.id, after: { grantId: g.id, priority: request.priority, title } },
        ],
      };
    });
    return this.reads.view(grantId, 'officer', auth);
  }

  async closeFinding(auth: AuthenticatedRequestContext, grantId: string, findingId: string, reasonText: string): Promise<GrantView> {
    const reason = requireText(reasonText, 'reason', 'A reason');
    assertId(findingId, 'Finding');
    await this.reads.ofAgency(auth, grantId);
    await this.trail.record(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      const [f] = (await manager.query('SELECT id, state, priority FROM grant_finding WHERE id = $1 AND grant_id = $2 FOR UPDATE', [findingId, g.id])) as {
        id: string;
        state: string;
        priority: string;
      }[];
      if (!f) throw MizanException.notFound('Finding');
      if (f.state !== 'open') throw new MizanException(ErrorCode.Conflict, 'The finding is already closed');
      await manager.query(`UPDATE grant_finding SET state = 'closed', closed_by = $2, closed_at = now(), close_reason = $3 WHERE id = $1`, [f.id, auth.user.id, reason]);
      return {
        result: undefined,
        entries: [
          { actor: actorOf(auth), agencyId: g.agency_id, action: 'grant.finding_closed', entityType: 'grant_finding', entityId: f.id, before: { state: 'open', priority: f.priority }, after: { state: 'closed', grantId: g.id }, reason },
        ],
      };
    });
    return this.reads.view(grantId, 'officer', auth);
  }

  /** Ticks (or unticks) a custom condition of a planned tranche, with a note. */
  async tickCondition(auth: AuthenticatedRequestContext, grantId: string, trancheId: string, conditionId: string, ticked: boolean, noteText: string): Promise<GrantView> {
    const note = requireText(noteText, 'note', 'A note');
    assertId(trancheId, 'Tranche');
    await this.reads.ofAgency(auth, grantId);
    await this.trail.record(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      const t = await this.lockTranche(manager, g.id, trancheId);
      if (t.state !== 'planned') throw MizanException.withParams(ErrorCode.Conflict, `Tranche ${t.seq} is ${t.state}: its conditions are settled`, { state: t.state });
      const condition = t.conditions.find((c) => c.id === conditionId);
      if (!condition) throw MizanException.notFound('Condition');
      if (condition.kind !== 'custom') {
        throw MizanException.withParams(ErrorCode.ValidationFailed, 'Only custom conditions are ticked by hand; the others follow the facts', { kind: condition.kind });
      }
      const now = new Date().toISOString();
      const conditions: ReleaseConditionRecord[] = t.conditions.map((c) =>
        c.id === conditionId ? { ...c, tickedBy: ticked ? auth.user.id : null, tickedAt: ticked ? now : null, note } : c,
      );
      await manager.query('UPDATE tranche SET conditions = $2, row_version = row_version + 1 WHERE id = $1', [t.id, JSON.stringify(conditions)]);
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: g.agency_id,
            action: ticked ? 'tranche.condition_ticked' : 'tranche.condition_unticked',
            entityType: 'tranche',
            entityId: t.id,
            before: { conditionId, tickedAt: condition.tickedAt ?? null },
            after: { conditionId, label: condition.params?.['label'] ?? null, tickedAt: ticked ? now : null },
            reason: note,
          },
        ],
      };
    });
    return this.reads.view(grantId, 'officer', auth);
  }

  /**
   * Until the reporting issue: the officer records that the report covering
   * this paid tranche was accepted, and how much of the tranche it accounts
   * for. The next tranche's "previous report accepted" and "earlier tranches
   * accounted" conditions read it.
   */
  async reportAccepted(auth: AuthenticatedRequestContext, grantId: string, trancheId: string, request: ReportAcceptedRequest): Promise<GrantView> {
    const note = requireText(request.note, 'note', 'A reason');
    assertId(trancheId, 'Tranche');
    await this.reads.ofAgency(auth, grantId);
    await this.trail.record(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      const t = await this.lockTranche(manager, g.id, trancheId);
      if (t.state !== 'paid') throw MizanException.withParams(ErrorCode.Conflict, `Tranche ${t.seq} is ${t.state}: a report is accepted on a paid tranche`, { state: t.state });
      const accounted = BigInt(request.accountedMinor);
      if (accounted > BigInt(t.amount_minor)) {
        throw new MizanException(ErrorCode.ValidationFailed, 'More accounted for than the tranche paid', [
          { field: 'accountedMinor', message: `ACCOUNTED_ABOVE_TRANCHE: tranche ${t.seq} paid ${t.amount_minor}` },
        ]);
      }
      await manager.query(
        `UPDATE tranche SET report_accepted_by = $2, report_accepted_at = now(), report_acceptance_note = $3, report_accounted_minor = $4, row_version = row_version + 1 WHERE id = $1`,
        [t.id, auth.user.id, note, accounted.toString()],
      );
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: g.agency_id,
            action: 'tranche.report_accepted',
            entityType: 'tranche',
            entityId: t.id,
            before: { reportAcceptedAt: iso(t.report_accepted_at), reportAccountedMinor: t.report_accounted_minor },
            after: { grantId: g.id, seq: t.seq, reportAccountedMinor: accounted.toString(), manual: true },
            reason: note,
          },
        ],
      };
    });
    return this.reads.view(grantId, 'officer', auth);
  }

  /**
   * Requests the release of a tranche: only when every condition holds. Locks
   * the grant and the tranche (so 50 requests at once make one payment), writes
   * the payment (requested), the tranche (requested) and the ledger entry
   * (commitment → payment requested) in one transaction with their trail records.
   */
  async requestRelease(auth: AuthenticatedRequestContext, grantId: string, trancheId: string, noteText?: string): Promise<{ paymentId: string; grant: GrantView }> {
    assertId(trancheId, 'Tranche');
    await this.reads.ofAgency(auth, grantId);
    const paymentId = await this.trail.record(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      if (g.state !== 'active') throw MizanException.withParams(ErrorCode.Conflict, `A ${g.state.replace(/_/g, ' ')} grant pays nothing`, { state: g.state });
      const t = await this.lockTranche(manager, g.id, trancheId);
      if (t.state !== 'planned') throw MizanException.withParams(ErrorCode.Conflict, `Tranche ${t.seq} is ${t.state}`, { state: t.state, seq: t.seq });
      const all = await this.reads.tranches(manager, g.id);
      const results = (await evaluateTranches(manager, g, all, todayUtc())).get(t.id) ?? [];
      if (!allConditionsMet(results)) {
        const failing = results.filter((r) => !r.ok);
        throw MizanException.withParams(
          ErrorCode.ReleaseConditionsUnmet,
          `Tranche ${t.seq} cannot be requested: ${failing.map((f) => `${f.kind} (${f.reasonCode})`).join(', ')}`,
          { failing: failing.map((f) => f.kind).join(','), seq: t.seq },
          failing.map((f) => ({ field: `conditions.${f.id}`, message: `${f.kind}: ${f.reasonCode}${f.reasonParams['flags'] ? ` (red flags ${f.reasonParams['flags']})` : ''}` })),
        );
      }
      await manager.query('INSERT INTO finance_settings (agency_id) VALUES ($1) ON CONFLICT (agency_id) DO NOTHING', [g.agency_id]);
      const [settings] = (await manager.query('SELECT second_approval_threshold_minor::text AS threshold, three_people FROM finance_settings WHERE agency_id = $1', [g.agency_id])) as {
        threshold: string;
        three_people: boolean;
      }[];
      // A refund offset against this tranche (issue 11, refund_settlement) is already with the grantee: the tranche is paid net.
      const [{ offset }] = (await manager.query(`SELECT COALESCE(sum(amount_minor), 0)::text AS offset FROM refund_settlement WHERE tranche_id = $1 AND kind = 'offset'`, [t.id])) as {
        offset: string;
      }[];
      const net = (BigInt(t.amount_minor) - BigInt(offset)).toString();
      const requiredApprovals = BigInt(net) > BigInt(settings.threshold) ? 2 : 1;
      const note = noteText?.trim() || null;
      const [payment] = (await manager.query(
        `INSERT INTO payment (agency_id, program_id, grant_id, tranche_id, amount_minor, currency, required_approvals, three_people, requested_by, request_note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [g.agency_id, g.program_id, g.id, t.id, net, t.currency, requiredApprovals, settings.three_people, auth.user.id, note],
      )) as { id: string }[];
      await manager.query(`UPDATE tranche SET state = 'requested', row_version = row_version + 1 WHERE id = $1`, [t.id]);
      await this.ledger.post(manager, {
        agencyId: g.agency_id,
        programId: g.program_id,
        grantId: g.id,
        paymentId: payment.id,
        kind: 'payment_requested',
        description: `Grant ${g.grant_number}, tranche ${t.seq} requested`,
        effectiveOn: todayUtc(),
        lines: paymentRequested({ grantId: g.id, currency: g.currency }, BigInt(net)),
        trail: {
          actor: actorOf(auth),
          agencyId: g.agency_id,
          action: 'payment.requested',
          entityType: 'payment',
          entityId: payment.id,
          after: {
            state: 'requested',
            grantId: g.id,
            trancheId: t.id,
            seq: t.seq,
            amountMinor: net,
            ...(offset !== '0' ? { trancheAmountMinor: t.amount_minor, refundOffsetMinor: offset } : {}),
            currency: t.currency,
            requiredApprovals,
            threePeople: settings.three_people,
          },
          reason: note,
        },
      });
      const entries: TrailEntry[] = [
        {
          actor: actorOf(auth),
          agencyId: g.agency_id,
          action: 'tranche.requested',
          entityType: 'tranche',
          entityId: t.id,
          before: { state: 'planned' },
          after: { state: 'requested', paymentId: payment.id, conditions: results.map((r) => ({ id: r.id, kind: r.kind, reasonCode: r.reasonCode })) },
        },
      ];
      return { result: payment.id, entries };
    });
    return { paymentId, grant: await this.reads.view(grantId, 'officer', auth) };
  }

  // --- Grantee ---------------------------------------------------------------------------------------

  /** The named signatory signs the current version: typed name must match their name; password re-entered (RequireRecentAuth). */
  async sign(auth: AuthenticatedRequestContext, grantId: string, typedName: string, version: number): Promise<GrantView> {
    const relation = await this.reads.granteeRelation(auth, grantId);
    if (relation !== 'member') throw MizanException.forbidden('Partners read the agreement; the organization signs it');
    await this.trail.record(async (manager) => {
      const [g] = (await manager.query(
        'SELECT id, agency_id, state, current_version, signatory_user_id, organization_id FROM grant_award WHERE id = $1 FOR UPDATE',
        [grantId],
      )) as Pick<GrantRow, 'id' | 'agency_id' | 'state' | 'current_version' | 'signatory_user_id' | 'organization_id'>[];
      if (!g) throw MizanException.notFound('Grant');
      const to = transition(g.state, 'sign');
      if (g.signatory_user_id !== auth.user.id) throw MizanException.forbidden('Only the signatory named for this agreement signs it');
      if (g.current_version !== version) throw MizanException.withParams(ErrorCode.StaleGrant, `The agreement is at version ${g.current_version}`, { version: g.current_version });
      const expected = normaliseName(auth.user.displayName);
      const typed = normaliseName(typedName);
      if (!typed || typed !== expected) {
        throw new MizanException(ErrorCode.SignatureNameMismatch, 'Type your full name as it is registered', [
          { field: 'typedName', message: 'SIGNATURE_NAME_MISMATCH: the typed name does not match the signatory’s registered name' },
        ]);
      }
      const signedName = typedName.trim().replace(/\s+/g, ' ');
      await manager.query(`UPDATE grant_award SET state = $2, signed_by = $3, signed_name = $4, signed_at = now(), row_version = row_version + 1, updated_at = now() WHERE id = $1`, [
        g.id,
        to,
        auth.user.id,
        signedName,
      ]);
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: g.agency_id,
            action: 'grant.signed',
            entityType: 'grant',
            entityId: g.id,
            before: { state: g.state },
            after: { state: to, version, signedName, reauthenticated: true },
          },
        ],
      };
    });
    return this.reads.view(grantId, 'member', auth);
  }

  // --- Internals -------------------------------------------------------------------------------------

  private async lockTranche(manager: EntityManager, grantId: string, trancheId: string): Promise<TrancheRow> {
    const [t] = (await manager.query(
      `SELECT t.id, t.grant_id, t.seq, to_char(t.planned_on, 'YYYY-MM-DD') AS planned_on, t.amount_minor::text AS amount_minor, t.currency, t.state,
              t.conditions, t.report_accepted_at, t.report_acceptance_note, t.report_accounted_minor::text AS report_accounted_minor, t.row_version
         FROM tranche t WHERE t.id = $1 AND t.grant_id = $2 FOR UPDATE`,
      [trancheId, grantId],
    )) as TrancheRow[];
    if (!t || t.state === 'cancelled') throw MizanException.notFound('Tranche');
    return t;
  }

  private async nextNumber(manager: EntityManager, agencyId: string, year: string): Promise<string> {
    const prefix = `MZ-${year}-`;
    const [{ n }] = (await manager.query(
      `SELECT COALESCE(MAX(substring(grant_number FROM '^MZ-\\d{4}-(\\d+)$')::int), 0) + 1 AS n FROM grant_award WHERE agency_id = $1 AND grant_number LIKE $2`,
      [agencyId, `${prefix}%`],
    )) as { n: number }[];
    return `${prefix}${String(n).padStart(4, '0')}`;
  }

  private async writeVersion(manager: EntityManager, grantId: string, version: number, content: GrantContent, kind: 'initial' | 'draft_edit' | 'amendment', reason: string, userId: string) {
    await manager.query('INSERT INTO grant_version (grant_id, version, content, kind, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6)', [
      grantId,
      version,
      JSON.stringify(content),
      kind,
      reason,
      userId,
    ]);
  }

  /**
   * Brings the tranche rows and the reporting schedule to a content's plan.
   * Requested and paid tranches are never touched (the caller checked they are
   * unchanged in the plan); planned ones are updated, added or cancelled.
   */
  private async writePlan(manager: EntityManager, grantId: string, currency: string, content: GrantContent, existing: readonly TrancheRow[]) {
    const live = existing.filter((t) => t.state !== 'cancelled');
    const conditionsOf = (p: TranchePlanItem, old?: TrancheRow): ReleaseConditionRecord[] =>
      p.conditions.map((c) => {
        const kept = old?.conditions.find((o) => o.id === c.id && o.kind === c.kind);
        return { ...c, tickedBy: kept?.tickedBy ?? null, tickedAt: kept?.tickedAt ?? null, note: kept?.note ?? null };
      });
    for (const t of live.filter((x) => x.state === 'planned' && !content.tranches.some((p) => p.seq === x.seq))) {
      await manager.query(`UPDATE tranche SET state = 'cancelled', row_version = row_version + 1 WHERE id = $1`, [t.id]);
    }
    for (const p of content.tranches) {
      const old = live.find((t) => t.seq === p.seq);
      if (old && old.state !== 'planned') continue;
      if (old) {
        await manager.query('UPDATE tranche SET planned_on = $2, amount_minor = $3, conditions = $4, row_version = row_version + 1 WHERE id = $1', [
          old.id,
          p.plannedOn,
          p.amountMinor,
          JSON.stringify(conditionsOf(p, old)),
        ]);
      } else {
        await manager.query('INSERT INTO tranche (grant_id, seq, planned_on, amount_minor, currency, conditions) VALUES ($1, $2, $3, $4, $5, $6)', [
          grantId,
          p.seq,
          p.plannedOn,
          p.amountMinor,
          currency,
          JSON.stringify(conditionsOf(p)),
        ]);
      }
    }
    await manager.query(`UPDATE grant_report_due SET state = 'cancelled' WHERE grant_id = $1 AND state = 'due'`, [grantId]);
    const kept = (await manager.query(
      `SELECT kind, to_char(period_from, 'YYYY-MM-DD') AS f, to_char(period_to, 'YYYY-MM-DD') AS t FROM grant_report_due WHERE grant_id = $1 AND state IN ('submitted','accepted')`,
      [grantId],
    )) as { kind: string; f: string; t: string }[];
    for (const r of content.reportingSchedule) {
      if (kept.some((k) => k.kind === r.kind && k.f === r.periodFrom && k.t === r.periodTo)) continue;
      await manager.query('INSERT INTO grant_report_due (grant_id, kind, period_from, period_to, due_on) VALUES ($1, $2, $3, $4, $5)', [grantId, r.kind, r.periodFrom, r.periodTo, r.dueOn]);
    }
  }

  private async touch(manager: EntityManager, grantId: string, v: { version: number; startsOn: string; endsOn: string; modality: string }) {
    await manager.query(
      'UPDATE grant_award SET current_version = $2, starts_on = $3, ends_on = $4, modality = $5, row_version = row_version + 1, updated_at = now() WHERE id = $1',
      [grantId, v.version, v.startsOn, v.endsOn, v.modality],
    );
  }

  /** One grant per decision, grant numbers unique in the agency: the database decides, the caller hears 409. */
  private async uniqueGuard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const constraint = (error as { driverError?: { constraint?: string } }).driverError?.constraint;
      if (error instanceof QueryFailedError && constraint === 'uq_grant_award_decision') throw new MizanException(ErrorCode.Conflict, 'This approval already has a grant');
      if (error instanceof QueryFailedError && constraint === 'uq_grant_award_number') {
        throw new MizanException(ErrorCode.Conflict, 'This grant number is already used in the agency', [{ field: 'grantNumber', message: 'GRANT_NUMBER_TAKEN' }]);
      }
      throw error;
    }
  }
}

