import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, can } from '@mizan/contracts';
import type { EngagementKind, EngagementScopeKind, EngagementState, PopulationKind } from '@mizan/contracts';
import { MizanException, isUuid } from '@mizan/server/core';
import { assertId } from '@mizan/server/finance';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import type { TrailActor } from '@mizan/server/trail';

export interface EngagementRow {
  id: string;
  agency_id: string;
  reference: string;
  kind: EngagementKind;
  title: string;
  scope_kind: EngagementScopeKind;
  scope_id: string | null;
  period_from: string;
  period_to: string;
  firm_name: string;
  state: EngagementState;
  milestones: Record<string, string | null>;
  population_kind: PopulationKind | null;
  sampling: Record<string, unknown> | null;
  population_frozen_at: Date | null;
  sample_drawn_at: Date | null;
  sample_frozen_at: Date | null;
  opinion: string | null;
  conclusion: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  row_version: number;
}

export const ENGAGEMENT_SELECT = `
  SELECT e.id, e.agency_id, e.reference, e.kind, e.title, e.scope_kind, e.scope_id,
         to_char(e.period_from, 'YYYY-MM-DD') AS period_from, to_char(e.period_to, 'YYYY-MM-DD') AS period_to,
         e.firm_name, e.state, e.milestones, e.population_kind, e.sampling, e.population_frozen_at, e.sample_drawn_at, e.sample_frozen_at,
         e.opinion, e.conclusion, e.created_by, e.created_at, e.updated_at, e.closed_at, e.row_version
    FROM audit_engagement e`;

/** How the caller stands to an engagement: a planner (audit.plan, same agency) or an auditor named on it. */
export type EngagementRole = 'planner' | 'auditor';

export interface EngagementAccess {
  engagement: EngagementRow;
  role: EngagementRole;
}

/** The caller as the trail names them. */
export const auditActorOf = (auth: AuthenticatedRequestContext): TrailActor => ({ id: auth.user.id, label: auth.user.email });

/**
 * Who may reach an engagement and what is in its scope (docs/audit.md, "Access").
 * Denied unless a rule allows it, and a denial is a 404 that names the engagement:
 *  - planners (`audit.plan`) reach every engagement of their agency;
 *  - auditors (`audit.conduct`) reach the engagements they are named on (not removed);
 *  - an auditor's access to grants, applications and what hangs off them goes through
 *    the views `audit_scope_grant` / `audit_scope_application` (engagements not closed).
 * Writes additionally call `assertOpen` (closed → AUDIT_ENGAGEMENT_CLOSED).
 */
@Injectable()
export class AuditAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The engagement and the caller's role on it, or 404. Pass the transaction's manager (and lock) inside transactions. */
  async engagement(auth: AuthenticatedRequestContext, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<EngagementAccess> {
    assertId(id, 'Engagement');
    const [row] = (await manager.query(`${ENGAGEMENT_SELECT} WHERE e.id = $1${lock ? ' FOR UPDATE OF e' : ''}`, [id])) as EngagementRow[];
    if (!row || row.agency_id !== auth.user.agencyId) throw MizanException.notFound('Engagement');
    const roles = auth.user.roles();
    if (can(roles, 'audit.plan')) return { engagement: row, role: 'planner' };
    // An auditor's access ends when the engagement closes.
    if (can(roles, 'audit.conduct') && row.state !== 'closed') {
      const [on] = (await manager.query('SELECT 1 FROM audit_engagement_auditor WHERE engagement_id = $1 AND user_id = $2 AND removed_at IS NULL', [id, auth.user.id])) as unknown[];
      if (on) return { engagement: row, role: 'auditor' };
    }
    throw MizanException.notFound('Engagement');
  }

  /** Only the engagement's auditors (not planners) may do this; others 404 if they cannot see it, 403 if they can. */
  async asAuditor(auth: AuthenticatedRequestContext, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<EngagementRow> {
    const access = await this.engagement(auth, id, manager, lock);
    if (access.role !== 'auditor') throw MizanException.forbidden('Only the engagement\u2019s auditors may do this');
    return access.engagement;
  }

  /** Only planners (officers, admins of the agency). */
  async asPlanner(auth: AuthenticatedRequestContext, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<EngagementRow> {
    const access = await this.engagement(auth, id, manager, lock);
    if (access.role !== 'planner') throw MizanException.forbidden('Only officers may do this');
    return access.engagement;
  }

  /** Closed engagements change no more. */
  assertOpen(engagement: EngagementRow): void {
    if (engagement.state === 'closed') throw MizanException.withParams(ErrorCode.AuditEngagementClosed, 'The engagement is closed', { reference: engagement.reference });
  }

  /** Whether the user is an auditor on an open engagement whose scope holds the grant. */
  async auditorHasGrant(userId: string, grantId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (!isUuid(grantId)) return false;
    const [row] = (await manager.query('SELECT 1 FROM audit_scope_grant WHERE user_id = $1 AND grant_id = $2 LIMIT 1', [userId, grantId])) as unknown[];
    return !!row;
  }

  /** Whether the user is an auditor on an open engagement whose scope holds the application. */
  async auditorHasApplication(userId: string, applicationId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (!isUuid(applicationId)) return false;
    const [row] = (await manager.query('SELECT 1 FROM audit_scope_application WHERE user_id = $1 AND application_id = $2 LIMIT 1', [userId, applicationId])) as unknown[];
    return !!row;
  }

  /** The grants in an engagement's scope today (any state but draft). */
  async scopeGrantIds(engagement: Pick<EngagementRow, 'id' | 'agency_id' | 'scope_kind' | 'scope_id'>, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT g.id FROM grant_award g
        WHERE g.agency_id = $1 AND g.state <> 'draft' AND (
                ($2 = 'program' AND g.program_id = $3) OR ($2 = 'call' AND g.call_id = $3) OR ($2 = 'organization' AND g.organization_id = $3)
             OR ($2 = 'grants' AND EXISTS (SELECT 1 FROM audit_engagement_grant x WHERE x.engagement_id = $4 AND x.grant_id = g.id)))
        ORDER BY g.grant_number, g.id`,
      [engagement.agency_id, engagement.scope_kind, engagement.scope_id, engagement.id],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
