import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { can, ErrorCode, FieldProblem, OrganizationInput, OrganizationView, SetDueDiligenceRequest, UpdateOrganizationRequest, FieldErrorCode } from '@mizan/contracts';
import { isCalendarDateString } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import { auditOrganizationInScope, readsAsAuditor } from '@mizan/server/identity';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { PartyScreeningService } from '@mizan/server/screening';
import { TrailEntry, TrailService } from '@mizan/server/trail';
import { assertUuid, IntakeAccess } from '../access/intake-access.service';
import { DueDiligenceStatus, Organization, OrganizationMember } from '../entities/organization.entity';
import { actorOf } from './acting';
import { dateColumn, isoDateOf } from './dates';
import { invalid, normalizeOrganizationInput, OrganizationFields } from './organization-input';
import { organizationViews } from './organization-views';

export type OrganizationListFilter = DueDiligenceStatus | 'expired';

/** Changing any of these after clearance means the bank account must be checked again. */
const RECHECK_FIELDS = ['iban', 'legalName', 'accountHolder'] as const;

function duplicateRegistration(): MizanException {
  return new MizanException(ErrorCode.Conflict, 'An organization with this registration number is already registered in this country', [
    { field: 'registrationNumber', code: FieldErrorCode.AlreadyExists, message: 'already registered for this country' },
  ]);
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

function fieldsOf(org: Organization): OrganizationFields {
  return {
    legalName: org.legalName,
    registrationNumber: org.registrationNumber,
    hostlandCountry: org.hostlandCountry,
    address: org.address,
    foundedOn: dateColumn(org.foundedOn),
    contactEmail: org.contactEmail,
    contactPhone: org.contactPhone,
    iban: org.iban,
    accountHolder: org.accountHolder,
    holderExplanation: org.holderExplanation,
    thematicExpertise: org.thematicExpertise,
  };
}

function ddSnapshot(org: Organization): { status: DueDiligenceStatus; conditions: string | null; expiresOn: string | null } {
  return { status: org.ddStatus, conditions: org.ddConditions, expiresOn: dateColumn(org.ddExpiresOn) };
}

/** Diaspora organizations: registration by applicants, edits by members, due-diligence decisions by officers. */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly access: IntakeAccess,
    private readonly screening: PartyScreeningService,
  ) {}

  async register(auth: AuthenticatedRequestContext, input: OrganizationInput): Promise<OrganizationView> {
    const values = normalizeOrganizationInput(input, isoDateOf(new Date()));
    try {
      const id = await this.trail.record(async (manager) => {
        await this.assertRegistrationFree(manager, auth.user.agencyId, values, null);
        const org = manager.create(Organization, {
          ...values,
          agencyId: auth.user.agencyId,
          ddStatus: 'pending',
          version: 1,
          createdBy: auth.user.id,
        });
        await manager.save(org);
        await manager.insert(OrganizationMember, { organizationId: org.id, userId: auth.user.id, roleInOrganization: 'chair', skills: [] });
        // Screened against the sanctions list in this transaction (issue 13).
        await this.screening.screenOrganization(manager, auth.user.agencyId, org.id, actorOf(auth));
        return {
          result: org.id,
          entries: [
            {
              actor: actorOf(auth),
              agencyId: auth.user.agencyId,
              action: 'organization.registered',
              entityType: 'organization',
              entityId: org.id,
              after: { ...values, founder: auth.user.email },
            },
          ],
        };
      });
      return this.view(auth, id);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_organization_registration')) throw duplicateRegistration();
      throw error;
    }
  }

  /** Applicants: the organizations they belong to. Officers: every organization of their agency. */
  async list(auth: AuthenticatedRequestContext, filter?: OrganizationListFilter): Promise<OrganizationView[]> {
    const manager = this.dataSource.manager;
    const qb = manager.getRepository(Organization).createQueryBuilder('o');
    if (can(auth.user.roles(), 'due_diligence.review')) {
      qb.where('o.agency_id = :agencyId', { agencyId: auth.user.agencyId });
    } else if (readsAsAuditor(auth.user.roles())) {
      // Auditors (issue 12): their own organizations and those with a grant or application in an open engagement's scope.
      qb.where(`(o.id IN (SELECT m.organization_id FROM organization_member m WHERE m.user_id = :userId) OR (o.agency_id = :agencyId AND ${auditOrganizationInScope(':userId', 'o.id')}))`, {
        userId: auth.user.id,
        agencyId: auth.user.agencyId,
      });
    } else {
      qb.where('o.id IN (SELECT m.organization_id FROM organization_member m WHERE m.user_id = :userId)', { userId: auth.user.id });
    }
    const today = isoDateOf(new Date());
    if (filter === 'expired') {
      qb.andWhere(`o.dd_status IN ('cleared','conditional') AND o.dd_expires_on < :today`, { today });
    } else if (filter) {
      qb.andWhere('o.dd_status = :status', { status: filter });
    }
    const orgs = await qb.orderBy('o.legal_name', 'ASC').addOrderBy('o.id', 'ASC').getMany();
    return organizationViews(manager, orgs, today);
  }

  async get(auth: AuthenticatedRequestContext, organizationId: string): Promise<OrganizationView> {
    return this.view(auth, organizationId);
  }

  /**
   * Members edit with the version they opened: a stale version is refused
   * rather than silently overwriting a colleague's change.
   */
  async update(auth: AuthenticatedRequestContext, organizationId: string, request: UpdateOrganizationRequest): Promise<OrganizationView> {
    await this.access.assertMember(auth, organizationId);
    const { version, ...input } = request;
    const values = normalizeOrganizationInput(input, isoDateOf(new Date()));
    try {
      await this.trail.record(async (manager) => {
        const org = await this.lockOrganization(manager, organizationId);
        if (org.version !== version) {
          throw new MizanException(
            ErrorCode.Conflict,
            `This organization was changed by someone else since you opened it (you edited version ${version}, it is now at version ${org.version}). Reload it to see their changes, then apply yours again.`,
            [{ field: 'version', message: 'changed by someone else since you opened it' }],
          );
        }
        const before = fieldsOf(org);
        const changed = (Object.keys(values) as (keyof OrganizationFields)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(values[k]));
        if (changed.length === 0) return { result: undefined, entries: [] };
        if (changed.includes('registrationNumber') || changed.includes('hostlandCountry')) {
          await this.assertRegistrationFree(manager, org.agencyId, values, org.id);
        }

        const entries: TrailEntry[] = [
          {
            actor: actorOf(auth),
            agencyId: org.agencyId,
            action: 'organization.updated',
            entityType: 'organization',
            entityId: org.id,
            before: Object.fromEntries(changed.map((k) => [k, before[k]])),
            after: { ...Object.fromEntries(changed.map((k) => [k, values[k]])), version: org.version + 1 },
          },
        ];
        const recheck = RECHECK_FIELDS.filter((k) => changed.includes(k));
        const reopen = recheck.length > 0 && (org.ddStatus === 'cleared' || org.ddStatus === 'conditional');
        if (reopen) {
          entries.push({
            actor: actorOf(auth),
            agencyId: org.agencyId,
            action: 'due_diligence.reopened',
            entityType: 'organization',
            entityId: org.id,
            before: ddSnapshot(org),
            after: { status: 'pending', conditions: null, expiresOn: null },
            reason: `Changed after due diligence: ${recheck.join(', ')}; the bank account and name must be checked again`,
          });
        }
        await manager.update(
          Organization,
          { id: org.id },
          {
            ...values,
            version: org.version + 1,
            ...(reopen ? { ddStatus: 'pending' as const, ddConditions: null, ddExpiresOn: null, ddReviewedBy: null, ddReviewedAt: null } : {}),
          },
        );
        if (changed.includes('legalName') || changed.includes('accountHolder')) await this.screening.screenOrganization(manager, org.agencyId, org.id, actorOf(auth));
        return { result: undefined, entries };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_organization_registration')) throw duplicateRegistration();
      throw error;
    }
    return this.view(auth, organizationId);
  }

  /** Officers of the organization's agency decide its due-diligence status; the decision is on the trail with its reason. */
  async setDueDiligence(auth: AuthenticatedRequestContext, organizationId: string, request: SetDueDiligenceRequest): Promise<OrganizationView> {
    await this.assertOfficerOf(auth, organizationId);
    const today = isoDateOf(new Date());
    const fields: FieldProblem[] = [];
    const conditions = request.conditions?.trim() || null;
    const expiresOn = request.expiresOn?.trim() || null;
    const clearing = request.status === 'cleared' || request.status === 'conditional';
    if (clearing) {
      if (expiresOn === null) fields.push({ field: 'expiresOn', message: `required when the status is ${request.status}` });
      else if (!isCalendarDateString(expiresOn)) fields.push({ field: 'expiresOn', message: 'must be a date like 2028-06-30' });
      else if (expiresOn <= today) fields.push({ field: 'expiresOn', message: 'must be in the future' });
    } else if (expiresOn !== null) {
      fields.push({ field: 'expiresOn', message: 'a rejection does not expire: leave it empty' });
    }
    if (request.status === 'conditional' && conditions === null) fields.push({ field: 'conditions', message: 'say which conditions apply' });
    if (request.status !== 'conditional' && conditions !== null) fields.push({ field: 'conditions', message: 'only a conditional clearance has conditions' });
    if (request.reason.trim() === '') fields.push({ field: 'reason', code: FieldErrorCode.ReasonRequired, message: 'must say why' });
    if (fields.length > 0) throw invalid(fields);

    await this.trail.record(async (manager) => {
      const org = await this.lockOrganization(manager, organizationId);
      const after = { status: request.status, conditions, expiresOn };
      await manager.update(
        Organization,
        { id: org.id },
        { ddStatus: request.status, ddConditions: conditions, ddExpiresOn: expiresOn, ddReviewedBy: auth.user.id, ddReviewedAt: new Date() },
      );
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: org.agencyId,
            action: 'due_diligence.status_set',
            entityType: 'organization',
            entityId: org.id,
            before: ddSnapshot(org),
            after,
            reason: request.reason.trim(),
          },
        ],
      };
    });
    return this.view(auth, organizationId);
  }

  /** 404 unless the caller is an officer (due-diligence reviewer) of the organization's agency. */
  async assertOfficerOf(auth: AuthenticatedRequestContext, organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    assertUuid(organizationId, 'Organization');
    const rows = (await manager.query('SELECT agency_id FROM organization WHERE id = $1', [organizationId])) as { agency_id: string }[];
    if (!rows[0] || rows[0].agency_id !== auth.user.agencyId || !can(auth.user.roles(), 'due_diligence.review')) {
      throw MizanException.notFound('Organization');
    }
  }

  private async view(auth: AuthenticatedRequestContext, organizationId: string): Promise<OrganizationView> {
    await this.access.assertOrganizationVisible(auth, organizationId);
    const org = await this.dataSource.getRepository(Organization).findOneByOrFail({ id: organizationId });
    const [view] = await organizationViews(this.dataSource.manager, [org]);
    return view;
  }

  private async lockOrganization(manager: EntityManager, organizationId: string): Promise<Organization> {
    const org = await manager.getRepository(Organization).findOne({ where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw MizanException.notFound('Organization');
    return org;
  }

  private async assertRegistrationFree(manager: EntityManager, agencyId: string, values: OrganizationFields, exceptId: string | null): Promise<void> {
    const rows = (await manager.query(
      `SELECT id FROM organization WHERE agency_id = $1 AND hostland_country = $2 AND registration_number = $3 AND ($4::uuid IS NULL OR id <> $4::uuid)`,
      [agencyId, values.hostlandCountry, values.registrationNumber, exceptId],
    )) as { id: string }[];
    if (rows.length > 0) throw duplicateRegistration();
  }
}
