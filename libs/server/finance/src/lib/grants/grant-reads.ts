import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AgreementBuildView,
  ConditionCheckView,
  GrantContent,
  GrantFindingView,
  GrantListQuery,
  GrantState,
  GrantSummaryView,
  GrantVersionView,
  GrantView,
  GrantableDecisionView,
  Page,
  PersonRef,
  ReleaseConditionRecord,
  TrancheView,
  can,
} from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { MizanException, isUuid } from '@mizan/server/core';
import { partiesBlocking } from '@mizan/server/screening';
import { auditGrantInScope, auditorReadsGrant, readsAsAuditor } from '@mizan/server/identity';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import type { RiskPolicy } from '@mizan/domain';
import { agencyPolicy, contentChanges, evaluateConditions } from './grant-rules';
import { paymentsOfGrant, viewerOf } from '../payments/payment-views';

type ConditionResult = ReturnType<typeof evaluateConditions>[number];

export function assertId(id: string, what: string): void {
  if (!isUuid(id)) throw MizanException.notFound(what);
}

/**
 * How the caller relates to a grant. `auditor`: an auditor with the grant in the scope of an open engagement
 * (issue 12) — shown what officers are shown (risk assessment, findings, payments, payee bank details), never
 * offered an action: every write checks `officer` (and its own permission), never `auditor`.
 */
export type GrantRelation = 'officer' | 'auditor' | 'member' | 'partner';

/** Shown what the agency's staff are shown (officers, and auditors in scope); not a licence to act. */
export const seesAsStaff = (relation: GrantRelation): boolean => relation === 'officer' || relation === 'auditor';

export interface GrantRow {
  id: string;
  agency_id: string;
  program_id: string;
  call_id: string;
  application_id: string;
  decision_id: string;
  organization_id: string;
  organization_name: string;
  grant_number: string;
  title: string;
  currency: CurrencyCode;
  amount_minor: string;
  state: GrantState;
  current_version: number;
  starts_on: string;
  ends_on: string;
  risk_rating: GrantView['riskRating'];
  risk_assessment: GrantView['riskAssessment'];
  modality: GrantView['modality'];
  monitoring: string | null;
  payee_name: string;
  payee_iban: string;
  payee_bic: string | null;
  signatory_user_id: string | null;
  signed_by: string | null;
  signed_name: string | null;
  signed_at: Date | null;
  countersigned_by: string | null;
  countersigned_at: Date | null;
  row_version: number;
  dd_status: string;
  dd_expires_on: string | null;
}

export const GRANT_SELECT = `
  SELECT g.id, g.agency_id, g.program_id, g.call_id, g.application_id, g.decision_id, g.organization_id, o.legal_name AS organization_name,
         g.grant_number, g.title, g.currency, g.amount_minor::text AS amount_minor, g.state, g.current_version,
         to_char(g.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(g.ends_on, 'YYYY-MM-DD') AS ends_on,
         g.risk_rating, g.risk_assessment, g.modality, g.monitoring, g.payee_name, g.payee_iban, g.payee_bic,
         g.signatory_user_id, g.signed_by, g.signed_name, g.signed_at, g.countersigned_by, g.countersigned_at, g.row_version,
         o.dd_status, to_char(o.dd_expires_on, 'YYYY-MM-DD') AS dd_expires_on
    FROM grant_award g JOIN organization o ON o.id = g.organization_id`;

export interface TrancheRow {
  id: string;
  grant_id: string;
  seq: number;
  planned_on: string;
  amount_minor: string;
  currency: CurrencyCode;
  state: TrancheView['state'];
  conditions: ReleaseConditionRecord[];
  report_accepted_at: Date | null;
  report_acceptance_note: string | null;
  report_accounted_minor: string | null;
  row_version: number;
}

export const TRANCHE_SELECT = `
  SELECT t.id, t.grant_id, t.seq, to_char(t.planned_on, 'YYYY-MM-DD') AS planned_on, t.amount_minor::text AS amount_minor, t.currency, t.state,
         t.conditions, t.report_accepted_at, t.report_acceptance_note, t.report_accounted_minor::text AS report_accounted_minor, t.row_version
    FROM tranche t`;

