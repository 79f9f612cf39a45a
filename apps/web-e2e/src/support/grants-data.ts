import { execFileSync } from 'node:child_process';
import { expect, type APIRequestContext } from '@playwright/test';
import type {
  ApplicationView,
  FinanceSettingsView,
  FundingDecisionView,
  GrantContent,
  GrantView,
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

const today = (): string => new Date().toISOString().slice(0, 10);

async function reauthAs(role: Parameters<typeof apiAs>[0]): Promise<APIRequestContext> {
  const api = await apiAs(role);
  await reauth(api);
  return api;
}

export interface PaidGrant {
  grant: GrantView;
  paymentId: string;
  /** Tranche 1, paid in SEK (the grant's currency), in minor units. */
  paidMinor: string;
}

/**
 * A grant through its whole life by api, as the people would do it: draft from
 * the approval (its period starting today, tranche 1 of 80,000.00 SEK below the
 * agency's second-approval threshold), low risk, sent, signed by the demo
 * applicant, countersigned, tranche 1 requested by the officer, approved by
 * finance, recorded paid by the second finance user (three people), and an
 * amendment moving tranche 2 by a month.
 */
export async function paidGrant(world: GrantWorld): Promise<PaidGrant> {
  const officer = await reauthAs('officer');
  const applicant = await reauthAs('applicant');
  const finance = await reauthAs('finance');
  const finance2 = await reauthAs('finance2');
  try {
    await settingsForOneApproval(finance, 8000000n);
    let grant = await ok<GrantView>(officer.post(`${API}/decisions/${world.decisionId}/grant`, { data: {} }), 'create grant');
    grant = await ok<GrantView>(
      officer.put(`${API}/grants/${grant.id}/risk`, {
        data: {
          answers: RISK_QUESTIONS.map((questionId) => ({ questionId, score: 3 })),
          modality: 'advance',
          monitoring: 'desk_review',
          reason: 'Strong capacity on every question.',
        },
      }),
      'risk',
    );
    const content: GrantContent = structuredClone(grant.content);
    content.startsOn = today();
    const tranches = content.tranches;
    const total = BigInt(grant.amountMinor);
    const first = 8000000n;
    tranches[0].plannedOn = today();
    tranches[0].amountMinor = first.toString();
    if (tranches.length === 1) {
      tranches.push({ seq: 2, plannedOn: content.endsOn, amountMinor: '0', conditions: [] });
    }
    const rest = total - first;
    const others = tranches.slice(1);
    others.forEach((t, i) => {
      const share = rest / BigInt(others.length);
      t.amountMinor = (i === others.length - 1 ? rest - share * BigInt(others.length - 1) : share).toString();
    });
    grant = await ok<GrantView>(
      officer.put(`${API}/grants/${grant.id}/draft`, { data: { content, rowVersion: grant.rowVersion } }),
      'save draft',
    );
    const organization = await ok<OrganizationView>(applicant.get(`${API}/organizations/${world.organizationId}`), 'organization');
    const signatory = organization.members.find((m) => m.email.startsWith('applicant@'));
    grant = await ok<GrantView>(
      officer.post(`${API}/grants/${grant.id}/send-for-signature`, { data: { signatoryUserId: signatory?.userId } }),
      'send',
    );
    grant = await ok<GrantView>(
      applicant.post(`${API}/grants/${grant.id}/sign`, { data: { typedName: world.signatoryName, version: grant.currentVersion } }),
      'sign',
    );
    grant = await ok<GrantView>(officer.post(`${API}/grants/${grant.id}/countersign`, { data: { version: grant.currentVersion } }), 'countersign');
    const tranche = grant.tranches.find((t) => t.seq === 1);
    const released = await ok<{ paymentId: string; grant: GrantView }>(
      officer.post(`${API}/grants/${grant.id}/tranches/${tranche?.id}/release`, {
        data: {},
        headers: { 'Idempotency-Key': `e2e-release-${grant.id}` },
      }),
      'request release',
    );
    await ok(finance.post(`${API}/payments/${released.paymentId}/approve`, { data: {} }), 'approve payment');
    await ok(
      finance.post(`${API}/bank-files`, { data: { executionDate: today(), paymentIds: [released.paymentId] } }),
      'bank file',
    );
    await ok(
      finance2.post(`${API}/payments/${released.paymentId}/paid`, {
        data: {
          valueDate: today(),
          bankReference: `E2E-${Date.now()}`,
          debitedMinor: first.toString(),
          transferCurrency: 'SEK',
          transferMinor: first.toString(),
          feesMinor: '0',
        },
        headers: { 'Idempotency-Key': `e2e-paid-${released.paymentId}` },
      }),
      'record paid',
    );
    grant = await ok<GrantView>(officer.get(`${API}/grants/${grant.id}`), 'grant');
    const amended: GrantContent = structuredClone(grant.content);
    const second = amended.tranches[1];
    const moved = new Date(`${second.plannedOn}T00:00:00Z`);
    moved.setUTCDate(moved.getUTCDate() - 30);
    second.plannedOn = moved.toISOString().slice(0, 10);
    grant = await ok<GrantView>(
      officer.post(`${API}/grants/${grant.id}/amendments`, {
        data: { content: amended, reason: 'Tranche 2 brought forward a month for the clinic opening.' },
      }),
      'amend',
    );
    return { grant, paymentId: released.paymentId, paidMinor: first.toString() };
  } finally {
    await Promise.all([officer.dispose(), applicant.dispose(), finance.dispose(), finance2.dispose()]);
  }
}

/**
 * The agency's finance settings fit this scenario: tranche 1 below the
 * second-approval threshold (one approver, a second finance user pays: three
 * people) and a debtor account for bank files. Only what is missing or in the
 * way is changed, with a reason (the finance specs do the same).
 */
async function settingsForOneApproval(finance: APIRequestContext, trancheMinor: bigint): Promise<void> {
  const current = await ok<FinanceSettingsView>(finance.get(`${API}/finance/settings`), 'finance settings');
  const needsThreshold = BigInt(current.secondApprovalThresholdMinor) <= trancheMinor;
  const needsDebtor = !current.agencyIban || !current.agencyBic || !current.agencyName;
  if (!needsThreshold && !needsDebtor) return;
  await ok(
    finance.put(`${API}/finance/settings`, {
      data: {
        secondApprovalThresholdMinor: needsThreshold ? '10000000' : current.secondApprovalThresholdMinor,
        threePeople: current.threePeople,
        agencyName: current.agencyName ?? 'Mizan Development Agency',
        agencyIban: current.agencyIban ?? 'SE3550000000054910000003',
        agencyBic: current.agencyBic ?? 'ESSESESS',
        reason: 'E2E grants spec: tranche 1 below the second-approval threshold and a debtor account for bank files',
      },
    }),
    'update finance settings',
  );
}

/** The capacity questions the grants api accepts. */
export const RISK_QUESTIONS = [
  'financial_management',
  'internal_control',
  'procurement',
  'reporting',
  'staff',
  'previous_grants',
  'audited_accounts',
  'partner_monitoring',
];
