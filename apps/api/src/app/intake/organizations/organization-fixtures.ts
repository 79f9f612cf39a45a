import { DataSource } from 'typeorm';
import { API_PREFIX, IntakePaths, OrganizationInput, OrganizationView, PartnerInput, PartnerView, Role } from '@mizan/contracts';
import { User, UserRole, hashPassword } from '@mizan/server/identity';
import { TEST_PASSWORD } from '@mizan/server/testing';
import type { ApiHarness } from '../../../testing/api-harness';

/** Test data for the organization specs: valid inputs and shortcuts through the real api. */

export const VALID_IBANS = ['SE45 5000 0000 0583 9825 7466', 'GB82 WEST 1234 5698 7654 32', 'DE89 3704 0044 0532 0130 00'] as const;

export const ORGS = `${API_PREFIX}/${IntakePaths.organizations}`;

let counter = 0;

export function organizationInput(overrides: Partial<OrganizationInput> = {}): OrganizationInput {
  counter += 1;
  const legalName = overrides.legalName ?? `Bro till Basra ${counter}`;
  return {
    legalName,
    registrationNumber: `802456-${String(1000 + counter)}`,
    hostlandCountry: 'SE',
    address: 'Storgatan 1, 111 22 Stockholm',
    foundedOn: '2015-04-01',
    contactEmail: `board${counter}@example.org`,
    contactPhone: '+46 8 123 456 78',
    iban: VALID_IBANS[0],
    accountHolder: legalName,
    holderExplanation: null,
    thematicExpertise: ['water', 'education'],
    ...overrides,
  };
}

export function partnerInput(overrides: Partial<PartnerInput> = {}): PartnerInput {
  return {
    name: 'Basra Water Collective',
    governorateCode: 'IQ-BA',
    localRegistrationNumber: 'NGO-1R-12345',
    contactPerson: 'Layla Hassan',
    contactEmail: 'layla@basra-water.example',
    contactPhone: '+964 770 123 4567',
    relationship: 'Implementing partner since 2019',
    ...overrides,
  };
}

export async function registerOrganization(api: ApiHarness, cookie: string, overrides: Partial<OrganizationInput> = {}): Promise<OrganizationView> {
  const response = await api.request('POST', ORGS, { cookie, body: organizationInput(overrides) });
  if (response.statusCode !== 201) throw new Error(`registering failed: ${response.statusCode} ${response.body}`);
  return response.json<OrganizationView>();
}

export async function addPartner(api: ApiHarness, cookie: string, organizationId: string, overrides: Partial<PartnerInput> = {}): Promise<PartnerView> {
  const response = await api.request('POST', `${ORGS}/${organizationId}/partners`, { cookie, body: partnerInput(overrides) });
  if (response.statusCode !== 201) throw new Error(`adding a partner failed: ${response.statusCode} ${response.body}`);
  return response.json<PartnerView>();
}

/** Another user of an agency (TEST_PASSWORD), for specs that need two applicants or two partners. */
export async function addUser(dataSource: DataSource, agencyId: string, email: string, role: Role): Promise<User> {
  const user = await dataSource.getRepository(User).save({ agencyId, email, displayName: email.split('@')[0], passwordHash: await hashPassword(TEST_PASSWORD), active: true });
  await dataSource.getRepository(UserRole).insert({ userId: user.id, role });
  return user;
}

export async function trailOf(dataSource: DataSource, entityId: string): Promise<{ action: string; before: unknown; after: unknown; reason: string | null; actor_label: string }[]> {
  return dataSource.query('SELECT action, before, after, reason, actor_label FROM activity_record WHERE entity_id = $1 ORDER BY seq', [entityId]);
}

export async function trailCount(dataSource: DataSource): Promise<number> {
  return (await dataSource.query('SELECT count(*)::int AS n FROM activity_record'))[0].n as number;
}

/** The editable part of a view, to send back with a change. */
export function toInput(org: OrganizationView): OrganizationInput {
  return {
    legalName: org.legalName,
    registrationNumber: org.registrationNumber,
    hostlandCountry: org.hostlandCountry,
    address: org.address,
    foundedOn: org.foundedOn,
    contactEmail: org.contactEmail,
    contactPhone: org.contactPhone,
    iban: org.iban,
    accountHolder: org.accountHolder,
    holderExplanation: org.holderExplanation,
    thematicExpertise: org.thematicExpertise,
  };
}
