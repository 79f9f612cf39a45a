import {
  expect,
  request as playwrightRequest,
  type APIRequestContext,
} from '@playwright/test';
import type {
  ApplicationView,
  CallView,
  CreateCallRequest,
  CreateProgramRequest,
  OrganizationView,
  PartnerView,
  ProgramView,
  SubmitReceipt,
} from '@mizan/contracts';
import type { ApplicationContent } from '@mizan/domain';
import { DEMO_PASSWORD, demoEmail, type DemoUser } from './demo';

/*
 * Test data for the officer's specs, made through the api as the demo users
 * would make it, so each spec stands on its own (no demo intake data needed).
 */

const API = '/api/v1';

export function baseUrl(): string {
  return process.env['E2E_BASE_URL'] ?? 'http://127.0.0.1:3000';
}

/** An api client signed in as a demo user (its own cookie jar). */
export async function apiAs(role: DemoUser): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: baseUrl() });
  const response = await api.post(`${API}/auth/sign-in`, {
    data: { email: demoEmail(role), password: DEMO_PASSWORD },
  });
  expect(response.status(), `sign-in as ${role}`).toBe(200);
  return api;
}

async function json<T>(
  call: Promise<import('@playwright/test').APIResponse>,
  what: string,
): Promise<T> {
  const response = await call;
  if (!response.ok()) {
    throw new Error(`${what}: ${response.status()} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** "YYYY-MM-DDTHH:mm" in UTC, `minutes` from now. */
export function utcLocal(minutesFromNow: number): string {
  return new Date(Date.now() + minutesFromNow * 60_000)
    .toISOString()
    .slice(0, 16);
}

export function createProgram(
  officer: APIRequestContext,
  name: string,
): Promise<ProgramView> {
  const request: CreateProgramRequest = {
    name,
    countries: ['IQ'],
    themes: ['Mental health'],
    budgetMinor: '5000000000',
    currency: 'SEK',
    periodStart: '2026-01-01',
    periodEnd: '2029-12-31',
  };
  return json(officer.post(`${API}/programs`, { data: request }), 'create program');
}

/** A call open now (opened ten minutes ago, closes in thirty days), published. */
export async function createOpenCall(
  officer: APIRequestContext,
  programId: string,
  title: string,
): Promise<CallView> {
  const request: CreateCallRequest = {
    title,
    description: 'Small grants for diaspora-led health projects.',
    timeZone: 'UTC',
    opensAtLocal: utcLocal(-10),
    closesAtLocal: utcLocal(30 * 24 * 60),
    envelopeMinor: '500000000',
    maxGrantMinor: '100000000',
    minCofundingBp: 1000,
    adminCapBp: 700,
    hostCountries: ['SE'],
    requirePartner: true,
    minOrganizationAgeMonths: 12,
    requiredDocuments: ['statutes'],
    rubric: {
      criteria: [
        { id: 'relevance', title: 'Relevance', description: 'Fits the call', weight: 60 },
        { id: 'feasibility', title: 'Feasibility', description: 'Can be done', weight: 40 },
      ],
      scale: ['Not addressed', 'Poor', 'Fair', 'Good', 'Very good', 'Excellent'],
    },
  };
  const draft = await json<CallView>(
    officer.post(`${API}/programs/${programId}/calls`, { data: request }),
    'create call',
  );
  return json(officer.post(`${API}/calls/${draft.id}/publish`), 'publish call');
}

export function registerOrganization(
  applicant: APIRequestContext,
  legalName: string,
): Promise<OrganizationView> {
  return json(
    applicant.post(`${API}/organizations`, {
      data: {
        legalName,
        registrationNumber: `802${Date.now() % 10_000_000}`,
        hostlandCountry: 'SE',
        address: 'Storgatan 1, 111 22 Stockholm',
        foundedOn: '2015-05-01',
        contactEmail: 'info@example.org',
        contactPhone: null,
        iban: 'SE4550000000058398257466',
        accountHolder: legalName,
        holderExplanation: null,
        thematicExpertise: ['mental health'],
      },
    }),
    'register organization',
  );
}

export function addPartner(
  applicant: APIRequestContext,
  organizationId: string,
  name: string,
  governorateCode = 'IQ-BA',
): Promise<PartnerView> {
  return json(
    applicant.post(`${API}/organizations/${organizationId}/partners`, {
      data: {
        name,
        governorateCode,
        localRegistrationNumber: 'NGO-1234',
        contactPerson: 'Layla Hassan',
        contactEmail: null,
        contactPhone: null,
        relationship: 'Long-standing partner',
      },
    }),
    'add partner',
  );
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

export async function uploadDocument(
  applicant: APIRequestContext,
  organizationId: string,
  kind: string,
): Promise<void> {
  await json(
    applicant.post(`${API}/organizations/${organizationId}/documents`, {
      multipart: {
        kind,
        file: {
          name: `${kind}-${Date.now()}.pdf`,
          mimeType: 'application/pdf',
          // A different byte at the end for each upload: duplicates by hash are refused.
          buffer: Buffer.concat([PDF, Buffer.from(`%${Date.now()}${Math.random()}\n`)]),
        },
      },
    }),
    'upload document',
  );
}

/**
 * Content that meets the call above: 960,000.00 SEK budget, 6.25 % administration
 * (cap 7 %), 10.41 % co-funding (minimum 10 %), 860,000.00 SEK requested.
 */
export function goodContent(
  partnerIds: string[],
  overrides: Partial<ApplicationContent> = {},
): ApplicationContent {
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
            indicators: [
              {
                id: 'in1',
                name: 'Workers trained',
                unit: 'persons',
                baseline: '0',
                target: '120',
                meansOfVerification: 'attendance lists',
              },
            ],
          },
        ],
      },
    ],
    activities: [
      { id: 'ac1', title: 'Training of trainers', governorates: ['IQ-BA'], months: [1, 2, 3] },
    ],
    budgetLines: [
      { id: 'b1', category: 'personnel', year: 2027, description: 'Trainers', amountMinor: '60000000' },
      { id: 'b2', category: 'activities', year: 2027, description: 'Workshops', amountMinor: '30000000' },
      { id: 'b3', category: 'admin', year: 2027, description: 'Office', amountMinor: '6000000' },
    ],
    cofunding: [{ id: 'c1', source: 'Own funds', amountMinor: '10000000', confirmed: true }],
    risks: [
      {
        id: 'r1',
        area: 'security',
        description: 'Unrest',
        likelihood: 'medium',
        impact: 'high',
        mitigation: 'Remote sessions',
      },
    ],
    monitoringPlan: 'Quarterly visits by the partner.',
    durationMonths: 12,
    ...overrides,
  };
}

export function createApplication(
  applicant: APIRequestContext,
  callId: string,
  organizationId: string,
  title: string,
): Promise<ApplicationView> {
  return json(
    applicant.post(`${API}/applications`, { data: { callId, organizationId, title } }),
    'create application',
  );
}

export function saveContent(
  applicant: APIRequestContext,
  id: string,
  version: number,
  content: ApplicationContent,
): Promise<ApplicationView> {
  return json(
    applicant.put(`${API}/applications/${id}`, { data: { version, content } }),
    'save application',
  );
}

export function submit(
  applicant: APIRequestContext,
  id: string,
  version: number,
): Promise<SubmitReceipt> {
  return json(
    applicant.post(`${API}/applications/${id}/submit`, { data: { version } }),
    'submit application',
  );
}

export function resubmit(
  applicant: APIRequestContext,
  id: string,
  version: number,
): Promise<SubmitReceipt> {
  return json(
    applicant.post(`${API}/applications/${id}/resubmit`, { data: { version } }),
    'resubmit application',
  );
}

export function getApplication(
  api: APIRequestContext,
  id: string,
): Promise<ApplicationView> {
  return json(api.get(`${API}/applications/${id}`), 'get application');
}

/** Creates, fills and submits an application; returns it as submitted. */
export async function submittedApplication(
  applicant: APIRequestContext,
  callId: string,
  organizationId: string,
  partnerId: string,
  title: string,
): Promise<{ application: ApplicationView; receipt: SubmitReceipt }> {
  const created = await createApplication(applicant, callId, organizationId, title);
  const saved = await saveContent(
    applicant,
    created.id,
    created.version,
    goodContent([partnerId], { title }),
  );
  const receipt = await submit(applicant, created.id, saved.version);
  return { application: await getApplication(applicant, created.id), receipt };
}
