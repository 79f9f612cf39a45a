import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { ApiPaths, TrailExportView, TrailVerification } from '@mizan/contracts';
import { seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { WorkerProcess } from '../../testing/worker-process';

/** Text of a PDF as a real parser (pdf-parse / pdf.js) reads it; in a child process because pdf.js loads ESM dynamically. */
function pdfText(data: Buffer): string {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      process.stdout.write((await parser.getText()).text);
      await parser.destroy();
    });`;
  return execFileSync(process.execPath, ['-e', script], { input: data, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
}

describe('trail export: api → BullMQ → real worker process → PDF on disk', () => {
  let api: ApiHarness;
  let worker: WorkerProcess;
  let auditor: string;

  beforeAll(async () => {
    api = await ApiHarness.start('export');
    await seedAgency(api.dataSource, 'north');
    auditor = await api.signIn('auditor@north.test');
    worker = await WorkerProcess.start(api.env.config);
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
  });

  async function waitFor(id: string): Promise<TrailExportView> {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const view = (await api.request('GET', `${ApiPaths.trailExports}/${id}`, { cookie: auditor })).json<TrailExportView>();
      seen.add(view.state);
      if (view.state === 'completed' || view.state === 'failed') return view;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`export ${id} did not finish; states seen: ${[...seen].join(', ')}\n${worker.log}`);
  }

  it('builds the PDF once, even when asked twice, and the PDF carries the head hash and verification', async () => {
    const verification = (await api.request('POST', ApiPaths.trailVerification, { cookie: auditor })).json<TrailVerification>();
    const [first, second] = await Promise.all([
      api.request('POST', ApiPaths.trailExports, { cookie: auditor }),
      api.request('POST', ApiPaths.trailExports, { cookie: auditor }),
    ]);
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    const id = first.json<TrailExportView>().id;
    expect(second.json<TrailExportView>().id).toBe(id);

    const done = await waitFor(id);
    expect(done).toMatchObject({ state: 'completed', progress: 100, failedReason: null });
    const again = await api.request('POST', ApiPaths.trailExports, { cookie: auditor });
    // The trail now holds the export's own record, so a new request is a new snapshot — but asking for the
    // same snapshot again (before anything new happened) gave the same export.
    expect(again.json<TrailExportView>().id).not.toBe(id);
    await waitFor(again.json<TrailExportView>().id);

    const file = await api.request('GET', done.file?.downloadPath ?? '', { cookie: auditor });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const pdf = file.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(done.file?.sha256);
    expect(pdf.length).toBe(done.file?.sizeBytes);

    const text = pdfText(pdf);
    expect(text).toContain(verification.headHash);
    expect(text).toContain(`INTACT — ${verification.count} records checked`);
    expect(text).toContain('auth.signed_in');

    const built = await api.dataSource.query(`SELECT count(*)::int AS n FROM activity_record WHERE action = 'trail.exported' AND entity_id = $1`, [id]);
    expect(built[0].n).toBe(1);
    const docs = await api.dataSource.query(`SELECT count(*)::int AS n FROM stored_document WHERE kind = 'trail-export'`);
    expect(docs[0].n).toBe(2);
  });

  it('an export with filters lists only the matching records and says which filters it applied', async () => {
    const requested = await api.request('POST', ApiPaths.trailExports, { cookie: auditor, body: { filters: { action: 'trail.exported' } } });
    expect(requested.statusCode).toBe(202);
    const done = await waitFor(requested.json<TrailExportView>().id);
    expect(done.filters).toEqual({ action: 'trail.exported' });
    const file = await api.request('GET', done.file?.downloadPath ?? '', { cookie: auditor });
    const text = pdfText(file.rawPayload);
    expect(text).toContain('Filters applied:');
    expect(text).toContain('Action: Trail exported as PDF (trail.exported)');
    expect(text).toContain('Trail exported as PDF');
    // Sign-ins happened, but they are not what was asked for.
    expect(text).not.toContain('auth.signed_in');
    const recorded = (await api.dataSource.query(`SELECT after FROM activity_record WHERE action = 'trail.exported' AND entity_id = $1`, [done.id])) as { after: { filters: unknown; recordCount: number } }[];
    expect(recorded[0].after.filters).toEqual({ action: 'trail.exported' });
    expect(recorded[0].after.recordCount).toBe(2);
  });

  it('the download of an unfinished or unknown export is refused with a clear error', async () => {
    const unknown = await api.request('GET', `${ApiPaths.trailExports}/00000000-0000-0000-0000-000000000000/file`, { cookie: auditor });
    expect(unknown.statusCode).toBe(404);
  });
});
