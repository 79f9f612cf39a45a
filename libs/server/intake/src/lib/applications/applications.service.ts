import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ApplicationSummaryView,
  ApplicationVersionView,
  ApplicationView,
  CreateApplicationRequest,
  ErrorCode,
  SaveApplicationRequest,
  ScreeningAction,
  SubmitReceipt,
  can,
  FieldErrorCode,
} from '@mizan/contracts';
import {
  ACTION_ACTOR,
  ApplicationAction,
  ApplicationContent,
  DocumentKind,
  EligibilityContext,
  RuleResult,
  allowedActions,
  budgetTotals,
  canonicalJson,
  checkEligibility,
  emptyApplicationContent,
  instantToZonedLocal,
  isEditable,
  needsReason,
  transition,
} from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import { auditApplicationInScope, readsAsAuditor } from '@mizan/server/identity';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { TrailActor, TrailEntry, TrailService, sha256Hex } from '@mizan/server/trail';
import { IntakeAccess, assertUuid } from '../access/intake-access.service';
import { ApplicationLifecycle } from '../access/application-lifecycle';
import { isOpen, rulesOf } from '../calls/call-rules';
import { Application, ApplicationVersion } from '../entities/application.entity';
import { GrantCall } from '../entities/grant-call.entity';
import { Organization } from '../entities/organization.entity';
import { closedReason, contentFieldErrors, frozenTotals, isUuid, receiptNumberOf, totalsView } from './application-rules';

/** `auditor`: reads an application in an open engagement's scope, with no action offered (issue 12). */
export type ApplicationRelation = 'member' | 'partner' | 'officer' | 'auditor';

interface SummaryRow {
  id: string;
  call_id: string;
  call_title: string;
  organization_id: string;
  organization_name: string;
  title: string;
  state: ApplicationSummaryView['state'];
  currency: ApplicationSummaryView['currency'];
  requested_minor: string;
  receipt_number: string | null;
  submitted_at: Date | null;
  updated_at: Date;
}

const SUMMARY_SELECT = `
  SELECT a.id, a.call_id, c.title AS call_title, a.organization_id, o.legal_name AS organization_name, a.title, a.state,
         a.currency, a.requested_minor::text AS requested_minor, a.receipt_number, a.submitted_at, a.updated_at
    FROM application a
    JOIN grant_call c ON c.id = a.call_id
    JOIN organization o ON o.id = a.organization_id`;

