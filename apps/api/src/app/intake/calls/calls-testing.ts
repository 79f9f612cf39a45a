import { DataSource } from 'typeorm';
import type { CreateCallRequest, CreateProgramRequest } from '@mizan/contracts';
import { ApplicationContent, ApplicationState, budgetTotals, emptyApplicationContent, instantToZonedLocal } from '@mizan/domain';

/* Request bodies and direct database rows shared by the calls integration specs. */

export function programRequest(overrides: Partial<CreateProgramRequest> = {}): CreateProgramRequest {
  return {
    name: 'Iraq Co-Development 2027',
    countries: ['IQ'],
    themes: ['livelihoods', 'water'],
    budgetMinor: '5000000000',
    currency: 'SEK',
    periodStart: '2027-01-01',
    periodEnd: '2029-12-31',
    ...overrides,
  };
}

export const SCALE = ['Not addressed', 'Poor', 'Fair', 'Good', 'Very good', 'Excellent'];

export function callRequest(overrides: Partial<CreateCallRequest> = {}): CreateCallRequest {
  return {
    title: 'Water and livelihoods 2027',
    description: 'Small grants for diaspora-led projects.',
    timeZone: 'Europe/Stockholm',
    opensAtLocal: '2027-01-15T09:00',
    closesAtLocal: '2027-03-31T17:00',
    envelopeMinor: '500000000',
    maxGrantMinor: '50000000',
    minCofundingBp: 1000,
    adminCapBp: 700,
    hostCountries: ['SE'],
    requirePartner: true,
    minOrganizationAgeMonths: 12,
    requiredDocuments: ['statutes', 'board_list'],
    rubric: {
      criteria: [
        { id: 'relevance', title: 'Relevance', description: 'Fits the call', weight: 40 },
        { id: 'feasibility', title: 'Feasibility', description: 'Can be done', weight: 35 },
        { id: 'partnership', title: 'Partnership', description: 'Real local ownership', weight: 25 },
      ],
      scale: SCALE,
    },
    ...overrides,
  };
}

/** A window around `now` expressed in UTC local time, for calls that must be open (or not) right now. */
export function windowAround(now: Date, opensInMinutes: number, closesInMinutes: number): Pick<CreateCallRequest, 'timeZone' | 'opensAtLocal' | 'closesAtLocal'> {
  return {
    timeZone: 'UTC',
    opensAtLocal: instantToZonedLocal(new Date(now.getTime() + opensInMinutes * 60_000), 'UTC'),
    closesAtLocal: instantToZonedLocal(new Date(now.getTime() + closesInMinutes * 60_000), 'UTC'),
  };
}

export async function insertOrganization(
  ds: DataSource,
  o: { agencyId: string; createdBy: string; name: string; hostland?: string; foundedOn?: string | null; ddStatus?: string; ddExpiresOn?: string | null },
): Promise<string> {
  const rows = (await ds.query(
    `INSERT INTO organization (agency_id, legal_name, registration_number, hostland_country, address, founded_on, contact_email, iban, account_holder,
                               dd_status, dd_expires_on, created_by)
     VALUES ($1, $2, $3, $4, 'Storgatan 1, Stockholm', $5, 'info@example.org', 'SE4550000000058398257466', $2, $6, $7, $8) RETURNING id`,
    [o.agencyId, o.name, `REG-${Math.random().toString(36).slice(2, 10)}`, o.hostland ?? 'SE', o.foundedOn ?? '2015-05-01', o.ddStatus ?? 'pending', o.ddExpiresOn ?? null, o.createdBy],
  )) as { id: string }[];
  return rows[0].id;
}

export async function insertPartner(ds: DataSource, organizationId: string, governorateCode: string): Promise<string> {
  const rows = (await ds.query(
    `INSERT INTO partner_organization (organization_id, name, governorate_code, local_registration_number, contact_person, relationship)
     VALUES ($1, $2, $3, 'NGO-1', 'Layla', 'long-standing') RETURNING id`,
    [organizationId, `Partner in ${governorateCode}`, governorateCode],
  )) as { id: string }[];
  return rows[0].id;
}