export const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Ledger balances of one grant's accounts by code (0 when the account does not exist yet). */
export async function grantBalances(manager: EntityManager, grantId: string): Promise<Record<string, bigint>> {
  const rows = (await manager.query(
    `SELECT a.code, SUM(b.balance_minor)::text AS balance FROM ledger_account a JOIN account_balance b ON b.account_id = a.id
      WHERE a.scope_type = 'grant' AND a.scope_id = $1 GROUP BY a.code`,
    [grantId],
  )) as { code: string; balance: string }[];
  return Object.fromEntries(rows.map((r) => [r.code, BigInt(r.balance)]));
}

/**
 * The release conditions of every live tranche of a grant, evaluated on real
 * facts: countersignature, the previous tranche's report accepted (by hand
 * until the reporting issue), the accounted share of the earlier tranches,
 * due diligence valid today, open high findings (the grant's own and audit findings
 * whose action is not yet checked), custom ticks.
 *
 * Accounted share of the tranches before tranche N = the larger of
 *  - the ledger: (verified_expenditure + refunded) ÷ disbursed (the paid tranches before N), and
 *  - the officer's manual record: Σ report_accounted_minor ÷ the same disbursed amount.
 * Issue 11 posts verified expenditure; until then only the manual record moves it.
 */
export async function evaluateTranches(manager: EntityManager, grant: GrantRow, tranches: readonly TrancheRow[], today: string): Promise<Map<string, ConditionResult[]>> {
  // Issue 12: an audit finding of high priority counts from the moment it is raised (any engagement state) until its action is checked.
  const [{ open_high }] = (await manager.query(
    `SELECT (SELECT count(*) FROM grant_finding WHERE grant_id = $1 AND state = 'open' AND priority = 'high')
          + (SELECT count(*) FROM audit_finding WHERE grant_id = $1 AND priority = 'high' AND action_state <> 'checked') AS open_high`,
    [grant.id],
  )) as { open_high: string | number }[];
  // Issue 11: an active high red flag, open or escalated, blocks the next tranche until an officer clears it.
  const highFlags = ((await manager.query(`SELECT id FROM red_flag WHERE grant_id = $1 AND active AND severity = 'high' AND state IN ('open','escalated') ORDER BY first_raised_at, id`, [
    grant.id,
  ])) as { id: string }[]).map((r) => r.id);
  // Issue 13: a party to the grant with an unresolved or confirmed sanctions match fails due diligence.
  const sanctions = await partiesBlocking(manager, grant.id);
  const sanctionsConfirmed = sanctions.filter((m) => m.state === 'confirmed').length;
  const balances = await grantBalances(manager, grant.id);
  const ledgerAccounted = (balances['verified_expenditure'] ?? 0n) + (balances['refunded'] ?? 0n);
  const live = tranches.filter((t) => t.state !== 'cancelled').sort((a, b) => a.seq - b.seq);
  const results = new Map<string, ConditionResult[]>();
  for (const t of live) {
    const earlier = live.filter((e) => e.seq < t.seq);
    const previous = earlier[earlier.length - 1];
    const disbursed = earlier.filter((e) => e.state === 'paid').reduce((s, e) => s + BigInt(e.amount_minor), 0n);
    const manual = earlier.filter((e) => e.state === 'paid').reduce((s, e) => s + BigInt(e.report_accounted_minor ?? '0'), 0n);
    const accounted = ledgerAccounted > manual ? ledgerAccounted : manual;
    results.set(
      t.id,
      evaluateConditions(
        t.conditions,
        {
          agreementCountersignedAt: iso(grant.countersigned_at),
          previousReportAcceptedAt: previous ? iso(previous.report_accepted_at) : null,
          accountedBp: disbursed > 0n ? Number(((accounted > disbursed ? disbursed : accounted) * 10_000n) / disbursed) : null,
          ddStatus: grant.dd_status,
          ddExpiresOn: grant.dd_expires_on,
          openHighFindings: Number(open_high),
          openHighFlags: highFlags,
          sanctionsConfirmed,
          sanctionsUnresolved: sanctions.length - sanctionsConfirmed,
        },
        today,
      ),
    );
  }
  return results;
}

export async function policyOf(manager: EntityManager, agencyId: string): Promise<RiskPolicy> {
  const [row] = (await manager.query('SELECT risk_policy FROM finance_settings WHERE agency_id = $1', [agencyId])) as { risk_policy: unknown }[];
  return agencyPolicy(row?.risk_policy ?? null);
}


const person = (id: string | null, name: string | null): PersonRef | null => (id ? { id, name: name ?? '' } : null);

