import type { AcceptedInvitation } from '@mizan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { AcceptInvitationRequest, ErrorCode, InvitationView, InviteRequest, Role, FieldErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { AuthenticatedRequestContext, hashPassword, SignInThrottle, User, UserRole, verifyPassword } from '@mizan/server/identity';
import { PartyScreeningService } from '@mizan/server/screening';
import { TrailEntry, TrailService } from '@mizan/server/trail';
import { IntakeAccess } from '../access/intake-access.service';
import { Invitation, OrganizationMember, PartnerMember } from '../entities/organization.entity';
import { actorOf } from './acting';
import { invalid } from './organization-input';
import { invitationView } from './organization-views';

export const INVITATION_VALID_DAYS = 14;

/** Only the SHA-256 of a token is stored: a copy of the database does not let anyone accept an invitation. */
export function invitationTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type { AcceptedInvitation };

/**
 * Invitations to join an organization (role applicant) or one of its partners
 * (role partner). The invitation carries the accept link; sending it by email
 * comes with the notifications issue.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly access: IntakeAccess,
    private readonly throttle: SignInThrottle,
    private readonly screening: PartyScreeningService,
  ) {}

  async invite(auth: AuthenticatedRequestContext, organizationId: string, request: InviteRequest): Promise<InvitationView> {
    await this.access.assertMember(auth, organizationId);
    const email = request.email.trim().toLowerCase();
    const partnerOrganizationId = request.partnerOrganizationId ?? null;
    if (request.role === 'applicant' && partnerOrganizationId !== null) {
      throw invalid([{ field: 'partnerOrganizationId', message: 'only an invitation with role partner names a partner organization' }]);
    }
    if (request.role === 'partner') {
      if (partnerOrganizationId === null) throw invalid([{ field: 'partnerOrganizationId', code: FieldErrorCode.Required, message: 'required for role partner' }]);
      const rows = await this.dataSource.query('SELECT 1 FROM partner_organization WHERE id = $1 AND organization_id = $2', [partnerOrganizationId, organizationId]);
      if (rows.length === 0) throw invalid([{ field: 'partnerOrganizationId', message: 'is not one of this organization’s partners' }]);
    }
    const alreadyIn =
      request.role === 'applicant'
        ? await this.dataSource.query(
            'SELECT 1 FROM organization_member m JOIN app_user u ON u.id = m.user_id WHERE m.organization_id = $1 AND u.email = $2',
            [organizationId, email],
          )
        : await this.dataSource.query(
            'SELECT 1 FROM partner_member m JOIN app_user u ON u.id = m.user_id WHERE m.partner_organization_id = $1 AND u.email = $2',
            [partnerOrganizationId, email],
          );
    if (alreadyIn.length > 0) {
      throw new MizanException(ErrorCode.Conflict, `${email} is already a member`, [{ field: 'email', code: FieldErrorCode.AlreadyExists, message: 'already a member' }]);
    }

    const token = randomBytes(32).toString('base64url');
    const invitation = await this.trail.record(async (manager) => {
      const agency = (await manager.query('SELECT agency_id FROM organization WHERE id = $1', [organizationId])) as { agency_id: string }[];
      const created = manager.create(Invitation, {
        organizationId,
        partnerOrganizationId,
        email,
        role: request.role,
        tokenHash: invitationTokenHash(token),
        invitedBy: auth.user.id,
        expiresAt: new Date(Date.now() + INVITATION_VALID_DAYS * 24 * 3600 * 1000),
        acceptedAt: null,
        acceptedUserId: null,
      });
      await manager.save(created);
      return {
        result: created,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: agency[0].agency_id,
            action: 'invitation.created',
            entityType: 'invitation',
            entityId: created.id,
            after: { organizationId, partnerOrganizationId, email, role: request.role, expiresAt: created.expiresAt.toISOString() },
          },
        ],
      };
    });
    return invitationView(invitation, token);
  }

  async list(auth: AuthenticatedRequestContext, organizationId: string): Promise<InvitationView[]> {
    await this.access.assertMember(auth, organizationId);
    const rows = await this.dataSource.getRepository(Invitation).find({ where: { organizationId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return rows.map((i) => invitationView(i));
  }

  /**
   * Creates the invited person's account (or links the existing one with that
   * email, which must then be proven with its password) and makes them a member.
   */
  async accept(request: AcceptInvitationRequest, clientIp: string): Promise<AcceptedInvitation> {
    const tokenHash = invitationTokenHash(request.token.trim());
    const found = await this.dataSource.getRepository(Invitation).findOneBy({ tokenHash });
    const invitation = this.assertAcceptable(found);
    const existing = await this.dataSource.getRepository(User).findOne({ where: { email: invitation.email }, relations: { roleRows: true } });
    const org = (await this.dataSource.query('SELECT agency_id, legal_name FROM organization WHERE id = $1', [invitation.organizationId])) as {
      agency_id: string;
      legal_name: string;
    }[];
    const { agency_id: agencyId, legal_name: organizationName } = org[0];

    let passwordHash: string | null = null;
    if (existing) {
      if (existing.agencyId !== agencyId) {
        throw new MizanException(ErrorCode.Conflict, 'An account with this email address belongs to another agency; ask the organization to invite another address');
      }
      if (!existing.active) throw new MizanException(ErrorCode.Conflict, 'The account with this email address is deactivated; contact the agency');
      // Anyone may invite any address of the agency and then try its password here: every check counts
      // towards the same lock-out as signing in, so this is no way around it.
      await this.throttle.before(invitation.email, clientIp);
      if (!(await verifyPassword(existing.passwordHash, request.password))) {
        await this.throttle.failed(invitation.email);
        throw invalid([{ field: 'password', message: 'You already have an account with this email address: enter its password to join' }]);
      }
      await this.throttle.succeeded(invitation.email);
    } else {
      passwordHash = await hashPassword(request.password);
    }

    try {
      return await this.join(invitation.id, request, existing, passwordHash, agencyId, organizationName);
    } catch (error) {
      const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
      if (driverError?.code === '23505' && driverError.constraint === 'uq_app_user_email') {
        throw new MizanException(ErrorCode.Conflict, 'An account with this email address was created a moment ago; please try again');
      }
      throw error;
    }
  }

  private join(
    invitationId: string,
    request: AcceptInvitationRequest,
    existing: User | null,
    passwordHash: string | null,
    agencyId: string,
    organizationName: string,
  ): Promise<AcceptedInvitation> {
    return this.trail.record(async (manager) => {
      // Re-read under lock: two tabs accepting at once must not both succeed.
      const locked = this.assertAcceptable(await manager.getRepository(Invitation).findOne({ where: { id: invitationId }, lock: { mode: 'pessimistic_write' } }));
      const role: Role = locked.role;
      const entries: TrailEntry[] = [];
      let user: User;
      if (existing) {
        user = existing;
        const before = existing.roles();
        if (!before.includes(role)) {
          await manager.insert(UserRole, { userId: user.id, role });
          entries.push({
            actor: { id: user.id, label: user.email },
            agencyId,
            action: 'user.roles_changed',
            entityType: 'user',
            entityId: user.id,
            before: { roles: before },
            after: { roles: [...before, role].sort() },
            reason: `Accepted an invitation to ${organizationName}`,
          });
        }
      } else {
        user = manager.create(User, { agencyId, email: locked.email, displayName: request.displayName.trim(), passwordHash: passwordHash as string, active: true });
        await manager.save(user);
        await manager.insert(UserRole, { userId: user.id, role });
        entries.push({
          actor: { id: user.id, label: user.email },
          agencyId,
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          after: { email: user.email, displayName: user.displayName, roles: [role] },
          reason: `Accepted an invitation to ${organizationName}`,
        });
      }
      if (locked.role === 'applicant') {
        await manager
          .createQueryBuilder()
          .insert()
          .into(OrganizationMember)
          .values({ organizationId: locked.organizationId, userId: user.id, roleInOrganization: 'member', skills: [] })
          .orIgnore()
          .execute();
      } else {
        await manager
          .createQueryBuilder()
          .insert()
          .into(PartnerMember)
          .values({ partnerOrganizationId: locked.partnerOrganizationId as string, userId: user.id })
          .orIgnore()
          .execute();
      }
      // The new member is screened against the sanctions list with the organization, in this transaction (issue 13).
      await this.screening.screenOrganization(manager, agencyId, locked.organizationId, { id: user.id, label: user.email });
      const acceptedAt = new Date();
      await manager.update(Invitation, { id: locked.id }, { acceptedAt, acceptedUserId: user.id });
      entries.push({
        actor: { id: user.id, label: user.email },
        agencyId,
        action: 'invitation.accepted',
        entityType: 'invitation',
        entityId: locked.id,
        before: { acceptedAt: null },
        after: { acceptedAt: acceptedAt.toISOString(), userId: user.id, organizationId: locked.organizationId, partnerOrganizationId: locked.partnerOrganizationId, role },
      });
      return {
        result: {
          email: user.email,
          role: locked.role,
          organizationId: locked.organizationId,
          organizationName,
          partnerOrganizationId: locked.partnerOrganizationId,
          accountCreated: !existing,
        },
        entries,
      };
    });
  }

  private assertAcceptable(invitation: Invitation | null): Invitation {
    if (!invitation) throw invalid([{ field: 'token', message: 'This invitation link is not valid: check that you copied all of it' }]);
    if (invitation.acceptedAt) {
      throw new MizanException(ErrorCode.InvitationAlreadyAccepted, 'This invitation has already been accepted; sign in instead');
    }
    if (invitation.expiresAt.getTime() <= Date.now()) {
      throw new MizanException(
        ErrorCode.InvitationExpired,
        `This invitation expired on ${invitation.expiresAt.toISOString().slice(0, 10)}; ask the organization to invite you again`,
      );
    }
    return invitation;
  }
}