export async function insertDocument(ds: DataSource, agencyId: string, organizationId: string, kind: string, uploadedBy: string): Promise<void> {
  const stored = (await ds.query(
    `INSERT INTO stored_document (agency_id, kind, file_name, content_type, storage_key, sha256, size_bytes)
     VALUES ($1, 'due_diligence', $2, 'application/pdf', $3, $4, 10) RETURNING id`,
    [agencyId, `${kind}.pdf`, `dd/${kind}-${Math.random()}`, 'a'.repeat(64)],
  )) as { id: string }[];
  await ds.query(
    `INSERT INTO due_diligence_document (organization_id, kind, stored_document_id, original_name, uploaded_by) VALUES ($1, $2, $3, $4, $5)`,
    [organizationId, kind, stored[0].id, `${kind}.pdf`, uploadedBy],
  );
}

/** An application row written straight to the table: these specs test the calls area, not submission. */
export async function insertApplication(
  ds: DataSource,
  a: {
    callId: string;
    organizationId: string;
    agencyId: string;
    userId: string;
    state: ApplicationState;
    title?: string;
    submittedAt?: Date | null;
    content?: ApplicationContent;
    partnerIds?: string[];
  },
): Promise<string> {
  const submitted = a.state !== 'draft';
  const submittedAt = a.submittedAt === undefined ? (submitted ? new Date() : null) : a.submittedAt;
  const rows = (await ds.query(
    `INSERT INTO application (call_id, organization_id, agency_id, state, title, content, currency, requested_minor, receipt_number, submitted_at, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'SEK', 0, $7, $8, $9, $9) RETURNING id`,
    [
      a.callId,
      a.organizationId,
      a.agencyId,
      a.state,
      a.title ?? `Application ${a.state}`,
      JSON.stringify(a.content ?? emptyApplicationContent(a.title ?? '')),
      submitted ? `MZ-${Math.random().toString(36).slice(2, 10)}` : null,
      submittedAt,
      a.userId,
    ],
  )) as { id: string }[];
  for (const partnerId of a.partnerIds ?? []) {
    await ds.query('INSERT INTO application_partner (application_id, partner_organization_id) VALUES ($1, $2)', [rows[0].id, partnerId]);
  }
  return rows[0].id;
}

/**
 * A submitted version of an application, as submission freezes it: the content and its budget totals (the screening
 * summary judges from those). `totals` overrides them (a version an older release wrote, say).
 */
export async function insertVersion(
  ds: DataSource,
  v: { applicationId: string; content: ApplicationContent; userId: string; number?: number; receipt?: string; totals?: Record<string, unknown> },
): Promise<void> {
  const t = budgetTotals(v.content);
  const totals = v.totals ?? {
    totalBudgetMinor: t.totalBudgetMinor.toString(),
    cofundingMinor: t.cofundingMinor.toString(),
    requestedMinor: t.requestedMinor.toString(),
    adminMinor: t.adminMinor.toString(),
    adminShareBp: t.adminShareBp,
    cofundingShareBp: t.cofundingShareBp,
  };
  const number = v.number ?? 1;
  await ds.query(
    `INSERT INTO application_version (application_id, number, kind, content, totals, eligibility, call_version, content_sha256, receipt_number, submitted_by, submitted_at)
     VALUES ($1, $2, $3, $4, $5, '[]', 1, $6, $7, $8, now())`,
    [v.applicationId, number, number === 1 ? 'submission' : 'resubmission', JSON.stringify(v.content), JSON.stringify(totals), 'c'.repeat(64), v.receipt ?? `MZ-V-${Math.random().toString(36).slice(2, 12)}`, v.userId],
  );
}

/** Content that passes every content rule: a logframe with an indicator, a located activity, and this budget (minor units). */
export function eligibleContent(partnerIds: string[], budget: { work: number; admin: number; cofunding: number } = { work: 900_000, admin: 50_000, cofunding: 100_000 }): ApplicationContent {
  return {
    ...emptyApplicationContent('Clean water in Basra'),
    partnerIds,
    summary: 'Wells and training',
    outcomes: [
      {
        id: 'o1',
        title: 'Safer water',
        outputs: [{ id: 'p1', title: 'Wells', indicators: [{ id: 'i1', name: 'Wells built', unit: 'wells', baseline: '0', target: '4', meansOfVerification: 'Site visits' }] }],
      },
    ],
    activities: [{ id: 'a1', title: 'Drill wells', governorates: ['IQ-BA'], months: [1, 2, 3] }],
    budgetLines: [
      { id: 'b1', category: 'activities', year: 2027, description: 'Drilling', amountMinor: String(budget.work) },
      { id: 'b2', category: 'admin', year: 2027, description: 'Office', amountMinor: String(budget.admin) },
    ],
    cofunding: [{ id: 'c1', source: 'Own funds', amountMinor: String(budget.cofunding), confirmed: true }],
  };
}
