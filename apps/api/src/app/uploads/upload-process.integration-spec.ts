import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { API_PREFIX, ApiErrorBody, ApiPaths, ApplicationView, ErrorCode, IntakePaths, SESSION_COOKIE } from '@mizan/contracts';
import { TEST_PASSWORD, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { ApiProcess } from '../../testing/api-process';
import { RawResponse, rawHttp } from '../../testing/raw-http';
import { PDF_BYTES, createCall, createOrganization, createPartner, createProgram, goodContent } from '../intake/applications/applications.fixtures';

/**
 * Issue 8: one malformed upload stopped the whole api (an unhandled 'error'
 * event from the multipart parser). Here the real api runs as its own process
 * and a signed-in applicant sends broken multipart bodies over plain sockets
 * (so a body can really stop short) to both upload routes. Each must be
 * answered 400 in the error shape, and the process must live on and serve.
 */
describe('malformed uploads against the api process', () => {
  let seeding: ApiHarness;
  let api: ApiProcess;
  let cookie: string;
  const routes: Record<string, string> = {};

  beforeAll(async () => {
    seeding = await ApiHarness.start('upload_process');
    const ds = seeding.dataSource;
    const north = await seedAgency(ds, 'north');
    const programId = await createProgram(ds, north.agency.id, north.users.officer.id);
    const callId = await createCall(ds, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id });
    const organizationId = await createOrganization(ds, north.agency.id, 'Rafidain Health Association', [north.users.applicant.id]);
    const partnerId = await createPartner(ds, organizationId, 'Basra Mental Health Network', 'IQ-BA');
    const alice = await seeding.signIn('applicant@north.test');
    const application = (await seeding.request('POST', 'applications', { cookie: alice, body: { callId, organizationId, title: 'With annexes' } })).json<ApplicationView>();
    await seeding.request('PUT', `applications/${application.id}`, { cookie: alice, body: { version: 1, content: goodContent([partnerId]) } });
    routes['documents'] = `${API_PREFIX}/${IntakePaths.organizations}/${organizationId}/documents`;
    routes['attachments'] = `${API_PREFIX}/${IntakePaths.applications}/${application.id}/attachments`;

    api = await ApiProcess.start(seeding.env.config);
    const signIn = await fetch(`${api.baseUrl}${API_PREFIX}/${ApiPaths.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'applicant@north.test', password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    cookie = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(signIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect(cookie).not.toBe('');
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await seeding?.stop();
  });

  const B = 'mizan-crash-7f3a';
  const filePart = `--${B}\r\nContent-Disposition: form-data; name="file"; filename="statutes.pdf"\r\nContent-Type: application/pdf\r\n\r\n${PDF_BYTES}`;
  const BROKEN: { name: string; contentType: string; body: string; message: string }[] = [
    { name: 'a file part cut before the closing boundary', contentType: `multipart/form-data; boundary=${B}`, body: filePart, message: 'the upload ended before its closing boundary' },
    { name: 'no boundary parameter', contentType: 'multipart/form-data', body: `${filePart}\r\n--${B}--\r\n`, message: 'the upload has no boundary in its Content-Type' },
    {
      name: 'a complete file part, then a field cut short',
      contentType: `multipart/form-data; boundary=${B}`,
      body: `${filePart}\r\n--${B}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nstatu`,
      message: 'the upload ended before its closing boundary',
    },
  ];

  function send(route: string, contentType: string, body: string, declaredLength = Buffer.byteLength(body)): Promise<RawResponse> {
    return rawHttp(api.port, {
      method: 'POST',
      path: routes[route],
      headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'content-type': contentType, 'content-length': String(declaredLength) },
      body,
      // With the whole body announced and sent, wait for the answer; otherwise stop sending, as a dropped client does.
      endAfterBody: declaredLength !== Buffer.byteLength(body),
    });
  }

  async function expectServing(): Promise<void> {
    expect(api.exited).toBeUndefined();
    const health = await fetch(`${api.baseUrl}${API_PREFIX}/${ApiPaths.health}`);
    expect(health.status).toBe(200);
    expect(api.exited).toBeUndefined();
  }

  for (const route of ['documents', 'attachments']) {
    for (const broken of BROKEN) {
      it(`${route}: ${broken.name} → 400 MALFORMED_UPLOAD, and the api serves on`, async () => {
        const response = await send(route, broken.contentType, broken.body);
        expect(response.statusCode).toBe(400);
        expect(JSON.parse(response.body) as ApiErrorBody).toEqual({
          statusCode: 400,
          code: ErrorCode.MalformedUpload,
          message: broken.message,
          fields: [{ field: 'file', code: 'INVALID', message: broken.message }],
        });
        await expectServing();
      });

      it(`${route}: ${broken.name}, the client stopping before its announced length → the api serves on`, async () => {
        const response = await send(route, broken.contentType, broken.body, Buffer.byteLength(broken.body) + 4096);
        // The client has gone; if an answer still reaches it, it is in the error shape.
        if (response.statusCode !== 0) {
          expect(response.statusCode).toBe(400);
          expect((JSON.parse(response.body) as ApiErrorBody).code).toMatch(/^(MALFORMED_REQUEST|MALFORMED_UPLOAD)$/);
        }
        await expectServing();
      });
    }
  }

  it("what Node's HTTP parser refuses is answered in the error shape too: a broken request line, headers too large", async () => {
    const broken = await rawHttp(api.port, { method: 'GE(T', path: '/api/v1/health', headers: {}, endAfterBody: false });
    expect({ status: broken.statusCode, body: JSON.parse(broken.body) }).toEqual({
      status: 400,
      body: { statusCode: 400, code: ErrorCode.MalformedRequest, message: 'The request could not be read' },
    });
    const huge = await rawHttp(api.port, { method: 'GET', path: '/api/v1/health', headers: { 'x-padding': 'p'.repeat(20_000) }, endAfterBody: false });
    expect({ status: huge.statusCode, body: JSON.parse(huge.body) }).toEqual({
      status: 431,
      body: { statusCode: 431, code: ErrorCode.HeadersTooLarge, message: 'The request headers are too large' },
    });
    await expectServing();
  });

  it('after all of that, a well-formed upload is stored and nothing was logged as unhandled', async () => {
    const body = `--${B}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nstatutes\r\n${filePart}\r\n--${B}--\r\n`;
    const response = await send('documents', `multipart/form-data; boundary=${B}`, body);
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body)).toMatchObject({ kind: 'statutes', originalName: 'statutes.pdf' });
    expect(api.log).not.toMatch(/Unhandled 'error' event|uncaughtException|unhandledRejection/);
    await expectServing();
  });

  it('an upload as a browser sends it (FormData, an Arabic file name) is stored under that name', async () => {
    const form = new FormData();
    form.append('description', 'الملحق المالي');
    form.append('file', new Blob([`${PDF_BYTES}% annex`], { type: 'application/pdf' }), 'الملحق المالي.pdf');
    const response = await fetch(`${api.baseUrl}${routes['attachments']}`, { method: 'POST', headers: { cookie: `${SESSION_COOKIE}=${cookie}` }, body: form });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ originalName: 'الملحق المالي.pdf', description: 'الملحق المالي', contentType: 'application/pdf' });
  });

  it('a download whose file has gone from storage is a logged 500, not a crash', async () => {
    const body = `--${B}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nboard_list\r\n${filePart.replace('statutes.pdf', 'board.pdf')}\n%board\r\n--${B}--\r\n`;
    const uploaded = await send('documents', `multipart/form-data; boundary=${B}`, body);
    expect(uploaded.statusCode).toBe(201);
    const { downloadPath } = JSON.parse(uploaded.body) as { downloadPath: string };
    for (const entry of await readdir(seeding.env.config.storageDir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) await rm(join(entry.parentPath, entry.name));
    }
    const response = await rawHttp(api.port, { method: 'GET', path: downloadPath, headers: { cookie: `${SESSION_COOKIE}=${cookie}` }, endAfterBody: false });
    expect(response.statusCode).toBe(500);
    expect((JSON.parse(response.body) as ApiErrorBody).code).toBe(ErrorCode.Internal);
    await expectServing();
  });
});
