import { DataSource } from 'typeorm';
import type { ApplicationContent } from '@mizan/domain';
import type { Role } from '@mizan/contracts';
import { User, UserRole, hashPassword } from '@mizan/server/identity';
import { TEST_PASSWORD } from '@mizan/server/testing';

/**
 * Test data for the application specs, written straight to the database so
 * these specs do not depend on the program, call and organization routes
 * (built alongside). Only what an application needs.
 */

let passwordHash: Promise<string> | undefined;

export async function createUser(ds: DataSource, agencyId: string, email: string, role: Role): Promise<User> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await ds.getRepository(User).save({ agencyId, email, displayName: email, passwordHash: await passwordHash, active: true });
  await ds.getRepository(UserRole).insert({ userId: user.id, role });
  return user;
}

async function insertReturningId(ds: DataSource, sql: string, params: unknown[]): Promise<string> {
  const rows = (await ds.query(sql, params)) as { id: string }[];
  return rows[0].id;
}

export async function createProgram(ds: DataSource, agencyId: string, createdBy: string): Promise<string> {
  return insertReturningId(
    ds,
    `INSERT INTO program (agency_id, name, countries, themes, budget_minor, currency, period_start, period_end, created_by)
     VALUES ($1, 'Iraq Co-Development 2027', '{IQ}', '{health}', 10000000000, 'SEK', '2027-01-01', '2029-12-31', $2) RETURNING id`,
    [agencyId, createdBy],
  );
}

export interface CallOptions {
  programId: string;
  agencyId: string;
  createdBy: string;
  /** Seconds from now; negative is in the past. */
  opensInSeconds?: number;
  closesInSeconds?: number;
  status?: 'draft' | 'published';
  maxGrantMinor?: string;
  adminCapBp?: number;
  minCofundingBp?: number;
  requirePartner?: boolean;
  timeZone?: string;
}

export async function createCall(ds: DataSource, o: CallOptions): Promise<string> {
  return insertReturningId(
    ds,
    `INSERT INTO grant_call (program_id, agency_id, status, title, description, time_zone, opens_at, closes_at, currency, envelope_minor,
                             max_grant_minor, min_cofunding_bp, admin_cap_bp, host_countries, require_partner, min_organization_age_months,
                             required_documents, rubric, published_at, created_by)
     VALUES ($1, $2, $3, 'Health partnerships', 'Mental health care with partners in Iraq', $4,
             now() + make_interval(secs => $5), now() + make_interval(secs => $6), 'SEK', 9000000000000000000,
             $7, $8, $9, '{SE,GB,DE}', $10, 12, '{}', '{"criteria":[],"scale":[]}', now(), $11) RETURNING id`,
    [
      o.programId,
      o.agencyId,
      o.status ?? 'published',
      o.timeZone ?? 'Europe/Stockholm',
      o.opensInSeconds ?? -86_400,
      o.closesInSeconds ?? 30 * 86_400,
      o.maxGrantMinor ?? '100000000',
      o.minCofundingBp ?? 1000,
      o.adminCapBp ?? 700,
      o.requirePartner ?? true,
      o.createdBy,
    ],
  );
}

export async function createOrganization(ds: DataSource, agencyId: string, name: string, memberIds: string[]): Promise<string> {
  const id = await insertReturningId(
    ds,
    `INSERT INTO organization (agency_id, legal_name, registration_number, hostland_country, address, founded_on, contact_email, iban, account_holder, created_by)
     VALUES ($1, $2, $3, 'SE', 'Storgatan 1, Stockholm', '2015-05-01', 'info@example.org', 'SE4550000000058398257466', $2, $4) RETURNING id`,
    [agencyId, name, `802${Math.floor(Math.random() * 1e7)}`, memberIds[0]],
  );
  for (const userId of memberIds) {
    await ds.query(`INSERT INTO organization_member (organization_id, user_id, role_in_organization) VALUES ($1, $2, 'board member')`, [id, userId]);
  }
  return id;
}

export async function createPartner(ds: DataSource, organizationId: string, name: string, governorate: string, memberIds: string[] = []): Promise<string> {
  const id = await insertReturningId(
    ds,
    `INSERT INTO partner_organization (organization_id, name, governorate_code, local_registration_number, contact_person, relationship)
     VALUES ($1, $2, $3, 'NGO-1234', 'Layla Hassan', 'long-standing partner') RETURNING id`,
    [organizationId, name, governorate],
  );
  for (const userId of memberIds) {
    await ds.query(`INSERT INTO partner_member (partner_organization_id, user_id) VALUES ($1, $2)`, [id, userId]);
  }
  return id;
}

/**
 * Content that meets the default call's rules: 960,000.00 SEK budget of which
 * 6.25 % administration (cap 7 %), 10.41 % co-funding (minimum 10 %),
 * 860,000.00 SEK requested (the default call's maximum grant is 1,000,000.00 SEK).
 */
export function goodContent(partnerIds: string[], overrides: Partial<ApplicationContent> = {}): ApplicationContent {
  return {
    title: 'Mental health first aid in Basra',
    partnerIds,
    summary: 'Training community health workers in psychological first aid.',
    outcomes: [
      {
        id: 'oc1',
        title: 'Better access to mental health support',
        outputs: [
          {
            id: 'op1',
            title: 'Health workers trained',
            indicators: [{ id: 'in1', name: 'Workers trained', unit: 'persons', baseline: '0', target: '120', meansOfVerification: 'attendance lists' }],
          },
        ],
      },
    ],
    activities: [{ id: 'ac1', title: 'Training of trainers', governorates: ['IQ-BA'], months: [1, 2, 3] }],
    budgetLines: [
      { id: 'b1', category: 'personnel', year: 2027, description: 'Trainers', amountMinor: '60000000' },
      { id: 'b2', category: 'activities', year: 2027, description: 'Workshops', amountMinor: '30000000' },
      { id: 'b3', category: 'admin', year: 2027, description: 'Office', amountMinor: '6000000' },
    ],
    cofunding: [{ id: 'c1', source: 'Own funds', amountMinor: '10000000', confirmed: true }],
    risks: [{ id: 'r1', area: 'security', description: 'Unrest', likelihood: 'medium', impact: 'high', mitigation: 'Remote sessions' }],
    monitoringPlan: 'Quarterly visits by the partner.',
    durationMonths: 12,
    ...overrides,
  };
}

/** A multipart body with one file and a description, as a browser would send it. Binary-safe only for ASCII bytes. */
export function multipart(fileName: string, bytes: string, description = 'Annex'): { rawBody: string; headers: Record<string, string> } {
  const boundary = '----mizan-test-boundary-7d93';
  const rawBody = [
    `--${boundary}`,
    'Content-Disposition: form-data; name="description"',
    '',
    description,
    `--${boundary}`,
    `Content-Disposition: form-data; name="file"; filename="${fileName}"`,
    'Content-Type: application/pdf',
    '',
    bytes,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { rawBody, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const PDF_BYTES = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
/** An ELF executable header: what a renamed program looks like. */
export const ELF_BYTES = '\x7fELF\x02\x01\x01\x00 not really a program';
