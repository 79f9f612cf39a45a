import { createHash } from 'node:crypto';
import {
  ErrorCode,
  MonitoringPaths,
  TransparencyPaths,
  type ApiErrorBody,
  type IatiPreviewView,
  type ProgramPublicationView,
  type PublicTransparencyView,
  type PublicationJobView,
  type PublicationRecordView,
} from '@mizan/contracts';
import {
  TransparencyService,
  validateIatiFile,
} from '@mizan/server/transparency';
import { ApiHarness } from '../../testing/api-harness';
import {
  GrantWorld,
  Tokens,
  activeGrant,
  grantWorld,
} from '../grants/grants.fixtures';

/*
 * Transparency on the real database (issue 16): the identity and settings, the preview (valid against the IATI
 * 2.03 XSD and codelists), publication by the job (run here in-process; the worker calls the same method), the
 * public page and file without sign-in, redaction of a partner in a no-access governorate, a planted invalid
 * element blocking publication while the last good version stays served, and who may do what.
 */

const PARTNER = 'شركاء البصرة';

describe('transparency: IATI publication', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  const t = {} as Tokens & Record<'finance' | 'southOfficer' | 'admin', string>;
  let programId: string;
  let slug: string;

  const call = (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    cookie?: string,
    body?: unknown,
  ) => api.request(method, path, { cookie, body });
  const runJob = async (job: PublicationJobView) =>
    api.app.get(TransparencyService).process(job.jobId, async () => undefined);
  const publicFile = (programIdOf = programId) =>
    api.request('GET', TransparencyPaths.publicFile(slug, programIdOf));
  const trailCount = async (action: string): Promise<number> => {
    const [row] = (await api.dataSource.query(
      'SELECT count(*)::int AS n FROM activity_record WHERE action = $1',
      [action],
    )) as { n: number }[];
    return row.n;
  };

  beforeAll(async () => {
    api = await ApiHarness.start('transparency', {
      signInIpMaxAttempts: 10_000,
    });
    w = await grantWorld(api);
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.admin = await api.signIn('admin@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
    const grant = await activeGrant(api, w, t);
    programId = grant.programId;
    const [agency] = (await api.dataSource.query(
      'SELECT slug FROM agency WHERE id = $1',
      [w.north.agency.id],
    )) as { slug: string }[];
    slug = agency.slug;
  }, 180_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('only officers and admins of the agency configure, preview and publish', async () => {
    for (const cookie of [t.applicant, t.finance]) {
      expect(
        (await call('GET', TransparencyPaths.identity, cookie)).statusCode,
      ).toBe(403);
      expect(
        (await call('GET', TransparencyPaths.preview(programId), cookie))
          .statusCode,
      ).toBe(403);
      expect(
        (await call('POST', TransparencyPaths.publications(programId), cookie))
          .statusCode,
      ).toBe(403);
    }
    expect((await call('GET', TransparencyPaths.identity)).statusCode).toBe(
      401,
    );
    expect(
      (await call('GET', TransparencyPaths.identity, t.admin)).statusCode,
    ).toBe(200);
    // Another agency's officer: the program is not theirs.
    expect(
      (
        await call(
          'PUT',
          TransparencyPaths.program(programId),
          t.southOfficer,
          { published: true, publicSummary: null, rowVersion: 0 },
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await call('GET', TransparencyPaths.preview(programId), t.southOfficer))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('GET', TransparencyPaths.programs, t.southOfficer))
        .json<ProgramPublicationView[]>()
        .map((p) => p.programId),
    ).not.toContain(programId);
  });

  it('refuses to preview before the identity is set, and a bad identity naming the field', async () => {
    const response = await call(
      'GET',
      TransparencyPaths.preview(programId),
      t.officer,
    );
    expect(response.statusCode).toBe(409);
    expect(response.json<ApiErrorBody>().code).toBe(
      ErrorCode.IatiIdentityMissing,
    );
    const bad = await call('PUT', TransparencyPaths.identity, t.officer, {
      organisationIdentifier: 'not an id/',
      name: { en: 'North' },
      organisationType: '99',
      rowVersion: 0,
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json<ApiErrorBody>().fields ?? []).map((f) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['organisationIdentifier', 'organisationType']),
    );
  });

  it('sets the identity and the program settings on the trail; a stale version is 409', async () => {
    let response = await call('PUT', TransparencyPaths.identity, t.officer, {
      organisationIdentifier: 'XI-IATI-NORTH-TEST',
      name: { en: 'North Agency', ar: 'وكالة الشمال', sv: 'Nordmyndigheten' },
      organisationType: '10',
      rowVersion: 0,
    });
    expect(response.statusCode).toBe(200);
    response = await call('PUT', TransparencyPaths.identity, t.officer, {
      organisationIdentifier: 'XI-IATI-NORTH-TEST',
      name: { en: 'North Agency' },
      organisationType: '10',
      rowVersion: 0,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<ApiErrorBody>().code).toBe(
      ErrorCode.IatiStaleSettings,
    );
    // Not published yet: publishing is refused.
    response = await call(
      'POST',
      TransparencyPaths.publications(programId),
      t.officer,
    );
    expect(response.statusCode).toBe(409);
    expect(response.json<ApiErrorBody>().code).toBe(
      ErrorCode.IatiProgramNotPublished,
    );
    response = await call(
      'PUT',
      TransparencyPaths.program(programId),
      t.officer,
      {
        published: true,
        publicSummary: {
          en: 'Health care in southern Iraq.',
          ar: 'رعاية صحية في جنوب العراق.',
        },
        rowVersion: 0,
      },
    );
    expect(response.statusCode).toBe(200);
    expect(response.json<ProgramPublicationView>()).toMatchObject({
      published: true,
      grantCount: 1,
      rowVersion: 1,
    });
    expect(await trailCount('iati.identity_changed')).toBe(1);
    expect(await trailCount('iati.program_settings_changed')).toBe(1);
  });

  it("previews the program's file: valid against the XSD and codelists, traced to the ledger", async () => {
    const response = await call(
      'GET',
      TransparencyPaths.preview(programId),
      t.officer,
    );
    expect(response.statusCode).toBe(200);
    const preview = response.json<IatiPreviewView>();
    expect(preview.validation).toMatchObject({ valid: true, errors: [] });
    expect((await validateIatiFile(preview.xml)).valid).toBe(true);
    expect(preview.activities).toHaveLength(1);
    expect(preview.xml).toContain(PARTNER);
    expect(preview.xml).toContain('Basra');
    const trace = preview.activities[0].trace;
    const commitment = trace.find(
      (x) => x.path.endsWith('/transaction-type[1]/@code') && x.value === '2',
    );
    expect(commitment?.source.kind).toBe('ledger_entry');
    expect(
      trace.find((x) => x.path === 'iati-activity[1]/iati-identifier[1]')
        ?.source,
    ).toMatchObject({ kind: 'grant', field: 'grantNumber' });
  });

  let firstSha: string;

  it('publishes through the job: stored with its SHA-256, served without sign-in, on the public page', async () => {
    const response = await call(
      'POST',
      TransparencyPaths.publications(programId),
      t.officer,
    );
    expect(response.statusCode).toBe(202);
    const job = response.json<PublicationJobView>();
    expect(job.state).toBe('queued');
    // A second request while one is open is refused.
    expect(
      (
        await call('POST', TransparencyPaths.publications(programId), t.officer)
      ).json<ApiErrorBody>().code,
    ).toBe(ErrorCode.IatiPublicationRunning);
    expect(await runJob(job)).toBe('done');
    const done = (
      await call('GET', TransparencyPaths.job(job.jobId), t.officer)
    ).json<PublicationJobView>();
    expect(done).toMatchObject({
      state: 'completed',
      progress: 100,
      record: { status: 'published', version: 1 },
    });
    const file = await publicFile();
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/xml');
    firstSha = createHash('sha256').update(file.rawPayload).digest('hex');
    expect(done.record?.sha256).toBe(firstSha);
    expect(file.headers['etag']).toBe(`"${firstSha}"`);
    expect((await validateIatiFile(file.body)).valid).toBe(true);
    const page = await call('GET', TransparencyPaths.publicPage(slug));
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toContain('public');
    const view = page.json<PublicTransparencyView>();
    expect(view.programs).toHaveLength(1);
    expect(view.programs[0]).toMatchObject({
      programId,
      version: 1,
      sha256: firstSha,
    });
    expect(view.programs[0].grants[0]).toMatchObject({
      governorateCode: 'IQ-BA',
      redacted: false,
    });
    expect(BigInt(view.programs[0].committedMinor)).toBeGreaterThan(0n);
    expect(await trailCount('iati.published')).toBe(1);
    // Another agency (no identity) has no public page; an unknown slug or file is 404.
    expect(
      (await call('GET', TransparencyPaths.publicPage('no-such-agency')))
        .statusCode,
    ).toBe(404);
    expect(
      (await api.request('GET', `/api/v1/public/iati/${slug}/not-a-file`))
        .statusCode,
    ).toBe(404);
  });

  it('a planted invalid element blocks publication with its path; the last good version stays served', async () => {
    // The reporting-org loses its name: the schema requires a narrative there.
    await api.env.queryAs(
      'owner',
      `UPDATE iati_identity SET name = '{"en":"  "}' WHERE agency_id = $1`,
      [w.north.agency.id],
    );
    const preview = (
      await call('GET', TransparencyPaths.preview(programId), t.officer)
    ).json<IatiPreviewView>();
    expect(preview.validation.valid).toBe(false);
    expect(preview.validation.errors[0].path).toBe(
      'iati-activities/iati-activity[1]/reporting-org[1]',
    );
    const job = (
      await call('POST', TransparencyPaths.publications(programId), t.officer)
    ).json<PublicationJobView>();
    await runJob(job);
    const record = (
      await call('GET', TransparencyPaths.job(job.jobId), t.officer)
    ).json<PublicationJobView>().record as PublicationRecordView;
    expect(record.status).toBe('failed');
    expect(record.version).toBeNull();
    expect(record.errors[0]).toMatchObject({
      kind: 'schema',
      path: 'iati-activities/iati-activity[1]/reporting-org[1]',
    });
    expect(await trailCount('iati.publication_failed')).toBe(1);
    const file = await publicFile();
    expect(file.statusCode).toBe(200);
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(
      firstSha,
    );
    await api.env.queryAs(
      'owner',
      `UPDATE iati_identity SET name = '{"en":"North Agency"}' WHERE agency_id = $1`,
      [w.north.agency.id],
    );
  });

  it('a partner in a no-access governorate: name and location withheld in the published file and the page', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (
        await call('POST', MonitoringPaths.securityLevels, t.officer, {
          governorateCode: 'IQ-BA',
          level: 'no_access',
          effectiveOn: today,
          reason: 'Clashes',
        })
      ).statusCode,
    ).toBe(200);
    const preview = (
      await call('GET', TransparencyPaths.preview(programId), t.officer)
    ).json<IatiPreviewView>();
    expect(preview.redactions.map((r) => `${r.element}:${r.reason}`)).toEqual(
      expect.arrayContaining([
        'partner_name:security_level',
        'sub_national_location:security_level',
        'narrative:security_level',
        'person_name:personal_data',
      ]),
    );
    const job = (
      await call('POST', TransparencyPaths.publications(programId), t.officer)
    ).json<PublicationJobView>();
    await runJob(job);
    const file = await publicFile();
    const xml = file.body;
    expect((await validateIatiFile(xml)).valid).toBe(true);
    for (const secret of [PARTNER, 'IQ-BA', 'Basra', 'البصرة', 'Layla Hassan'])
      expect(xml).not.toContain(secret);
    expect(xml).toContain('Undisclosed');
    expect(xml).toContain('<recipient-country code="IQ"');
    expect(xml).not.toContain('<location');
    const page = await call('GET', TransparencyPaths.publicPage(slug));
    const text = page.body;
    for (const secret of [PARTNER, 'IQ-BA', 'Basra', 'البصرة'])
      expect(text).not.toContain(secret);
    expect(page.json<PublicTransparencyView>().programs[0]).toMatchObject({
      version: 2,
    });
    expect(
      page.json<PublicTransparencyView>().programs[0].grants[0],
    ).toMatchObject({ governorateCode: null, redacted: true });
  });

  it('a program no longer published disappears from the public side', async () => {
    const current = (await call('GET', TransparencyPaths.programs, t.officer))
      .json<ProgramPublicationView[]>()
      .find((p) => p.programId === programId)!;
    await call('PUT', TransparencyPaths.program(programId), t.officer, {
      published: false,
      publicSummary: current.publicSummary,
      rowVersion: current.rowVersion,
    });
    expect((await publicFile()).statusCode).toBe(404);
    expect(
      (
        await call('GET', TransparencyPaths.publicPage(slug))
      ).json<PublicTransparencyView>().programs,
    ).toEqual([]);
  });
});