function toSummary(row: SummaryRow): ApplicationSummaryView {
  return {
    id: row.id,
    callId: row.call_id,
    callTitle: row.call_title,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    title: row.title,
    state: row.state,
    currency: row.currency,
    requestedMinor: row.requested_minor,
    receiptNumber: row.receipt_number,
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function actorOf(auth: AuthenticatedRequestContext): TrailActor {
  return { id: auth.user.id, label: auth.user.email };
}

function conflict(message: string): MizanException {
  return new MizanException(ErrorCode.Conflict, message);
}

function versionConflict(current: number): MizanException {
  return conflict(`This application was changed by someone else (version ${current} is current); reload to see their changes`);
}

/**
 * Applications from draft to screening (issue 3). Every change runs in one
 * transaction with its trail records; a rejected request writes nothing.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly access: IntakeAccess,
    private readonly lifecycle: ApplicationLifecycle,
  ) {}

  async create(auth: AuthenticatedRequestContext, request: CreateApplicationRequest): Promise<ApplicationView> {
    await this.access.assertMember(auth, request.organizationId);
    assertUuid(request.callId, 'Call');
    const organization = await this.dataSource.getRepository(Organization).findOneByOrFail({ id: request.organizationId });
    const call = await this.dataSource.getRepository(GrantCall).findOneBy({ id: request.callId });
    // A call of another agency, or one still being drafted by the officers, is not there for applicants.
    if (!call || call.agencyId !== organization.agencyId || call.status !== 'published') throw MizanException.notFound('Call');
    const closed = closedReason(call, new Date());
    if (closed) throw conflict(closed);
    const title = request.title.trim();
    const id = await this.trail.record(async (manager) => {
      const application = manager.create(Application, {
        callId: call.id,
        organizationId: organization.id,
        agencyId: call.agencyId,
        state: 'draft',
        title,
        content: emptyApplicationContent(title),
        currency: call.currency,
        requestedMinor: '0',
        version: 1,
        createdBy: auth.user.id,
        updatedBy: auth.user.id,
        updatedAt: new Date(),
      });
      await manager.insert(Application, application);
      return {
        result: application.id,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: call.agencyId,
            action: 'application.created',
            entityType: 'application',
            entityId: application.id,
            after: { title, callId: call.id, organizationId: organization.id, currency: call.currency, state: 'draft' },
          },
        ],
      };
    });
    return this.view(this.dataSource.manager, id, 'member');
  }

  /** "My applications": what the caller may see, by how they relate to applications. */
  async list(auth: AuthenticatedRequestContext, filter: { callId?: string } = {}): Promise<ApplicationSummaryView[]> {
    const roles = auth.user.roles();
    const clauses: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (can(roles, 'application.own')) {
      clauses.push(`a.organization_id IN (SELECT organization_id FROM organization_member WHERE user_id = ${param(auth.user.id)})`);
    }
    if (can(roles, 'application.partner')) {
      clauses.push(`a.id IN (SELECT ap.application_id FROM application_partner ap
                              JOIN partner_member pm ON pm.partner_organization_id = ap.partner_organization_id WHERE pm.user_id = ${param(auth.user.id)})`);
    }
    if (this.access.isStaff(auth)) {
      // Officers see what has been submitted to their agency; unsent drafts are the applicants' own business.
      clauses.push(`(a.agency_id = ${param(auth.user.agencyId)} AND a.submitted_at IS NOT NULL)`);
    }
    if (readsAsAuditor(roles)) {
      // Auditors: the applications in the scope of their open engagements (issue 12).
      clauses.push(`(a.agency_id = ${param(auth.user.agencyId)} AND ${auditApplicationInScope(param(auth.user.id), 'a.id')})`);
    }
    if (clauses.length === 0) return [];
    let where = `(${clauses.join(' OR ')})`;
    if (filter.callId) {
      if (!isUuid(filter.callId)) return [];
      where += ` AND a.call_id = ${param(filter.callId)}`;
    }
    const rows = (await this.dataSource.query(`${SUMMARY_SELECT} WHERE ${where} ORDER BY a.updated_at DESC, a.id`, params)) as SummaryRow[];
    return rows.map(toSummary);
  }

  async get(auth: AuthenticatedRequestContext, id: string): Promise<ApplicationView> {
    const relation = await this.access.applicationRelation(auth, id);
    return this.view(this.dataSource.manager, id, relation);
  }

  /** Autosave of the working copy, guarded by the version the editor started from. */
  async save(auth: AuthenticatedRequestContext, id: string, request: SaveApplicationRequest): Promise<ApplicationView> {
    await this.assertMemberOf(auth, id);
    const content = request.content;
    const current = await this.dataSource.getRepository(Application).findOneByOrFail({ id });
    const errors = contentFieldErrors(content, await this.references(this.dataSource.manager, current.organizationId, content));
    if (errors.length > 0) {
      throw new MizanException(ErrorCode.ValidationFailed, `Invalid ${[...new Set(errors.map((e) => e.field))].join(', ')}`, errors);
    }
    const totals = budgetTotals(content);
    await this.trail.record(async (manager) => {
      const locked = await this.lock(manager, id);
      if (!isEditable(locked.state)) throw conflict(`This application is ${locked.state} and can no longer be edited`);
      if (locked.version !== request.version) throw versionConflict(locked.version);
      if (locked.state === 'draft') {
        const call = await manager.getRepository(GrantCall).findOneByOrFail({ id: locked.callId });
        const closed = closedReason(call, new Date());
        if (closed) throw conflict(`${closed}: the draft can no longer be changed`);
      }
      const updated = (await manager.query(
        `UPDATE application
            SET content = $3::jsonb, title = $4, requested_minor = $5, version = version + 1, updated_at = now(), updated_by = $6
          WHERE id = $1 AND version = $2
          RETURNING version`,
        [id, request.version, JSON.stringify(content), content.title.trim(), totals.requestedMinor.toString(), auth.user.id],
      )) as [{ version: number }[], number];
      // The row lock above makes this unreachable in practice; the guarded UPDATE keeps the rule true even without it.
      if (updated[1] !== 1) throw versionConflict(locked.version);
      await this.syncPartners(manager, id, content.partnerIds);
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: locked.agencyId,
            action: 'application.draft_saved',
            entityType: 'application',
            entityId: id,
            // Autosaves come every few seconds with the whole content: copying it into the hash chain each
            // time would bloat the trail with work in progress. The trail keeps who saved when and the money
            // asked for; the content itself is frozen, hashed and on the trail at each submission.
            before: { version: locked.version, requestedMinor: locked.requestedMinor },
            after: { version: updated[0][0].version, requestedMinor: totals.requestedMinor.toString() },
          },
        ],
      };
    });
    return this.view(this.dataSource.manager, id, 'member');
  }

  async submit(auth: AuthenticatedRequestContext, id: string, version: number): Promise<SubmitReceipt> {
    await this.assertMemberOf(auth, id);
    return this.trail.record(async (manager) => {
      const application = await this.lock(manager, id);
      const to = this.transitionOrConflict(application, 'submit');
      if (application.version !== version) throw versionConflict(application.version);
      // FOR SHARE: an officer's in-place edit of the call (which takes FOR UPDATE) cannot slip in
      // between this check and the frozen version, so the rules frozen are the rules that applied.
      const call = await manager.getRepository(GrantCall).findOneOrFail({ where: { id: application.callId }, lock: { mode: 'pessimistic_read' } });
      const now = new Date();
      const closed = closedReason(call, now);
      if (closed) throw conflict(`${closed}: the application cannot be submitted`);
      return this.freeze(manager, auth, application, call, now, 'submission', to);
    });
  }

  /**
   * Answers a request for clarification. The call need not be open: the
   * application was submitted in time, and screening (which asks for the
   * clarification) usually happens after the call has closed — refusing here
   * would make every clarification impossible to answer.
   */
  async resubmit(auth: AuthenticatedRequestContext, id: string, version: number): Promise<SubmitReceipt> {
    await this.assertMemberOf(auth, id);
    return this.trail.record(async (manager) => {
      const application = await this.lock(manager, id);
      const to = this.transitionOrConflict(application, 'resubmit');
      if (application.version !== version) throw versionConflict(application.version);
      const call = await manager.getRepository(GrantCall).findOneByOrFail({ id: application.callId });
      return this.freeze(manager, auth, application, call, new Date(), 'resubmission', to);
    });
  }

  async withdraw(auth: AuthenticatedRequestContext, id: string, reason: string): Promise<ApplicationView> {
    await this.assertMemberOf(auth, id);
    await this.changeState(auth, id, 'withdraw', reason);
    return this.view(this.dataSource.manager, id, 'member');
  }

  async screen(auth: AuthenticatedRequestContext, id: string, action: ScreeningAction, reason: string | null): Promise<ApplicationView> {
    // Only as the agency's officer: a user who is also a member or partner of the application does not screen it.
    const relation = await this.access.applicationRelation(auth, id);
    if (relation !== 'officer') throw MizanException.notFound('Application');
    await this.changeState(auth, id, action, reason);
    return this.view(this.dataSource.manager, id, 'officer');
  }

  async version(auth: AuthenticatedRequestContext, id: string, numberText: string): Promise<ApplicationVersionView> {
    await this.access.applicationRelation(auth, id);
    if (!/^\d{1,6}$/.test(numberText)) throw MizanException.notFound('Version');
    const row = await this.dataSource.getRepository(ApplicationVersion).findOneBy({ applicationId: id, number: Number(numberText) });
    if (!row) throw MizanException.notFound('Version');
    const t = row.totals as Record<string, unknown>;
    return {
      applicationId: row.applicationId,
      number: row.number,
      kind: row.kind,
      content: row.content,
      totals: {
        totalBudgetMinor: String(t['totalBudgetMinor']),
        cofundingMinor: String(t['cofundingMinor']),
        requestedMinor: String(t['requestedMinor']),
        adminMinor: String(t['adminMinor']),
        adminShareBp: Number(t['adminShareBp']),
        cofundingShareBp: Number(t['cofundingShareBp']),
      },
      eligibility: row.eligibility,
      callVersion: row.callVersion,
      contentSha256: row.contentSha256.trim(),
      receiptNumber: row.receiptNumber,
      submittedAt: row.submittedAt.toISOString(),
    };
  }

  /** Members only; partners and officers read. Returns the relation check's 404 for strangers. */
  async assertMemberOf(auth: AuthenticatedRequestContext, id: string, manager?: EntityManager): Promise<void> {
    const relation = await this.access.applicationRelation(auth, id, manager);
    if (relation !== 'member') throw MizanException.forbidden('Only members of the applying organization may change this application');
  }

  private transitionOrConflict(application: Application, action: ApplicationAction) {
    const result = transition(application.state, action);
    if (!result.ok) throw conflict(`This application is ${application.state}: ${result.reason}`);
    return result.to;
  }

  private async changeState(auth: AuthenticatedRequestContext, id: string, action: ScreeningAction | 'withdraw', reasonText: string | null): Promise<void> {
    const reason = reasonText?.trim() || null;
    if (needsReason(action) && !reason) {
      throw new MizanException(ErrorCode.ValidationFailed, 'A reason is required', [{ field: 'reason', code: FieldErrorCode.ReasonRequired, message: `${action.replace(/_/g, ' ')} needs a reason` }]);
    }
    await this.trail.record(async (manager) => {
      // A withdrawal may cancel a decision's proposal: take the call's lock first, in the order the decisions take them (call, then application).
      if (action === 'withdraw') await manager.query('SELECT 1 FROM grant_call WHERE id = (SELECT call_id FROM application WHERE id = $1) FOR UPDATE', [id]);
      const application = await this.lock(manager, id);
      const to = this.transitionOrConflict(application, action);
      const message = action === 'return_for_clarification' ? reason : application.screeningMessage;
      await manager.query(
        `UPDATE application SET state = $2, screening_message = $3, version = version + 1, updated_at = now(), updated_by = $4 WHERE id = $1`,
        [id, to, message, auth.user.id],
      );
      const verb: TrailEntry['action'] = action === 'withdraw' ? 'application.withdrawn' : `application.screening.${action}`;
      // What was still open on it (reviews, a proposal) ends with it, on the trail after the withdrawal.
      const ended =
        to === 'withdrawn'
          ? await this.lifecycle.closed(manager, auth, { applicationId: id, agencyId: application.agencyId, callId: application.callId, title: application.title, why: 'withdrawn' })
          : [];
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: application.agencyId,
            action: verb,
            entityType: 'application',
            entityId: id,
            before: { state: application.state },
            after: { state: to, ...(action === 'return_for_clarification' ? { screeningMessage: message } : {}) },
            reason,
          },
          ...ended,
        ],
      };
    });
  }

  /** Checks eligibility again on the server, then freezes the content as a new version with a receipt. */
  private async freeze(
    manager: EntityManager,
    auth: AuthenticatedRequestContext,
    application: Application,
    call: GrantCall,
    now: Date,
    kind: 'submission' | 'resubmission',
    to: Application['state'],
  ): Promise<{ result: SubmitReceipt; entries: TrailEntry[] }> {
    const content = application.content;
    const eligibility = await this.eligibility(manager, application, call, now);
    const failed = eligibility.filter((r) => !r.passed);
    if (failed.length > 0) {
      throw new MizanException(
        ErrorCode.ValidationFailed,
        `The application does not meet ${failed.length === 1 ? 'a rule' : `${failed.length} rules`} of the call yet: fix ${failed.length === 1 ? 'it' : 'them'} and submit again`,
        failed.map((r) => ({ field: r.rule, message: r.message })),
      );
    }
    // The sequence is not transactional: a refused submission after this point leaves a gap in receipt numbers, never a duplicate.
    const [{ n }] = (await manager.query(`SELECT nextval('application_receipt_seq')::text AS n`)) as { n: string }[];
    const receiptNumber = receiptNumberOf(instantToZonedLocal(now, call.timeZone).slice(0, 4), n);
    const [{ next }] = (await manager.query(`SELECT COALESCE(MAX(number), 0) + 1 AS next FROM application_version WHERE application_id = $1`, [
      application.id,
    ])) as { next: number }[];
    const contentSha256 = sha256Hex(canonicalJson(content));
    const totals = budgetTotals(content);
    await manager.insert(ApplicationVersion, {
      applicationId: application.id,
      number: next,
      kind,
      content,
      totals: { ...frozenTotals(totals) },
      eligibility,
      callVersion: call.version,
      contentSha256,
      receiptNumber,
      submittedBy: auth.user.id,
      submittedAt: now,
    });
    await manager.query(
      `UPDATE application SET state = $2, submitted_at = $3, receipt_number = $4, requested_minor = $5, version = version + 1, updated_at = now(), updated_by = $6 WHERE id = $1`,
      [application.id, to, now, receiptNumber, totals.requestedMinor.toString(), auth.user.id],
    );
    const receipt: SubmitReceipt = { receiptNumber, versionNumber: next, submittedAt: now.toISOString(), contentSha256 };
    return {
      result: receipt,
      entries: [
        {
          actor: actorOf(auth),
          agencyId: application.agencyId,
          action: kind === 'submission' ? 'application.submitted' : 'application.resubmitted',
          entityType: 'application',
          entityId: application.id,
          before: { state: application.state },
          after: { state: to, receiptNumber, versionNumber: next, contentSha256, requestedMinor: totals.requestedMinor.toString(), callVersion: call.version },
        },
      ],
    };
  }

  private async lock(manager: EntityManager, id: string): Promise<Application> {
    const application = await manager.getRepository(Application).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw MizanException.notFound('Application');
    return application;
  }

  private async references(manager: EntityManager, organizationId: string, content: ApplicationContent) {
    const governorates = (await manager.query('SELECT code FROM governorate')) as { code: string }[];
    const candidates = content.partnerIds.filter(isUuid);
    const partners =
      candidates.length === 0
        ? []
        : ((await manager.query('SELECT id FROM partner_organization WHERE organization_id = $1 AND id = ANY($2::uuid[])', [organizationId, candidates])) as {
            id: string;
          }[]);
    return { governorateCodes: new Set(governorates.map((g) => g.code)), partnerIds: new Set(partners.map((p) => p.id)) };
  }

  private async syncPartners(manager: EntityManager, id: string, partnerIds: string[]): Promise<void> {
    await manager.query('DELETE FROM application_partner WHERE application_id = $1 AND NOT (partner_organization_id = ANY($2::uuid[]))', [id, partnerIds]);
    if (partnerIds.length > 0) {
      await manager.query(
        'INSERT INTO application_partner (application_id, partner_organization_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING',
        [id, partnerIds],
      );
    }
  }

  /** The organization's facts the call's rules are checked against, as they stand now. */
  private async eligibility(manager: EntityManager, application: Application, call: GrantCall, now: Date): Promise<RuleResult[]> {
    const organization = await manager.getRepository(Organization).findOneByOrFail({ id: application.organizationId });
    const kinds = (await manager.query('SELECT DISTINCT kind FROM due_diligence_document WHERE organization_id = $1', [organization.id])) as {
      kind: DocumentKind;
    }[];
    const candidates = application.content.partnerIds.filter(isUuid);
    const [{ count }] = (await manager.query(
      'SELECT count(*)::int AS count FROM partner_organization WHERE organization_id = $1 AND id = ANY($2::uuid[])',
      [organization.id, candidates],
    )) as { count: number }[];
    const ctx: EligibilityContext = {
      organization: {
        hostlandCountry: organization.hostlandCountry,
        foundedOn: organization.foundedOn,
        documentKinds: kinds.map((k) => k.kind),
      },
      partnerCount: count,
      today: instantToZonedLocal(now, call.timeZone).slice(0, 10),
    };
    return checkEligibility(rulesOf(call), application.content, ctx);
  }

  private async view(manager: EntityManager, id: string, relation: ApplicationRelation): Promise<ApplicationView> {
    const [row] = (await manager.query(`${SUMMARY_SELECT} WHERE a.id = $1`, [id])) as SummaryRow[];
    if (!row) throw MizanException.notFound('Application');
    const application = await manager.getRepository(Application).findOneByOrFail({ id });
    const call = await manager.getRepository(GrantCall).findOneByOrFail({ id: application.callId });
    const now = new Date();
    const versions = await manager.getRepository(ApplicationVersion).find({ where: { applicationId: id }, order: { number: 'ASC' } });
    const callOpen = isOpen(call, now);
    const actor = relation === 'member' ? 'applicant' : relation === 'officer' ? 'officer' : null;
    const actions = allowedActions(application.state).filter(
      // Submit is offered only while the server would accept it.
      (a) => actor !== null && ACTION_ACTOR[a] === actor && (a !== 'submit' || callOpen),
    );
    return {
      ...toSummary(row),
      version: application.version,
      content: application.content,
      totals: totalsView(budgetTotals(application.content)),
      eligibility: await this.eligibility(manager, application, call, now),
      allowedActions: actions,
      editable: relation === 'member' && isEditable(application.state) && (application.state !== 'draft' || callOpen),
      screeningMessage: application.screeningMessage,
      callClosesAt: call.closesAt.toISOString(),
      callTimeZone: call.timeZone,
      versions: versions.map((v) => ({ number: v.number, kind: v.kind, submittedAt: v.submittedAt.toISOString(), receiptNumber: v.receiptNumber })),
    };
  }
}
