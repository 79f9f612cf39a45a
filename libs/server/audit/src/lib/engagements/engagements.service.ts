import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, FieldErrorCode } from '@mizan/contracts';
import type {
  AddAuditorRequest,
  AuditorCandidateView,
  EngagementAction,
  EngagementAuditorView,
  EngagementCounts,
  EngagementListQuery,
  EngagementMilestones,
  EngagementState,
  EngagementSummaryView,
  EngagementView,
  FieldProblem,
  Page,
  PersonRef,
  PlanEngagementRequest,
  ScopeGrantView,
  TransitionEngagementRequest,
  UpdateEngagementRequest,
} from '@mizan/contracts';
import { canMoveEngagement, engagementActions, engagementReference, isIsoDate, mayMoveEngagement } from '@mizan/domain';
import { MizanException, isUuid } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { NotificationsService } from '@mizan/server/review';
import { TrailEntry, TrailService } from '@mizan/server/trail';
import { AuditFindingsService } from '../findings/findings.service';
import { AuditAccess, EngagementRole, EngagementRow, auditActorOf } from '../audit-access';

/** At most this many grants in a chosen-grants scope, and auditors on one engagement. */
export const ENGAGEMENT_GRANTS_MAX = 500;
export const ENGAGEMENT_AUDITORS_MAX = 50;

const MILESTONE_ORDER: (keyof EngagementMilestones)[] = ['fieldworkFrom', 'fieldworkTo', 'draftReportDue', 'managementCommentsDue', 'finalReportDue'];
/** Where the reference counter of an agency's year is serialized (pg_advisory_xact_lock(key, hashtext(agency:year))). */
const REFERENCE_LOCK_KEY = 7_331_120;

interface SummaryRow extends EngagementRow {
  scope_name: string | null;
  grant_ids: string[] | null;
  lead_id: string | null;
  lead_name: string | null;
  total?: string;
}

const SUMMARY_SELECT = `
  SELECT e.id, e.agency_id, e.reference, e.kind, e.title, e.scope_kind, e.scope_id,
         to_char(e.period_from, 'YYYY-MM-DD') AS period_from, to_char(e.period_to, 'YYYY-MM-DD') AS period_to,
         e.firm_name, e.state, e.milestones, e.population_kind, e.sampling, e.population_frozen_at, e.sample_drawn_at, e.sample_frozen_at,
         e.opinion, e.conclusion, e.created_by, e.created_at, e.updated_at, e.closed_at, e.row_version,
         CASE e.scope_kind WHEN 'program' THEN p.name WHEN 'call' THEN c.title WHEN 'organization' THEN o.legal_name END AS scope_name,
         (SELECT array_agg(x.grant_id::text ORDER BY x.grant_id) FROM audit_engagement_grant x WHERE x.engagement_id = e.id) AS grant_ids,
         la.user_id AS lead_id, lu.display_name AS lead_name
    FROM audit_engagement e
    LEFT JOIN program p ON e.scope_kind = 'program' AND p.id = e.scope_id
    LEFT JOIN grant_call c ON e.scope_kind = 'call' AND c.id = e.scope_id
    LEFT JOIN organization o ON e.scope_kind = 'organization' AND o.id = e.scope_id
    LEFT JOIN LATERAL (SELECT a.user_id FROM audit_engagement_auditor a WHERE a.engagement_id = e.id AND a.lead AND a.removed_at IS NULL ORDER BY a.added_at LIMIT 1) la ON true
    LEFT JOIN app_user lu ON lu.id = la.user_id`;

