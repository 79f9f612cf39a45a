/*
 * Trail verification vs the raw SHA-256 rate of the same records (issue 14), one section of docs/benchmarks.md:
 *
 *   node -r @swc-node/register tools/bench/trail-verify-bench.ts --database-url <url> --out <file.md> [--quick] [--runs 3] [--threads N]
 *
 * 1. The product: TrailService.verify() (what `tools/mizan verify-trail` runs) over the whole trail, `runs` times;
 *    records/s.
 * 2. The physical limit: the same rows read in the same batches (TrailService's reader, readTrailRows), their
 *    canonical texts built with @mizan/domain canonicalRecord (timed apart), then only SHA-256 over previousHash +
 *    canonical for all of them timed, in one thread, the faster of createHash and crypto.hash; records/s. Ratio
 *    1 ÷ 2 (target ≥ 50 %). Beside it, for honesty about verify()'s worker threads, the same hashing split over as
 *    many threads (texts sent beforehand, only the hashing timed) and the ratio to that; and where the time goes:
 *    reading the rows (query, jsonb parsing), canonical JSON, SHA-256.
 */
import { createHash, hash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { canonicalRecord } from '@mizan/domain';
import { dataSourceOptions } from '@mizan/server/db';
import { RangeCheckers, TrailService, VERIFY_BATCH_SIZE, readTrailRows, toChained } from '@mizan/server/trail';
import { loadConfig } from '@mizan/server/core';
import { TARGETS, fmt, fmtSpread, mdTable, numberArg, parseArgs, pct, ratio, spread, stringArg, unknownArgs, verdict } from './bench-kit';
import { log } from './bench-proc';

const KNOWN = ['database-url', 'out', 'quick', 'runs', 'batch', 'threads'];

interface RawTiming {
  records: number;
  fetchMs: number;
  canonicalMs: number;
  /** createHash('sha256').update(text).digest('hex') per text. */
  createHashMs: number;
  /** crypto.hash('sha256', text, 'hex') per text (Node 20.12+, what verify() uses). */
  oneShotMs: number;
  /** The same texts split over `threads` worker threads (texts sent beforehand), crypto.hash; wall time. */
  parallelMs: number;
  mismatches: number;
}

/** Worker threads that hash the texts they were sent when told to (only the hashing is timed by the caller). */
class ParallelHashers {
  private constructor(private readonly workers: Worker[]) {}

  static open(threads: number): ParallelHashers {
    const source = `const { parentPort } = require('node:worker_threads'); const { hash } = require('node:crypto'); let texts = [];
      parentPort.on('message', (m) => { if (m.texts) { texts = m.texts; parentPort.postMessage(0); } else { let n = 0; for (const t of texts) if (hash('sha256', t, 'hex').length === 64) n++; parentPort.postMessage(n); } });`;
    return new ParallelHashers(Array.from({ length: threads }, () => new Worker(source, { eval: true })));
  }

  private ask(worker: Worker, message: unknown): Promise<number> {
    return new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(message);
    });
  }

  /** Milliseconds of wall time to hash `texts` split over the workers. */
  async time(texts: string[]): Promise<number> {
    const share = Math.ceil(texts.length / this.workers.length);
    await Promise.all(this.workers.map((w, i) => this.ask(w, { texts: texts.slice(i * share, (i + 1) * share) })));
    const t0 = performance.now();
    await Promise.all(this.workers.map((w) => this.ask(w, { go: true })));
    return performance.now() - t0;
  }

  close(): Promise<unknown> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Same rows (TrailService's reader), same batches; each step timed alone, the hashing three ways. */
async function raw(ds: DataSource, batch: number, hashers: ParallelHashers): Promise<RawTiming> {
  const t: RawTiming = { records: 0, fetchMs: 0, canonicalMs: 0, createHashMs: 0, oneShotMs: 0, parallelMs: 0, mismatches: 0 };
  let last = '0';
  for (;;) {
    const t0 = performance.now();
    const rows = await readTrailRows(ds, last, batch);
    const t1 = performance.now();
    if (rows.length === 0) break;
    const texts = rows.map((r) => r.previous_hash + canonicalRecord(toChained(r)));
    const t2 = performance.now();
    const hashes = new Array<string>(texts.length);
    for (let i = 0; i < texts.length; i++) hashes[i] = createHash('sha256').update(texts[i], 'utf8').digest('hex');
    const t3 = performance.now();
    for (let i = 0; i < texts.length; i++) hashes[i] = hash('sha256', texts[i], 'hex');
    const t4 = performance.now();
    t.parallelMs += await hashers.time(texts);
    for (let i = 0; i < rows.length; i++) if (hashes[i] !== rows[i].hash) t.mismatches++;
    t.fetchMs += t1 - t0;
    t.canonicalMs += t2 - t1;
    t.createHashMs += t3 - t2;
    t.oneShotMs += t4 - t3;
    t.records += rows.length;
    last = rows[rows.length - 1].seq;
    if (rows.length < batch) break;
  }
  return t;
}

/** The single-thread limit: the faster of the two ways Node hashes a text. */
const rawMs = (t: RawTiming): number => Math.min(t.createHashMs, t.oneShotMs);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['quick']);
  const unknown = unknownArgs(args, KNOWN);
  if (unknown.length) throw new Error(`unknown option(s): ${unknown.map((u) => `--${u}`).join(', ')}`);
  const databaseUrl = stringArg(args, 'database-url');
  const out = stringArg(args, 'out');
  if (!databaseUrl || !out) throw new Error('usage: trail-verify-bench --database-url <url> --out <file.md> [--quick] [--runs 3] [--threads N]');
  const runs = numberArg(args, 'runs', args['quick'] === true ? 1 : 3);
  const batch = numberArg(args, 'batch', VERIFY_BATCH_SIZE);
  // --threads 0: verify() without worker threads (everything in the calling thread), to compare with.
  const threads = stringArg(args, 'threads') === '0' ? 0 : numberArg(args, 'threads', RangeCheckers.defaultThreads());
  const ds = new DataSource(dataSourceOptions(databaseUrl));
  await ds.initialize();
  const hashers = ParallelHashers.open(Math.max(1, threads));
  const product: number[] = [];
  /** CPU of this process (every thread: verify()'s workers too) per record verified, µs: a figure the machine's load moves less than its time. */
  const productCpu: number[] = [];
  const limit: number[] = [];
  const parallelLimit: number[] = [];
  const createHashLimit: number[] = [];
  const timings: RawTiming[] = [];
  let count = 0;
  let intact = true;
  let problem: string | null = null;
  try {
    const trail = new TrailService(ds, loadConfig({ ...process.env, DATABASE_URL: databaseUrl }));
    for (let r = 0; r < runs; r++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await trail.verify({ threads });
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      productCpu.push((cpu.user + cpu.system) / Math.max(1, result.count));
      count = result.count;
      intact = result.intact;
      problem = result.problem;
      product.push(result.count / seconds);
      log(`verify (${threads} threads): ${result.count} records in ${fmt(seconds, 2)} s (${fmt(result.count / seconds, 0)}/s, CPU ${fmt((cpu.user + cpu.system) / Math.max(1, result.count), 2)} µs per record), intact ${result.intact}${result.problem ? `: ${result.problem}` : ''}`);
      const rt = await raw(ds, batch, hashers);
      timings.push(rt);
      limit.push(rt.records / (rawMs(rt) / 1000));
      parallelLimit.push(rt.records / (rt.parallelMs / 1000));
      createHashLimit.push(rt.records / (rt.createHashMs / 1000));
      log(
        `raw: ${rt.records} records, fetch ${fmt(rt.fetchMs, 0)} ms, canonical ${fmt(rt.canonicalMs, 0)} ms, createHash ${fmt(rt.createHashMs, 0)} ms, ` +
          `crypto.hash ${fmt(rt.oneShotMs, 0)} ms (${fmt(rt.records / (rawMs(rt) / 1000), 0)}/s), ${Math.max(1, threads)} threads ${fmt(rt.parallelMs, 0)} ms` +
          `${rt.mismatches ? `, ${rt.mismatches} hashes differ` : ''}`,
      );
    }
  } finally {
    await hashers.close();
    await ds.destroy();
  }
  const p = spread(product);
  const l = spread(limit);
  const pl = spread(parallelLimit);
  const ch = spread(createHashLimit);
  const share = ratio(p.median, l.median);
  const mid = timings[Math.floor(timings.length / 2)];
  const perRecordUs = (ms: number) => fmt((ms * 1000) / Math.max(1, mid.records), 2);
  const md = [
    '### Trail verification vs raw SHA-256',
    '',
    '```sh',
    `npm run bench -- --only trail-verify${args['quick'] === true ? ' --quick' : ''}`,
    '```',
    '',
    `${fmt(count, 0)} records (${intact ? 'intact' : `**not intact**: ${problem}`}), ${runs} run(s); median (min–max). The product: TrailService.verify() as \`tools/mizan verify-trail\` runs it ` +
      `(ranges of ${fmt(batch, 0)} positions, ${threads > 0 ? `each read as its stored bodies and hashes and checked as its rows arrive by one of ${threads} worker thread(s), over the worker's own connection` : 'each read as its stored bodies and hashes and checked in the calling thread (--threads 0)'}; the links across ranges, signed checkpoints; first, that the members are still generated from the bodies). ` +
      `The limit: SHA-256 alone over previousHash + canonical text of the same records in ONE thread, the faster of createHash and crypto.hash; beside it the same hashing split over ${Math.max(1, threads)} threads.`,
    '',
    mdTable(
      ['what', 'records/s'],
      [
        ['TrailService.verify()', fmtSpread(p, 0)],
        ["verify(): this process's CPU (all its threads), µs per record", fmtSpread(spread(productCpu), 2)],
        ['raw SHA-256 of the same texts, one thread', fmtSpread(l, 0)],
        ['verify ÷ raw (one thread)', `${pct(share)} — target ≥ ${pct(TARGETS.verifyShare)}: ${verdict(share >= TARGETS.verifyShare)}`],
        ["raw SHA-256, one thread, createHash only (the baseline before crypto.hash)", fmtSpread(ch, 0)],
        ['verify ÷ raw (one thread, createHash)', pct(ratio(p.median, ch.median))],
        [`raw SHA-256, ${Math.max(1, threads)} threads`, fmtSpread(pl, 0)],
        [`verify ÷ raw (${Math.max(1, threads)} threads)`, pct(ratio(p.median, pl.median))],
      ],
    ),
    '',
    'Where the time goes: the raw pass reads the full rows (TrailService\'s reader, as the legacy chain and a broken range are read) and builds canonicalRecord\'s text, ' +
      'each step timed alone (µs per record):',
    '',
    mdTable(
      ['step', 'ms', 'µs / record'],
      [
        ['read the rows (query, jsonb parsed by pg)', fmt(mid.fetchMs, 0), perRecordUs(mid.fetchMs)],
        ['canonical JSON (canonicalRecord)', fmt(mid.canonicalMs, 0), perRecordUs(mid.canonicalMs)],
        ["SHA-256, createHash('sha256')…digest", fmt(mid.createHashMs, 0), perRecordUs(mid.createHashMs)],
        ["SHA-256, crypto.hash('sha256', …)", fmt(mid.oneShotMs, 0), perRecordUs(mid.oneShotMs)],
        ['sum of read, canonical and the faster hash, one after another', fmt(mid.fetchMs + mid.canonicalMs + rawMs(mid), 0), perRecordUs(mid.fetchMs + mid.canonicalMs + rawMs(mid))],
        ['TrailService.verify() (median run, everything)', fmt((count / p.median) * 1000, 0), fmt(1e6 / p.median, 2)],
      ],
    ),
  ].join('\n');
  writeFileSync(out, `${md}\n`);
  log(`wrote ${out}`);
  if (!intact || mid.mismatches > 0) process.exitCode = 1;
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
