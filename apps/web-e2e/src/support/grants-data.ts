import { execFileSync } from 'node:child_process';
import { expect, type APIRequestContext } from '@playwright/test';
import type {
  ApplicationView,
  FundingDecisionView,
  OrganizationView,
} from '@mizan/contracts';
import { DEMO_PASSWORD } from './demo';
import { apiAs } from './officer-data';
import { reviewWorld } from './review-data';

/*
 * Test data for the grant specs, made through the api as the demo users would
 * make it: a call with one eligible application, in review, approved for a
 * reduced amount by the officer and confirmed by a second officer (with a
 * re-authentication), its organization cleared by due diligence. The approval
 * is then "ready to become a grant" on the officer's grants page.
 */

const API = '/api/v1';

async function ok<T>(call: Promise<import('@playwright/test').APIResponse>, what: string): Promise<T> {
  const response = await call;
  if (!response.ok()) throw new Error(`${what}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface GrantWorld {
  title: string;
  organizationName: string;
  organizationId: string;
  applicationId: string;
  decisionId: string;
  /** The demo applicant's display name: the signatory types it. */
  signatoryName: string;
}

async function reauth(api: APIRequestContext): Promise<void> {
  await ok(api.post(`${API}/auth/reauth`, { data: { password: DEMO_PASSWORD } }), 're-authenticate');
}

export async function confirmedApproval(stamp: number, title: string): Promise<GrantWorld> {
  const world = await reviewWorld(stamp, [title]);
  const application: ApplicationView = world.applications[0];
  const officer = await apiAs('officer');
  const officer2 = await apiAs('officer2');
  const applicant = await apiAs('applicant');
  try {
    await ok(
      officer.post(`${API}/calls/${world.call.id}/assignments/bulk`, { data: { perApplication: 1 } }),
      'assign a reviewer (application in review)',
    );
    const proposed = await ok<FundingDecisionView>(
      officer.post(`${API}/applications/${application.id}/decision`, {
        data: {
          outcome: 'approved',
          amountMinor: '80000000',
          conditions: 'Quarterly financial reports; the vehicle line is removed.',
          rationale: 'Ranked first; vehicle costs not justified.',
        },
      }),
      'propose the approval',
    );
    await reauth(officer2);
    await ok(officer2.post(`${API}/decisions/${proposed.id}/confirm`), 'confirm the approval');
    await reauth(officer);
    await ok(
      officer.put(`${API}/organizations/${application.organizationId}/due-diligence`, {
        data: {
          status: 'cleared',
          conditions: null,
          expiresOn: `${new Date().getUTCFullYear() + 3}-06-30`,
          reason: 'Statutes, registration and bank account checked.',
        },
      }),
      'clear due diligence',
    );
    const organization = await ok<OrganizationView>(
      applicant.get(`${API}/organizations/${application.organizationId}`),
      'organization',
    );
    const me = organization.members.find((m) => m.email.startsWith('applicant@'));
    expect(me, 'the demo applicant is a member of the organization').toBeTruthy();
    return {
      title,
      organizationName: world.organizationName,
      organizationId: application.organizationId,
      applicationId: application.id,
      decisionId: proposed.id,
      signatoryName: me?.displayName ?? '',
    };
  } finally {
    await officer.dispose();
    await officer2.dispose();
    await applicant.dispose();
  }
}

/** Text of a PDF as a real parser (pdf-parse / pdf.js) reads it; in a child process because pdf.js loads ESM dynamically. */
export function pdfText(data: Buffer): string {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      process.stdout.write((await parser.getText()).text);
      await parser.destroy();
    });`;
  return execFileSync(process.execPath, ['-e', script], { input: data, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
}
