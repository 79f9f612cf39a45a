import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';
import { simpleParser } from 'mailparser';
import type {
  ApplicationView,
  AssignmentView,
  CallView,
  CreateCallRequest,
  ProgramView,
  ReviewView,
} from '@mizan/contracts';
import {
  addPartner,
  apiAs,
  createProgram,
  registerOrganization,
  submittedApplication,
  uploadDocument,
  utcLocal,
} from './officer-data';

/*
 * Test data for the review and decision specs, made through the api as the
 * demo users would make it: a call with a small envelope (1,500,000.00 SEK)
 * and eligible applications requesting 860,000.00 SEK each, so the envelope
 * runs out after the first one.
 */

const API = '/api/v1';

async function ok<T>(
  call: Promise<import('@playwright/test').APIResponse>,
  what: string,
): Promise<T> {
  const response = await call;
  if (!response.ok()) {
    throw new Error(`${what}: ${response.status()} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

export interface ReviewWorld {
  program: ProgramView;
  call: CallView;
  organizationName: string;
  applications: ApplicationView[];
}

/** A published call (envelope 1,500,000.00 SEK, rubric 60/40) with `titles.length` eligible applications of the demo applicant. */
export async function reviewWorld(stamp: number, titles: string[]): Promise<ReviewWorld> {
  const officer = await apiAs('officer');
  const applicant = await apiAs('applicant');
  try {
    const program = await createProgram(officer, `E2E review program ${stamp}`);
    const request: CreateCallRequest = {
      title: `E2E review call ${stamp}`,
      description: 'Small grants for diaspora-led health projects.',
      timeZone: 'UTC',
      opensAtLocal: utcLocal(-10),
      closesAtLocal: utcLocal(30 * 24 * 60),
      envelopeMinor: '150000000',
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
    const draft = await ok<CallView>(
      officer.post(`${API}/programs/${program.id}/calls`, { data: request }),
      'create call',
    );
    const call = await ok<CallView>(officer.post(`${API}/calls/${draft.id}/publish`), 'publish call');
    const organizationName = `E2E Shifa Network ${stamp}`;
    const org = await registerOrganization(applicant, organizationName);
    await uploadDocument(applicant, org.id, 'statutes');
    const partner = await addPartner(applicant, org.id, `E2E Basra Clinic ${stamp}`);
    const applications: ApplicationView[] = [];
    for (const title of titles) {
      const { application } = await submittedApplication(applicant, call.id, org.id, partner.id, title);
      for (const action of ['start_screening', 'mark_eligible']) {
        await ok(
          officer.post(`${API}/applications/${application.id}/screening`, { data: { action, reason: null } }),
          `screening ${action}`,
        );
      }
      applications.push(application);
    }
    return { program, call, organizationName, applications };
  } finally {
    await officer.dispose();
    await applicant.dispose();
  }
}

/** The live assignments of an application, as the officer sees them. */
export async function assignmentsOf(applicationId: string): Promise<AssignmentView[]> {
  const officer = await apiAs('officer');
  try {
    return await ok<AssignmentView[]>(
      officer.get(`${API}/applications/${applicationId}/assignments`),
      'assignments',
    );
  } finally {
    await officer.dispose();
  }
}

/** A reviewer declares no conflict, scores every criterion and submits, through the api. */
export async function scoreThroughApi(
  reviewer: APIRequestContext,
  assignmentId: string,
  scores: [number, number],
): Promise<ReviewView> {
  let view = await ok<ReviewView>(
    reviewer.post(`${API}/reviews/${assignmentId}/declaration`, { data: { hasConflict: false } }),
    'declare',
  );
  view = await ok<ReviewView>(
    reviewer.put(`${API}/reviews/${assignmentId}/scores`, {
      data: {
        version: view.version,
        scores: [
          { criterionId: 'relevance', score: scores[0], comment: 'Relevant to the call.' },
          { criterionId: 'feasibility', score: scores[1], comment: 'Plan is workable.' },
        ],
        recommendation: 'fund',
        overallComment: 'Solid proposal.',
      },
    }),
    'save scores',
  );
  return ok<ReviewView>(
    reviewer.post(`${API}/reviews/${assignmentId}/submit`, { data: { version: view.version } }),
    'submit review',
  );
}

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  /** The HTML part, when the message has one. */
  html: string;
}

/** The messages the test SMTP server has stored (E2E_MAIL_DIR, set by tools/test/run-all.mjs), parsed. */
export async function receivedMail(): Promise<ReceivedMail[]> {
  const dir = process.env['E2E_MAIL_DIR'];
  if (!dir) throw new Error('E2E_MAIL_DIR is not set: run browser specs through `npm test`');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (file) => {
      const mail = await simpleParser(readFileSync(join(dir, file)));
      const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
      return { to, subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '' };
    }),
  );
}

/** Waits until a message to `to` whose subject contains `subject` has arrived. */
export async function expectMail(to: string, subject: string): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await receivedMail()).find((m) => m.to.includes(to) && m.subject.includes(subject));
        return Boolean(found);
      },
      { timeout: 30_000, message: `mail to ${to} about "${subject}"` },
    )
    .toBe(true);
  return found as ReceivedMail;
}
