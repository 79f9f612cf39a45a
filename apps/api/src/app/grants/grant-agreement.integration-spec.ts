import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { AgreementBuildView, GrantPaths, GrantView } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { WorkerProcess } from '../../testing/worker-process';
import { GrantWorld, SIGNATORY_NAME, Tokens, activeGrant, grantWorld } from './grants.fixtures';

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

describe('grant agreement PDF: api → BullMQ → real worker process → PDF on disk, hashed and on the trail', () => {
  let api: ApiHarness;
  let worker: WorkerProcess;
  let w: GrantWorld;
  const t = {} as Tokens & Record<'partner' | 'southApplicant' | 'southOfficer', string>;

  beforeAll(async () => {
    api = await ApiHarness.start('agreement', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.partner = await api.signIn('partner@north.test');
    t.southApplicant = await api.signIn('applicant@south.test');
    t.southOfficer = await api.signIn('officer@south.test');
    worker = await WorkerProcess.start(api.env.config);
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
  });

  async function waitFor(grantId: string, id: string): Promise<AgreementBuildView> {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const builds = (await api.request('GET', GrantPaths.agreement(grantId), { cookie: t.officer })).json<AgreementBuildView[]>();
      const build = builds.find((b) => b.id === id);
      if (build) {
        seen.add(`${build.state}:${build.progress}`);
        if (build.state === 'done' || build.state === 'failed') return build;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`agreement ${id} did not finish; seen: ${[...seen].join(', ')}\n${worker.log}`);
  }

  it('builds the signed agreement, records its SHA-256, and its text holds the grant number and the Arabic names', async () => {
    const grant: GrantView = await activeGrant(api, w, t);
    const queued = await api.request('POST', GrantPaths.agreement(grant.id), { cookie: t.officer });
    expect(queued.statusCode).toBe(202);
    const build = queued.json<AgreementBuildView>();
    expect(build).toMatchObject({ state: 'queued', progress: 0, version: grant.currentVersion, sha256: null });
    // Only officers queue it.
    expect((await api.request('POST', GrantPaths.agreement(grant.id), { cookie: t.applicant })).statusCode).toBe(403);
    expect((await api.request('POST', GrantPaths.agreement(grant.id), { cookie: t.southOfficer })).statusCode).toBe(404);

    const done = await waitFor(grant.id, build.id);
    expect(done).toMatchObject({ state: 'done', progress: 100, error: null });
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);

    const download = GrantPaths.agreementDownload(grant.id, build.id);
    const file = await api.request('GET', download, { cookie: t.officer });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toContain(`agreement-${grant.grantNumber}-v${grant.currentVersion}.pdf`);
    const pdf = file.rawPayload;
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(done.sha256);

    const text = pdfText(pdf);
    expect(text).toContain(grant.grantNumber);
    expect(text).toContain(SIGNATORY_NAME);
    expect(text).toContain('معدات طبية');
    expect(text).toContain('Partner risk rating: moderate');
    expect(text).toContain('Quarterly photos of the clinics.');
    expect(text).toContain('Countersigned by: officer of north');
    expect(text).toContain('At least 70 % of earlier tranches accounted for');

    // The trail quotes the hash, in the record of the build.
    const [record] = (await api.dataSource.query(`SELECT after FROM activity_record WHERE action = 'grant.agreement.generated' AND entity_id = $1`, [build.id])) as {
      after: { sha256: string; grantId: string };
    }[];
    expect(record.after).toMatchObject({ sha256: done.sha256, grantId: grant.id });

    // The grantee downloads it (members and partners); another organization's member does not see it.
    expect((await api.request('GET', download, { cookie: t.applicant })).statusCode).toBe(200);
    expect((await api.request('GET', download, { cookie: t.partner })).statusCode).toBe(200);
    expect((await api.request('GET', download, { cookie: t.southApplicant })).statusCode).toBe(404);
    expect((await api.request('GET', download, { cookie: t.southOfficer })).statusCode).toBe(404);
  }, 90_000);
});
