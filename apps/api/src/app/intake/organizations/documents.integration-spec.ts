import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiErrorBody, DocumentView, ErrorCode, OrganizationView } from '@mizan/contracts';
import { seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../../testing/api-harness';
import { ORGS, addUser, registerOrganization, trailOf } from './organization-fixtures';

/** Small but real-looking files: only the first bytes matter to the server. */
function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\n%%EOF\n`);
}
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR board list scan')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF annual report photo')]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(64, 0x90)]);
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0), Buffer.from('This program cannot be run in DOS mode')]);

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('due-diligence documents (real PostgreSQL, real files)', () => {
  let api: ApiHarness;
  let applicant: string;
  let otherApplicant: string;
  let officer: string;
  let southOfficer: string;
  let org: OrganizationView;
  let otherOrg: OrganizationView;

  beforeAll(async () => {
    api = await ApiHarness.start('dd_documents');
    const north = await seedAgency(api.dataSource, 'north');
    await seedAgency(api.dataSource, 'south');
    await addUser(api.dataSource, north.agency.id, 'second.applicant@north.test', 'applicant');
    applicant = await api.signIn('applicant@north.test');
    otherApplicant = await api.signIn('second.applicant@north.test');
    officer = await api.signIn('officer@north.test');
    southOfficer = await api.signIn('officer@south.test');
    org = await registerOrganization(api, applicant, { legalName: 'Documented Association' });
    otherOrg = await registerOrganization(api, otherApplicant, { legalName: 'Other Association' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  const upload = (cookie: string, kind: string | undefined, name: string, content: Buffer, contentType = 'application/pdf', organizationId = org.id) =>
    api.postMultipart(`${ORGS}/${organizationId}/documents`, {
      cookie,
      fields: kind === undefined ? {} : { kind },
      file: { name, contentType, content },
    });

  async function storedState(): Promise<{ rows: number; files: number }> {
    const rows = (await api.dataSource.query('SELECT count(*)::int AS n FROM stored_document'))[0].n as number;
    return { rows, files: (await filesUnder(api.env.config.storageDir)).length };
  }

  it('stores a PDF with its SHA-256, in the file and on the trail', async () => {
    const content = pdf('statutes 2015');
    const response = await upload(applicant, 'statutes', 'statutes.pdf', content);
    expect(response.statusCode).toBe(201);
    const doc = response.json<DocumentView>();
    expect(doc).toMatchObject({
      kind: 'statutes',
      originalName: 'statutes.pdf',
      contentType: 'application/pdf',
      sizeBytes: content.length,
      sha256: sha256(content),
      downloadPath: `/api/v1/organizations/${org.id}/documents/${doc.id}/file`,
    });
    const stored = await api.dataSource.query(
      'SELECT s.sha256, s.size_bytes::int AS size, s.agency_id, s.storage_key FROM due_diligence_document d JOIN stored_document s ON s.id = d.stored_document_id WHERE d.id = $1',
      [doc.id],
    );
    expect(stored[0]).toMatchObject({ sha256: sha256(content), size: content.length });
    const onDisk = await filesUnder(api.env.config.storageDir);
    expect(onDisk.some((f) => f.endsWith(stored[0].storage_key))).toBe(true);
    expect((await trailOf(api.dataSource, org.id)).at(-1)).toMatchObject({
      action: 'due_diligence.document_uploaded',
      actor_label: 'applicant@north.test',
      after: { documentId: doc.id, kind: 'statutes', sha256: sha256(content), sizeBytes: content.length },
    });
  });

  it('accepts PNG and JPEG, typed by their bytes rather than by what the browser said', async () => {
    const png = await upload(applicant, 'board_list', 'board.bin', PNG, 'application/octet-stream');
    expect(png.statusCode).toBe(201);
    expect(png.json<DocumentView>().contentType).toBe('image/png');
    const jpeg = await upload(applicant, 'annual_report', 'report.pdf', JPEG, 'application/pdf');
    expect(jpeg.statusCode).toBe(201);
    expect(jpeg.json<DocumentView>().contentType).toBe('image/jpeg');
  });

  it('refuses a .pdf that is really an executable (415), leaving no row and no file behind', async () => {
    const before = await storedState();
    const elf = await upload(applicant, 'accounts', 'accounts-2026.pdf', ELF, 'application/pdf');
    expect(elf.statusCode).toBe(415);
    const body = elf.json<ApiErrorBody>();
    expect(body.code).toBe(ErrorCode.UnsupportedFileType);
    expect(body.message).toContain('executable');
    expect(body.fields?.[0].field).toBe('file');
    const pe = await upload(applicant, 'accounts', 'accounts.pdf', PE, 'application/pdf');
    expect(pe.statusCode).toBe(415);
    const text = await upload(applicant, 'accounts', 'accounts.pdf', Buffer.from('Accounts 2026: all fine, trust us'), 'application/pdf');
    expect(text.statusCode).toBe(415);
    expect(await storedState()).toEqual(before);
  });

  it('refuses an empty file (400), a file over 10 MB (413), a missing or unknown kind and a missing file (400), storing nothing', async () => {
    const before = await storedState();
    const empty = await upload(applicant, 'accounts', 'empty.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json<ApiErrorBody>().fields).toEqual([{ field: 'file', code: 'INVALID', message: 'empty.pdf is empty' }]);

    const huge = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const tooLarge = await upload(applicant, 'accounts', 'huge.pdf', huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.FileTooLarge, fields: [{ field: 'file' }] });

    const noKind = await upload(applicant, undefined, 'a.pdf', pdf('no kind'));
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json<ApiErrorBody>().fields?.[0].field).toBe('kind');
    const badKind = await upload(applicant, 'passport', 'a.pdf', pdf('bad kind'));
    expect(badKind.json<ApiErrorBody>().fields?.[0]).toEqual({ field: 'kind', code: 'NOT_ONE_OF', params: { values: expect.stringContaining('statutes, board_list') }, message: expect.stringContaining('statutes, board_list') });

    const noFile = await api.postMultipart(`${ORGS}/${org.id}/documents`, { cookie: applicant, fields: { kind: 'accounts' } });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json<ApiErrorBody>().fields?.[0].field).toBe('file');

    const json = await api.request('POST', `${ORGS}/${org.id}/documents`, { cookie: applicant, body: { kind: 'accounts' } });
    expect(json.statusCode).toBe(415);
    expect(json.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.UnsupportedMediaType, fields: [{ field: 'file' }] });
    expect(await storedState()).toEqual(before);
  });

  it('detects the same file uploaded twice by its hash (409 naming the first upload); another organization may hold the same file', async () => {
    const content = pdf('accounts 2026 audited');
    const first = await upload(applicant, 'accounts', 'accounts-2026.pdf', content);
    expect(first.statusCode).toBe(201);
    const before = await storedState();
    const again = await upload(applicant, 'other', 'copy of accounts.pdf', content);
    expect(again.statusCode).toBe(409);
    // The day of the first upload as the server recorded it (UTC), not the test's clock: around midnight they differ.
    const uploadedOn = first.json<DocumentView>().uploadedAt.slice(0, 10);
    expect(again.json<ApiErrorBody>()).toMatchObject({
      code: ErrorCode.Conflict,
      message: `This file is already uploaded as accounts-2026.pdf on ${uploadedOn}`,
      fields: [{ field: 'file' }],
    });
    expect(await storedState()).toEqual(before);
    const elsewhere = await upload(otherApplicant, 'accounts', 'accounts.pdf', content, 'application/pdf', otherOrg.id);
    expect(elsewhere.statusCode).toBe(201);
  });

  it('the same file sent twice at once is stored once', async () => {
    const content = pdf('registration certificate, double-clicked');
    const results = await Promise.all([
      upload(applicant, 'registration_certificate', 'cert.pdf', content),
      upload(applicant, 'registration_certificate', 'cert.pdf', content),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = await api.dataSource.query('SELECT count(*)::int AS n FROM stored_document WHERE sha256 = $1', [sha256(content)]);
    expect(rows[0].n).toBe(1);
  });

  it('a failure after the file was written rolls back the rows and removes the file again', async () => {
    const before = await storedState();
    // Simulate the database failing half-way through the upload transaction (as the owner: the api's role creates nothing).
    await api.env.queryAs('owner', `CREATE FUNCTION test_refuse_dd_document() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await api.env.queryAs('owner', `CREATE TRIGGER test_refuse_dd_document BEFORE INSERT ON due_diligence_document FOR EACH ROW EXECUTE FUNCTION test_refuse_dd_document()`);
    try {
      const response = await upload(applicant, 'registration_certificate', 'certificate.pdf', pdf('certificate'));
      expect(response.statusCode).toBe(500);
      expect(await storedState()).toEqual(before);
    } finally {
      await api.env.queryAs('owner', 'DROP TRIGGER test_refuse_dd_document ON due_diligence_document');
      await api.env.queryAs('owner', 'DROP FUNCTION test_refuse_dd_document()');
    }
  });

  it('with statutes, board list, annual report and accounts on file, the completeness check passes', async () => {
    const view = (await api.request('GET', `${ORGS}/${org.id}`, { cookie: officer })).json<OrganizationView>();
    expect(view.dueDiligence.checks.find((c) => c.check === 'documents_complete')).toMatchObject({ passed: true });
  });

  it('members and officers of the agency list and download the documents, byte for byte', async () => {
    const list = await api.request('GET', `${ORGS}/${org.id}/documents`, { cookie: officer });
    expect(list.statusCode).toBe(200);
    const docs = list.json<DocumentView[]>();
    expect(docs.map((d) => d.kind)).toEqual(['statutes', 'board_list', 'annual_report', 'accounts', 'registration_certificate']);
    expect((await api.request('GET', `${ORGS}/${org.id}/documents`, { cookie: applicant })).json<DocumentView[]>()).toEqual(docs);
    for (const cookie of [applicant, officer]) {
      const file = await api.request('GET', docs[1].downloadPath, { cookie });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.headers['x-content-sha256']).toBe(sha256(PNG));
      expect(file.headers['content-disposition']).toContain('attachment');
      expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);
    }
  });

  it('nobody else reaches the documents: other applicants and agencies (and auditors out of scope) 404, other roles 403, nothing uploaded', async () => {
    const docs = (await api.request('GET', `${ORGS}/${org.id}/documents`, { cookie: applicant })).json<DocumentView[]>();
    const path = docs[0].downloadPath;
    for (const cookie of [otherApplicant, southOfficer, await api.signIn('applicant@south.test')]) {
      expect((await api.request('GET', `${ORGS}/${org.id}/documents`, { cookie })).statusCode).toBe(404);
      expect((await api.request('GET', path, { cookie })).statusCode).toBe(404);
    }
    for (const role of ['partner', 'reviewer', 'finance']) {
      const cookie = await api.signIn(`${role}@north.test`);
      expect((await api.request('GET', `${ORGS}/${org.id}/documents`, { cookie })).statusCode).toBe(403);
      expect((await api.request('GET', path, { cookie })).statusCode).toBe(403);
    }
    // An auditor reads documents only of organizations in an open engagement's scope (issue 12): not this one.
    const auditor = await api.signIn('auditor@north.test');
    expect((await api.request('GET', `${ORGS}/${org.id}/documents`, { cookie: auditor })).statusCode).toBe(404);
    expect((await api.request('GET', path, { cookie: auditor })).statusCode).toBe(404);
    // Another organization's document through this organization's url.
    const theirs = (await api.request('GET', `${ORGS}/${otherOrg.id}/documents`, { cookie: otherApplicant })).json<DocumentView[]>();
    expect((await api.request('GET', `${ORGS}/${org.id}/documents/${theirs[0].id}/file`, { cookie: applicant })).statusCode).toBe(404);
    expect((await api.request('GET', `${ORGS}/${org.id}/documents/not-a-uuid/file`, { cookie: applicant })).statusCode).toBe(404);

    const before = await storedState();
    expect((await upload(otherApplicant, 'other', 'x.pdf', pdf('intrusion'))).statusCode).toBe(404);
    expect((await upload(officer, 'other', 'x.pdf', pdf('officer'))).statusCode).toBe(403);
    expect(await storedState()).toEqual(before);
  });
});
