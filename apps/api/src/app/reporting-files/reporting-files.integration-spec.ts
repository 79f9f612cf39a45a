import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as tus from 'tus-js-client';
import { API_PREFIX, MAX_REPORT_FILE_BYTES, REPORT_FILE_ID_HEADER, ReportFileView, ReportingPaths, SESSION_COOKIE, UploadPaths, UploadResultView } from '@mizan/contracts';
import { BAGHDAD_RECEIPT, jpegWithExif } from '@mizan/contracts/testing';
import { ApiHarness } from '../../testing/api-harness';
import { rawHttp } from '../../testing/raw-http';
import { GrantWorld, Tokens, activeGrant, grantWorld } from '../grants/grants.fixtures';

type Who = 'officer' | 'applicant' | 'partner' | 'southApplicant' | 'southOfficer';

const meta = (pairs: Record<string, string>): string =>
  Object.entries(pairs)
    .map(([k, v]) => `${k} ${Buffer.from(v, 'utf8').toString('base64')}`)
    .join(',');

describe('report files: resumable (tus) uploads of receipts and evidence, list, download, removal', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  let port: number;
  let reportId: string;
  let lineId: string;
  let tusDir: string;
  const t = {} as Tokens & Record<Who, string>;

  async function http(method: string, path: string, who: Who, headers: Record<string, string> = {}, body?: Buffer): Promise<Response> {
    const url = `http://127.0.0.1:${port}${path.startsWith('/') ? path : `${API_PREFIX}/${path}`}`;
    return fetch(url, { method, headers: { cookie: `${SESSION_COOKIE}=${t[who]}`, 'tus-resumable': '1.0.0', ...headers }, body: body ? new Uint8Array(body) : undefined });
  }

  async function create(who: Who, length: number, pairs: Record<string, string>): Promise<Response> {
    return http('POST', UploadPaths.tus, who, { 'upload-length': String(length), 'upload-metadata': meta(pairs) });
  }

  const receiptMeta = (filename = 'receipt.jpg'): Record<string, string> => ({ purpose: 'receipt', reportId, lineId, filename, filetype: 'image/jpeg' });

  async function patch(who: Who, location: string, offset: number, bytes: Buffer): Promise<Response> {
    return http('PATCH', location, who, { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, bytes);
  }

  async function offsetOf(who: Who, location: string): Promise<number> {
    const head = await http('HEAD', location, who);
    expect(head.status).toBe(200);
    return Number(head.headers.get('upload-offset'));
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await api.env.queryAs<{ n: string }>('owner', sql, params);
    return Number(row.n);
  }

  beforeAll(async () => {
    api = await ApiHarness.start('reporting-files', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    for (const [who, email] of [
      ['officer', 'officer@north.test'],
      ['applicant', 'applicant@north.test'],
      ['partner', 'partner@north.test'],
      ['southApplicant', 'applicant@south.test'],
      ['southOfficer', 'officer@south.test'],
    ] as const) {
      t[who] = await api.signIn(email);
    }
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    tusDir = join(api.env.config.storageDir, 'tus');

    const grant = await activeGrant(api, w, t);
    const [due] = await api.env.queryAs<{ id: string; period_from: string; period_to: string }>(
      'owner',
      `SELECT id, period_from::text, period_to::text FROM grant_report_due WHERE grant_id = $1 ORDER BY due_on LIMIT 1`,
      [grant.id],
    );
    // The reports api is another part of issue 11: a draft report with one line, written directly.
    [{ id: reportId }] = await api.env.queryAs<{ id: string }>(
      'owner',
      `INSERT INTO grant_report (agency_id, grant_id, report_due_id, period_from, period_to, created_by)
       SELECT g.agency_id, g.id, $2, $3, $4, $5 FROM grant_award g WHERE g.id = $1 RETURNING id`,
      [grant.id, due.id, due.period_from, due.period_to, w.applicantId],
    );
    [{ id: lineId }] = await api.env.queryAs<{ id: string }>(
      'owner',
      `INSERT INTO expenditure_line (agency_id, grant_id, report_id, seq, spent_on, budget_line_id, supplier, amount_minor, currency, grant_amount_minor, payment_method, created_by, updated_by)
       SELECT g.agency_id, g.id, $2, 1, $3, 'bl-1', 'مكتبة الرشيد', 150000, g.currency, 150000, 'cash', $4, $4 FROM grant_award g WHERE g.id = $1 RETURNING id`,
      [grant.id, reportId, due.period_from, w.north.users.partner.id],
    );
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('a receipt photo sent in pieces, cut off half-way, resumes at the offset the server has, and lands once with its SHA-256, capture time and place', async () => {
    const photo = jpegWithExif({ ...BAGHDAD_RECEIPT, padding: 200_000 });
    const created = await create('partner', photo.length, receiptMeta('إيصال الرشيد.jpg'));
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${API_PREFIX}/uploads/tus/[0-9a-f-]{36}$`));

    // First third, complete.
    const third = Math.floor(photo.length / 3);
    const first = await patch('partner', location, 0, photo.subarray(0, third));
    expect(first.status).toBe(204);
    expect(Number(first.headers.get('upload-offset'))).toBe(third);
    expect(first.headers.get(REPORT_FILE_ID_HEADER)).toBeNull();

    // The connection drops: the rest is announced, half of it sent, then the client is gone.
    const rest = photo.length - third;
    await rawHttp(port, {
      method: 'PATCH',
      path: location,
      headers: {
        cookie: `${SESSION_COOKIE}=${t.partner}`,
        'tus-resumable': '1.0.0',
        'upload-offset': String(third),
        'content-type': 'application/offset+octet-stream',
        'content-length': String(rest),
      },
      body: photo.subarray(third, third + Math.floor(rest / 2)),
      timeoutMs: 10_000,
    }).catch(() => undefined);

    // HEAD says how far it got: further than the first third, not the whole file; nothing stored yet.
    let offset = 0;
    for (let i = 0; i < 50; i++) {
      offset = await offsetOf('partner', location);
      if (offset > third) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(offset).toBeGreaterThan(third);
    expect(offset).toBeLessThan(photo.length);
    expect(await count('SELECT count(*) AS n FROM report_file WHERE report_id = $1', [reportId])).toBe(0);

    // The rest, from there: the last PATCH stores the file and names it.
    const last = await patch('partner', location, offset, photo.subarray(offset));
    expect(last.status).toBe(204);
    const fileId = last.headers.get(REPORT_FILE_ID_HEADER);
    expect(fileId).toMatch(/^[0-9a-f-]{36}$/);

    const files = (await (await http('GET', ReportingPaths.files(reportId), 'applicant')).json()) as ReportFileView[];
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      id: fileId,
      purpose: 'receipt',
      lineId,
      fileName: 'إيصال الرشيد.jpg',
      contentType: 'image/jpeg',
      sha256: createHash('sha256').update(photo).digest('hex'),
      sizeBytes: photo.length,
      // exifr reads the camera's local time as the server's local time, as it does for every photo.
      capturedAt: new Date(2026, 10, 2, 9, 15, 30).toISOString(),
      uploadedBy: { id: w.north.users.partner.id },
    });
    expect(files[0].latitude).toBeCloseTo(33.34, 6);
    expect(files[0].longitude).toBeCloseTo(44.386, 6);

    // Once: one row, one document, one trail record; the partial upload is gone from the tus folder.
    expect(await count('SELECT count(*) AS n FROM report_file WHERE report_id = $1', [reportId])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM activity_record WHERE action = 'report_file.added' AND entity_id = $1`, [fileId])).toBe(1);
    expect((await readdir(tusDir)).filter((f) => location.endsWith(f.replace(/\.json$/, '')))).toEqual([]);

    // Asking for the result again (a client that missed the answer) gives the same file, not a second one.
    const again = await http('POST', UploadPaths.result(location.split('/').pop() ?? ''), 'partner');
    expect(again.status).toBe(200);
    expect(((await again.json()) as UploadResultView).file.id).toBe(fileId);
    expect(await count('SELECT count(*) AS n FROM report_file WHERE report_id = $1', [reportId])).toBe(1);

    // Download: an attachment with the sniffed type, never sniffed by the browser; officers of the agency too.
    for (const who of ['applicant', 'officer'] as const) {
      const download = await http('GET', ReportingPaths.fileDownload(reportId, fileId ?? ''), who);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('image/jpeg');
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
      expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
      expect(createHash('sha256').update(Buffer.from(await download.arrayBuffer())).digest('hex')).toBe(files[0].sha256);
    }
    for (const who of ['southOfficer', 'southApplicant'] as const) {
      expect((await http('GET', ReportingPaths.fileDownload(reportId, fileId ?? ''), who)).status).toBe(404);
      expect((await http('GET', ReportingPaths.files(reportId), who)).status).toBe(404);
    }
  });

  it('tus-js-client (as the web uses it) uploads evidence in chunks and gets the file id from the last answer', async () => {
    const photo = jpegWithExif({ ...BAGHDAD_RECEIPT, padding: 120_000 });
    const fileId = await new Promise<string>((resolve, reject) => {
      const upload = new tus.Upload(photo, {
        endpoint: `http://127.0.0.1:${port}${API_PREFIX}/${UploadPaths.tus}`,
        chunkSize: 50_000,
        retryDelays: [0],
        headers: { cookie: `${SESSION_COOKIE}=${t.applicant}` },
        metadata: { purpose: 'evidence', reportId, filename: 'clinic.jpg', filetype: 'image/jpeg' },
        onSuccess: ({ lastResponse }) => resolve(lastResponse.getHeader(REPORT_FILE_ID_HEADER) ?? ''),
        onError: reject,
      });
      upload.start();
    });
    const files = (await (await http('GET', ReportingPaths.files(reportId), 'officer')).json()) as ReportFileView[];
    expect(files.find((f) => f.id === fileId)).toMatchObject({ purpose: 'evidence', lineId: null, sizeBytes: photo.length });
  });

  it('a file that is not a PDF, JPEG, PNG or HEIC is refused when it is complete (415 naming it) and nothing of it stays', async () => {
    const before = await count('SELECT count(*) AS n FROM stored_document');
    const program = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(5_000, 1)]);
    const created = await create('applicant', program.length, receiptMeta('receipt.jpg'));
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    const refused = await patch('applicant', location, 0, program);
    expect(refused.status).toBe(415);
    const body = JSON.parse(await refused.text()) as { code: string; params: Record<string, string>; fields: { message: string }[] };
    expect(body.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(body.params).toMatchObject({ fileName: 'receipt.jpg', actual: 'an executable program (ELF)' });
    expect(body.fields[0].message).toContain('an executable program (ELF)');
    expect(await count('SELECT count(*) AS n FROM stored_document')).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM report_file WHERE file_name = 'receipt.jpg'`)).toBe(0);
    expect((await http('HEAD', location, 'applicant')).status).toBe(404);
    expect((await readdir(tusDir)).some((f) => location.endsWith(f))).toBe(false);
  });

  it('refuses too large uploads (413) and bad metadata (400) before a byte is sent', async () => {
    const tooLarge = await create('applicant', MAX_REPORT_FILE_BYTES + 1, receiptMeta());
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { code: string }).code).toBe('FILE_TOO_LARGE');
    expect((await create('applicant', 100, { purpose: 'receipt', reportId, filename: 'x.jpg' })).status).toBe(400);
    expect((await create('applicant', 100, { purpose: 'selfie', reportId, filename: 'x.jpg' })).status).toBe(400);
    expect((await http('POST', UploadPaths.tus, 'applicant', { 'upload-metadata': meta(receiptMeta()), 'upload-defer-length': '1' })).status).toBe(400);
  });

  it('strangers get 404: another organization cannot start an upload on the report, nor see, continue or cancel someone else’s', async () => {
    expect((await create('southApplicant', 100, receiptMeta())).status).toBe(404);
    // Officers read files, but do not add them.
    expect((await create('officer', 100, receiptMeta())).status).toBe(404);
    const created = await create('partner', 10, receiptMeta());
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    for (const who of ['applicant', 'southApplicant', 'officer'] as const) {
      expect((await http('HEAD', location, who)).status).toBe(404);
      expect((await patch(who, location, 0, Buffer.from('%PDF-1.7\n'))).status).toBe(404);
      expect((await http('DELETE', location, who)).status).toBe(404);
      expect((await http('POST', UploadPaths.result(location.split('/').pop() ?? ''), who)).status).toBe(404);
    }
    // Its owner may cancel it.
    expect((await http('DELETE', location, 'partner')).status).toBe(204);
    expect((await http('HEAD', location, 'partner')).status).toBe(404);
    // Not yet complete: no result.
    const open = await create('partner', 10, receiptMeta());
    expect((await http('POST', UploadPaths.result((open.headers.get('location') ?? '').split('/').pop() ?? ''), 'partner')).status).toBe(409);
  });

  it('removal: the grantee removes a file while the report is a draft (on the trail); a submitted report takes no more files', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% a scanned invoice\n');
    const created = await create('applicant', pdf.length, receiptMeta('invoice.pdf'));
    const done = await patch('applicant', created.headers.get('location') ?? '', 0, pdf);
    const fileId = done.headers.get(REPORT_FILE_ID_HEADER) ?? '';
    expect(fileId).not.toBe('');
    expect((await http('DELETE', ReportingPaths.file(reportId, fileId), 'southApplicant')).status).toBe(404);
    expect((await http('DELETE', ReportingPaths.file(reportId, fileId), 'officer')).status).toBe(404);
    expect((await http('DELETE', ReportingPaths.file(reportId, fileId), 'partner')).status).toBe(204);
    const files = (await (await http('GET', ReportingPaths.files(reportId), 'applicant')).json()) as ReportFileView[];
    expect(files.map((f) => f.id)).not.toContain(fileId);
    expect((await http('GET', ReportingPaths.fileDownload(reportId, fileId), 'applicant')).status).toBe(404);
    expect(await count(`SELECT count(*) AS n FROM activity_record WHERE action = 'report_file.removed' AND entity_id = $1`, [fileId])).toBe(1);

    await api.env.queryAs('owner', `UPDATE grant_report SET state = 'submitted', submitted_at = now(), submitted_by = $2 WHERE id = $1`, [reportId, w.applicantId]);
    try {
      const refused = await create('applicant', 100, receiptMeta());
      expect(refused.status).toBe(409);
      expect((await create('applicant', 100, { purpose: 'evidence', reportId, filename: 'x.jpg' })).status).toBe(409);
      // A questioned line takes receipts again.
      await api.env.queryAs('owner', `UPDATE expenditure_line SET state = 'questioned' WHERE id = $1`, [lineId]);
      expect((await create('applicant', 100, receiptMeta())).status).toBe(201);
    } finally {
      await api.env.queryAs('owner', `UPDATE grant_report SET state = 'draft' WHERE id = $1`, [reportId]);
      await api.env.queryAs('owner', `UPDATE expenditure_line SET state = 'draft' WHERE id = $1`, [lineId]);
    }
  });
});
