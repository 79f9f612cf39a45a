import { createHash } from 'node:crypto';
import { API_PREFIX, ApiErrorBody, ErrorCode, IntakePaths, InvitationView, OrganizationView, PartnerView } from '@mizan/contracts';
import { SeededAgency, seedAgency, TEST_PASSWORD } from '@mizan/server/testing';
import { ApiHarness } from '../../../testing/api-harness';
import { ORGS, addPartner, addUser, registerOrganization, trailOf } from './organization-fixtures';

const ACCEPT = `${API_PREFIX}/${IntakePaths.acceptInvitation}`;
const NEW_PASSWORD = 'a new long password';

function tokenOf(invitation: InvitationView): string {
  const match = /^\/accept-invitation\?token=([A-Za-z0-9_-]+)$/.exec(invitation.acceptPath ?? '');
  if (!match) throw new Error(`no token in ${invitation.acceptPath}`);
  return match[1];
}

describe('members and invitations (real PostgreSQL)', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let applicant: string;
  let otherApplicant: string;
  let officer: string;
  let org: OrganizationView;

  beforeAll(async () => {
    api = await ApiHarness.start('invitations');
    north = await seedAgency(api.dataSource, 'north');
    await seedAgency(api.dataSource, 'south');
    await addUser(api.dataSource, north.agency.id, 'second.applicant@north.test', 'applicant');
    applicant = await api.signIn('applicant@north.test');
    otherApplicant = await api.signIn('second.applicant@north.test');
    officer = await api.signIn('officer@north.test');
    org = await registerOrganization(api, applicant, { legalName: 'Inviting Association' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  const invite = (cookie: string, body: unknown, organizationId = org.id) => api.request('POST', `${ORGS}/${organizationId}/invitations`, { cookie, body });

  it('a member invites a colleague: the response carries the accept link, only the token’s SHA-256 is stored, it expires in 14 days', async () => {
    const response = await invite(applicant, { email: 'New.Member@Example.org', role: 'applicant', partnerOrganizationId: null });
    expect(response.statusCode).toBe(201);
    const invitation = response.json<InvitationView>();
    expect(invitation).toMatchObject({ email: 'new.member@example.org', role: 'applicant', acceptedAt: null });
    const token = tokenOf(invitation);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await api.dataSource.query('SELECT * FROM invitation WHERE id = $1', [invitation.id]);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows[0])).not.toContain(token);
    const days = (new Date(invitation.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    const trail = await trailOf(api.dataSource, invitation.id);
    expect(trail).toEqual([expect.objectContaining({ action: 'invitation.created', after: expect.objectContaining({ email: 'new.member@example.org', role: 'applicant' }) })]);
    expect(JSON.stringify(trail)).not.toContain(token);
    // The list never shows the link again.
    const list = (await api.request('GET', `${ORGS}/${org.id}/invitations`, { cookie: applicant })).json<InvitationView[]>();
    expect(list.find((i) => i.id === invitation.id)).not.toHaveProperty('acceptPath');
  });

  it('accepting creates the account in the organization’s agency and makes them a member who can sign in and see it', async () => {
    const invitation = (await invite(applicant, { email: 'joiner@example.org', role: 'applicant', partnerOrganizationId: null })).json<InvitationView>();
    const response = await api.request('POST', ACCEPT, { body: { token: tokenOf(invitation), displayName: 'Jana Joiner', password: NEW_PASSWORD } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ email: 'joiner@example.org', role: 'applicant', organizationId: org.id, accountCreated: true });
    const user = await api.dataSource.query(
      `SELECT u.agency_id, u.display_name, u.password_hash, array_agg(r.role) AS roles FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.email = 'joiner@example.org' GROUP BY u.id`,
    );
    expect(user).toEqual([{ agency_id: north.agency.id, display_name: 'Jana Joiner', password_hash: expect.stringMatching(/^\$argon2id\$/), roles: ['applicant'] }]);
    const token = await api.signIn('joiner@example.org', NEW_PASSWORD);
    const seen = await api.request('GET', `${ORGS}/${org.id}`, { cookie: token });
    expect(seen.statusCode).toBe(200);
    expect(seen.json<OrganizationView>().members.map((m) => [m.email, m.roleInOrganization])).toContainEqual(['joiner@example.org', 'member']);
    const actions = (await trailOf(api.dataSource, invitation.id)).map((r) => r.action);
    expect(actions).toEqual(['invitation.created', 'invitation.accepted']);
    const listed = (await api.request('GET', `${ORGS}/${org.id}/invitations`, { cookie: applicant })).json<InvitationView[]>();
    expect(listed.find((i) => i.id === invitation.id)?.acceptedAt).toEqual(expect.any(String));
  });

  it('a used, expired or unknown token is refused with a clear code', async () => {
    const used = (await invite(applicant, { email: 'twice@example.org', role: 'applicant', partnerOrganizationId: null })).json<InvitationView>();
    await api.request('POST', ACCEPT, { body: { token: tokenOf(used), displayName: 'Twice', password: NEW_PASSWORD } });
    const again = await api.request('POST', ACCEPT, { body: { token: tokenOf(used), displayName: 'Twice', password: NEW_PASSWORD } });
    expect(again.statusCode).toBe(410);
    expect(again.json<ApiErrorBody>().code).toBe(ErrorCode.InvitationAlreadyAccepted);

    const old = (await invite(applicant, { email: 'late@example.org', role: 'applicant', partnerOrganizationId: null })).json<InvitationView>();
    await api.dataSource.query(`UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [old.id]);
    const late = await api.request('POST', ACCEPT, { body: { token: tokenOf(old), displayName: 'Late', password: NEW_PASSWORD } });
    expect(late.statusCode).toBe(410);
    expect(late.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.InvitationExpired, message: expect.stringContaining('invite you again') });
    expect(await api.dataSource.query(`SELECT 1 FROM app_user WHERE email = 'late@example.org'`)).toEqual([]);

    const unknown = await api.request('POST', ACCEPT, { body: { token: 'x'.repeat(43), displayName: 'Nobody', password: NEW_PASSWORD } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ApiErrorBody>().fields?.[0].field).toBe('token');
  });

  it('checks the accept request: a short password or missing name is named', async () => {
    const invitation = (await invite(applicant, { email: 'weak@example.org', role: 'applicant', partnerOrganizationId: null })).json<InvitationView>();
    const response = await api.request('POST', ACCEPT, { body: { token: tokenOf(invitation), displayName: '', password: 'short' } });
    expect(response.statusCode).toBe(400);
    expect(response.json<ApiErrorBody>().fields?.map((f) => f.field)).toEqual(['displayName', 'password']);
    const row = await api.dataSource.query('SELECT accepted_at FROM invitation WHERE id = $1', [invitation.id]);
    expect(row).toEqual([{ accepted_at: null }]);
  });

  it('an existing account with that email is linked (after proving its password) and gains the role', async () => {
    // The agency's finance user is also on an organization's board.
    const invitation = (await invite(applicant, { email: 'finance@north.test', role: 'applicant', partnerOrganizationId: null })).json<InvitationView>();
    const wrong = await api.request('POST', ACCEPT, { body: { token: tokenOf(invitation), displayName: 'Fatima', password: 'not the right password' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<ApiErrorBody>().fields?.[0].field).toBe('password');
    const right = await api.request('POST', ACCEPT, { body: { token: tokenOf(invitation), displayName: 'Ignored', password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ accountCreated: false });
    const roles = await api.dataSource.query('SELECT role FROM user_role WHERE user_id = $1 ORDER BY role', [north.users.finance.id]);
    expect(roles).toEqual([{ role: 'applicant' }, { role: 'finance' }]);
    const names = await api.dataSource.query('SELECT display_name FROM app_user WHERE id = $1', [north.users.finance.id]);
    expect(names).toEqual([{ display_name: 'finance of north' }]);
    const trail = await trailOf(api.dataSource, north.users.finance.id);
    expect(trail.at(-1)).toMatchObject({ action: 'user.roles_changed', before: { roles: ['finance'] }, after: { roles: ['applicant', 'finance'] } });
  });

  it('proving an existing account’s password counts towards the sign-in lock-out: no unlimited guessing through an invitation', async () => {
    const invitation = (await invite(applicant, { email: 'auditor@north.test', role: 'applicant', partnerOrganizationId: null })).json<InvitationView>();
    const guess = (password: string) => api.request('POST', ACCEPT, { body: { token: tokenOf(invitation), displayName: 'Guess', password } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await guess(`wrong guess number ${i}`)).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
    // The same lock as signing in: the right password is refused too, here and at sign-in.
    expect((await guess(TEST_PASSWORD)).statusCode).toBe(429);
    expect((await api.request('POST', `${API_PREFIX}/auth/sign-in`, { body: { email: 'auditor@north.test', password: TEST_PASSWORD } })).statusCode).toBe(429);
    expect(await api.dataSource.query('SELECT 1 FROM organization_member m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1', ['auditor@north.test'])).toEqual([]);
  });

  it('an account of another agency cannot be pulled in by an invitation', async () => {
    const invitation = (await invite(applicant, { email: 'applicant@south.test', role: 'applicant', partnerOrganizationId: null })).json<InvitationView>();
    const response = await api.request('POST', ACCEPT, { body: { token: tokenOf(invitation), displayName: 'South', password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(409);
    expect(await api.dataSource.query('SELECT 1 FROM organization_member m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1', ['applicant@south.test'])).toEqual([]);
  });

  it('partners are invited to one of this organization’s partners and then see only that partner', async () => {
    const partner = await addPartner(api, applicant, org.id, { name: 'Invited Partner' });
    const otherOrg = await registerOrganization(api, otherApplicant);
    const otherPartner = await addPartner(api, otherApplicant, otherOrg.id, { name: 'Not Yours' });

    const missing = await invite(applicant, { email: 'p@example.org', role: 'partner', partnerOrganizationId: null });
    expect(missing.json<ApiErrorBody>().fields).toEqual([{ field: 'partnerOrganizationId', code: 'REQUIRED', message: 'required for role partner' }]);
    const foreign = await invite(applicant, { email: 'p@example.org', role: 'partner', partnerOrganizationId: otherPartner.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<ApiErrorBody>().fields?.[0].field).toBe('partnerOrganizationId');
    const applicantWithPartner = await invite(applicant, { email: 'p@example.org', role: 'applicant', partnerOrganizationId: partner.id });
    expect(applicantWithPartner.json<ApiErrorBody>().fields?.[0].field).toBe('partnerOrganizationId');

    const created = await invite(applicant, { email: 'field.worker@example.org', role: 'partner', partnerOrganizationId: partner.id });
    expect(created.statusCode).toBe(201);
    const accepted = await api.request('POST', ACCEPT, { body: { token: tokenOf(created.json<InvitationView>()), displayName: 'Field Worker', password: NEW_PASSWORD } });
    expect(accepted.json()).toMatchObject({ role: 'partner', partnerOrganizationId: partner.id });
    const token = await api.signIn('field.worker@example.org', NEW_PASSWORD);
    const mine = (await api.request('GET', `${API_PREFIX}/partners/mine`, { cookie: token })).json<PartnerView[]>();
    expect(mine.map((p) => p.id)).toEqual([partner.id]);
    expect((await api.request('GET', `${ORGS}/${org.id}`, { cookie: token })).statusCode).toBe(403);
    const member = await api.dataSource.query('SELECT 1 FROM organization_member m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1', ['field.worker@example.org']);
    expect(member).toEqual([]);
  });

  it('refuses inviting someone who is already a member', async () => {
    const response = await invite(applicant, { email: 'applicant@north.test', role: 'applicant', partnerOrganizationId: null });
    expect(response.statusCode).toBe(409);
    expect(response.json<ApiErrorBody>().fields).toEqual([{ field: 'email', code: 'ALREADY_EXISTS', message: 'already a member' }]);
  });

  it('only members invite and see invitations: another applicant 404, an officer 403', async () => {
    const body = { email: 'intruder@example.org', role: 'applicant', partnerOrganizationId: null };
    expect((await invite(otherApplicant, body)).statusCode).toBe(404);
    expect((await api.request('GET', `${ORGS}/${org.id}/invitations`, { cookie: otherApplicant })).statusCode).toBe(404);
    expect((await invite(officer, body)).statusCode).toBe(403);
    expect((await api.request('GET', `${ORGS}/${org.id}/invitations`, { cookie: officer })).statusCode).toBe(403);
    const southApplicant = await api.signIn('applicant@south.test');
    expect((await invite(southApplicant, body)).statusCode).toBe(404);
    expect(await api.dataSource.query(`SELECT 1 FROM invitation WHERE email = 'intruder@example.org'`)).toEqual([]);
  });
});
