import {
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type APIResponse,
} from '@playwright/test';
import type {
  ApplicationView,
  CallView,
  CreateCallRequest,
  CreateProgramRequest,
  OrganizationInput,
  OrganizationView,
  ProgramView,
} from '@mizan/contracts';
import { DEMO_PASSWORD, demoEmail, type DemoUser } from './demo';

/*
 * Data the applicant's specs need from other roles (an open call), made
 * through the api as those users would make it. Each run makes its own,
 * uniquely named, so it works with or without the demo intake data.
 */

const API = '/api/v1';
export const CALL_ZONE = 'Europe/Stockholm';

function baseUrl(): string {
  return process.env['E2E_BASE_URL'] ?? 'http://127.0.0.1:3000';
}

export async function apiSignedInAs(
  role: DemoUser,
): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: baseUrl() });
  const response = await api.post(`${API}/auth/sign-in`, {
    data: { email: demoEmail(role), password: DEMO_PASSWORD },
  });
  expect(response.status(), `sign-in as ${role}`).toBe(200);
  return api;
}

async function json<T>(call: Promise<APIResponse>, what: string): Promise<T> {
  const response = await call;
  if (!response.ok()) {
    throw new Error(`${what}: ${response.status()} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** "YYYY-MM-DDTHH:mm" as a clock in `zone` shows it, `minutes` from now. */
export function localInZone(minutesFromNow: number, zone = CALL_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(Date.now() + minutesFromNow * 60_000));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/**
 * A program and a call open now (opened an hour ago, closes in 30 days),
 * published by the demo officer: SEK, 7 % admin cap, 10 % co-funding, a
 * partner and the statutes required, open to organizations in SE, GB and DE.
 */
export async function openCallForApplicants(stamp: number): Promise<CallView> {
  const officer = await apiSignedInAs('officer');
  try {
    const program: CreateProgramRequest = {
      name: `E2E applicant program ${stamp}`,
      countries: ['IQ'],
      themes: ['Civic life'],
      budgetMinor: '1000000000',
      currency: 'SEK',
      periodStart: '2026-01-01',
      periodEnd: '2030-12-31',
    };
    const created = await json<ProgramView>(
      officer.post(`${API}/programs`, { data: program }),
      'create program',
    );
    const call: CreateCallRequest = {
      title: `E2E applicant call ${stamp}`,
      description:
        'Small grants for diaspora-led projects with partners in Iraq.',
      timeZone: CALL_ZONE,
      opensAtLocal: localInZone(-60),
      closesAtLocal: localInZone(30 * 24 * 60),
      envelopeMinor: '500000000',
      maxGrantMinor: '50000000',
      minCofundingBp: 1000,
      adminCapBp: 700,
      hostCountries: ['SE', 'GB', 'DE'],
      requirePartner: true,
      minOrganizationAgeMonths: 0,
      requiredDocuments: ['statutes'],
      rubric: {
        criteria: [
          {
            id: 'relevance',
            title: 'Relevance',
            description: 'Needs of the communities',
            weight: 60,
          },
          {
            id: 'feasibility',
            title: 'Feasibility',
            description: 'Realistic plan and budget',
            weight: 40,
          },
        ],
        scale: ['Absent', 'Very weak', 'Weak', 'Adequate', 'Good', 'Excellent'],
      },
    };
    const draft = await json<CallView>(
      officer.post(`${API}/programs/${created.id}/calls`, { data: call }),
      'create call',
    );
    return await json<CallView>(
      officer.post(`${API}/calls/${draft.id}/publish`),
      'publish call',
    );
  } finally {
    await officer.dispose();
  }
}

/** A small but real PDF: the api accepts files by their first bytes (%PDF-). */
export function pdfBytes(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** An executable (ELF) dressed up as a PDF by its name. */
export function fakePdfBytes(): Buffer {
  return Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
    Buffer.alloc(120, 0),
  ]);
}

/** A draft application of a fresh organization of the demo applicant, made through the api. */
export async function draftApplication(
  stamp: number,
  callId: string,
): Promise<ApplicationView> {
  const applicant = await apiSignedInAs('applicant');
  try {
    const organization: OrganizationInput = {
      legalName: `E2E Förening ${stamp}`,
      registrationNumber: `803${String(stamp).slice(-6)}-1234`,
      hostlandCountry: 'SE',
      address: 'Storgatan 2, Malmö',
      foundedOn: '2016-01-01',
      contactEmail: `info-${stamp}@example.org`,
      contactPhone: null,
      iban: 'SE45 5000 0000 0583 9825 7466',
      accountHolder: `E2E Förening ${stamp}`,
      holderExplanation: null,
      thematicExpertise: ['Health'],
    };
    const org = await json<OrganizationView>(
      applicant.post(`${API}/organizations`, { data: organization }),
      'register organization',
    );
    return await json<ApplicationView>(
      applicant.post(`${API}/applications`, {
        data: { callId, organizationId: org.id, title: `E2E مسودة ${stamp}` },
      }),
      'create application',
    );
  } finally {
    await applicant.dispose();
  }
}
