import { ApiErrorBody, ApplicationSummaryView, ApplicationView, ErrorCode } from '@mizan/contracts';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../../testing/api-harness';
import { PDF_BYTES, createCall, createOrganization, createPartner, createProgram, createUser, goodContent, multipart } from './applications.fixtures';

/**
 * Who reaches an application: its organization's members (read and write),
 * the partners it names (read only), its agency's officers (read and screen).
 * Everyone else — another organization, a partner not named, another
 * agency — gets 404 (or 403 where their role lacks the route's permission),
 * on every route, and changes nothing.
 */
type Caller = 'otherOrgApplicant' | 'otherAgencyApplicant' | 'otherAgencyOfficer' | 'unnamedPartner' | 'otherAgencyPartner' | 'namedPartner' | 'ownOfficer';

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: (id: string, attachmentId: string) => string;
  body?: () => unknown;
  upload?: boolean;
  /** Changes state when allowed, so the allowed caller is left out of the matrix here (covered by the lifecycle spec). */
  mutates?: boolean;
}

const ROUTES: Route[] = [
  { name: 'read', method: 'GET', path: (id) => `applications/${id}` },
  { name: 'save', method: 'PUT', path: (id) => `applications/${id}`, body: () => ({ version: 3, content: goodContent([]) }), mutates: true },
  { name: 'submit', method: 'POST', path: (id) => `applications/${id}/submit`, body: () => ({ version: 3 }), mutates: true },
  { name: 'resubmit', method: 'POST', path: (id) => `applications/${id}/resubmit`, body: () => ({ version: 3 }), mutates: true },
  { name: 'withdraw', method: 'POST', path: (id) => `applications/${id}/withdraw`, body: () => ({ reason: 'not mine to withdraw' }), mutates: true },
  { name: 'screening', method: 'POST', path: (id) => `applications/${id}/screening`, body: () => ({ action: 'mark_ineligible', reason: 'probe' }), mutates: true },
  { name: 'version', method: 'GET', path: (id) => `applications/${id}/versions/1` },
  { name: 'attach', method: 'POST', path: (id) => `applications/${id}/attachments`, upload: true, mutates: true },
  { name: 'attachments', method: 'GET', path: (id) => `applications/${id}/attachments` },
  { name: 'attachment file', method: 'GET', path: (id, a) => `applications/${id}/attachments/${a}/file` },
];

const READS = new Set(['read', 'version', 'attachments', 'attachment file']);
const MEMBER_WRITES = new Set(['save', 'submit', 'resubmit', 'withdraw', 'attach']);

/** The status each caller must get on each route. */
function expected(caller: Caller, route: string): number {
  const applicant = caller === 'otherOrgApplicant' || caller === 'otherAgencyApplicant';
  const officer = caller === 'otherAgencyOfficer' || caller === 'ownOfficer';
  if (route === 'screening') return officer ? (caller === 'ownOfficer' ? 200 : 404) : 403;
  if (MEMBER_WRITES.has(route)) return applicant ? 404 : 403;
  if (READS.has(route)) return caller === 'namedPartner' || caller === 'ownOfficer' ? 200 : 404;
  throw new Error(`no expectation for ${route}`);
}

