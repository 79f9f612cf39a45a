import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { can } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { auditorReadsApplication, auditorReadsOrganization } from '@mizan/server/identity';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertUuid(id: string, what: string): void {
  if (!UUID.test(id)) throw MizanException.notFound(what);
}

/**
 * Who may see which intake data. Everything outside a caller's reach is
 * answered "not found" (404), never "forbidden", so ids of other people's
 * records reveal nothing.
 *
 * - applicant: organizations they are a member of, and those organizations' applications
 * - partner: applications naming a partner organization they are a member of
 * - officer: everything of their own agency
 * - auditor (issue 12): reads, never writes, the applications and organizations in the scope of an open
 *   engagement they are named on (the views `audit_scope_application` / `audit_scope_grant`)
 */
@Injectable()
export class IntakeAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  isStaff(auth: AuthenticatedRequestContext): boolean {
    return can(auth.user.roles(), 'screening.manage') || can(auth.user.roles(), 'due_diligence.review');
  }

  async organizationIdsOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = (await manager.query('SELECT organization_id FROM organization_member WHERE user_id = $1', [userId])) as { organization_id: string }[];
    return rows.map((r) => r.organization_id);
  }

  async partnerOrganizationIdsOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = (await manager.query('SELECT partner_organization_id FROM partner_member WHERE user_id = $1', [userId])) as { partner_organization_id: string }[];
    return rows.map((r) => r.partner_organization_id);
  }

  /** The organization if the caller is a member (or an officer of its agency); otherwise 404. */
  async assertOrganizationVisible(auth: AuthenticatedRequestContext, organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    assertUuid(organizationId, 'Organization');
    const rows = (await manager.query(
      `SELECT o.agency_id, EXISTS (SELECT 1 FROM organization_member m WHERE m.organization_id = o.id AND m.user_id = $2) AS member
         FROM organization o WHERE o.id = $1`,
      [organizationId, auth.user.id],
    )) as { agency_id: string; member: boolean }[];
    const row = rows[0];
    const visible =
      row && (row.member || (this.isStaff(auth) && row.agency_id === auth.user.agencyId) || (row.agency_id === auth.user.agencyId && (await auditorReadsOrganization(manager, auth, organizationId))));
    if (!visible) throw MizanException.notFound('Organization');
  }

  /** Only members may change their organization (officers review, they do not edit). */
  async assertMember(auth: AuthenticatedRequestContext, organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    assertUuid(organizationId, 'Organization');
    const rows = await manager.query('SELECT 1 FROM organization_member WHERE organization_id = $1 AND user_id = $2', [organizationId, auth.user.id]);
    if (rows.length === 0) throw MizanException.notFound('Organization');
  }

  /** How the caller relates to an application, or 404 when they may not see it. */
  async applicationRelation(
    auth: AuthenticatedRequestContext,
    applicationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<'member' | 'partner' | 'officer' | 'auditor'> {
    assertUuid(applicationId, 'Application');
    const rows = (await manager.query(
      `SELECT a.agency_id,
              EXISTS (SELECT 1 FROM organization_member m WHERE m.organization_id = a.organization_id AND m.user_id = $2) AS member,
              EXISTS (SELECT 1 FROM application_partner ap JOIN partner_member pm ON pm.partner_organization_id = ap.partner_organization_id
                       WHERE ap.application_id = a.id AND pm.user_id = $2) AS partner
         FROM application a WHERE a.id = $1`,
      [applicationId, auth.user.id],
    )) as { agency_id: string; member: boolean; partner: boolean }[];
    const row = rows[0];
    const roles = auth.user.roles();
    if (row?.member && can(roles, 'application.own')) return 'member';
    if (row?.partner && can(roles, 'application.partner')) return 'partner';
    if (row && this.isStaff(auth) && row.agency_id === auth.user.agencyId) return 'officer';
    // Reads only: every write checks for 'member' or 'officer' (and its own permission), never 'auditor'.
    if (row && row.agency_id === auth.user.agencyId && (await auditorReadsApplication(manager, auth, applicationId))) return 'auditor';
    throw MizanException.notFound('Application');
  }
}
