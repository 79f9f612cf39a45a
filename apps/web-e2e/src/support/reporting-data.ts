import { expect, request as playwrightRequest } from '@playwright/test';
import type { InvitationView, PartnerView, ReportDueView, ReportView } from '@mizan/contracts';
import { BAGHDAD_RECEIPT, jpegWithExif } from '@mizan/contracts/testing';
import { apiAs, baseUrl } from './officer-data';

const API = '/api/v1';

async function ok<T>(call: Promise<import('@playwright/test').APIResponse>, what: string): Promise<T> {
  const response = await call;
  if (!response.ok()) throw new Error(`${what}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface PartnerUser {
  email: string;
  password: string;
}

/** A new partner user of the grant's partner organization: invited by the demo applicant, accepted by api. */
export async function invitedPartner(organizationId: string, stamp: number): Promise<PartnerUser> {
  const applicant = await apiAs('applicant');
  try {
    const partners = await ok<PartnerView[]>(applicant.get(`${API}/organizations/${organizationId}/partners`), 'list partners');
    expect(partners.length, 'the application names a partner').toBeGreaterThan(0);
    const email = `e2e-report-partner-${stamp}@demo.mizan.local`;
    const invitation = await ok<InvitationView>(
      applicant.post(`${API}/organizations/${organizationId}/invitations`, { data: { email, role: 'partner', partnerOrganizationId: partners[0].id } }),
      'invite a partner user',
    );
    const token = new URL(invitation.acceptPath ?? '', 'http://x').searchParams.get('token');
    const password = 'a-partner-password-2026';
    const guest = await playwrightRequest.newContext({ baseURL: baseUrl() });
    try {
      await ok(guest.post(`${API}/invitations/accept`, { data: { token, displayName: 'زينب علي', password } }), 'accept the invitation');
    } finally {
      await guest.dispose();
    }
    return { email, password };
  } finally {
    await applicant.dispose();
  }
}

/** The demo applicant opens the report of the grant's first reporting period still due (an amendment cancels and replaces items). */
export async function openFirstReport(grantId: string): Promise<{ due: ReportDueView; report: ReportView }> {
  const applicant = await apiAs('applicant');
  try {
    const schedule = await ok<ReportDueView[]>(applicant.get(`${API}/grants/${grantId}/reporting`), 'reporting schedule');
    const due = schedule.find((d) => d.state === 'due');
    if (!due) throw new Error(`no open reporting period: ${JSON.stringify(schedule)}`);
    const report = await ok<ReportView>(applicant.post(`${API}/grants/${grantId}/reporting/${due.id}/report`, { data: {} }), 'open the report');
    return { due, report };
  } finally {
    await applicant.dispose();
  }
}

/**
 * A JPEG photo of a receipt, as a phone stores it: EXIF capture time and a GPS
 * position (Baghdad), padded with about `size` bytes of comment segments so it
 * goes up in more than one piece.
 */
export function receiptPhoto(size: number): Buffer {
  return jpegWithExif({ ...BAGHDAD_RECEIPT, padding: size });
}