/** Who may see a grant, and how: officers of its agency (and finance/auditors read), members of its organization, partners of its application. */
@Injectable()
export class GrantReads {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** The grant if it belongs to the caller's agency (staff); otherwise 404. */
  async ofAgency(auth: AuthenticatedRequestContext, grantId: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<GrantRow> {
    assertId(grantId, 'Grant');
    const [row] = (await manager.query(`${GRANT_SELECT} WHERE g.id = $1${lock ? ' FOR UPDATE OF g' : ''}`, [grantId])) as GrantRow[];
    if (!row || row.agency_id !== auth.user.agencyId) throw MizanException.notFound('Grant');
    return row;
  }

  /** How a grantee-side caller relates to the grant (member of the organization, partner of the application), or 404. */
  async granteeRelation(auth: AuthenticatedRequestContext, grantId: string, manager: EntityManager = this.dataSource.manager): Promise<'member' | 'partner'> {
    assertId(grantId, 'Grant');
    const [row] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM organization_member m WHERE m.organization_id = g.organization_id AND m.user_id = $2) AS member,
              EXISTS (SELECT 1 FROM application_partner ap JOIN partner_member pm ON pm.partner_organization_id = ap.partner_organization_id
                       WHERE ap.application_id = g.application_id AND pm.user_id = $2) AS partner
         FROM grant_award g WHERE g.id = $1 AND g.state <> 'draft'`,
      [grantId, auth.user.id],
    )) as { member: boolean; partner: boolean }[];
    const roles = auth.user.roles();
    if (row?.member && can(roles, 'grant.own')) return 'member';
    if (row?.partner && can(roles, 'grant.partner')) return 'partner';
    throw MizanException.notFound('Grant');
  }

  /** Staff of the grant's agency with grant.read, an auditor with the grant in scope, or its grantee (member or partner); anyone else 404. */
  /** Inside a transaction, pass its manager: a second pool connection while holding row locks starves the pool under a burst. */
  async relation(auth: AuthenticatedRequestContext, grantId: string, manager: EntityManager = this.dataSource.manager): Promise<GrantRelation> {
    assertId(grantId, 'Grant');
    if (can(auth.user.roles(), 'grant.read')) {
      const [row] = (await manager.query('SELECT agency_id FROM grant_award WHERE id = $1', [grantId])) as { agency_id: string }[];
      if (row && row.agency_id === auth.user.agencyId) return 'officer';
    }
    if (await auditorReadsGrant(manager, auth, grantId)) return 'auditor';
    return this.granteeRelation(auth, grantId, manager);
  }

  /** The agency side only: staff with grant.read ('officer') or an auditor with the grant in scope ('auditor'); anyone else 404. */
  async staffRelation(auth: AuthenticatedRequestContext, grantId: string, manager: EntityManager = this.dataSource.manager): Promise<'officer' | 'auditor'> {
    assertId(grantId, 'Grant');
    if (can(auth.user.roles(), 'grant.read')) {
      const [row] = (await manager.query('SELECT agency_id FROM grant_award WHERE id = $1', [grantId])) as { agency_id: string }[];
      if (row && row.agency_id === auth.user.agencyId) return 'officer';
    }
    if (await auditorReadsGrant(manager, auth, grantId)) return 'auditor';
    throw MizanException.notFound('Grant');
  }

  async list(auth: AuthenticatedRequestContext, query: GrantListQuery): Promise<Page<GrantSummaryView>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const where = ['g.agency_id = $1'];
    const params: unknown[] = [auth.user.agencyId];
    // Auditors (no grant.read of their own) list only the grants in the scope of their open engagements.
    if (!can(auth.user.roles(), 'grant.read')) {
      if (!readsAsAuditor(auth.user.roles())) throw MizanException.notFound('Grant');
      params.push(auth.user.id);
      where.push(auditGrantInScope(`$${params.length}`, 'g.id'));
    }
    if (query.state) {
      params.push(query.state);
      where.push(`g.state = $${params.length}`);
    }
    if (query.programId) {
      assertId(query.programId, 'Program');
      params.push(query.programId);
      where.push(`g.program_id = $${params.length}`);
    }
    return this.summaries(where.join(' AND '), params, page, pageSize);
  }

  /** Grants of the caller's organizations (members) and of applications they are a partner of; drafts stay with the agency. */
  async mine(auth: AuthenticatedRequestContext, query: { page?: number; pageSize?: number }): Promise<Page<GrantSummaryView>> {
    const roles = auth.user.roles();
    const own = can(roles, 'grant.own');
    const partner = can(roles, 'grant.partner');
    const where = `g.state <> 'draft' AND (
        ($2::boolean AND EXISTS (SELECT 1 FROM organization_member m WHERE m.organization_id = g.organization_id AND m.user_id = $1))
        OR ($3::boolean AND EXISTS (SELECT 1 FROM application_partner ap JOIN partner_member pm ON pm.partner_organization_id = ap.partner_organization_id
                                    WHERE ap.application_id = g.application_id AND pm.user_id = $1)))`;
    return this.summaries(where, [auth.user.id, own, partner], query.page ?? 1, query.pageSize ?? 25);
  }

  private async summaries(where: string, params: unknown[], page: number, pageSize: number): Promise<Page<GrantSummaryView>> {
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM grant_award g WHERE ${where}`, params)) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT g.id, g.grant_number, g.title, o.legal_name AS organization_name, g.state, g.currency, g.amount_minor::text AS amount_minor,
              to_char(g.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(g.ends_on, 'YYYY-MM-DD') AS ends_on, g.risk_rating,
              COALESCE((SELECT SUM(t.amount_minor) FROM tranche t WHERE t.grant_id = g.id AND t.state = 'paid'), 0)::text AS paid_minor,
              (SELECT to_char(MIN(t.planned_on), 'YYYY-MM-DD') FROM tranche t WHERE t.grant_id = g.id AND t.state = 'planned') AS next_tranche_on
         FROM grant_award g JOIN organization o ON o.id = g.organization_id
        WHERE ${where} ORDER BY g.created_at DESC, g.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    )) as Array<Record<string, string | null>>;
    return {
      page,
      pageSize,
      total,
      items: rows.map((r) => ({
        id: r['id'] as string,
        grantNumber: r['grant_number'] as string,
        title: r['title'] as string,
        organizationName: r['organization_name'] as string,
        state: r['state'] as GrantState,
        currency: r['currency'] as CurrencyCode,
        amountMinor: r['amount_minor'] as string,
        paidMinor: r['paid_minor'] as string,
        startsOn: r['starts_on'] as string,
        endsOn: r['ends_on'] as string,
        riskRating: r['risk_rating'] as GrantSummaryView['riskRating'],
        nextTrancheOn: r['next_tranche_on'],
      })),
    };
  }

  async grantable(auth: AuthenticatedRequestContext): Promise<GrantableDecisionView[]> {
    const rows = (await this.dataSource.query(
      `SELECT d.id AS decision_id, d.application_id, a.title AS application_title, o.legal_name AS organization_name, c.title AS call_title,
              d.amount_minor::text AS amount_minor, d.currency, d.confirmed_at
         FROM funding_decision d JOIN application a ON a.id = d.application_id JOIN organization o ON o.id = a.organization_id
         JOIN grant_call c ON c.id = d.call_id
        WHERE d.agency_id = $1 AND d.outcome = 'approved' AND d.state = 'confirmed'
          AND NOT EXISTS (SELECT 1 FROM grant_award g WHERE g.decision_id = d.id)
        ORDER BY d.confirmed_at DESC, d.id LIMIT 500`,
      [auth.user.agencyId],
    )) as Array<{ decision_id: string; application_id: string; application_title: string; organization_name: string; call_title: string; amount_minor: string; currency: CurrencyCode; confirmed_at: Date }>;
    return rows.map((r) => ({
      decisionId: r.decision_id,
      applicationId: r.application_id,
      applicationTitle: r.application_title,
      organizationName: r.organization_name,
      callTitle: r.call_title,
      amountMinor: r.amount_minor,
      currency: r.currency,
      confirmedAt: new Date(r.confirmed_at).toISOString(),
    }));
  }

  async content(manager: EntityManager, grantId: string, version: number): Promise<GrantContent> {
    const [row] = (await manager.query('SELECT content FROM grant_version WHERE grant_id = $1 AND version = $2', [grantId, version])) as { content: GrantContent }[];
    if (!row) throw MizanException.notFound('Grant version');
    return row.content;
  }

  async tranches(manager: EntityManager, grantId: string, lock = false): Promise<TrancheRow[]> {
    return (await manager.query(`${TRANCHE_SELECT} WHERE t.grant_id = $1 ORDER BY t.seq, t.state = 'cancelled'${lock ? ' FOR UPDATE' : ''}`, [grantId])) as TrancheRow[];
  }

  async view(grantId: string, relation: GrantRelation, auth: AuthenticatedRequestContext): Promise<GrantView> {
    const manager = this.dataSource.manager;
    const [g] = (await manager.query(`${GRANT_SELECT} WHERE g.id = $1`, [grantId])) as GrantRow[];
    if (!g) throw MizanException.notFound('Grant');
    const content = await this.content(manager, grantId, g.current_version);
    const names = await this.names(manager, [g.signatory_user_id, g.signed_by, g.countersigned_by]);
    const tranches = (await this.tranches(manager, grantId)).filter((t) => t.state !== 'cancelled');
    const evaluated = await evaluateTranches(manager, g, tranches, todayUtc());
    // The payments desk's own view of each payment (one query, one mapping); grantees get no desk actions.
    const payments = await paymentsOfGrant(manager, grantId, viewerOf(auth, relation !== 'officer'));
    const tickers = await this.names(
      manager,
      tranches.flatMap((t) => t.conditions.map((c) => c.tickedBy ?? null)),
    );
    const trancheViews: TrancheView[] = tranches.map((t) => {
      const results = evaluated.get(t.id) ?? [];
      const live = payments.find((p) => p.trancheSeq === t.seq && !['rejected', 'cancelled'].includes(p.state)) ?? null;
      const conditions: ConditionCheckView[] = t.conditions.map((c) => {
        const r = results.find((x) => x.id === c.id);
        return {
          id: c.id,
          kind: c.kind,
          label: c.kind === 'custom' ? String(c.params?.['label'] ?? '') : null,
          ok: r?.ok ?? false,
          reasonCode: r?.reasonCode ?? 'condition.unknown',
          reasonParams: r?.reasonParams ?? {},
          tickedBy: c.tickedBy ? { id: c.tickedBy, name: tickers.get(c.tickedBy) ?? '' } : null,
          tickedAt: c.tickedAt ?? null,
          note: c.note ?? null,
        };
      });
      return {
        id: t.id,
        seq: t.seq,
        plannedOn: t.planned_on,
        amountMinor: t.amount_minor,
        currency: t.currency,
        state: t.state,
        conditions,
        requestable: g.state === 'active' && t.state === 'planned' && conditions.every((c) => c.ok),
        reportAcceptedAt: iso(t.report_accepted_at),
        reportAcceptanceNote: t.report_acceptance_note,
        reportAccountedMinor: t.report_accounted_minor,
        paymentId: live?.id ?? null,
        paymentState: live?.state ?? null,
      };
    });
    const reports = (await manager.query(
      `SELECT id, kind, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to,
              to_char(due_on, 'YYYY-MM-DD') AS due_on, state
         FROM grant_report_due WHERE grant_id = $1 AND state <> 'cancelled' ORDER BY due_on, kind`,
      [grantId],
    )) as Array<{ id: string; kind: 'interim' | 'final'; period_from: string; period_to: string; due_on: string; state: 'due' | 'submitted' | 'accepted' | 'cancelled' }>;
    // Officers and auditors in scope see the agency's working papers; only officers act.
    const officer = seesAsStaff(relation);
    const findings = officer ? await this.findings(manager, grantId) : [];
    const agreements = await this.agreements(manager, grantId, relation);
    const actions: string[] = [];
    if (relation === 'officer' && can(auth.user.roles(), 'grant.manage')) {
      if (g.state === 'draft') actions.push('edit', 'risk', 'send', 'cancel');
      if (g.state === 'awaiting_signature') actions.push('cancel');
      if (g.state === 'awaiting_countersignature') actions.push('countersign', 'cancel');
      if (g.state === 'active') actions.push('amend', 'finding');
      actions.push('agreement');
    }
    if (relation === 'member' && g.state === 'awaiting_signature' && g.signatory_user_id === auth.user.id) actions.push('sign');
    const paidMinor = tranches.filter((t) => t.state === 'paid').reduce((s, t) => s + BigInt(t.amount_minor), 0n);
    return {
      id: g.id,
      grantNumber: g.grant_number,
      title: g.title,
      organizationName: g.organization_name,
      state: g.state,
      currency: g.currency,
      amountMinor: g.amount_minor,
      paidMinor: paidMinor.toString(),
      startsOn: g.starts_on,
      endsOn: g.ends_on,
      riskRating: g.risk_rating,
      nextTrancheOn: tranches.find((t) => t.state === 'planned')?.planned_on ?? null,
      programId: g.program_id,
      callId: g.call_id,
      applicationId: g.application_id,
      decisionId: g.decision_id,
      organizationId: g.organization_id,
      currentVersion: g.current_version,
      rowVersion: g.row_version,
      content,
      // The capacity assessment is the agency's working paper: the grantee sees the rating, not the answers.
      riskAssessment: officer ? g.risk_assessment : null,
      modality: g.modality,
      monitoring: g.monitoring,
      payeeName: g.payee_name,
      payeeIban: g.payee_iban,
      payeeBic: g.payee_bic,
      signatory: person(g.signatory_user_id, names.get(g.signatory_user_id ?? '') ?? null),
      signedBy: person(g.signed_by, names.get(g.signed_by ?? '') ?? null),
      signedName: g.signed_name,
      signedAt: iso(g.signed_at),
      countersignedBy: person(g.countersigned_by, names.get(g.countersigned_by ?? '') ?? null),
      countersignedAt: iso(g.countersigned_at),
      tranches: trancheViews,
      reportsDue: reports.map((r) => ({ id: r.id, kind: r.kind, periodFrom: r.period_from, periodTo: r.period_to, dueOn: r.due_on, state: r.state })),
      findings,
      payments: payments.map((p) => (officer ? p : { ...p, actions: [], blockedBy: null, screeningBlock: null })),
      agreements,
      actions,
    };
  }

  async versions(grantId: string): Promise<GrantVersionView[]> {
    const rows = (await this.dataSource.query(
      `SELECT v.version, v.kind, v.reason, v.created_by, u.display_name, v.created_at, v.content
         FROM grant_version v JOIN app_user u ON u.id = v.created_by WHERE v.grant_id = $1 ORDER BY v.version`,
      [grantId],
    )) as Array<{ version: number; kind: GrantVersionView['kind']; reason: string; created_by: string; display_name: string; created_at: Date; content: GrantContent }>;
    return rows.map((r, i) => ({
      version: r.version,
      kind: r.kind,
      reason: r.reason,
      createdBy: { id: r.created_by, name: r.display_name },
      createdAt: new Date(r.created_at).toISOString(),
      content: r.content,
      changes: i === 0 ? [] : contentChanges(rows[i - 1].content, r.content),
    }));
  }

  async findings(manager: EntityManager, grantId: string): Promise<GrantFindingView[]> {
    const rows = (await manager.query(
      `SELECT f.id, f.priority, f.title, f.description, f.state, f.raised_by, u.display_name, f.raised_at, f.closed_at, f.close_reason
         FROM grant_finding f JOIN app_user u ON u.id = f.raised_by WHERE f.grant_id = $1 ORDER BY f.raised_at DESC, f.id`,
      [grantId],
    )) as Array<{ id: string; priority: GrantFindingView['priority']; title: string; description: string; state: 'open' | 'closed'; raised_by: string; display_name: string; raised_at: Date; closed_at: Date | null; close_reason: string | null }>;
    return rows.map((r) => ({
      id: r.id,
      priority: r.priority,
      title: r.title,
      description: r.description,
      state: r.state,
      raisedBy: { id: r.raised_by, name: r.display_name },
      raisedAt: new Date(r.raised_at).toISOString(),
      closedAt: iso(r.closed_at),
      closeReason: r.close_reason,
    }));
  }

  async agreements(manager: EntityManager, grantId: string, relation: GrantRelation): Promise<AgreementBuildView[]> {
    const rows = (await manager.query(
      `SELECT id, grant_version, state, progress, sha256, requested_at, finished_at, error FROM grant_document
        WHERE grant_id = $1 AND kind = 'agreement' ${seesAsStaff(relation) ? '' : "AND state = 'done'"} ORDER BY requested_at DESC, id LIMIT 20`,
      [grantId],
    )) as Array<{ id: string; grant_version: number; state: AgreementBuildView['state']; progress: number; sha256: string | null; requested_at: Date; finished_at: Date | null; error: string | null }>;
    return rows.map((r) => ({
      id: r.id,
      version: r.grant_version,
      state: r.state,
      progress: r.progress,
      sha256: r.sha256,
      requestedAt: new Date(r.requested_at).toISOString(),
      finishedAt: iso(r.finished_at),
      error: seesAsStaff(relation) ? r.error : null,
    }));
  }

  private async names(manager: EntityManager, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (wanted.length === 0) return new Map();
    const rows = (await manager.query('SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])', [wanted])) as { id: string; display_name: string }[];
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }
}
