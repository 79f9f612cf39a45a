import { ApiErrorBody, ErrorCode, OrganizationView } from '@mizan/contracts';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../../testing/api-harness';
import { ORGS, addUser, organizationInput, registerOrganization, toInput, trailCount, trailOf } from './organization-fixtures';

describe('organizations: registration, editing, access (real PostgreSQL)', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let applicant: string;
  let otherApplicant: string;
  let southApplicant: string;
  let officer: string;
  let southOfficer: string;

  beforeAll(async () => {
    api = await ApiHarness.start('organizations');
    north = await seedAgency(api.dataSource, 'north');
    await seedAgency(api.dataSource, 'south');
    await addUser(api.dataSource, north.agency.id, 'second.applicant@north.test', 'applicant');
    applicant = await api.signIn('applicant@north.test');
    otherApplicant = await api.signIn('second.applicant@north.test');
    southApplicant = await api.signIn('applicant@south.test');
    officer = await api.signIn('officer@north.test');
    southOfficer = await api.signIn('officer@south.test');
  });
  afterAll(async () => {
    await api?.stop();
  });

  describe('registering', () => {
    it('registers an organization: 201, the creator is its chair, IBAN stored without spaces, on the trail', async () => {
      const input = organizationInput({ legalName: 'Föreningen Bro till Basra', accountHolder: 'Bro till Basra', iban: 'se45 5000 0000 0583 9825 7466' });
      const response = await api.request('POST', ORGS, { cookie: applicant, body: input });
      expect(response.statusCode).toBe(201);
      const org = response.json<OrganizationView>();
      expect(org).toMatchObject({
        legalName: 'Föreningen Bro till Basra',
        iban: 'SE4550000000058398257466',
        hostlandCountry: 'SE',
        foundedOn: '2015-04-01',
        version: 1,
        members: [{ email: 'applicant@north.test', roleInOrganization: 'chair' }],
        dueDiligence: { status: 'pending', expired: false, expiresOn: null },
      });
      const stored = await api.dataSource.query('SELECT iban, agency_id FROM organization WHERE id = $1', [org.id]);
      expect(stored).toEqual([{ iban: 'SE4550000000058398257466', agency_id: north.agency.id }]);
      const trail = await trailOf(api.dataSource, org.id);
      expect(trail).toEqual([
        expect.objectContaining({ action: 'organization.registered', actor_label: 'applicant@north.test', after: expect.objectContaining({ iban: 'SE4550000000058398257466' }) }),
      ]);
    });

    it('refuses a bad IBAN checksum with the domain message on the field iban, and saves nothing', async () => {
      const before = await trailCount(api.dataSource);
      const response = await api.request('POST', ORGS, { cookie: applicant, body: organizationInput({ iban: 'SE45 5000 0000 0583 9825 7467' }) });
      expect(response.statusCode).toBe(400);
      const body = response.json<ApiErrorBody>();
      expect(body.code).toBe(ErrorCode.ValidationFailed);
      expect(body.fields).toEqual([{ field: 'iban', code: 'INVALID', message: 'The IBAN check digits do not match: please check for a typing mistake' }]);
      expect(await trailCount(api.dataSource)).toBe(before);
    });

    it('needs an explanation when the account holder differs from the legal name', async () => {
      const refused = await api.request('POST', ORGS, { cookie: applicant, body: organizationInput({ legalName: 'Nahrain Education Forum', accountHolder: 'Samir Yousif' }) });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<ApiErrorBody>().fields?.map((f) => f.field)).toEqual(['holderExplanation']);
      const explained = await api.request('POST', ORGS, {
        cookie: applicant,
        body: organizationInput({ legalName: 'Nahrain Education Forum', accountHolder: 'Samir Yousif', holderExplanation: 'The treasurer holds the account until ours opens' }),
      });
      expect(explained.statusCode).toBe(201);
      const check = explained.json<OrganizationView>().dueDiligence.checks.find((c) => c.check === 'holder_matches_name');
      expect(check).toMatchObject({ passed: true, message: expect.stringContaining('explained: The treasurer') });
    });

    it('names each bad field: email (request shape), then country and founding date (domain rules); unknown fields are refused', async () => {
      const response = await api.request('POST', ORGS, {
        cookie: applicant,
        body: organizationInput({ hostlandCountry: 'US', foundedOn: '2999-01-01', contactEmail: 'not-an-email' }),
      });
      expect(response.statusCode).toBe(400);
      const fields = response.json<ApiErrorBody>().fields?.map((f) => f.field);
      expect(fields).toEqual(['contactEmail']);
      const domain = await api.request('POST', ORGS, { cookie: applicant, body: organizationInput({ hostlandCountry: 'US', foundedOn: '2999-01-01' }) });
      expect(domain.json<ApiErrorBody>().fields?.map((f) => f.field)).toEqual(['hostlandCountry', 'foundedOn']);
      const badDate = await api.request('POST', ORGS, { cookie: applicant, body: organizationInput({ foundedOn: '2019-02-30' }) });
      expect(badDate.json<ApiErrorBody>().fields).toEqual([{ field: 'foundedOn', code: 'INVALID', message: 'must be a date like 2015-04-01' }]);
      for (const country of ['GB', 'DE', 'NO']) {
        const ok = await api.request('POST', ORGS, { cookie: applicant, body: organizationInput({ hostlandCountry: country }) });
        expect(ok.statusCode).toBe(201);
      }
      const unknown = await api.request('POST', ORGS, { cookie: applicant, body: { ...organizationInput(), ddStatus: 'cleared' } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<ApiErrorBody>().code).toBe(ErrorCode.UnknownFields);
    });

    it('refuses a second organization with the same registration number in the same country (409 naming registrationNumber)', async () => {
      await registerOrganization(api, applicant, { registrationNumber: '802999-0001', hostlandCountry: 'SE' });
      const dup = await api.request('POST', ORGS, { cookie: otherApplicant, body: organizationInput({ registrationNumber: ' 802999-0001 ', hostlandCountry: 'SE' }) });
      expect(dup.statusCode).toBe(409);
      expect(dup.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.Conflict, fields: [{ field: 'registrationNumber', message: 'already registered for this country' }] });
      const otherCountry = await api.request('POST', ORGS, { cookie: otherApplicant, body: organizationInput({ registrationNumber: '802999-0001', hostlandCountry: 'DK' }) });
      expect(otherCountry.statusCode).toBe(201);
      // Another agency keeps its own register.
      const otherAgency = await api.request('POST', ORGS, { cookie: southApplicant, body: organizationInput({ registrationNumber: '802999-0001', hostlandCountry: 'SE' }) });
      expect(otherAgency.statusCode).toBe(201);
    });

    it('is for applicants only: officers, partners, reviewers and finance get 403', async () => {
      for (const role of ['officer', 'partner', 'reviewer', 'finance', 'auditor', 'admin']) {
        const token = await api.signIn(`${role}@north.test`);
        const response = await api.request('POST', ORGS, { cookie: token, body: organizationInput() });
        expect(response.statusCode).toBe(403);
      }
    });
  });

  describe('seeing organizations', () => {
    let mine: OrganizationView;
    let theirs: OrganizationView;
    let southOrg: OrganizationView;

    beforeAll(async () => {
      mine = await registerOrganization(api, applicant, { legalName: 'Mine Association' });
      theirs = await registerOrganization(api, otherApplicant, { legalName: 'Theirs Association' });
      southOrg = await registerOrganization(api, southApplicant, { legalName: 'South Association' });
    });

    it('an applicant lists only the organizations they are a member of', async () => {
      const list = (await api.request('GET', ORGS, { cookie: otherApplicant })).json<OrganizationView[]>();
      expect(list.map((o) => o.id)).toContain(theirs.id);
      expect(list.map((o) => o.id)).not.toContain(mine.id);
      expect(list.every((o) => o.members.some((m) => m.email === 'second.applicant@north.test'))).toBe(true);
    });

    it('an officer lists every organization of their agency with its due-diligence status, and no other agency’s', async () => {
      const list = (await api.request('GET', ORGS, { cookie: officer })).json<OrganizationView[]>();
      const ids = list.map((o) => o.id);
      expect(ids).toEqual(expect.arrayContaining([mine.id, theirs.id]));
      expect(ids).not.toContain(southOrg.id);
      expect(list.every((o) => o.dueDiligence.status === 'pending')).toBe(true);
      const southList = (await api.request('GET', ORGS, { cookie: southOfficer })).json<OrganizationView[]>();
      expect(southList.map((o) => o.id)).toContain(southOrg.id);
      expect(southList.map((o) => o.id)).not.toContain(mine.id);
    });

    it('filters the officer’s list by due-diligence status and rejects an unknown status', async () => {
      const pending = (await api.request('GET', `${ORGS}?ddStatus=pending`, { cookie: officer })).json<OrganizationView[]>();
      expect(pending.map((o) => o.id)).toContain(mine.id);
      const cleared = (await api.request('GET', `${ORGS}?ddStatus=cleared`, { cookie: officer })).json<OrganizationView[]>();
      expect(cleared.map((o) => o.id)).not.toContain(mine.id);
      const bad = await api.request('GET', `${ORGS}?ddStatus=approved`, { cookie: officer });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<ApiErrorBody>().fields?.[0].field).toBe('ddStatus');
    });

    it('a member and an officer of the agency can open it; another applicant, another agency’s officer get 404', async () => {
      expect((await api.request('GET', `${ORGS}/${mine.id}`, { cookie: applicant })).statusCode).toBe(200);
      expect((await api.request('GET', `${ORGS}/${mine.id}`, { cookie: officer })).statusCode).toBe(200);
      expect((await api.request('GET', `${ORGS}/${mine.id}`, { cookie: otherApplicant })).statusCode).toBe(404);
      expect((await api.request('GET', `${ORGS}/${mine.id}`, { cookie: southOfficer })).statusCode).toBe(404);
      expect((await api.request('GET', `${ORGS}/${mine.id}`, { cookie: southApplicant })).statusCode).toBe(404);
      expect((await api.request('GET', `${ORGS}/not-a-uuid`, { cookie: applicant })).statusCode).toBe(404);
      expect((await api.request('GET', `${ORGS}/00000000-0000-4000-8000-000000000000`, { cookie: officer })).statusCode).toBe(404);
    });

    it('partners, reviewers, finance and admins get 403 on the organization routes', async () => {
      for (const role of ['partner', 'reviewer', 'finance', 'admin']) {
        const token = await api.signIn(`${role}@north.test`);
        expect((await api.request('GET', ORGS, { cookie: token })).statusCode).toBe(403);
        expect((await api.request('GET', `${ORGS}/${mine.id}`, { cookie: token })).statusCode).toBe(403);
        expect((await api.request('PUT', `${ORGS}/${mine.id}`, { cookie: token, body: { ...organizationInput(), version: 1 } })).statusCode).toBe(403);
      }
      expect((await api.request('GET', ORGS)).statusCode).toBe(401);
    });

    it('an auditor reads only organizations in an open engagement’s scope (issue 12): none here, so an empty list and 404; never an edit', async () => {
      const token = await api.signIn('auditor@north.test');
      expect((await api.request('GET', ORGS, { cookie: token })).json<OrganizationView[]>()).toEqual([]);
      expect((await api.request('GET', `${ORGS}/${mine.id}`, { cookie: token })).statusCode).toBe(404);
      expect((await api.request('PUT', `${ORGS}/${mine.id}`, { cookie: token, body: { ...organizationInput(), version: 1 } })).statusCode).toBe(403);
    });
  });

  describe('editing', () => {
    it('a member saves with the version they opened; the change is on the trail with before and after', async () => {
      const org = await registerOrganization(api, applicant, { legalName: 'Editing Association' });
      const response = await api.request('PUT', `${ORGS}/${org.id}`, {
        cookie: applicant,
        body: { ...toInput(org), address: 'Drottninggatan 5, Göteborg', version: org.version },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json<OrganizationView>()).toMatchObject({ address: 'Drottninggatan 5, Göteborg', version: 2 });
      const trail = await trailOf(api.dataSource, org.id);
      expect(trail.at(-1)).toMatchObject({
        action: 'organization.updated',
        before: { address: 'Storgatan 1, 111 22 Stockholm' },
        after: { address: 'Drottninggatan 5, Göteborg', version: 2 },
      });
    });

    it('a stale version is refused with 409 "changed by someone else since you opened it", and the colleague’s change survives', async () => {
      const org = await registerOrganization(api, applicant, { legalName: 'Two Editors Association' });
      const first = await api.request('PUT', `${ORGS}/${org.id}`, { cookie: applicant, body: { ...toInput(org), contactPhone: '+46 70 111 11 11', version: 1 } });
      expect(first.statusCode).toBe(200);
      const second = await api.request('PUT', `${ORGS}/${org.id}`, { cookie: applicant, body: { ...toInput(org), address: 'Somewhere else 2', version: 1 } });
      expect(second.statusCode).toBe(409);
      const body = second.json<ApiErrorBody>();
      expect(body.code).toBe(ErrorCode.Conflict);
      expect(body.message).toContain('changed by someone else since you opened it');
      expect(body.fields).toEqual([{ field: 'version', code: 'INVALID', message: 'changed by someone else since you opened it' }]);
      const now = (await api.request('GET', `${ORGS}/${org.id}`, { cookie: applicant })).json<OrganizationView>();
      expect(now).toMatchObject({ version: 2, contactPhone: '+46 70 111 11 11', address: org.address });
    });

    it('two members saving the same version at the same moment: one wins, the other gets the conflict', async () => {
      const org = await registerOrganization(api, applicant, { legalName: 'Racing Association' });
      const results = await Promise.all([
        api.request('PUT', `${ORGS}/${org.id}`, { cookie: applicant, body: { ...toInput(org), address: 'Address one 1', version: 1 } }),
        api.request('PUT', `${ORGS}/${org.id}`, { cookie: applicant, body: { ...toInput(org), address: 'Address two 2', version: 1 } }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.statusCode === 200)?.json<OrganizationView>();
      const now = (await api.request('GET', `${ORGS}/${org.id}`, { cookie: applicant })).json<OrganizationView>();
      expect(now).toMatchObject({ version: 2, address: winner?.address });
    });

    it('validates an edit like a registration and keeps the saved data when refused', async () => {
      const org = await registerOrganization(api, applicant, { legalName: 'Careful Association' });
      const bad = await api.request('PUT', `${ORGS}/${org.id}`, { cookie: applicant, body: { ...toInput(org), iban: 'GB00 WEST 1234 5698 7654 32', version: 1 } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<ApiErrorBody>().fields?.[0].field).toBe('iban');
      const missingVersion = await api.request('PUT', `${ORGS}/${org.id}`, { cookie: applicant, body: toInput(org) });
      expect(missingVersion.statusCode).toBe(400);
      expect(missingVersion.json<ApiErrorBody>().fields?.[0].field).toBe('version');
      const now = (await api.request('GET', `${ORGS}/${org.id}`, { cookie: applicant })).json<OrganizationView>();
      expect(now).toMatchObject({ version: 1, iban: org.iban });
    });

    it('an edit to a duplicate registration number is refused naming registrationNumber', async () => {
      const a = await registerOrganization(api, applicant, { registrationNumber: '555000-0001' });
      const b = await registerOrganization(api, applicant, { registrationNumber: '555000-0002' });
      const response = await api.request('PUT', `${ORGS}/${b.id}`, { cookie: applicant, body: { ...toInput(b), registrationNumber: a.registrationNumber, version: 1 } });
      expect(response.statusCode).toBe(409);
      expect(response.json<ApiErrorBody>().fields?.[0].field).toBe('registrationNumber');
    });

    it('only members edit: another applicant and another agency get 404, an officer 403; nothing changes', async () => {
      const org = await registerOrganization(api, applicant, { legalName: 'Guarded Association' });
      const body = { ...toInput(org), legalName: 'Taken Over', accountHolder: 'Taken Over', version: 1 };
      expect((await api.request('PUT', `${ORGS}/${org.id}`, { cookie: otherApplicant, body })).statusCode).toBe(404);
      expect((await api.request('PUT', `${ORGS}/${org.id}`, { cookie: southApplicant, body })).statusCode).toBe(404);
      expect((await api.request('PUT', `${ORGS}/${org.id}`, { cookie: officer, body })).statusCode).toBe(403);
      const now = (await api.request('GET', `${ORGS}/${org.id}`, { cookie: applicant })).json<OrganizationView>();
      expect(now).toMatchObject({ legalName: 'Guarded Association', version: 1 });
    });
  });
});
