/*
 * The audit report PDF (issue 12): `npm run bench:audit-report` (options: --sizes=2000,10000 --rounds=2 --jobs=100
 * --job-items=200; --skip-jobs for part 1 only).
 *
 *  1. Renderer vs plain pdfkit, in the same run: a report whose appendix holds N sampled items (2,000 and 10,000),
 *     rendered by our renderer (renderAuditReportPdf: measured text, Arabic labels, page header per page, items
 *     streamed 500 at a time) into the file store (FileStore.putStream, hashing as it writes), against plain pdfkit
 *     writing the same table (the same eight cells and the detail line per item, fixed row height, no measuring)
 *     piped to a file. Each run is a child process of its own, so its peak RSS (maxRSS) is its own; the best of
 *     --rounds is kept. Targets: ours ≤ 1.5 × plain time; peak RSS flat in N (2,000 vs 10,000 items).
 *  2. 100 report jobs queued at once: 100 engagements (each --job-items sampled items) in a throw-away database,
 *     100 report requests through the real api at the same instant, then one real worker process (concurrency 2 on
 *     the documents queue) builds them: all done, none twice (one `audit.report_issued` record and one stored
 *     document per report), total time from the worker's start.
 * Not a test: not run by `npm test`. Part 2 needs PostgreSQL and Redis like the integration specs.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { AuditPaths, type AuditReportView } from '@mizan/contracts';
import { FONT_FILES, type AuditReportPdfInput, type AuditReportPdfItem, renderAuditReportPdf } from '@mizan/server/pdf';
import { FileStore } from '@mizan/server/storage';
import { log } from './bench-load';

function arg(name: string, fallback: string): string {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

const BATCH = 500;

function item(n: number): AuditReportPdfItem {
  return {
    id: `00000000-aaaa-4bbb-8ccc-${String(n).padStart(12, '0')}`,
    pickOrder: n,
    populationSeq: n,
    reasons: n % 50 === 0 ? ['monetary_unit', 'above_value'] : ['monetary_unit'],
    itemKind: 'payment',
    sourceId: `${String(n).padStart(8, '0')}-1111-4222-8333-444444444444`,
    grantNumber: `G-2025-${String(1 + (n % 40)).padStart(4, '0')}`,
    amountMinor: String(100_000 + n * 37),
    currency: 'SEK',
    bookedOn: '2026-03-01',
    label: n % 10 === 0 ? `دفعة الشريحة ${n}` : `Tranche payment ${n}`,
    result: n % 7 === 0 ? 'exception' : 'pass',
    checks: [
      { id: 'receipt_present', answer: 'yes' },
      { id: 'amount_matches', answer: n % 7 === 0 ? 'no' : 'yes' },
    ],
    notes: n % 7 === 0 ? 'Receipt missing for part of the amount' : '',
    testedBy: 'Maria Auditor',
    testedAt: '2026-12-01T10:00:00Z',
  };
}

/** The items in batches, made as they are asked for (like pages read from the database): never all in memory. */
async function* batches(count: number): AsyncGenerator<AuditReportPdfItem[]> {
  for (let start = 1; start <= count; start += BATCH) {
    const batch: AuditReportPdfItem[] = [];
    for (let n = start; n < Math.min(count + 1, start + BATCH); n++) batch.push(item(n));
    yield batch;
    await new Promise((r) => setImmediate(r));
  }
}

function input(count: number): AuditReportPdfInput {
  return {
    snapshotSha256: 'f'.repeat(64),
    report: { id: '11111111-2222-4333-8444-555555555555', version: 1, final: false, requestedBy: 'Maria Auditor', requestedAt: '2026-12-05T10:00:00Z', generatedAt: '2026-12-05T10:01:00Z', supersedes: null },
    trail: { headSeq: '100000', headHash: 'e'.repeat(64), intact: true, count: 100000, brokenAtSeq: null, problem: null, verifiedAt: '2026-12-05T10:00:30Z' },
    snapshot: {
      agency: { name: 'North Agency' },
      engagement: {
        reference: 'AUD-BENCH',
        title: 'Benchmark engagement',
        kind: 'financial_audit',
        firmName: 'مكتب بغداد للتدقيق Baghdad Audit',
        scope: { kind: 'program', name: 'Health', grantNumbers: ['G-2025-0001'] },
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
        populationKind: 'payments',
        auditors: [{ name: 'Maria Auditor', email: 'auditor@north.test', lead: true }],
      },
      sampling: { method: 'monetary_unit', seed: '42', parameters: { confidencePct: 95 }, formula: 'n = ceil(V × R ÷ (TM − EM × E))', drawnAt: null, frozenAt: null },
      summary: {
        currency: 'SEK',
        populationCount: count * 4,
        populationValueMinor: '999999999',
        sampleCount: count,
        sampleValueMinor: '99999999',
        coverageBasisPoints: 1000,
        tested: count,
        passed: count,
        exceptions: 0,
        untested: 0,
        findings: 0,
        findingsHigh: 0,
        affectedMinor: '0',
        ineligibleMinor: '0',
        misstatement: null,
      },
      appendix: { count, digest: 'd'.repeat(64) },
      findings: [],
      reconciliation: { lines: [], differences: [], balanced: true },
      opinion: null,
      conclusion: null,
    },
    appendix: batches(count),
  };
}