const iso = (d: Date | string | null): string | null => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function invalid(fields: FieldProblem[]): MizanException {
  return MizanException.withParams(ErrorCode.AuditPlanInvalid, `The plan is not valid: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { count: fields.length }, fields);
}

function cleanMilestones(input: EngagementMilestones | undefined, fields: FieldProblem[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const key of MILESTONE_ORDER) {
    const value = input?.[key] ?? null;
    if (value !== null && !isIsoDate(value)) fields.push({ field: `milestones.${key}`, code: FieldErrorCode.NotDate, message: 'must be a date YYYY-MM-DD' });
    else out[key] = value;
  }
  // In order: fieldwork from ≤ to ≤ draft due ≤ comments due ≤ final due (the ones given).
  let previous: { key: string; value: string } | null = null;
  for (const key of MILESTONE_ORDER) {
    const value = out[key];
    if (!value) continue;
    if (previous && value < previous.value) {
      fields.push({ field: `milestones.${key}`, code: FieldErrorCode.TooSmall, message: `must not be before milestones.${previous.key} (${previous.value})`, params: { after: previous.key } });
    }
    previous = { key, value };
  }
  return out;
}

function checkPeriod(from: string, to: string, fields: FieldProblem[]): void {
  if (!isIsoDate(from)) fields.push({ field: 'periodFrom', code: FieldErrorCode.NotDate, message: 'must be a date YYYY-MM-DD' });
  if (!isIsoDate(to)) fields.push({ field: 'periodTo', code: FieldErrorCode.NotDate, message: 'must be a date YYYY-MM-DD' });
  if (isIsoDate(from) && isIsoDate(to) && from > to) fields.push({ field: 'periodTo', code: FieldErrorCode.TooSmall, message: `must not be before periodFrom (${from})`, params: { min: from } });
}

function requireText(value: string | undefined, field: string, fields: FieldProblem[]): string {
  const text = (value ?? '').trim();
  if (!text) fields.push({ field, code: FieldErrorCode.Required, message: 'must not be empty' });
  return text;
}

/**
 * Audit engagements (issue 12, docs/audit.md): planning by officers (`audit.plan`), the
 * auditors on them, the workspace header with counts and allowed actions, and the
 * transitions planned → fieldwork → draft_report → management_comments → final → closed,
 * each with a reason on the trail in the same transaction.
 * Who may move which step: libs/domain engagement-roles (`mayMoveEngagement`).
 */
@Injectable()
export class EngagementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AuditAccess,
    private readonly trail: TrailService,
    private readonly notifications: NotificationsService,
    private readonly findings: AuditFindingsService,
  ) {}

  // --- Reading -------------------------------------------------------------------------

  async list(auth: AuthenticatedRequestContext, query: EngagementListQuery, role: EngagementRole): Promise<Page<EngagementSummaryView>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const params: unknown[] = [auth.user.agencyId];
    let where = 'e.agency_id = $1';
    if (role === 'auditor') {
      // Only the engagements they are on (not removed), and only until they close.
      params.push(auth.user.id);
      where += ` AND e.state <> 'closed' AND EXISTS (SELECT 1 FROM audit_engagement_auditor me WHERE me.engagement_id = e.id AND me.user_id = $${params.length} AND me.removed_at IS NULL)`;
    }
    if (query.state) {
      params.push(query.state);
      where += ` AND e.state = $${params.length}`;
    }
    params.push(pageSize, (page - 1) * pageSize);
    const rows = (await this.dataSource.query(
      `SELECT s.*, count(*) OVER () AS total FROM (${SUMMARY_SELECT} WHERE ${where}) s ORDER BY s.created_at DESC, s.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as SummaryRow[];
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && page > 1) {
      const [count] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM audit_engagement e WHERE ${where}`, params.slice(0, -2))) as { n: number }[];
      total = count.n;
    }
    return { items: rows.map((r) => this.summary(r)), page, pageSize, total };
  }

  async view(auth: AuthenticatedRequestContext, id: string, manager: EntityManager = this.dataSource.manager): Promise<EngagementView> {
    const { role } = await this.access.engagement(auth, id, manager);
    return this.buildView(manager, id, role);
  }

  async auditorCandidates(auth: AuthenticatedRequestContext): Promise<AuditorCandidateView[]> {
    const rows = (await this.dataSource.query(
      `SELECT u.id, u.display_name, u.email,
              (SELECT count(*)::int FROM audit_engagement_auditor a JOIN audit_engagement e ON e.id = a.engagement_id
                WHERE a.user_id = u.id AND a.removed_at IS NULL AND e.state <> 'closed') AS open_engagements
         FROM app_user u
        WHERE u.agency_id = $1 AND u.active AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'auditor')
        ORDER BY u.display_name, u.id`,
      [auth.user.agencyId],
    )) as { id: string; display_name: string; email: string; open_engagements: number }[];
    return rows.map((r) => ({ id: r.id, name: r.display_name, email: r.email, openEngagements: r.open_engagements }));
  }

  async scopeGrants(auth: AuthenticatedRequestContext, id: string): Promise<ScopeGrantView[]> {
    const { engagement } = await this.access.engagement(auth, id);
    const ids = await this.access.scopeGrantIds(engagement);
    if (!ids.length) return [];
    const rows = (await this.dataSource.query(
      `SELECT g.id, g.grant_number, g.title, g.organization_id, o.legal_name, g.risk_rating, g.state, g.currency, g.amount_minor::text AS amount_minor
         FROM grant_award g JOIN organization o ON o.id = g.organization_id
        WHERE g.id = ANY($1::uuid[]) ORDER BY g.grant_number, g.id`,
      [ids],
    )) as { id: string; grant_number: string; title: string; organization_id: string; legal_name: string; risk_rating: ScopeGrantView['riskRating']; state: string; currency: string; amount_minor: string }[];
    return rows.map((r) => ({
      id: r.id,
      grantNumber: r.grant_number,
      title: r.title,
      organizationId: r.organization_id,
      organizationName: r.legal_name,
      riskRating: r.risk_rating,
      state: r.state,
      currency: r.currency as ScopeGrantView['currency'],
      amountMinor: r.amount_minor,
    }));
  }

  // --- Planning ------------------------------------------------------------------------

  async plan(auth: AuthenticatedRequestContext, request: PlanEngagementRequest): Promise<EngagementView> {
    const agencyId = auth.user.agencyId;
    const fields: FieldProblem[] = [];
    const title = requireText(request.title, 'title', fields);
    const firmName = requireText(request.firmName, 'firmName', fields);
    checkPeriod(request.periodFrom, request.periodTo, fields);
    const milestones = cleanMilestones(request.milestones, fields);
    const auditorIds = request.auditorIds ?? [];
    if (auditorIds.length === 0) fields.push({ field: 'auditorIds', code: FieldErrorCode.TooFew, message: 'must name at least one auditor', params: { min: 1 } });
    if (new Set(auditorIds).size !== auditorIds.length) fields.push({ field: 'auditorIds', code: FieldErrorCode.Duplicates, message: 'must not name an auditor twice' });
    const lead = request.leadAuditorId ?? auditorIds[0] ?? null;
    if (request.leadAuditorId && !auditorIds.includes(request.leadAuditorId)) {
      fields.push({ field: 'leadAuditorId', message: 'must be one of auditorIds' });
    }
    const grantIds = request.grantIds ?? [];
    if (request.scopeKind === 'grants') {
      if (request.scopeId) fields.push({ field: 'scopeId', code: FieldErrorCode.NotAccepted, message: 'must be empty for a chosen-grants scope (use grantIds)' });
      if (grantIds.length === 0) fields.push({ field: 'grantIds', code: FieldErrorCode.TooFew, message: 'must name at least one grant', params: { min: 1 } });
      if (grantIds.length > ENGAGEMENT_GRANTS_MAX) fields.push({ field: 'grantIds', code: FieldErrorCode.TooMany, message: `must name at most ${ENGAGEMENT_GRANTS_MAX} grants`, params: { max: ENGAGEMENT_GRANTS_MAX } });
      if (new Set(grantIds).size !== grantIds.length) fields.push({ field: 'grantIds', code: FieldErrorCode.Duplicates, message: 'must not name a grant twice' });
    } else {
      if (!request.scopeId) fields.push({ field: 'scopeId', code: FieldErrorCode.Required, message: `must name the ${request.scopeKind}` });
      if (grantIds.length) fields.push({ field: 'grantIds', code: FieldErrorCode.NotAccepted, message: `must be empty for a ${request.scopeKind} scope` });
    }
    if (fields.length) throw invalid(fields);

    let emailIds: string[] = [];
    const id = await this.dataSource.transaction(async (manager) => {
      // What the plan names must be of the caller's agency (another agency's is "unknown", as its existence is not ours to tell).
      if (request.scopeKind !== 'grants') {
        const table = { program: 'program', call: 'grant_call', organization: 'organization' }[request.scopeKind];
        const [found] = (await manager.query(`SELECT 1 FROM ${table} WHERE id = $1 AND agency_id = $2`, [request.scopeId, agencyId])) as unknown[];
        if (!found) fields.push({ field: 'scopeId', message: `is not a ${request.scopeKind} of this agency`, params: { scopeKind: request.scopeKind } });
      } else {
        const ok = (await manager.query(`SELECT id::text FROM grant_award WHERE id = ANY($1::uuid[]) AND agency_id = $2 AND state <> 'draft'`, [grantIds, agencyId])) as { id: string }[];
        const known = new Set(ok.map((r) => r.id));
        grantIds.forEach((g, i) => {
          if (!known.has(g)) fields.push({ field: `grantIds.${i}`, message: 'is not a grant of this agency past its draft', params: { grantId: g } });
        });
      }
      const auditors = (await manager.query(
        `SELECT u.id::text FROM app_user u WHERE u.id = ANY($1::uuid[]) AND u.agency_id = $2 AND u.active AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'auditor')`,
        [auditorIds, agencyId],
      )) as { id: string }[];
      const auditorSet = new Set(auditors.map((a) => a.id));
      auditorIds.forEach((u, i) => {
        if (!auditorSet.has(u)) fields.push({ field: `auditorIds.${i}`, message: 'is not a user of this agency holding the auditor role', params: { userId: u } });
      });
      if (fields.length) throw invalid(fields);

      // The reference: AUD-<year>-<n>, n counted per agency and year, one planner at a time.
      const year = new Date().getUTCFullYear();
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REFERENCE_LOCK_KEY, `${agencyId}:${year}`]);
      const [next] = (await manager.query(
        `SELECT COALESCE(max((substring(reference from '^AUD-\\d{4}-(\\d+)$'))::int), 0) + 1 AS n FROM audit_engagement WHERE agency_id = $1 AND reference LIKE $2`,
        [agencyId, `AUD-${year}-%`],
      )) as { n: number }[];
      const reference = engagementReference(year, Number(next.n));
      const [row] = (await manager.query(
        `INSERT INTO audit_engagement (agency_id, reference, kind, title, scope_kind, scope_id, period_from, period_to, firm_name, milestones, population_kind, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12) RETURNING id`,
        [agencyId, reference, request.kind, title, request.scopeKind, request.scopeKind === 'grants' ? null : request.scopeId, request.periodFrom, request.periodTo, firmName, JSON.stringify(milestones), request.populationKind, auth.user.id],
      )) as { id: string }[];
      if (request.scopeKind === 'grants') {
        await manager.query('INSERT INTO audit_engagement_grant (engagement_id, grant_id) SELECT $1, unnest($2::uuid[])', [row.id, grantIds]);
      }
      for (const userId of auditorIds) {
        await manager.query('INSERT INTO audit_engagement_auditor (engagement_id, user_id, lead, added_by) VALUES ($1, $2, $3, $4)', [row.id, userId, userId === lead, auth.user.id]);
      }
      const actor = auditActorOf(auth);
      await this.trail.append(manager, {
        actor,
        agencyId,
        action: 'audit.engagement_planned',
        entityType: 'audit_engagement',
        entityId: row.id,
        after: {
          state: 'planned',
          reference,
          kind: request.kind,
          title,
          scopeKind: request.scopeKind,
          scopeId: request.scopeKind === 'grants' ? null : request.scopeId,
          grantCount: request.scopeKind === 'grants' ? grantIds.length : null,
          periodFrom: request.periodFrom,
          periodTo: request.periodTo,
          firmName,
          populationKind: request.populationKind,
          milestones,
        },
      });
      for (const userId of auditorIds) {
        await this.trail.append(manager, { actor, agencyId, action: 'audit.auditor_added', entityType: 'audit_engagement', entityId: row.id, after: { userId, lead: userId === lead, reference } });
      }
      emailIds = (await this.notifyAuditors(manager, auditorIds, { id: row.id, agency_id: agencyId, reference, title, firm_name: firmName, period_from: request.periodFrom, period_to: request.periodTo })).emailIds;
      return row.id;
    });
    await this.notifications.deliver(emailIds);
    return this.view(auth, id);
  }

  async update(auth: AuthenticatedRequestContext, id: string, request: UpdateEngagementRequest): Promise<EngagementView> {
    await this.dataSource.transaction(async (manager) => {
      const engagement = await this.access.asPlanner(auth, id, manager, true);
      this.access.assertOpen(engagement);
      if (engagement.state !== 'planned' && engagement.state !== 'fieldwork') {
        throw MizanException.withParams(ErrorCode.Conflict, 'The plan can change only while planned or in fieldwork', { state: engagement.state });
      }
      if (request.rowVersion !== engagement.row_version) {
        throw MizanException.withParams(ErrorCode.StaleEngagement, 'The engagement changed since you loaded it', { rowVersion: engagement.row_version });
      }
      const fields: FieldProblem[] = [];
      const title = request.title === undefined ? engagement.title : requireText(request.title, 'title', fields);
      const firmName = request.firmName === undefined ? engagement.firm_name : requireText(request.firmName, 'firmName', fields);
      const periodFrom = request.periodFrom ?? engagement.period_from;
      const periodTo = request.periodTo ?? engagement.period_to;
      checkPeriod(periodFrom, periodTo, fields);
      const milestones = request.milestones === undefined ? engagement.milestones : cleanMilestones({ ...(engagement.milestones as EngagementMilestones), ...request.milestones }, fields);
      const populationKind = request.populationKind ?? engagement.population_kind;
      const frozen = engagement.population_frozen_at !== null || engagement.sample_drawn_at !== null;
      if (frozen && (populationKind !== engagement.population_kind || periodFrom !== engagement.period_from || periodTo !== engagement.period_to)) {
        throw MizanException.withParams(ErrorCode.AuditSampleFrozen, 'The population is drawn: its kind and period no longer change', { reference: engagement.reference });
      }
      if (fields.length) throw invalid(fields);
      const before = { title: engagement.title, firmName: engagement.firm_name, periodFrom: engagement.period_from, periodTo: engagement.period_to, milestones: engagement.milestones, populationKind: engagement.population_kind };
      const after = { title, firmName, periodFrom, periodTo, milestones, populationKind };
      await manager.query(
        `UPDATE audit_engagement SET title = $2, firm_name = $3, period_from = $4, period_to = $5, milestones = $6::jsonb, population_kind = $7, updated_at = now(), row_version = row_version + 1 WHERE id = $1`,
        [id, title, firmName, periodFrom, periodTo, JSON.stringify(milestones), populationKind],
      );
      await this.trail.append(manager, { actor: auditActorOf(auth), agencyId: engagement.agency_id, action: 'audit.engagement_updated', entityType: 'audit_engagement', entityId: id, before, after });
    });
    return this.view(auth, id);
  }

  // --- Auditors ------------------------------------------------------------------------

  async addAuditor(auth: AuthenticatedRequestContext, id: string, request: AddAuditorRequest): Promise<EngagementView> {
    let emailIds: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      const engagement = await this.access.asPlanner(auth, id, manager, true);
      this.access.assertOpen(engagement);
      const [user] = (await manager.query(
        `SELECT u.id FROM app_user u WHERE u.id = $1 AND u.agency_id = $2 AND u.active AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'auditor')`,
        [isUuid(request.userId) ? request.userId : null, engagement.agency_id],
      )) as { id: string }[];
      if (!user) throw invalid([{ field: 'userId', message: 'is not a user of this agency holding the auditor role', params: { userId: request.userId } }]);
      const [existing] = (await manager.query('SELECT removed_at FROM audit_engagement_auditor WHERE engagement_id = $1 AND user_id = $2', [id, user.id])) as { removed_at: Date | null }[];
      if (existing && existing.removed_at === null) throw MizanException.withParams(ErrorCode.Conflict, 'The auditor is on the engagement already', { userId: user.id });
      const [{ n }] = (await manager.query('SELECT count(*)::int AS n FROM audit_engagement_auditor WHERE engagement_id = $1 AND removed_at IS NULL', [id])) as { n: number }[];
      if (n >= ENGAGEMENT_AUDITORS_MAX) throw invalid([{ field: 'userId', code: FieldErrorCode.TooMany, message: `an engagement has at most ${ENGAGEMENT_AUDITORS_MAX} auditors`, params: { max: ENGAGEMENT_AUDITORS_MAX } }]);
      const lead = request.lead === true || n === 0;
      if (lead) await manager.query('UPDATE audit_engagement_auditor SET lead = false WHERE engagement_id = $1 AND lead', [id]);
      if (existing) {
        await manager.query(
          'UPDATE audit_engagement_auditor SET removed_at = NULL, removed_by = NULL, added_at = now(), added_by = $3, lead = $4 WHERE engagement_id = $1 AND user_id = $2',
          [id, user.id, auth.user.id, lead],
        );
      } else {
        await manager.query('INSERT INTO audit_engagement_auditor (engagement_id, user_id, lead, added_by) VALUES ($1, $2, $3, $4)', [id, user.id, lead, auth.user.id]);
      }
      await manager.query('UPDATE audit_engagement SET updated_at = now(), row_version = row_version + 1 WHERE id = $1', [id]);
      await this.trail.append(manager, {
        actor: auditActorOf(auth),
        agencyId: engagement.agency_id,
        action: 'audit.auditor_added',
        entityType: 'audit_engagement',
        entityId: id,
        after: { userId: user.id, lead, reference: engagement.reference },
      });
      emailIds = (await this.notifyAuditors(manager, [user.id], engagement)).emailIds;
    });
    await this.notifications.deliver(emailIds);
    return this.view(auth, id);
  }

  async removeAuditor(auth: AuthenticatedRequestContext, id: string, userId: string, reason: string): Promise<EngagementView> {
    const why = reason.trim();
    if (!why) throw new MizanException(ErrorCode.ValidationFailed, 'A reason is required', [{ field: 'reason', code: FieldErrorCode.ReasonRequired, message: 'Say why the auditor comes off: it goes on the trail' }]);
    await this.dataSource.transaction(async (manager) => {
      const engagement = await this.access.asPlanner(auth, id, manager, true);
      this.access.assertOpen(engagement);
      const [on] = (await manager.query('SELECT lead FROM audit_engagement_auditor WHERE engagement_id = $1 AND user_id = $2 AND removed_at IS NULL', [id, userId])) as { lead: boolean }[];
      if (!on) throw MizanException.notFound('Auditor');
      const [{ n }] = (await manager.query('SELECT count(*)::int AS n FROM audit_engagement_auditor WHERE engagement_id = $1 AND removed_at IS NULL', [id])) as { n: number }[];
      if (n <= 1) throw MizanException.withParams(ErrorCode.Conflict, 'An engagement keeps at least one auditor: add another first', { userId });
      await manager.query('UPDATE audit_engagement_auditor SET removed_at = now(), removed_by = $3, lead = false WHERE engagement_id = $1 AND user_id = $2', [id, userId, auth.user.id]);
      if (on.lead) {
        // The longest-serving remaining auditor leads.
        await manager.query(
          `UPDATE audit_engagement_auditor SET lead = true WHERE engagement_id = $1 AND user_id = (
             SELECT user_id FROM audit_engagement_auditor WHERE engagement_id = $1 AND removed_at IS NULL ORDER BY added_at, user_id LIMIT 1)`,
          [id],
        );
      }
      await manager.query('UPDATE audit_engagement SET updated_at = now(), row_version = row_version + 1 WHERE id = $1', [id]);
      await this.trail.append(manager, {
        actor: auditActorOf(auth),
        agencyId: engagement.agency_id,
        action: 'audit.auditor_removed',
        entityType: 'audit_engagement',
        entityId: id,
        before: { userId, lead: on.lead },
        after: { userId, removed: true, reference: engagement.reference },
        reason: why,
      });
    });
    return this.view(auth, id);
  }

  // --- Transitions ---------------------------------------------------------------------

  async transition(auth: AuthenticatedRequestContext, id: string, request: TransitionEngagementRequest): Promise<EngagementView> {
    const reason = (request.reason ?? '').trim();
    if (!reason) throw new MizanException(ErrorCode.ValidationFailed, 'A reason is required', [{ field: 'reason', code: FieldErrorCode.ReasonRequired, message: 'Say why the engagement moves: it goes on the trail' }]);
    let emailIds: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      const { engagement, role } = await this.access.engagement(auth, id, manager, true);
      this.access.assertOpen(engagement);
      if (request.rowVersion !== engagement.row_version) {
        throw MizanException.withParams(ErrorCode.StaleEngagement, 'The engagement changed since you loaded it', { rowVersion: engagement.row_version });
      }
      const from = engagement.state;
      const to = request.to;
      if (!canMoveEngagement(from, to)) {
        throw MizanException.withParams(ErrorCode.AuditTransitionNotAllowed, `The engagement cannot move from ${from} to ${to}`, { from, to });
      }
      if (!mayMoveEngagement(role, from, to)) {
        throw MizanException.forbidden(role === 'planner' ? 'The engagement’s auditors make this step' : 'Officers make this step');
      }
      const actor = auditActorOf(auth);
      const trail: TrailEntry[] = [];
      let sets = '';
      if (to === 'fieldwork' && from === 'planned') {
        if (engagement.sample_drawn_at === null) {
          throw MizanException.withParams(ErrorCode.AuditSampleNotDrawn, 'Fieldwork starts on a drawn sample: draw it first', { reference: engagement.reference });
        }
        if (engagement.sample_frozen_at === null) {
          sets = ', sample_frozen_at = now()';
          const [counts] = (await manager.query('SELECT count(*)::int AS n, COALESCE(sum(p.amount_minor), 0)::text AS v FROM audit_sample_item s JOIN audit_population_item p ON p.engagement_id = s.engagement_id AND p.seq = s.population_seq WHERE s.engagement_id = $1', [id])) as { n: number; v: string }[];
          trail.push({ actor, agencyId: engagement.agency_id, action: 'audit.sample_frozen', entityType: 'audit_engagement', entityId: id, after: { reference: engagement.reference, sampleCount: counts.n, sampleValueMinor: counts.v } });
        }
      }
      if (to === 'final') {
        const [report] = (await manager.query(
          `SELECT id FROM audit_report WHERE engagement_id = $1 AND is_final AND state = 'done' AND superseded_by IS NULL LIMIT 1`,
          [id],
        )) as { id: string }[];
        if (!report) throw MizanException.withParams(ErrorCode.AuditFinalReportMissing, 'Build the final report before the engagement moves to final', { reference: engagement.reference });
      }
      if (to === 'closed') {
        const [{ open }] = (await manager.query(`SELECT count(*)::int AS open FROM audit_finding WHERE engagement_id = $1 AND action_state <> 'checked'`, [id])) as { open: number }[];
        if (open > 0) throw MizanException.withParams(ErrorCode.AuditFindingsOpen, `${open} finding(s) still have their action open`, { open });
        sets += ', closed_at = now()';
      }
      await manager.query(`UPDATE audit_engagement SET state = $2, updated_at = now(), row_version = row_version + 1${sets} WHERE id = $1`, [id, to]);
      trail.unshift({
        actor,
        agencyId: engagement.agency_id,
        action: 'audit.engagement_transitioned',
        entityType: 'audit_engagement',
        entityId: id,
        before: { state: from },
        after: { state: to, reference: engagement.reference },
        reason,
      });
      for (const entry of trail) await this.trail.append(manager, entry);
      // The draft report shows the findings to the grantees: tell each organization's members about theirs.
      if (from === 'fieldwork' && to === 'draft_report') await this.findings.notifyFindingsVisible(manager, engagement);
      if (to === 'management_comments') emailIds = await this.notifyGrantees(manager, engagement);
    });
    await this.notifications.deliver(emailIds);
    return this.view(auth, id);
  }

  // --- Helpers -------------------------------------------------------------------------

  private summary(r: SummaryRow): EngagementSummaryView {
    const grantIds = r.grant_ids ?? [];
    return {
      id: r.id,
      reference: r.reference,
      kind: r.kind,
      title: r.title,
      state: r.state,
      scope: { kind: r.scope_kind, id: r.scope_id, name: r.scope_kind === 'grants' ? `${grantIds.length} grants` : (r.scope_name ?? ''), grantIds },
      periodFrom: r.period_from,
      periodTo: r.period_to,
      firmName: r.firm_name,
      leadAuditor: r.lead_id ? { id: r.lead_id, name: r.lead_name ?? '' } : null,
      createdAt: iso(r.created_at) as string,
    };
  }

  private async buildView(manager: EntityManager, id: string, role: EngagementRole): Promise<EngagementView> {
    const [row] = (await manager.query(`${SUMMARY_SELECT} WHERE e.id = $1`, [id])) as SummaryRow[];
    const auditors = (await manager.query(
      `SELECT a.user_id, u.display_name, a.lead, a.added_at, a.removed_at FROM audit_engagement_auditor a JOIN app_user u ON u.id = a.user_id
        WHERE a.engagement_id = $1 ORDER BY a.removed_at NULLS FIRST, a.lead DESC, a.added_at, a.user_id`,
      [id],
    )) as { user_id: string; display_name: string; lead: boolean; added_at: Date; removed_at: Date | null }[];
    const [c] = (await manager.query(
      `SELECT (SELECT count(*)::int FROM audit_population_item p WHERE p.engagement_id = $1) AS population_count,
              (SELECT COALESCE(sum(p.amount_minor), 0)::text FROM audit_population_item p WHERE p.engagement_id = $1) AS population_value,
              (SELECT string_agg(DISTINCT p.currency, ',') FROM audit_population_item p WHERE p.engagement_id = $1) AS currencies,
              s.sample_count, s.sample_value, s.tested, s.exceptions,
              (SELECT count(*)::int FROM audit_finding f WHERE f.engagement_id = $1) AS findings,
              (SELECT count(*)::int FROM audit_finding f WHERE f.engagement_id = $1 AND f.priority = 'high' AND f.action_state <> 'checked') AS findings_open_high,
              (SELECT u.display_name FROM app_user u WHERE u.id = $2) AS created_by_name
         FROM (SELECT count(*)::int AS sample_count, COALESCE(sum(p.amount_minor), 0)::text AS sample_value,
                      count(*) FILTER (WHERE si.result <> 'untested')::int AS tested, count(*) FILTER (WHERE si.result = 'exception')::int AS exceptions
                 FROM audit_sample_item si JOIN audit_population_item p ON p.engagement_id = si.engagement_id AND p.seq = si.population_seq
                WHERE si.engagement_id = $1) s`,
      [id, row.created_by],
    )) as {
      population_count: number;
      population_value: string;
      currencies: string | null;
      sample_count: number;
      sample_value: string;
      tested: number;
      exceptions: number;
      findings: number;
      findings_open_high: number;
      created_by_name: string;
    }[];
    const history = (await manager.query(
      `SELECT r.action, r.before->>'state' AS from_state, r.after->>'state' AS to_state, r.reason, r.actor_id, u.display_name, r.occurred_at
         FROM activity_record r LEFT JOIN app_user u ON u.id = r.actor_id
        WHERE r.entity_type = 'audit_engagement' AND r.entity_id = $1 AND r.action IN ('audit.engagement_planned', 'audit.engagement_transitioned')
        ORDER BY r.seq`,
      [id],
    )) as { action: string; from_state: EngagementState | null; to_state: EngagementState; reason: string | null; actor_id: string | null; display_name: string | null; occurred_at: Date }[];
    const counts: EngagementCounts = {
      populationCount: c.population_count,
      populationValueMinor: c.population_value,
      sampleCount: c.sample_count,
      sampleValueMinor: c.sample_value,
      tested: c.tested,
      exceptions: c.exceptions,
      findings: c.findings,
      findingsOpenHigh: c.findings_open_high,
    };
    const sampling = row.sampling as (EngagementView['sampling'] & { size?: unknown }) | null;
    const person = (pid: string | null, name: string | null): PersonRef | null => (pid ? { id: pid, name: name ?? '' } : null);
    return {
      ...this.summary(row),
      milestones: row.milestones as EngagementMilestones,
      auditors: auditors.map(
        (a): EngagementAuditorView => ({ user: { id: a.user_id, name: a.display_name }, lead: a.lead, addedAt: iso(a.added_at) as string, removedAt: iso(a.removed_at) }),
      ),
      populationKind: row.population_kind ?? 'payments',
      currency: c.currencies && !c.currencies.includes(',') ? (c.currencies as EngagementView['currency']) : null,
      sampling: sampling ? ({ ...sampling, size: sampling.size ?? null } as EngagementView['sampling']) : null,
      populationFrozenAt: iso(row.population_frozen_at),
      sampleDrawnAt: iso(row.sample_drawn_at),
      sampleFrozenAt: iso(row.sample_frozen_at),
      opinion: row.opinion as EngagementView['opinion'],
      conclusion: row.conclusion,
      counts,
      history: history.map((h) => ({
        from: h.action === 'audit.engagement_planned' ? null : h.from_state,
        to: h.to_state ?? 'planned',
        reason: h.reason,
        by: person(h.actor_id, h.display_name),
        at: iso(h.occurred_at) as string,
      })),
      createdBy: { id: row.created_by, name: c.created_by_name },
      closedAt: iso(row.closed_at),
      rowVersion: row.row_version,
      actions: engagementActions(role, row.state) as EngagementAction[],
    };
  }

  /** Tells auditors (in-app and by email) that they were put on the engagement. */
  private async notifyAuditors(
    manager: EntityManager,
    userIds: string[],
    e: Pick<EngagementRow, 'id' | 'agency_id' | 'reference' | 'title' | 'firm_name' | 'period_from' | 'period_to'>,
  ): Promise<{ emailIds: string[] }> {
    return this.notifications.notify(manager, {
      userIds,
      agencyId: e.agency_id,
      kind: 'audit.auditor_added',
      message: { key: 'audit.auditor_added', params: { reference: e.reference, title: e.title, firm: e.firm_name, from: { $date: e.period_from }, to: { $date: e.period_to } } },
      entityType: 'audit_engagement',
      entityId: e.id,
      email: true,
    });
  }

  /** Management comments: the members of each organization with findings on its grants are asked to respond. */
  private async notifyGrantees(manager: EntityManager, e: EngagementRow): Promise<string[]> {
    const orgs = (await manager.query(
      `SELECT g.organization_id, count(DISTINCT f.id)::int AS findings, array_agg(DISTINCT m.user_id::text) FILTER (WHERE m.user_id IS NOT NULL) AS members
         FROM audit_finding f JOIN grant_award g ON g.id = f.grant_id
         LEFT JOIN organization_member m ON m.organization_id = g.organization_id
        WHERE f.engagement_id = $1
        GROUP BY g.organization_id`,
      [e.id],
    )) as { organization_id: string; findings: number; members: string[] | null }[];
    const emailIds: string[] = [];
    for (const org of orgs) {
      if (!org.members?.length) continue;
      const result = await this.notifications.notify(manager, {
        userIds: org.members,
        agencyId: e.agency_id,
        kind: 'audit.findings_await_response',
        message: { key: 'audit.findings_await_response', params: { reference: e.reference, title: e.title, count: org.findings } },
        entityType: 'audit_engagement',
        entityId: e.id,
        email: true,
      });
      emailIds.push(...result.emailIds);
    }
    return emailIds;
  }
}
