import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiErrorBody, ApplicationView, ErrorCode } from '@mizan/contracts';
import type { ApplicationAttachmentView } from '@mizan/server/intake';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../../testing/api-harness';
import { ELF_BYTES, PDF_BYTES, createCall, createOrganization, createPartner, createProgram, goodContent, multipart } from './applications.fixtures';

describe('applications: attachments', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let application: ApplicationView;
  let partnerId: string;
  const t = {} as { alice: string; partner: string; officer: string };

  beforeAll(async () => {
    api = await ApiHarness.start('applications_files');
    const ds = api.dataSource;
    north = await seedAgency(ds, 'north');
    const programId = await createProgram(ds, north.agency.id, north.users.officer.id);
    const callId = await createCall(ds, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id });
    const orgA = await createOrganization(ds, north.agency.id, 'Rafidain Health Association', [north.users.applicant.id]);
    partnerId = await createPartner(ds, orgA, 'Basra Mental Health Network', 'IQ-BA', [north.users.partner.id]);
    t.alice = await api.signIn('applicant@north.test');
    t.partner = await api.signIn('partner@north.test');
    t.officer = await api.signIn('officer@north.test');
    application = (await api.request('POST', 'applications', { cookie: t.alice, body: { callId, organizationId: orgA, title: 'With annexes' } })).json<ApplicationView>();
    application = (await api.request('PUT', `applications/${application.id}`, { cookie: t.alice, body: { version: 1, content: goodContent([partnerId]) } })).json<ApplicationView>();
  });
  afterAll(async () => {
    await api?.stop();
  });

  const path = () => `applications/${application.id}/attachments`;

  it('stores a PDF with its SHA-256, lists it, and gives back the very same bytes', async () => {
    const response = await api.request('POST', path(), { cookie: t.alice, ...multipart('budget notes.pdf', PDF_BYTES, 'Budget notes') });
    expect(response.statusCode).toBe(201);
    const view = response.json<ApplicationAttachmentView>();
    const sha = createHash('sha256').update(PDF_BYTES).digest('hex');
    expect(view).toMatchObject({ originalName: 'budget notes.pdf', description: 'Budget notes', contentType: 'application/pdf', sizeBytes: PDF_BYTES.length, sha256: sha });
    expect(view.downloadPath).toBe(`/api/v1/applications/${application.id}/attachments/${view.id}/file`);

    const list = (await api.request('GET', path(), { cookie: t.partner })).json<ApplicationAttachmentView[]>();
    expect(list.map((a) => a.id)).toEqual([view.id]);

    const file = await api.request('GET', view.downloadPath, { cookie: t.officer });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-sha256']).toBe(sha);
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(sha);

    const [record] = (await api.dataSource.query(`SELECT after FROM activity_record WHERE entity_id = $1 AND action = 'application.attachment_added'`, [application.id])) as {
      after: Record<string, unknown>;
    }[];
    expect(record.after).toMatchObject({ attachmentId: view.id, sha256: sha });
  });

  it('refuses a ".pdf" that is really an executable, naming the field and what the file is', async () => {
    const response = await api.request('POST', path(), { cookie: t.alice, ...multipart('statutes.pdf', ELF_BYTES) });
    expect(response.statusCode).toBe(415);
    const body = response.json<ApiErrorBody>();
    expect(body.code).toBe(ErrorCode.UnsupportedFileType);
    expect(body.fields).toEqual([{ field: 'file', code: 'INVALID', message: 'only PDF, PNG or JPEG files are accepted; this file is an executable program (ELF)' }]);
  });

  it('refuses the same file twice, an empty file, and a request without a file', async () => {
    const duplicate = await api.request('POST', path(), { cookie: t.alice, ...multipart('again.pdf', PDF_BYTES) });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<ApiErrorBody>().message).toContain('budget notes.pdf');
    const empty = await api.request('POST', path(), { cookie: t.alice, ...multipart('empty.pdf', '') });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<ApiErrorBody>().fields?.[0].field).toBe('file');
    // JSON on an upload route: the wrong media type (issue 8), still naming the field.
    const json = await api.request('POST', path(), { cookie: t.alice, body: { description: 'no file' } });
    expect(json.statusCode).toBe(415);
    expect(json.json<ApiErrorBody>().code).toBe(ErrorCode.UnsupportedMediaType);
    expect(json.json<ApiErrorBody>().fields?.[0].field).toBe('file');
    const [{ n }] = (await api.dataSource.query(`SELECT count(*)::int AS n FROM application_attachment WHERE application_id = $1`, [application.id])) as { n: number }[];
    expect(n).toBe(1);
    // The refused duplicate's bytes were written before the check and removed again.
    const files = (await readdir(join(api.env.config.storageDir, 'application-attachments'), { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    expect(files).toHaveLength(1);
  });

  it('refuses a file over 10 MB, naming the field', async () => {
    const big = `%PDF-1.4\n${'a'.repeat(10 * 1024 * 1024)}`;
    const response = await api.request('POST', path(), { cookie: t.alice, ...multipart('huge.pdf', big) });
    expect(response.statusCode).toBe(413);
    expect(response.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.FileTooLarge, fields: [{ field: 'file', message: 'the file is larger than 10 MB' }] });
  });

  it('partners and officers cannot upload; a wrong attachment id is not found', async () => {
    expect((await api.request('POST', path(), { cookie: t.partner, ...multipart('p.pdf', `${PDF_BYTES}p`) })).statusCode).toBe(403);
    expect((await api.request('POST', path(), { cookie: t.officer, ...multipart('o.pdf', `${PDF_BYTES}o`) })).statusCode).toBe(403);
    expect((await api.request('GET', `${path()}/00000000-0000-4000-8000-000000000000/file`, { cookie: t.alice })).statusCode).toBe(404);
    expect((await api.request('GET', `${path()}/nope/file`, { cookie: t.alice })).statusCode).toBe(404);
  });

  it('once submitted, nothing more can be attached', async () => {
    const submit = await api.request('POST', `applications/${application.id}/submit`, { cookie: t.alice, body: { version: application.version } });
    expect(submit.statusCode).toBe(201);
    const late = await api.request('POST', path(), { cookie: t.alice, ...multipart('late.pdf', `${PDF_BYTES}late`) });
    expect(late.statusCode).toBe(409);
    expect(late.json<ApiErrorBody>().message).toContain('submitted');
  });
});