/** Plain pdfkit, the same table: cells at fixed positions and a fixed row height, no measuring, no Arabic shaping. */
async function plain(count: number, file: string): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margin: 44 });
  doc.registerFont('body', FONT_FILES.regular);
  doc.registerFont('arabic', FONT_FILES.arabic);
  const written = pipeline(doc, createWriteStream(file));
  const xs = [44, 72, 170, 234, 288, 368, 442, 492];
  const ws = [26, 96, 62, 52, 78, 72, 48, 59];
  let y = 44;
  for await (const batch of batches(count)) {
    for (const it of batch) {
      if (y + 24 > doc.page.height - 58) {
        doc.addPage();
        y = 44;
      }
      const cells = [String(it.pickOrder), `payment ${it.sourceId.slice(0, 8)} (pop. #${it.populationSeq})`, it.grantNumber, it.bookedOn, `SEK ${it.amountMinor}`, it.reasons.join(', '), it.result, it.testedBy ?? ''];
      cells.forEach((c, i) => doc.font('body').fontSize(8).text(c, xs[i], y, { width: ws[i], lineBreak: false }));
      const detail = [it.label, `Checks: ${it.checks.map((c) => `${c.id}=${c.answer}`).join(', ')}`, it.notes].filter(Boolean).join(' · ');
      doc.font(/[\u0600-\u06FF]/.test(detail) ? 'arabic' : 'body').fontSize(7).text(detail, 72, y + 11, { width: 479, lineBreak: false });
      y += 24;
    }
  }
  doc.end();
  await written;
}

async function child(kind: 'ours' | 'plain', count: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'audit-bench-'));
  const started = performance.now();
  let bytes = 0;
  if (kind === 'ours') {
    const { stream, done } = renderAuditReportPdf(input(count));
    const stored = await new FileStore(dir).putStream(stream, 'audit-reports', 'pdf');
    await done;
    bytes = stored.sizeBytes;
  } else {
    const file = join(dir, 'plain.pdf');
    await plain(count, file);
    bytes = (await import('node:fs')).statSync(file).size;
  }
  const ms = performance.now() - started;
  await rm(dir, { recursive: true, force: true });
  // What the run still holds once garbage is collected: flat in N when nothing is retained per item or page.
  (globalThis as { gc?: () => void }).gc?.();
  const heapAfterGcMb = process.memoryUsage().heapUsed / 1048576;
  // maxRSS is in kilobytes.
  process.stdout.write(JSON.stringify({ kind, count, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, heapAfterGcMb, bytes }));
}

interface ChildResult {
  kind: string;
  count: number;
  ms: number;
  maxRssMb: number;
  heapAfterGcMb: number;
  bytes: number;
}

