/*
 * Red-flag engine benchmark (issue 11): `npm run bench:red-flags` (options: --sizes=10000,25000,50000,100000 --runs=11
 * --seed=11 --max-growth=25).
 *
 * For each size, a realistic agency from `generateAgency` (libs/domain/src/lib/reporting/red-flags-generator.ts: grants
 * of 8 reports × 50 lines, Arabic and Latin suppliers, IQD / USD / EUR lines with rates, planted problems for every rule),
 * then, each in a fresh child process started with --expose-gc:
 *  - time: `evaluateRedFlags` (all rules, default settings) and the baseline, alternately, `runs` times each after one
 *    warm-up, a full GC before every run; median and p95 of the wall times;
 *  - memory (one child per size and subject, one cold run): peak RSS during the run over the RSS before it (sampled
 *    every millisecond by a worker thread; also the process's getrusage max RSS), and the peak heap in use during the
 *    run over the heap in use before it (the child runs with --trace-gc: the largest heap seen before each GC the run
 *    caused, and at its end).
 * The baseline is the floor the engine must stay near: one pass normalising suppliers and parsing amounts, one sort of
 * the lines by (grant, supplier, date), one grouping pass — n log n, what any rule that groups by supplier must do.
 * Growth = median(largest) / median(smallest): n log n from 10k to 100k is ≈ 12.5, quadratic ≈ 100. Exits 1 when the
 * engine's growth is above --max-growth (default 25), so a quadratic regression fails the run.
 * Not a test: it is not run by `npm test`. Needs no database.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { ExpenditureLineFacts, RED_FLAG_CODES, RedFlagCode, evaluateRedFlags, normalizeSupplier } from '../../libs/domain/src/lib/reporting/red-flags';
import { generateAgency } from '../../libs/domain/src/lib/reporting/red-flags-generator';
import { log, percentile } from './bench-load';

function arg(name: string, fallback: string): string {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

const SIZES = arg('sizes', '10000,25000,50000,100000').split(',').map(Number);
const RUNS = Number(arg('runs', '11'));
const SEED = Number(arg('seed', '11'));
const MAX_GROWTH = Number(arg('max-growth', '25'));

type Subject = 'engine' | 'baseline';

/** The n log n floor: normalise and parse once, sort by (grant, supplier, date), group once. Returns the group count. */
function baseline(lines: readonly ExpenditureLineFacts[]): number {
  const keyed = lines.map((l) => ({ key: `${l.grantId}\u0000${normalizeSupplier(l.supplier)}`, date: l.date, amount: BigInt(l.grantAmountMinor) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let groups = 0;
  let previous = '';
  let total = 0n;
  for (const k of keyed) {
    if (k.key !== previous) {
      groups++;
      previous = k.key;
    }
    total += k.amount;
  }
  return total > 0n ? groups : -groups;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

interface TimingResult {
  size: number;
  grants: number;
  engine: number[];
  baseline: number[];
  flags: Record<string, number>;
  planted: Record<string, number>;
  generateMs: number;
}

interface MemoryResult {
  size: number;
  subject: Subject;
  coldMs: number;
  rssBefore: number;
  peakRssSampled: number;
  maxRss: number;
  heapUsedBefore: number;
  /** Largest heap in use seen during the run: before each GC the run caused (--trace-gc) and at its end. */
  peakHeapUsed: number;
  gcsDuringRun: number;
  retainedAfterGc: number;
}

/** What the memory child reports on stderr; the parent adds the peak heap from the child's --trace-gc lines on stdout. */
type MemoryReport = Omit<MemoryResult, 'peakHeapUsed' | 'gcsDuringRun'> & { heapUsedAfter: number };

function childTiming(size: number): TimingResult {
  const t0 = performance.now();
  const agency = generateAgency({ lines: size, seed: SEED });
  const generateMs = performance.now() - t0;
  const { input } = agency;
  const subjects: Record<Subject, () => unknown> = { engine: () => evaluateRedFlags(input), baseline: () => baseline(input.lines) };
  const times: Record<Subject, number[]> = { engine: [], baseline: [] };
  let flags: ReturnType<typeof evaluateRedFlags> = [];
  for (let run = 0; run <= RUNS; run++) {
    for (const subject of ['baseline', 'engine'] as const) {
      gc();
      const started = performance.now();
      const result = subjects[subject]();
      const ms = performance.now() - started;
      if (subject === 'engine') flags = result as typeof flags;
      if (run > 0) times[subject].push(ms); // run 0 warms up
    }
  }
  const count = (codes: RedFlagCode[]) => Object.fromEntries(RED_FLAG_CODES.map((c) => [c, codes.filter((x) => x === c).length]));
  return {
    size,
    grants: input.grants.length,
    engine: times.engine,
    baseline: times.baseline,
    flags: count(flags.map((f) => f.code)),
    planted: Object.fromEntries(RED_FLAG_CODES.map((c) => [c, agency.planted[c].length])),
    generateMs,
  };
}

async function childMemory(size: number, subject: Subject): Promise<MemoryReport> {
  const { input } = generateAgency({ lines: size, seed: SEED });
  // A worker thread samples the process's RSS every millisecond while the main thread runs synchronously.
  const sampler = new Worker(
    `const { parentPort } = require('node:worker_threads');
     let max = 0;
     const tick = () => { max = Math.max(max, process.memoryUsage.rss()); };
     const timer = setInterval(tick, 1);
     parentPort.on('message', (m) => { if (m === 'reset') { max = process.memoryUsage.rss(); parentPort.postMessage('ready'); }
       else { tick(); clearInterval(timer); parentPort.postMessage(max); } });`,
    { eval: true },
  );
  const ask = (message: string) => new Promise<unknown>((resolve) => sampler.once('message', resolve).postMessage(message));
  await ask('reset');
  // Exactly two forced GCs before the run and one right after it: the parent finds the run's GCs between them.
  gc();
  gc();
  const rssBefore = process.memoryUsage.rss();
  const heapUsedBefore = getHeapStatistics().used_heap_size;
  const started = performance.now();
  const result = subject === 'engine' ? evaluateRedFlags(input) : baseline(input.lines);
  const coldMs = performance.now() - started;
  const heapUsedAfter = getHeapStatistics().used_heap_size;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  gc();
  const retainedAfterGc = getHeapStatistics().used_heap_size - heapUsedBefore;
  const peakRssSampled = (await ask('stop')) as number;
  await sampler.terminate();
  if (result === undefined) throw new Error('no result');
  return { size, subject, coldMs, rssBefore, peakRssSampled, maxRss, heapUsedBefore, heapUsedAfter, retainedAfterGc };
}

/** The run's GCs from --trace-gc: after the second forced ("testing") GC of the main isolate, up to and including the third. */
function peakHeapFromTrace(trace: string, report: MemoryReport): MemoryResult {
  const gcLine = /^\[\d+:(0x[0-9a-f]+)\]\s+[\d.]+ ms: [\w-]+ ([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB.*$/;
  const lines = trace.split('\n').flatMap((l) => {
    const m = gcLine.exec(l.trim());
    return m ? [{ isolate: m[1], before: Number(m[2]) * 1024 * 1024, testing: / testing[;,]/.test(l) }] : [];
  });
  const main = lines.find((l) => l.testing)?.isolate;
  const mine = lines.filter((l) => l.isolate === main);
  const forced = mine.flatMap((l, i) => (l.testing ? [i] : []));
  if (forced.length < 3) throw new Error(`expected 3 forced GCs in the trace, found ${forced.length}`);
  const during = mine.slice(forced[1] + 1, forced[2] + 1);
  const { heapUsedAfter, ...rest } = report;
  return { ...rest, peakHeapUsed: Math.max(heapUsedAfter, ...during.map((l) => l.before)), gcsDuringRun: during.length - 1 };
}

function runChild<T>(args: string[], nodeFlags: string[] = []): { result: T; stdout: string } {
  const child = spawnSync(process.execPath, [...nodeFlags, ...process.execArgv, __filename, ...args, `--runs=${RUNS}`, `--seed=${SEED}`], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`child ${args.join(' ')} failed (${child.status}):\n${child.stderr}`);
  const line = child.stderr.split('\n').find((l) => l.startsWith('RESULT ')) as string;
  return { result: JSON.parse(line.slice('RESULT '.length)) as T, stdout: child.stdout };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

async function main(): Promise<void> {
  const child = arg('child', '');
  if (child === 'timing') {
    console.error(`RESULT ${JSON.stringify(childTiming(Number(arg('size', '0'))))}`);
    return;
  }
  if (child === 'memory') {
    console.error(`RESULT ${JSON.stringify(await childMemory(Number(arg('size', '0')), arg('subject', 'engine') as Subject))}`);
    return;
  }
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('run with node --expose-gc (npm run bench:red-flags does)');
  const startedAt = Date.now();
  const loadBefore = loadavg();
  const timings: TimingResult[] = [];
  const memory = new Map<string, MemoryResult>();
  for (const size of SIZES) {
    log(`${size} lines: timing (${RUNS} runs each after a warm-up)`);
    const t = runChild<TimingResult>(['--child=timing', `--size=${size}`]).result;
    timings.push(t);
    const med = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    log(`  engine median ${ms(med(t.engine))} ms, baseline median ${ms(med(t.baseline))} ms (data generated in ${ms(t.generateMs)} ms)`);
    for (const subject of ['baseline', 'engine'] as const) {
      const { result, stdout } = runChild<MemoryReport>(['--child=memory', `--size=${size}`, `--subject=${subject}`], ['--trace-gc']);
      const m = peakHeapFromTrace(stdout, result);
      memory.set(`${size}:${subject}`, m);
      log(`  ${subject} memory: peak RSS +${mb(m.peakRssSampled - m.rssBefore)} MB, peak heap used +${mb(m.peakHeapUsed - m.heapUsedBefore)} MB (${m.gcsDuringRun} GCs during the run)`);
    }
  }

  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
  };
  console.log('\n## Results (markdown)\n');
  console.log(
    `Seed ${SEED}; ${RUNS} timed runs per subject and size after one warm-up, alternating baseline and engine, a full GC before each; p95 of ${RUNS} runs is the slowest run. Memory: one cold run per subject and size in its own process.\n`,
  );
  console.log('| lines | grants | engine median / p95 ms | baseline median / p95 ms | engine ÷ baseline (median) | engine peak RSS Δ MB | baseline peak RSS Δ MB | engine peak heap Δ MB | baseline peak heap Δ MB | flags |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const t of timings) {
    const e = stats(t.engine);
    const b = stats(t.baseline);
    const me = memory.get(`${t.size}:engine`) as MemoryResult;
    const mbase = memory.get(`${t.size}:baseline`) as MemoryResult;
    const flags = Object.values(t.flags).reduce((s, n) => s + n, 0);
    console.log(
      `| ${t.size.toLocaleString('en')} | ${t.grants} | ${ms(e.median)} / ${ms(e.p95)} | ${ms(b.median)} / ${ms(b.p95)} | ${(e.median / b.median).toFixed(1)}× | ${mb(me.peakRssSampled - me.rssBefore)} | ${mb(mbase.peakRssSampled - mbase.rssBefore)} | ${mb(me.peakHeapUsed - me.heapUsedBefore)} | ${mb(mbase.peakHeapUsed - mbase.heapUsedBefore)} | ${flags} |`,
    );
  }
  const first = timings[0];
  const last = timings[timings.length - 1];
  const growth = stats(last.engine).median / stats(first.engine).median;
  const baselineGrowth = stats(last.baseline).median / stats(first.baseline).median;
  const sizeRatio = last.size / first.size;
  const nLogN = (sizeRatio * Math.log(last.size)) / Math.log(first.size);
  console.log(
    `\nGrowth from ${first.size.toLocaleString('en')} to ${last.size.toLocaleString('en')} lines (×${sizeRatio}): engine ×${growth.toFixed(1)}, baseline ×${baselineGrowth.toFixed(1)}; n log n would be ×${nLogN.toFixed(1)}, quadratic ×${(sizeRatio * sizeRatio).toFixed(0)}. Limit: ×${MAX_GROWTH}.`,
  );
  console.log('\nFlags found per rule (planted cases in brackets):\n');
  console.log(`| rule | ${timings.map((t) => t.size.toLocaleString('en')).join(' | ')} |`);
  console.log(`|---|${timings.map(() => '---').join('|')}|`);
  for (const code of RED_FLAG_CODES) console.log(`| ${code} | ${timings.map((t) => `${t.flags[code]} (${t.planted[code]})`).join(' | ')} |`);
  const lastMemory = memory.get(`${last.size}:engine`) as MemoryResult;
  console.log(
    `\nAt ${last.size.toLocaleString('en')} lines: process RSS before the engine ${mb(lastMemory.rssBefore)} MB (node, the TypeScript loader and the input), max RSS (getrusage) ${mb(lastMemory.maxRss)} MB, ${lastMemory.gcsDuringRun} GCs during a cold run of ${ms(lastMemory.coldMs)} ms.`,
  );
  console.log(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}; load average ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} before, ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end (1 / 5 / 15 min).`,
  );
  console.log(`Total run: ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  if (!(growth <= MAX_GROWTH)) {
    console.error(`\nFAIL: the engine grew ×${growth.toFixed(1)} from ${first.size} to ${last.size} lines (limit ×${MAX_GROWTH}): worse than n log n.`);
    process.exitCode = 1;
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
