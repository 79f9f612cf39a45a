import { API_PREFIX, ApiErrorBody, ErrorCode, OrganizationView, PartnerView } from '@mizan/contracts';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../../testing/api-harness';
import { ORGS, addPartner, addUser, partnerInput, registerOrganization, trailOf } from './organization-fixtures';

const MINE = `${API_PREFIX}/partners/mine`;

describe('partner organizations (real PostgreSQL)', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let applicant: string;
  let otherApplicant: string;
  let southApplicant: string;
  let officer: string;
  let southOfficer: string;
  let orgA: OrganizationView;
  let orgB: OrganizationView;
  let southOrg: OrganizationView;

  beforeAll(async () => {
    api = await ApiHarness.start('partners');
    north = await seedAgency(api.dataSource, 'north');
    await seedAgency(api.dataSource, 'south');
    await addUser(api.dataSource, north.agency.id, 'second.applicant@north.test', 'applicant');
    applicant = await api.signIn('applicant@north.test');
    otherApplicant = await api.signIn('second.applicant@north.test');
    southApplicant = await api.signIn('applicant@south.test');
    officer = await api.signIn('officer@north.test');
    southOfficer = await api.signIn('officer@south.test');
    orgA = await registerOrganization(api, applicant, { legalName: 'Organization A' });
    orgB = await registerOrganization(api, otherApplicant, { legalName: 'Organization B' });
    southOrg = await registerOrganization(api, southApplicant, { legalName: 'South Organization' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('a member adds a partner in a governorate: 201, on the trail', async () => {
    const response = await api.request('POST', `${ORGS}/${orgA.id}/partners`, { cookie: applicant, body: partnerInput({ governorateCode: 'iq-ba' }) });
    expect(response.statusCode).toBe(201);
    const partner = response.json<PartnerView>();
    expect(partner).toMatchObject({ organizationId: orgA.id, governorateCode: 'IQ-BA', contactPerson: 'Layla Hassan', contactEmail: 'layla@basra-water.example' });
    expect(await trailOf(api.dataSource, partner.id)).toEqual([
      expect.objectContaining({ action: 'partner.registered', actor_label: 'applicant@north.test', after: expect.objectContaining({ organizationId: orgA.id, governorateCode: 'IQ-BA' }) }),
    ]);
  });

  it('refuses an unknown governorate and empty fields, naming each; nothing is saved', async () => {
    const response = await api.request('POST', `${ORGS}/${orgA.id}/partners`, { cookie: applicant, body: partnerInput({ governorateCode: 'IQ-XX', contactPerson: '  ' }) });
    expect(response.statusCode).toBe(400);
    const fields = response.json<ApiErrorBody>().fields ?? [];
    expect(fields.map((f) => f.field)).toEqual(['contactPerson', 'governorateCode']);
    expect(fields[1].message).toContain('IQ-NI');
    const email = await api.request('POST', `${ORGS}/${orgA.id}/partners`, { cookie: applicant, body: partnerInput({ contactEmail: 'nope' }) });
    expect(email.json<ApiErrorBody>().fields?.map((f) => f.field)).toEqual(['contactEmail']);
    const count = await api.dataSource.query(`SELECT count(*)::int AS n FROM partner_organization WHERE governorate_code = 'IQ-XX'`);
    expect(count[0].n).toBe(0);
  });

  it('members and officers of the agency see the partners; other applicants and agencies get 404; partners, reviewers, finance 403', async () => {
    await addPartner(api, applicant, orgA.id, { name: 'Nineveh Youth Network', governorateCode: 'IQ-NI' });
    const byMember = (await api.request('GET', `${ORGS}/${orgA.id}/partners`, { cookie: applicant })).json<PartnerView[]>();
    expect(byMember.map((p) => p.name)).toEqual(expect.arrayContaining(['Basra Water Collective', 'Nineveh Youth Network']));
    const byOfficer = await api.request('GET', `${ORGS}/${orgA.id}/partners`, { cookie: officer });
    expect(byOfficer.statusCode).toBe(200);
    expect(byOfficer.json<PartnerView[]>()).toHaveLength(byMember.length);
    expect((await api.request('GET', `${ORGS}/${orgA.id}/partners`, { cookie: otherApplicant })).statusCode).toBe(404);
    expect((await api.request('GET', `${ORGS}/${orgA.id}/partners`, { cookie: southOfficer })).statusCode).toBe(404);
    expect((await api.request('GET', `${ORGS}/${orgA.id}/partners`, { cookie: southApplicant })).statusCode).toBe(404);
    expect((await api.request('POST', `${ORGS}/${orgA.id}/partners`, { cookie: otherApplicant, body: partnerInput() })).statusCode).toBe(404);
    expect((await api.request('POST', `${ORGS}/${orgA.id}/partners`, { cookie: officer, body: partnerInput() })).statusCode).toBe(403);
    for (const role of ['partner', 'reviewer', 'finance']) {
      const token = await api.signIn(`${role}@north.test`);
      expect((await api.request('GET', `${ORGS}/${orgA.id}/partners`, { cookie: token })).statusCode).toBe(403);
    }
    expect((await api.request('GET', `${ORGS}/${southOrg.id}/partners`, { cookie: officer })).statusCode).toBe(404);
  });

  it('a member updates a partner with before/after on the trail; another organization’s partner id is 404', async () => {
    const partner = await addPartner(api, applicant, orgA.id, { name: 'Old Name' });
    const response = await api.request('PUT', `${ORGS}/${orgA.id}/partners/${partner.id}`, {
      cookie: applicant,
      body: partnerInput({ name: 'New Name', relationship: 'Co-implementer' }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<PartnerView>()).toMatchObject({ id: partner.id, name: 'New Name', relationship: 'Co-implementer' });
    expect((await trailOf(api.dataSource, partner.id)).at(-1)).toMatchObject({
      action: 'partner.updated',
      before: { name: 'Old Name', relationship: 'Implementing partner since 2019' },
      after: { name: 'New Name', relationship: 'Co-implementer' },
    });
    const bPartner = await addPartner(api, otherApplicant, orgB.id, { name: 'B’s partner' });
    // Through A's url: the partner is not A's.
    expect((await api.request('PUT', `${ORGS}/${orgA.id}/partners/${bPartner.id}`, { cookie: applicant, body: partnerInput() })).statusCode).toBe(404);
    // Through B's url: the caller is not B's member.
    expect((await api.request('PUT', `${ORGS}/${orgB.id}/partners/${bPartner.id}`, { cookie: applicant, body: partnerInput() })).statusCode).toBe(404);
    expect((await api.request('PUT', `${ORGS}/${orgA.id}/partners/not-a-uuid`, { cookie: applicant, body: partnerInput() })).statusCode).toBe(404);
    const unchanged = await api.dataSource.query('SELECT name FROM partner_organization WHERE id = $1', [bPartner.id]);
    expect(unchanged).toEqual([{ name: 'B’s partner' }]);
  });

  it('a partner user sees only their own partner organization through /partners/mine', async () => {
    const own = await addPartner(api, applicant, orgA.id, { name: 'Own Partner' });
    await addPartner(api, applicant, orgA.id, { name: 'Sibling Partner' });
    const partnerUser = await addUser(api.dataSource, north.agency.id, 'field.partner@north.test', 'partner');
    await api.dataSource.query('INSERT INTO partner_member (partner_organization_id, user_id) VALUES ($1, $2)', [own.id, partnerUser.id]);
    const token = await api.signIn('field.partner@north.test');
    const mine = await api.request('GET', MINE, { cookie: token });
    expect(mine.statusCode).toBe(200);
    expect(mine.json<PartnerView[]>().map((p) => p.name)).toEqual(['Own Partner']);
    // Nothing else of the organization.
    expect((await api.request('GET', `${ORGS}/${orgA.id}`, { cookie: token })).statusCode).toBe(403);
    expect((await api.request('GET', `${ORGS}/${orgA.id}/partners`, { cookie: token })).statusCode).toBe(403);
    expect((await api.request('GET', ORGS, { cookie: token })).statusCode).toBe(403);
    // A partner user of nothing sees nothing; applicants and officers have no "mine".
    expect((await api.request('GET', MINE, { cookie: await api.signIn('partner@north.test') })).json<PartnerView[]>()).toEqual([]);
    expect((await api.request('GET', MINE, { cookie: applicant })).statusCode).toBe(403);
    expect((await api.request('GET', MINE, { cookie: officer })).statusCode).toBe(403);
  });

  it('contacts of partners in restricted governorates stay visible to members, officers and the partner’s own users', async () => {
    // Reference data: only migrations (the owner) change it, the api's role reads it.
    await api.env.queryAs('owner', `UPDATE governorate SET security_level = 'restricted' WHERE code = 'IQ-NI'`);
    try {
      const restricted = await addPartner(api, applicant, orgA.id, { name: 'Mosul Health Partner', governorateCode: 'IQ-NI', contactPerson: 'Omar K.' });
      expect(restricted).toMatchObject({ contactPerson: 'Omar K.', contactEmail: 'layla@basra-water.example' });
      const byOfficer = (await api.request('GET', `${ORGS}/${orgA.id}/partners`, { cookie: officer })).json<PartnerView[]>();
      expect(byOfficer.find((p) => p.id === restricted.id)).toMatchObject({ contactPerson: 'Omar K.', contactPhone: '+964 770 123 4567' });
      const user = await addUser(api.dataSource, north.agency.id, 'mosul.partner@north.test', 'partner');
      await api.dataSource.query('INSERT INTO partner_member (partner_organization_id, user_id) VALUES ($1, $2)', [restricted.id, user.id]);
      const mine = (await api.request('GET', MINE, { cookie: await api.signIn('mosul.partner@north.test') })).json<PartnerView[]>();
      expect(mine).toEqual([expect.objectContaining({ id: restricted.id, contactPerson: 'Omar K.' })]);
    } finally {
      await api.env.queryAs('owner', `UPDATE governorate SET security_level = 'accessible' WHERE code = 'IQ-NI'`);
    }
  });

  it('unknown fields are refused', async () => {
    const response = await api.request('POST', `${ORGS}/${orgA.id}/partners`, { cookie: applicant, body: { ...partnerInput(), securityLevel: 'accessible' } });
    expect(response.statusCode).toBe(400);
    expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.UnknownFields);
  });
});
