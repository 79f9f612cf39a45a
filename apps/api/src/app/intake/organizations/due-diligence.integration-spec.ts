import { ApiErrorBody, ErrorCode, OrganizationView } from '@mizan/contracts';
import { seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../../testing/api-harness';
import { ORGS, VALID_IBANS, registerOrganization, toInput, trailCount, trailOf } from './organization-fixtures';

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Runs `check` with this process's Date held still. The api runs in this process
 * (ApiHarness), so the server's "today" and the spec's are then the same day even
 * if the run crosses midnight UTC; timers and the database keep their real clocks.
 */
async function onOneDay<T>(check: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: Date.now(),
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
  try {
    return await check();
  } finally {
    jest.useRealTimers();
  }
}

describe('due diligence: automatic checks and the officer’s decision (real PostgreSQL)', () => {
  let api: ApiHarness;
  let applicant: string;
  let officer: string;
  let southOfficer: string;

  beforeAll(async () => {
    api = await ApiHarness.start('due_diligence');
    await seedAgency(api.dataSource, 'north');
    await seedAgency(api.dataSource, 'south');
    applicant = await api.signIn('applicant@north.test');
    officer = await api.signIn('officer@north.test');
    southOfficer = await api.signIn('officer@south.test');
  });
  afterAll(async () => {
    await api?.stop();
  });

  const setDd = (id: string, cookie: string, body: unknown) => api.request('PUT', `${ORGS}/${id}/due-diligence`, { cookie, body });

  it('computes the five automatic checks on read', async () => {
    const org = await registerOrganization(api, applicant, { registrationNumber: '802111-0001' });
    const checks = org.dueDiligence.checks;
    expect(checks.map((c) => [c.check, c.passed])).toEqual([
      ['iban_checksum', true],
      ['holder_matches_name', true],
      ['documents_complete', false],
      ['registration_number', true],
      ['founding_date', true],
    ]);
    expect(checks.find((c) => c.check === 'documents_complete')?.message).toBe('Missing: statutes, board list, latest annual report, accounts');
    const noDate = await registerOrganization(api, applicant, { foundedOn: null, registrationNumber: 'n/a-1' });
    expect(noDate.dueDiligence.checks.find((c) => c.check === 'founding_date')).toMatchObject({ passed: false, message: 'The founding date is missing' });
  });

  it('an officer clears with an expiry date and a reason: before/after on the trail, shown to the members', async () => {
    const org = await registerOrganization(api, applicant);
    const expiresOn = isoDate(365);
    const response = await setDd(org.id, officer, { status: 'cleared', conditions: null, expiresOn, reason: 'Statutes and accounts reviewed' });
    expect(response.statusCode).toBe(200);
    expect(response.json<OrganizationView>().dueDiligence).toMatchObject({
      status: 'cleared',
      expired: false,
      expiresOn,
      conditions: null,
      reviewedBy: 'officer@north.test',
      reviewedAt: expect.any(String),
    });
    expect((await trailOf(api.dataSource, org.id)).at(-1)).toEqual({
      action: 'due_diligence.status_set',
      actor_label: 'officer@north.test',
      before: { status: 'pending', conditions: null, expiresOn: null },
      after: { status: 'cleared', conditions: null, expiresOn },
      reason: 'Statutes and accounts reviewed',
    });
    const seenByMember = (await api.request('GET', `${ORGS}/${org.id}`, { cookie: applicant })).json<OrganizationView>();
    expect(seenByMember.dueDiligence.status).toBe('cleared');
  });

  it('refuses decisions without what they need, naming the field, and changes nothing', async () => {
    const org = await registerOrganization(api, applicant);
    const before = await trailCount(api.dataSource);
    const cases: [unknown, string][] = [
      [{ status: 'cleared', conditions: null, expiresOn: null, reason: 'ok then' }, 'expiresOn'],
      [{ status: 'cleared', conditions: null, expiresOn: isoDate(-1), reason: 'ok then' }, 'expiresOn'],
      [{ status: 'cleared', conditions: null, expiresOn: isoDate(0), reason: 'ok then' }, 'expiresOn'],
      [{ status: 'cleared', conditions: null, expiresOn: '2030-02-30', reason: 'ok then' }, 'expiresOn'],
      [{ status: 'conditional', conditions: null, expiresOn: isoDate(90), reason: 'ok then' }, 'conditions'],
      [{ status: 'conditional', conditions: '  ', expiresOn: isoDate(90), reason: 'ok then' }, 'conditions'],
      [{ status: 'cleared', conditions: null, expiresOn: isoDate(90) }, 'reason'],
      [{ status: 'cleared', conditions: null, expiresOn: isoDate(90), reason: '   ' }, 'reason'],
      [{ status: 'pending', conditions: null, expiresOn: null, reason: 'back to start' }, 'status'],
      [{ status: 'rejected', conditions: null, expiresOn: isoDate(90), reason: 'not eligible' }, 'expiresOn'],
    ];
    for (const [body, field] of cases) {
      const response = await setDd(org.id, officer, body);
      expect(response.statusCode).toBe(400);
      expect(response.json<ApiErrorBody>().fields?.map((f) => f.field)).toContain(field);
    }
    expect(await trailCount(api.dataSource)).toBe(before);
    const now = (await api.request('GET', `${ORGS}/${org.id}`, { cookie: officer })).json<OrganizationView>();
    expect(now.dueDiligence.status).toBe('pending');
  });

  it('a conditional clearance carries its conditions; a rejection has no expiry', async () => {
    const org = await registerOrganization(api, applicant);
    const conditional = await setDd(org.id, officer, { status: 'conditional', conditions: 'Send audited accounts for 2026 by June', expiresOn: isoDate(120), reason: 'Accounts unaudited' });
    expect(conditional.json<OrganizationView>().dueDiligence).toMatchObject({ status: 'conditional', conditions: 'Send audited accounts for 2026 by June' });
    const rejected = await setDd(org.id, officer, { status: 'rejected', conditions: null, expiresOn: null, reason: 'Audited accounts never came' });
    expect(rejected.json<OrganizationView>().dueDiligence).toMatchObject({ status: 'rejected', conditions: null, expiresOn: null, expired: false });
  });

  it('a clearance past its expiry date shows as expired, in the view and the officer’s filter', async () => {
    const org = await registerOrganization(api, applicant);
    await setDd(org.id, officer, { status: 'cleared', conditions: null, expiresOn: isoDate(30), reason: 'Fine' });
    await onOneDay(async () => {
      // Time passes: the expiry date is now yesterday.
      const yesterday = isoDate(-1);
      await api.dataSource.query('UPDATE organization SET dd_expires_on = $2 WHERE id = $1', [org.id, yesterday]);
      const view = (await api.request('GET', `${ORGS}/${org.id}`, { cookie: applicant })).json<OrganizationView>();
      expect(view.dueDiligence).toMatchObject({ status: 'cleared', expired: true, expiresOn: yesterday });
      const expired = (await api.request('GET', `${ORGS}?ddStatus=expired`, { cookie: officer })).json<OrganizationView[]>();
      expect(expired.map((o) => o.id)).toEqual([org.id]);
      // On its last day a clearance still holds.
      await api.dataSource.query('UPDATE organization SET dd_expires_on = $2 WHERE id = $1', [org.id, isoDate(0)]);
      const lastDay = (await api.request('GET', `${ORGS}/${org.id}`, { cookie: applicant })).json<OrganizationView>();
      expect(lastDay.dueDiligence.expired).toBe(false);
    });
  });

  it('a changed bank account or legal name after clearance sends due diligence back to pending, on the trail', async () => {
    const org = await registerOrganization(api, applicant);
    await setDd(org.id, officer, { status: 'cleared', conditions: null, expiresOn: isoDate(200), reason: 'All in order' });
    const phoneOnly = await api.request('PUT', `${ORGS}/${org.id}`, { cookie: applicant, body: { ...toInput(org), contactPhone: '+46 70 000 00 00', version: 1 } });
    expect(phoneOnly.json<OrganizationView>().dueDiligence.status).toBe('cleared');
    const newBank = await api.request('PUT', `${ORGS}/${org.id}`, { cookie: applicant, body: { ...toInput(org), contactPhone: '+46 70 000 00 00', iban: VALID_IBANS[1], version: 2 } });
    expect(newBank.statusCode).toBe(200);
    expect(newBank.json<OrganizationView>().dueDiligence).toMatchObject({ status: 'pending', expiresOn: null, reviewedBy: null });
    const trail = await trailOf(api.dataSource, org.id);
    expect(trail.slice(-2)).toEqual([
      expect.objectContaining({ action: 'organization.updated', before: { iban: 'SE4550000000058398257466' }, after: { iban: 'GB82WEST12345698765432', version: 3 } }),
      expect.objectContaining({
        action: 'due_diligence.reopened',
        actor_label: 'applicant@north.test',
        before: { status: 'cleared', conditions: null, expiresOn: isoDate(200) },
        after: { status: 'pending', conditions: null, expiresOn: null },
        reason: expect.stringContaining('iban'),
      }),
    ]);

    await setDd(org.id, officer, { status: 'conditional', conditions: 'Bank letter', expiresOn: isoDate(100), reason: 'New account checked' });
    const renamed = await api.request('PUT', `${ORGS}/${org.id}`, {
      cookie: applicant,
      body: { ...toInput(newBank.json<OrganizationView>()), legalName: 'Renamed Association', accountHolder: 'Renamed Association', version: 3 },
    });
    expect(renamed.json<OrganizationView>().dueDiligence.status).toBe('pending');
  });

  it('only officers of the organization’s agency decide: another agency’s officer 404, applicants and reviewers 403', async () => {
    const org = await registerOrganization(api, applicant);
    const body = { status: 'cleared', conditions: null, expiresOn: isoDate(100), reason: 'Looks fine' };
    expect((await setDd(org.id, southOfficer, body)).statusCode).toBe(404);
    expect((await setDd(org.id, applicant, body)).statusCode).toBe(403);
    for (const role of ['reviewer', 'finance', 'partner', 'admin']) {
      expect((await setDd(org.id, await api.signIn(`${role}@north.test`), body)).statusCode).toBe(403);
    }
    const now = (await api.request('GET', `${ORGS}/${org.id}`, { cookie: officer })).json<OrganizationView>();
    expect(now.dueDiligence.status).toBe('pending');
    expect((await api.request('GET', `${ORGS}/${org.id}`, { cookie: southOfficer })).statusCode).toBe(404);
  });

  it('odd input to a decision is a field error, never a 500', async () => {
    const org = await registerOrganization(api, applicant);
    const response = await setDd(org.id, officer, { status: 'cleared', conditions: null, expiresOn: 20300101, reason: 'x'.repeat(5) });
    expect(response.statusCode).toBe(400);
    expect(response.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.ValidationFailed, fields: expect.arrayContaining([{ field: 'expiresOn', code: 'NOT_TEXT', message: 'expiresOn must be a string' }]) });
  });
});
