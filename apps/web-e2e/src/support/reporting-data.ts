import { expect, request as playwrightRequest } from '@playwright/test';
import type { ExpenditureLineInput, ExpenditureLineView, InvitationView, PartnerView, ReportDueView, ReportView } from '@mizan/contracts';
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

/** The demo applicant adds `lines` to the grant's first open report and submits it (the red-flag engine then runs on it). */
export async function submittedReportWithLines(grantId: string, lines: readonly ExpenditureLineInput[]): Promise<ReportView> {
  const { report } = await openFirstReport(grantId);
  const applicant = await apiAs('applicant');
  try {
    for (const line of lines) await ok(applicant.post(`${API}/reports/${report.id}/lines`, { data: line }), `add the line of ${line.supplier}`);
    return await ok<ReportView>(applicant.post(`${API}/reports/${report.id}/submit`, { data: {} }), 'submit the report');
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

/** Lines the demo applicant adds to a draft report through the api (in the grant currency, spent today, as the page proposes). */
export async function linesByApi(report: ReportView, lines: Array<{ supplier: string; amount: string; budgetLineId?: string }>): Promise<ExpenditureLineView[]> {
  const applicant = await apiAs('applicant');
  try {
    const made: ExpenditureLineView[] = [];
    for (const l of lines) {
      const input: ExpenditureLineInput = {
        spentOn: new Date().toISOString().slice(0, 10),
        budgetLineId: l.budgetLineId ?? report.budgetLines[0].id,
        supplier: l.supplier,
        description: `Clinic supplies from ${l.supplier}`,
        amountMinor: l.amount,
        currency: report.currency,
        paymentMethod: 'bank',
      };
      made.push(await ok<ExpenditureLineView>(applicant.post(`${API}/reports/${report.id}/lines`, { data: input }), `add line ${l.supplier}`));
    }
    return made;
  } finally {
    await applicant.dispose();
  }
}

/** A receipt of a line, sent by the demo applicant with the tus protocol in one piece (as the page's uploader does). */
export async function receiptByApi(reportId: string, lineId: string, fileName: string, bytes: Buffer): Promise<void> {
  const applicant = await apiAs('applicant');
  try {
    const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
    const metadata = Object.entries({ purpose: 'receipt', reportId, lineId, filename: fileName, filetype: 'image/jpeg' })
      .map(([k, v]) => `${k} ${b64(v)}`)
      .join(',');
    const created = await applicant.post(`${API}/uploads/tus`, {
      headers: { 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': metadata },
    });
    if (created.status() !== 201) throw new Error(`create upload: ${created.status()} ${await created.text()}`);
    const location = created.headers()['location'];
    const path = new URL(location, baseUrl()).pathname;
    const sent = await applicant.patch(path, {
      headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      data: bytes,
    });
    if (sent.status() !== 204) throw new Error(`send upload: ${sent.status()} ${await sent.text()}`);
  } finally {
    await applicant.dispose();
  }
}
