import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { FieldProblem, PartnerInput, PartnerView } from '@mizan/contracts';
import { IRAQ_GOVERNORATES, PartnerViewer, SecurityLevel, partnerContactVisible } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { PartyScreeningService } from '@mizan/server/screening';
import { TrailService } from '@mizan/server/trail';
import { assertUuid, IntakeAccess } from '../access/intake-access.service';
import { Governorate, PartnerOrganization } from '../entities/organization.entity';
import { invalid } from './organization-input';
import { actorOf } from './acting';

/** What a viewer sees instead of the contact person of a partner whose contact data is withheld. */
export const WITHHELD_CONTACT = 'Withheld: partner in a restricted governorate';

/**
 * A partner as `viewer` may see it: in restricted and no-access governorates the
 * personal contact data is withheld from users of other partner organizations
 * (DESIGN.md, "Fragile contexts"). Other areas showing partners must use this.
 */
export function partnerView(partner: PartnerOrganization, securityLevel: SecurityLevel, viewer: PartnerViewer): PartnerView {
  const visible = partnerContactVisible(securityLevel, viewer);
  return {
    id: partner.id,
    organizationId: partner.organizationId,
    name: partner.name,
    governorateCode: partner.governorateCode,
    localRegistrationNumber: partner.localRegistrationNumber,
    relationship: partner.relationship,
    contactPerson: visible ? partner.contactPerson : WITHHELD_CONTACT,
    contactEmail: visible ? partner.contactEmail : null,
    contactPhone: visible ? partner.contactPhone : null,
    createdAt: partner.createdAt.toISOString(),
  };
}

/** Partner organizations in the country of origin, registered and kept by the diaspora organization's members. */
@Injectable()
export class PartnersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly access: IntakeAccess,
    private readonly screening: PartyScreeningService,
  ) {}

  async create(auth: AuthenticatedRequestContext, organizationId: string, input: PartnerInput): Promise<PartnerView> {
    await this.access.assertMember(auth, organizationId);
    const values = await this.normalize(input);
    const partner = await this.trail.record(async (manager) => {
      const agencyId = await this.agencyOf(manager, organizationId);
      const created = manager.create(PartnerOrganization, { ...values, organizationId });
      await manager.save(created);
      await this.screening.screenOrganization(manager, agencyId, organizationId, actorOf(auth));
      return {
        result: created,
        entries: [
          { actor: actorOf(auth), agencyId, action: 'partner.registered', entityType: 'partner_organization', entityId: created.id, after: { organizationId, ...values } },
        ],
      };
    });
    return this.viewFor(partner, 'organization_member');
  }

  async list(auth: AuthenticatedRequestContext, organizationId: string): Promise<PartnerView[]> {
    await this.access.assertOrganizationVisible(auth, organizationId);
    const member = (await this.access.organizationIdsOf(auth.user.id)).includes(organizationId);
    const partners = await this.dataSource.getRepository(PartnerOrganization).find({ where: { organizationId }, order: { name: 'ASC', id: 'ASC' } });
    return this.viewsFor(partners, member ? 'organization_member' : 'officer');
  }

  async update(auth: AuthenticatedRequestContext, organizationId: string, partnerId: string, input: PartnerInput): Promise<PartnerView> {
    await this.access.assertMember(auth, organizationId);
    assertUuid(partnerId, 'Partner organization');
    const values = await this.normalize(input);
    const partner = await this.trail.record(async (manager) => {
      const current = await manager
        .getRepository(PartnerOrganization)
        .findOne({ where: { id: partnerId, organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw MizanException.notFound('Partner organization');
      const changed = (Object.keys(values) as (keyof PartnerInput)[]).filter((k) => current[k] !== values[k]);
      if (changed.length === 0) return { result: current, entries: [] };
      const agencyId = await this.agencyOf(manager, organizationId);
      await manager.update(PartnerOrganization, { id: partnerId }, values);
      if (changed.includes('name') || changed.includes('contactPerson')) await this.screening.screenOrganization(manager, agencyId, organizationId, actorOf(auth));
      return {
        result: { ...current, ...values },
        entries: [
          {
            actor: actorOf(auth),
            agencyId,
            action: 'partner.updated',
            entityType: 'partner_organization',
            entityId: partnerId,
            before: Object.fromEntries(changed.map((k) => [k, current[k]])),
            after: Object.fromEntries(changed.map((k) => [k, values[k]])),
          },
        ],
      };
    });
    return this.viewFor(partner, 'organization_member');
  }

  /** A partner user's own partner organization(s), and nothing else. */
  async mine(auth: AuthenticatedRequestContext): Promise<PartnerView[]> {
    const ids = await this.access.partnerOrganizationIdsOf(auth.user.id);
    if (ids.length === 0) return [];
    const partners = await this.dataSource.getRepository(PartnerOrganization).find({ where: { id: In(ids) }, order: { name: 'ASC', id: 'ASC' } });
    return this.viewsFor(partners, 'partner_member');
  }

  private async viewFor(partner: PartnerOrganization, viewer: PartnerViewer): Promise<PartnerView> {
    const [view] = await this.viewsFor([partner], viewer);
    return view;
  }

  private async viewsFor(partners: PartnerOrganization[], viewer: PartnerViewer): Promise<PartnerView[]> {
    const governorates = await this.dataSource.getRepository(Governorate).find();
    const level = new Map(governorates.map((g) => [g.code, g.securityLevel]));
    // An unknown level is treated as the most fragile one.
    return partners.map((p) => partnerView(p, level.get(p.governorateCode) ?? 'no_access', viewer));
  }

  private async agencyOf(manager: EntityManager, organizationId: string): Promise<string> {
    const rows = (await manager.query('SELECT agency_id FROM organization WHERE id = $1', [organizationId])) as { agency_id: string }[];
    if (!rows[0]) throw MizanException.notFound('Organization');
    return rows[0].agency_id;
  }

  private async normalize(input: PartnerInput): Promise<PartnerInput> {
    const fields: FieldProblem[] = [];
    const required = (field: keyof PartnerInput, value: string): string => {
      const v = value.trim();
      if (v === '') fields.push({ field, message: 'must not be empty' });
      return v;
    };
    const name = required('name', input.name);
    const localRegistrationNumber = required('localRegistrationNumber', input.localRegistrationNumber);
    const contactPerson = required('contactPerson', input.contactPerson);
    const relationship = required('relationship', input.relationship);
    const governorateCode = input.governorateCode.trim().toUpperCase();
    const known = await this.dataSource.getRepository(Governorate).existsBy({ code: governorateCode });
    if (!known) {
      fields.push({ field: 'governorateCode', message: `unknown governorate: use one of ${IRAQ_GOVERNORATES.map((g) => g.code).join(', ')}` });
    }
    if (fields.length > 0) throw invalid(fields);
    return {
      name,
      governorateCode,
      localRegistrationNumber,
      contactPerson,
      contactEmail: input.contactEmail?.trim().toLowerCase() || null,
      contactPhone: input.contactPhone?.trim() || null,
      relationship,
    };
  }
}
