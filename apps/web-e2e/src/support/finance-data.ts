import {
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type APIResponse,
} from '@playwright/test';
import type {
  CapacityAnswer,
  FinanceSettingsView,
  FundingDecisionView,
  GrantContent,
  GrantView,
  PaymentView,
  Role,
  SessionInfo,
  UserSummary,
} from '@mizan/contracts';
import { DEMO_PASSWORD, demoEmail } from './demo';
import { apiAs, baseUrl } from './officer-data';
import { reviewWorld, type ReviewWorld } from './review-data';

/*
 * Test data for the finance specs, made through the api as people would make
 * it: staff users of their own (two finance officers and one person holding
 * both the officer and finance roles), an approved application turned into an
 * active grant (due diligence cleared, risk rated, signed and countersigned),
 * and its first tranche requested for payment. Nothing of the demo's grants is used.
 */

const API = '/api/v1';

/** The password of the users the finance specs create. */
export const STAFF_PASSWORD = 'finance-e2e-password-2026';

export async function ok<T>(call: Promise<APIResponse>, what: string): Promise<T> {
  const response = await call;
  if (!response.ok()) {
    throw new Error(`${what}: ${response.status()} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** An api client signed in by email (its own cookie jar) and re-authenticated, so sensitive calls pass. */
export async function apiSignedIn(
  email: string,
  password: string,
): Promise<{ api: APIRequestContext; session: SessionInfo }> {
  const api = await playwrightRequest.newContext({ baseURL: baseUrl() });
  const response = await api.post(`${API}/auth/sign-in`, { data: { email, password } });
  expect(response.status(), `sign-in as ${email}`).toBe(200);
  const session = (await response.json()) as SessionInfo;
  await reauth(api, password);
  return { api, session };
}

/** Gives the password again, as the "Confirm it is you" dialog does. */
export async function reauth(api: APIRequestContext, password = DEMO_PASSWORD): Promise<void> {
  const response = await api.post(`${API}/auth/reauth`, { data: { password } });
  expect(response.ok(), `re-authentication: ${response.status()} ${await response.text()}`).toBe(true);
}

export interface StaffUser {
  id: string;
  email: string;
  displayName: string;
}

/** A staff user of the demo agency, made by the demo admin. */
export async function createStaffUser(
  admin: APIRequestContext,
  email: string,
  displayName: string,
  roles: Role[],
  rolePairReason?: string,
): Promise<StaffUser> {
  const user = await ok<UserSummary>(
    admin.post(`${API}/users`, {
      data: { email, displayName, password: STAFF_PASSWORD, roles, ...(rolePairReason ? { rolePairReason } : {}) },
    }),
    `create user ${email}`,
  );
  return { id: user.id, email: user.email, displayName: user.displayName };
}

export interface FinanceWorld {
  review: ReviewWorld;
  /** Holds the officer and the finance roles: requests the payment, so cannot approve it. */
  requester: StaffUser;
  financeA: StaffUser;
  financeB: StaffUser;
  grant: GrantView;
  paymentId: string;
  /** The first tranche's amount (minor units, SEK) and the agency's threshold at the time. */
  trancheMinor: string;
  thresholdMinor: string;
  payeeIban: string;
}

function isoDay(offsetDays: number, from = new Date()): string {
  return new Date(from.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the current month (UTC): the grant's period starts there, so today's value date is inside it. */
function firstOfMonth(): string {
  return `${new Date().toISOString().slice(0, 7)}-01`;
}

/**
 * The agency's finance settings fit the scenario: the threshold below the
 * first tranche (two approvals) and a debtor account for bank files. Only what
 * is missing or in the way is changed, with a reason.
 */
async function settingsFor(trancheMinor: bigint): Promise<FinanceSettingsView> {
  const finance = await apiAs('finance');
  try {
    await reauth(finance);
    const current = await ok<FinanceSettingsView>(finance.get(`${API}/finance/settings`), 'finance settings');
    const needsThreshold = BigInt(current.secondApprovalThresholdMinor) >= trancheMinor;
    const needsDebtor = !current.agencyIban || !current.agencyBic || !current.agencyName;
    if (!needsThreshold && !needsDebtor) return current;
    return await ok<FinanceSettingsView>(
      finance.put(`${API}/finance/settings`, {
        data: {
          secondApprovalThresholdMinor: needsThreshold ? '10000000' : current.secondApprovalThresholdMinor,
          threePeople: current.threePeople,
          agencyName: current.agencyName ?? 'Mizan Development Agency',
          agencyIban: current.agencyIban ?? 'SE3550000000054910000003',
          agencyBic: current.agencyBic ?? 'ESSESESS',
          reason: 'E2E finance spec: a threshold below the tranche and a debtor account for bank files',
        },
      }),
      'update finance settings',
    );
  } finally {
    await finance.dispose();
  }
}

/** Everything up to a payment request waiting for finance; see the file comment. */
export async function financeWorld(stamp: number): Promise<FinanceWorld> {
  const admin = await apiAs('admin');
  const officer = await apiAs('officer');
  const officer2 = await apiAs('officer2');
  const applicant = await apiAs('applicant');
  const clients: APIRequestContext[] = [admin, officer, officer2, applicant];
  try {
    await Promise.all([reauth(admin), reauth(officer), reauth(officer2), reauth(applicant)]);
    const requester = await createStaffUser(admin, `e2e-requester-${stamp}@example.org`, `Rana Officer-Finance ${stamp}`, ['officer', 'finance'], 'small team: she requests, two others approve and pay');
    const financeA = await createStaffUser(admin, `e2e-finance-a-${stamp}@example.org`, `Amal Finance ${stamp}`, ['finance']);
    const financeB = await createStaffUser(admin, `e2e-finance-b-${stamp}@example.org`, `Bo Finance ${stamp}`, ['finance']);

    const review = await reviewWorld(stamp, [`E2E Finance grant ${stamp}`]);
    const application = review.applications[0];

    // Due diligence cleared (a release condition), a reviewer assigned (the review starts).
    await ok(
      officer.put(`${API}/organizations/${application.organizationId}/due-diligence`, {
        data: { status: 'cleared', conditions: null, expiresOn: isoDay(365), reason: 'E2E: documents checked' },
      }),
      'clear due diligence',
    );
    const users = await ok<UserSummary[]>(admin.get(`${API}/users`), 'list users');
    const reviewer = users.find((u) => u.email === demoEmail('reviewer'));
    const grantee = users.find((u) => u.email === demoEmail('applicant'));
    if (!reviewer || !grantee) throw new Error('the demo reviewer and applicant must exist');
    await ok(
      officer.post(`${API}/applications/${application.id}/assignments`, { data: { reviewerId: reviewer.id } }),
      'assign a reviewer',
    );

    // Approved 800,000.00 SEK by one officer, confirmed by another.
    const proposed = await ok<FundingDecisionView>(
      officer.post(`${API}/applications/${application.id}/decision`, {
        data: {
          outcome: 'approved',
          amountMinor: '80000000',
          conditions: 'Quarterly financial reports.',
          rationale: 'E2E finance: ranked first.',
        },
      }),
      'propose approval',
    );
    await ok(officer2.post(`${API}/decisions/${proposed.id}/confirm`), 'confirm approval');

    // The grant: risk rated low (strong capacity, cleared), period from the 1st of this month.
    let grant = await ok<GrantView>(officer.post(`${API}/decisions/${proposed.id}/grant`, { data: {} }), 'create grant');
    // The domain's CAPACITY_QUESTIONS (libs/domain finance/risk-policy.ts), every one answered "strong".
    const questions = [
      'financial_management',
      'internal_control',
      'procurement',
      'reporting',
      'staff',
      'previous_grants',
      'audited_accounts',
      'partner_monitoring',
    ];
    const answers: CapacityAnswer[] = questions.map((questionId) => ({ questionId, score: 3 }));
    grant = await ok<GrantView>(
      officer.put(`${API}/grants/${grant.id}/risk`, {
        data: { answers, modality: 'advance', monitoring: 'desk_review', reason: 'E2E: strong capacity, due diligence cleared' },
      }),
      'set risk',
    );
    const oldStart = grant.content.startsOn;
    const startsOn = firstOfMonth();
    const content: GrantContent = {
      ...grant.content,
      startsOn,
      reportingSchedule: grant.content.reportingSchedule.map((r) =>
        r.periodFrom === oldStart ? { ...r, periodFrom: startsOn } : r,
      ),
    };
    grant = await ok<GrantView>(
      officer.put(`${API}/grants/${grant.id}/draft`, { data: { content, rowVersion: grant.rowVersion } }),
      'edit draft period',
    );
    grant = await ok<GrantView>(
      officer.post(`${API}/grants/${grant.id}/send-for-signature`, { data: { signatoryUserId: grantee.id } }),
      'send for signature',
    );
    grant = await ok<GrantView>(
      applicant.post(`${API}/grants/${grant.id}/sign`, {
        data: { typedName: grantee.displayName, version: grant.currentVersion },
      }),
      'sign',
    );
    grant = await ok<GrantView>(
      officer.post(`${API}/grants/${grant.id}/countersign`, { data: { version: grant.currentVersion } }),
      'countersign',
    );
    expect(grant.state).toBe('active');

    const tranche = [...grant.tranches].sort((a, b) => a.seq - b.seq)[0];
    const settings = await settingsFor(BigInt(tranche.amountMinor));

    // The officer who also holds the finance role requests the release of tranche 1.
    const { api: requesterApi } = await apiSignedIn(requester.email, STAFF_PASSWORD);
    clients.push(requesterApi);
    const released = await ok<{ paymentId: string; grant: GrantView }>(
      requesterApi.post(`${API}/grants/${grant.id}/tranches/${tranche.id}/release`, {
        data: { note: 'E2E: first tranche' },
      }),
      'request tranche 1',
    );
    const payment = await ok<PaymentView>(requesterApi.get(`${API}/payments/${released.paymentId}`), 'read payment');
    expect(payment.requiredApprovals).toBe(2);
    return {
      review,
      requester,
      financeA,
      financeB,
      grant: released.grant,
      paymentId: released.paymentId,
      trancheMinor: tranche.amountMinor,
      thresholdMinor: settings.secondApprovalThresholdMinor,
      payeeIban: payment.payeeIban,
    };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}

/** The value of the first `<tag>` of an XML text (the bank file is small and flat enough for this). */
export function xmlValue(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
  return match ? match[1].trim() : null;
}