function runChild(kind: 'ours' | 'plain', count: number): ChildResult {
  const result = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', __filename, `--child=${kind}`, `--items=${count}`], {
    env: process.env,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`child ${kind} ${count} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() as string) as ChildResult;
}

async function renderers(sizes: number[], rounds: number): Promise<void> {
  log(`part 1: renderer vs plain pdfkit, sizes ${sizes.join(', ')}, best of ${rounds}`);
  const rows: string[] = [];
  const best: Record<string, ChildResult> = {};
  for (const size of sizes) {
    for (const kind of ['plain', 'ours'] as const) {
      for (let r = 0; r < rounds; r++) {
        const result = runChild(kind, size);
        log(`  ${kind} ${size}: ${result.ms.toFixed(0)} ms, peak RSS ${result.maxRssMb.toFixed(1)} MB, heap after GC ${result.heapAfterGcMb.toFixed(1)} MB, ${(result.bytes / 1024 / 1024).toFixed(2)} MB PDF`);
        const key = `${kind}-${size}`;
        if (!best[key] || result.ms < best[key].ms) best[key] = { ...result, maxRssMb: Math.max(result.maxRssMb, best[key]?.maxRssMb ?? 0) };
      }
    }
    const o = best[`ours-${size}`];
    const p = best[`plain-${size}`];
    rows.push(
      `| ${size.toLocaleString('en')} | ${p.ms.toFixed(0)} | ${o.ms.toFixed(0)} | ${(o.ms / p.ms).toFixed(2)}× | ${p.maxRssMb.toFixed(1)} | ${o.maxRssMb.toFixed(1)} | ${p.heapAfterGcMb.toFixed(1)} / ${o.heapAfterGcMb.toFixed(1)} | ${(p.bytes / 1048576).toFixed(2)} / ${(o.bytes / 1048576).toFixed(2)} |`,
    );
  }
  console.log('\n| appendix items | plain pdfkit ms | ours ms | ours ÷ plain | plain peak RSS MB | ours peak RSS MB | heap after GC MB plain / ours | PDF MB plain / ours |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

async function jobs(count: number, items: number): Promise<void> {
  // Loaded here: part 1 (and its children) need no database.
  const { ApiHarness } = await import('../../apps/api/src/testing/api-harness');
  const { WorkerProcess } = await import('../../apps/api/src/testing/worker-process');
  const { paymentsWorld } = await import('../../apps/api/src/app/finance/payments.fixtures');
  const { insertEngagement, insertSample } = await import('../../apps/api/src/testing/audit-fixtures');
  log(`part 2: ${count} report jobs of ${items} items each, queued at once`);
  const api = await ApiHarness.start('audit-bench', { signInIpMaxAttempts: 100_000 });
  try {
    const w = await paymentsWorld(api);
    const auditor = await api.signIn('auditor@north.test');
    const engagements: string[] = [];
    for (let i = 0; i < count; i++) {
      const e = await insertEngagement(api.dataSource, { agencyId: w.north.agency.id, scope: { kind: 'program', id: w.programId }, sample: {}, createdBy: w.north.users.officer.id, auditorIds: [w.north.users.auditor.id] });
      await insertSample(api.dataSource, e.id, w.grantId, items, w.north.users.auditor.id);
      engagements.push(e.id);
    }
    const t0 = performance.now();
    const requested = await Promise.all(engagements.map((id) => api.request('POST', AuditPaths.reports(id), { cookie: auditor, body: { final: false } })));
    const ids = requested.map((r) => r.json<AuditReportView>().id);
    log(`  ${count} requests answered in ${(performance.now() - t0).toFixed(0)} ms (${new Set(ids).size} distinct reports)`);
    const started = performance.now();
    const worker = await WorkerProcess.start(api.env.config);
    const workerUp = performance.now();
    try {
      for (;;) {
        const [row] = (await api.dataSource.query(`SELECT count(*) FILTER (WHERE state = 'done')::int AS done, count(*) FILTER (WHERE state = 'failed')::int AS failed FROM audit_report`)) as {
          done: number;
          failed: number;
        }[];
        if (row.done + row.failed >= count) break;
        if (performance.now() - started > 30 * 60_000) throw new Error('not done in 30 minutes');
        await new Promise((r) => setTimeout(r, 200));
      }
      const total = performance.now() - started;
      const [check] = (await api.dataSource.query(
        `SELECT (SELECT count(*) FROM audit_report WHERE state = 'done')::int AS done,
                (SELECT count(*) FROM activity_record WHERE action = 'audit.report_issued')::int AS issued,
                (SELECT count(DISTINCT entity_id) FROM activity_record WHERE action = 'audit.report_issued')::int AS issued_distinct,
                (SELECT count(*) FROM stored_document WHERE kind = 'audit-report')::int AS documents`,
      )) as { done: number; issued: number; issued_distinct: number; documents: number }[];
      console.log(`\n| reports queued at once | items each | all done | issue records (distinct) | stored documents | worker start s | total s (from worker start) | per report s |`);
      console.log('|---|---|---|---|---|---|---|---|');
      console.log(
        `| ${count} | ${items} | ${check.done === count ? 'yes' : `no (${check.done})`} | ${check.issued} (${check.issued_distinct}) | ${check.documents} | ${((workerUp - started) / 1000).toFixed(1)} | ${(total / 1000).toFixed(1)} | ${(total / 1000 / count).toFixed(2)} |`,
      );
    } finally {
      await worker.stop();
    }
  } finally {
    await api.stop();
  }
}

async function main(): Promise<void> {
  const childKind = arg('child', '');
  if (childKind === 'ours' || childKind === 'plain') return child(childKind, Number(arg('items', '1000')));
  log(`machine: ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}`);
  await renderers(
    arg('sizes', '2000,10000')
      .split(',')
      .map(Number),
    Number(arg('rounds', '2')),
  );
  if (!process.argv.includes('--skip-jobs')) await jobs(Number(arg('jobs', '100')), Number(arg('job-items', '200')));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
