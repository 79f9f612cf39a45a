import { execFileSync } from 'node:child_process';
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

const BATCH = 3;

describe('trail export streamed in batches: every record in order, the verification on the first page', () => {
  let api: ApiHarness;
  let worker: WorkerProcess;
  let auditor: string;
  let agencyId: string;

  beforeAll(async () => {
    api = await ApiHarness.start('export-batches');
    const seeded = await seedAgency(api.dataSource, 'north');
    agencyId = seeded.agency.id;
    auditor = await api.signIn('auditor@north.test');
    // More records than a few batches of BATCH: each sign-in is a record on the agency's chain.
    for (let i = 0; i < 4 * BATCH; i++) await api.signIn(i % 2 === 0 ? 'officer@north.test' : 'auditor@north.test');
    worker = await WorkerProcess.start(api.env.config, { TRAIL_EXPORT_BATCH_SIZE: String(BATCH) });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
  });

  async function waitFor(id: string): Promise<TrailExportView> {
    for (let i = 0; i < 300; i++) {
      const view = (await api.request('GET', `${ApiPaths.trailExports}/${id}`, { cookie: auditor })).json<TrailExportView>();
      if (view.state === 'completed' || view.state === 'failed') return view;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`export ${id} did not finish\n${worker.log}`);
  }

  it('lists every record of the snapshot once, in chain order, across batches', async () => {
    const verification = (await api.request('POST', ApiPaths.trailVerification, { cookie: auditor })).json<TrailVerification>();
    const requested = await api.request('POST', ApiPaths.trailExports, { cookie: auditor });
    expect(requested.statusCode).toBe(202);
    const done = await waitFor(requested.json<TrailExportView>().id);
    expect(done).toMatchObject({ state: 'completed', progress: 100, failedReason: null });

    const [row] = (await api.dataSource.query(`SELECT head_seq FROM trail_export WHERE id = $1`, [done.id])) as { head_seq: string }[];
    const expected = ((await api.dataSource.query(`SELECT hash FROM activity_record WHERE agency_id = $1 AND seq <= $2 ORDER BY seq`, [agencyId, row.head_seq])) as { hash: string }[]).map(
      (r) => r.hash,
    );
    expect(expected.length).toBeGreaterThan(3 * BATCH);

    const file = await api.request('GET', done.file?.downloadPath ?? '', { cookie: auditor });
    expect(file.statusCode).toBe(200);
    const text = pdfText(file.rawPayload);
    const listed = [...text.matchAll(/hash ([0-9a-f]{64})/g)].map((m) => m[1]);
    expect(listed).toEqual(expected);
    expect(text).toContain(`INTACT — ${verification.count} records checked`);
    expect(text).toContain(verification.headHash);
    expect(text).toContain('Filters applied: none');
    // Every page is numbered as it is written (the total is not known while streaming).
    expect(text).toMatch(/page 1\b/);
    const recorded = (await api.dataSource.query(`SELECT after FROM activity_record WHERE action = 'trail.exported' AND entity_id = $1`, [done.id])) as { after: { recordCount: number } }[];
    expect(recorded).toHaveLength(1);
    expect(recorded[0].after.recordCount).toBe(expected.length);
  });
});