describe('applications: access of other organizations, partners and agencies', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let south: SeededAgency;
  let orgA: string;
  let callNorth: string;
  let applicationId: string;
  let attachmentId: string;
  const tokens = {} as Record<Caller | 'alice', string>;

  beforeAll(async () => {
    api = await ApiHarness.start('applications_access');
    const ds = api.dataSource;
    north = await seedAgency(ds, 'north');
    south = await seedAgency(ds, 'south');
    const bashir = await createUser(ds, north.agency.id, 'bashir@north.test', 'applicant');
    const unnamed = await createUser(ds, north.agency.id, 'unnamed-partner@north.test', 'partner');
    const programNorth = await createProgram(ds, north.agency.id, north.users.officer.id);
    const programSouth = await createProgram(ds, south.agency.id, south.users.officer.id);
    callNorth = await createCall(ds, { programId: programNorth, agencyId: north.agency.id, createdBy: north.users.officer.id });
    await createCall(ds, { programId: programSouth, agencyId: south.agency.id, createdBy: south.users.officer.id });
    orgA = await createOrganization(ds, north.agency.id, 'Rafidain Health Association', [north.users.applicant.id]);
    const orgB = await createOrganization(ds, north.agency.id, 'Tigris Culture Society', [bashir.id]);
    const orgSouth = await createOrganization(ds, south.agency.id, 'Euphrates Youth', [south.users.applicant.id]);
    const named = await createPartner(ds, orgA, 'Basra Mental Health Network', 'IQ-BA', [north.users.partner.id]);
    await createPartner(ds, orgA, 'Mosul Women Forum', 'IQ-NI', [unnamed.id]);
    await createPartner(ds, orgB, 'Najaf Heritage Group', 'IQ-NA');
    await createPartner(ds, orgSouth, 'Kirkuk Press Club', 'IQ-KI', [south.users.partner.id]);

    tokens.alice = await api.signIn('applicant@north.test');
    tokens.otherOrgApplicant = await api.signIn('bashir@north.test');
    tokens.otherAgencyApplicant = await api.signIn('applicant@south.test');
    tokens.otherAgencyOfficer = await api.signIn('officer@south.test');
    tokens.unnamedPartner = await api.signIn('unnamed-partner@north.test');
    tokens.otherAgencyPartner = await api.signIn('partner@south.test');
    tokens.namedPartner = await api.signIn('partner@north.test');
    tokens.ownOfficer = await api.signIn('officer@north.test');

    // Org A's application: named partner, one attachment, submitted (so version 1 exists).
    const created = (await api.request('POST', 'applications', { cookie: tokens.alice, body: { callId: callNorth, organizationId: orgA, title: 'Ours' } })).json<ApplicationView>();
    applicationId = created.id;
    const savedView = await api.request('PUT', `applications/${applicationId}`, { cookie: tokens.alice, body: { version: 1, content: goodContent([named]) } });
    expect(savedView.statusCode).toBe(200);
    const upload = await api.request('POST', `applications/${applicationId}/attachments`, { cookie: tokens.alice, ...multipart('letter.pdf', PDF_BYTES) });
    expect(upload.statusCode).toBe(201);
    attachmentId = upload.json<{ id: string }>().id;
    const submitted = await api.request('POST', `applications/${applicationId}/submit`, { cookie: tokens.alice, body: { version: 2 } });
    expect(submitted.statusCode).toBe(201);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const callers: Caller[] = ['otherOrgApplicant', 'otherAgencyApplicant', 'otherAgencyOfficer', 'unnamedPartner', 'otherAgencyPartner', 'namedPartner', 'ownOfficer'];
  const cases = ROUTES.flatMap((route) =>
    callers.filter((caller) => !(route.mutates && expected(caller, route.name) === 200)).map((caller) => [route.name, caller, route] as const),
  );

  it.each(cases)('%s as %s', async (_name, caller, route) => {
    const options = route.upload ? { cookie: tokens[caller], ...multipart('probe.pdf', PDF_BYTES) } : { cookie: tokens[caller], body: route.body?.() };
    const response = await api.request(route.method, route.path(applicationId, attachmentId), options);
    const status = expected(caller, route.name);
    expect({ caller, route: route.name, status: response.statusCode }).toEqual({ caller, route: route.name, status });
    if (status === 404) expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.NotFound);
    if (status === 403) expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.Forbidden);
  });

  it.each(ROUTES.map((r) => [r.name, r] as const))('%s without signing in is 401', async (_name, route) => {
    const options = route.upload ? multipart('probe.pdf', PDF_BYTES) : { body: route.body?.() };
    const response = await api.request(route.method, route.path(applicationId, attachmentId), options);
    expect(response.statusCode).toBe(401);
  });

  it('a named partner reads the application but is offered nothing to do and cannot edit', async () => {
    const view = (await api.request('GET', `applications/${applicationId}`, { cookie: tokens.namedPartner })).json<ApplicationView>();
    expect(view).toMatchObject({ id: applicationId, editable: false, allowedActions: [] });
  });

  it('nothing the matrix tried changed the application', async () => {
    const [row] = (await api.dataSource.query(`SELECT state, version FROM application WHERE id = $1`, [applicationId])) as { state: string; version: number }[];
    expect(row).toEqual({ state: 'submitted', version: 3 });
    const [{ n }] = (await api.dataSource.query(`SELECT count(*)::int AS n FROM application_attachment WHERE application_id = $1`, [applicationId])) as { n: number }[];
    expect(n).toBe(1);
    const actions = (await api.dataSource.query(`SELECT action FROM activity_record WHERE entity_id = $1 ORDER BY seq`, [applicationId])) as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(['application.created', 'application.draft_saved', 'application.attachment_added', 'application.submitted']);
  });

  it('lists hold only what each caller may see', async () => {
    const ids = async (token: string) => (await api.request('GET', 'applications', { cookie: token })).json<ApplicationSummaryView[]>().map((a) => a.id);
    expect(await ids(tokens.alice)).toEqual([applicationId]);
    expect(await ids(tokens.namedPartner)).toEqual([applicationId]);
    expect(await ids(tokens.ownOfficer)).toEqual([applicationId]);
    for (const caller of ['otherOrgApplicant', 'otherAgencyApplicant', 'otherAgencyOfficer', 'unnamedPartner', 'otherAgencyPartner'] as const) {
      expect({ caller, ids: await ids(tokens[caller]) }).toEqual({ caller, ids: [] });
    }
    const filtered = await api.request('GET', `applications?callId=${callNorth}`, { cookie: tokens.otherAgencyOfficer });
    expect(filtered.json<ApplicationSummaryView[]>()).toEqual([]);
  });

  it('no one creates an application for an organization they are not a member of, nor to another agency’s call', async () => {
    const foreignOrg = await api.request('POST', 'applications', { cookie: tokens.otherOrgApplicant, body: { callId: callNorth, organizationId: orgA, title: 'Hijack' } });
    expect(foreignOrg.statusCode).toBe(404);
    const [{ id: orgSouth }] = (await api.dataSource.query(`SELECT id FROM organization WHERE legal_name = 'Euphrates Youth'`)) as { id: string }[];
    const foreignCall = await api.request('POST', 'applications', { cookie: tokens.otherAgencyApplicant, body: { callId: callNorth, organizationId: orgSouth, title: 'Cross-agency' } });
    expect(foreignCall.statusCode).toBe(404);
    expect(foreignCall.json<ApiErrorBody>().message).toBe('Call was not found');
    const partnerCreate = await api.request('POST', 'applications', { cookie: tokens.namedPartner, body: { callId: callNorth, organizationId: orgA, title: 'Partner' } });
    expect(partnerCreate.statusCode).toBe(403);
  });

  it('a made-up or malformed id is simply not found', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const response = await api.request('GET', `applications/${id}`, { cookie: tokens.alice });
      expect(response.statusCode).toBe(404);
    }
  });
});
