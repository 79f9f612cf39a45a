/*
 * Sanctions screening benchmark (issue 13): `npm run bench:screening` (options: --scale=10 --parties=10000 --seed=13
 * --full-scan-sample=40 --rounds=3).
 *
 * On the real UN consolidated list (data/sanctions/un-sc-consolidated-2018-10-29.xml) and on a generated list `scale`
 * times larger (the real entries plus synthetic ones recombining real name tokens, Latin and Arabic, seeded):
 *  - building the index;
 *  - one name against the whole list: `screenName` for every name of the evaluation set
 *    (data/sanctions/evaluation-set.json) once on a fresh index (after a JIT warm-up on another index), then `rounds`
 *    times more (the index remembers the posting similarities of tokens it has seen), p50 / p99 / max; baselines in the
 *    same run: the same scorer on every name of the list without the index (`screenNameFullScan`, on a sample, it is
 *    slow) and an exact normalized-key lookup (what exact matching costs; it finds almost nothing);
 *  - re-screening `parties` synthetic party names in memory (what the worker does after an import): total time, and
 *    the exact-key baseline;
 *  - recall and false-positive rate of the evaluation set at the default threshold (real list), and whether the index
 *    returns what the full scan returns at the threshold (sample).
 * Not a test: it is not run by `npm test`. Needs no database.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_SCREENING_THRESHOLD,
  ListEntry,
  PartyNameKind,
  ScreeningIndex,
  buildScreeningIndex,
  nameKey,
  screenName,
  screenNameFullScan,
} from '../../libs/domain/src';
import { parseUnConsolidatedList } from '../../libs/server/screening/src/lib/lists/un-list-parser';
import { EvaluationSet, evaluateMatcher } from '../../libs/server/screening/src/lib/matching-evaluation';
import { log, percentile } from './bench-load';

function arg(name: string, fallback: string): string {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

const SCALE = Number(arg('scale', '10'));
const PARTIES = Number(arg('parties', '10000'));
const SEED = Number(arg('seed', '13'));
const FULL_SCAN_SAMPLE = Number(arg('full-scan-sample', '40'));
const ROUNDS = Number(arg('rounds', '3'));
const DATA = join(__dirname, '../../data/sanctions');

/** mulberry32: a small seeded PRNG, so every run generates the same lists and parties. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pools {
  latinFirst: string[];
  latinRest: string[];
  arabicFirst: string[];
  arabicRest: string[];
  entityWords: string[];
}

/** Name tokens of the real list, by position and script. */
function pools(entries: readonly ListEntry[]): Pools {
  const p: Pools = { latinFirst: [], latinRest: [], arabicFirst: [], arabicRest: [], entityWords: [] };
  for (const e of entries) {
    for (const n of e.names) {
      const words = n.name.split(/[\s,]+/).filter((w) => w.length > 1);
      if (words.length === 0) continue;
      if (e.kind === 'entity') {
        if (!/[\u0600-\u06ff]/.test(n.name)) p.entityWords.push(...words);
      } else if (/[\u0600-\u06ff]/.test(n.name)) {
        p.arabicFirst.push(words[0]);
        p.arabicRest.push(...words.slice(1));
      } else {
        p.latinFirst.push(words[0]);
        p.latinRest.push(...words.slice(1));
      }
    }
  }
  return p;
}

function pick<T>(random: () => number, from: readonly T[]): T {
  return from[Math.floor(random() * from.length)];
}

function personName(random: () => number, p: Pools, arabic: boolean): string {
  const parts = 2 + Math.floor(random() * 3);
  const first = arabic ? p.arabicFirst : p.latinFirst;
  const rest = arabic ? p.arabicRest : p.latinRest;
  return [pick(random, first), ...Array.from({ length: parts - 1 }, () => pick(random, rest))].join(' ');
}

function entityName(random: () => number, p: Pools): string {
  return Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(random, p.entityWords)).join(' ');
}

/** The real entries plus synthetic ones up to `scale` times as many. */
function scaledList(real: readonly ListEntry[], scale: number, seed: number): ListEntry[] {
  const random = rng(seed);
  const p = pools(real);
  const out = [...real];
  for (let i = 0; out.length < real.length * scale; i++) {
    const template = pick(random, real);
    const kind = template.kind;
    const primary = kind === 'entity' ? entityName(random, p) : personName(random, p, false);
    const names: ListEntry['names'] = [{ name: primary, type: 'primary', quality: null }];
    const aliases = Math.floor(random() * 3);
    for (let a = 0; a < aliases; a++) names.push({ name: kind === 'entity' ? entityName(random, p) : personName(random, p, false), type: 'alias', quality: 'a.k.a.' });
    if (kind === 'individual' && random() < 0.3) names.push({ name: personName(random, p, true), type: 'original_script', quality: null });
    out.push({ ...template, reference: `SYN.${String(i + 1).padStart(6, '0')}`, dataId: null, primaryName: primary, names });
  }
  return out;
}

/** Party names as a register holds them: persons in Latin and Arabic script, organizations, some Swedish and British names. */
function partyNames(real: readonly ListEntry[], count: number, seed: number, set: EvaluationSet): { name: string; kind: PartyNameKind }[] {
  const random = rng(seed + 1);
  const p = pools(real);
  const western = set.mustNotMatch.filter((n) => /^[A-Za-zÀ-ÿ ]+$/.test(n.name)).map((n) => n.name.split(' '));
  return Array.from({ length: count }, () => {
    const r = random();
    if (r < 0.45) return { name: personName(random, p, false), kind: 'person' as const };
    if (r < 0.7) return { name: personName(random, p, true), kind: 'person' as const };
    if (r < 0.85) return { name: `${pick(random, western)[0]} ${pick(random, western).slice(-1)[0]}`, kind: 'person' as const };
    return { name: entityName(random, p), kind: 'entity' as const };
  });
}

/** The floor: exact matching on the normalized name (a Map lookup). Finds only names written exactly as listed. */
function exactIndex(entries: readonly ListEntry[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const n of e.names) {
      const k = nameKey(n.name);
      const list = map.get(k);
      if (list) list.push(i);
      else map.set(k, [i]);
    }
  });
  return map;
}

interface Latency {
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

function latencies(names: { name: string; kind: PartyNameKind }[], rounds: number, one: (name: string, kind: PartyNameKind) => unknown, warmUp = true): Latency {
  if (warmUp) for (const n of names) one(n.name, n.kind);
  const all: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const n of names) {
      const t0 = performance.now();
      one(n.name, n.kind);
      all.push(performance.now() - t0);
    }
  }
  all.sort((a, b) => a - b);
  return { p50: percentile(all, 50), p99: percentile(all, 99), max: all[all.length - 1], mean: all.reduce((s, x) => s + x, 0) / all.length };
}

const ms = (n: number) => `${n.toFixed(3)} ms`;
const fmt = (l: Latency) => `p50 ${ms(l.p50)}  p99 ${ms(l.p99)}  max ${ms(l.max)}  mean ${ms(l.mean)}`;

function agreement(index: ScreeningIndex, names: { name: string; kind: PartyNameKind }[]): { same: number; of: number; examples: string[] } {
  let same = 0;
  const examples: string[] = [];
  for (const n of names) {
    const options = { minScore: DEFAULT_SCREENING_THRESHOLD, limit: 50 };
    const a = screenName(index, n.name, n.kind, options).map((c) => `${c.reference} ${c.score}`);
    const b = screenNameFullScan(index, n.name, n.kind, options).map((c) => `${c.reference} ${c.score}`);
    if (JSON.stringify(a) === JSON.stringify(b)) same++;
    else if (examples.length < 5) examples.push(`${n.name}: index [${a.join(', ')}] full scan [${b.join(', ')}]`);
  }
  return { same, of: names.length, examples };
}

function main(): void {
  log(`screening bench: scale ${SCALE}, parties ${PARTIES}, seed ${SEED}, rounds ${ROUNDS}; node ${process.version}, ${cpus().length} cpus, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const list = parseUnConsolidatedList(readFileSync(join(DATA, 'un-sc-consolidated-2018-10-29.xml'), 'utf8'));
  const set = JSON.parse(readFileSync(join(DATA, 'evaluation-set.json'), 'utf8')) as EvaluationSet;
  const queries = [...set.variants, ...set.mustNotMatch].map((v) => ({ name: v.name, kind: v.kind }));
  const random = rng(SEED + 2);
  const sample = [...queries].sort(() => random() - 0.5).slice(0, FULL_SCAN_SAMPLE);
  const parties = partyNames(list.entries, PARTIES, SEED, set);

  const lists: [string, ListEntry[]][] = [
    ['real list', list.entries],
    [`${SCALE}× list`, scaledList(list.entries, SCALE, SEED)],
  ];
  for (const [label, entries] of lists) {
    // JIT warm-up on an index of its own, so that the measured index starts with no screened token remembered.
    const warm = buildScreeningIndex(entries);
    for (const p of parties.slice(0, 2000)) screenName(warm, p.name, p.kind);
    let t0 = performance.now();
    const index = buildScreeningIndex(entries);
    const buildMs = performance.now() - t0;
    log(`${label}: ${entries.length} entries, ${index.names.length} names, ${index.distinctTokens} distinct tokens, ${index.postings.size} posting keys; index built in ${buildMs.toFixed(0)} ms`);
    const exact = exactIndex(entries);

    const cold = latencies(queries, 1, (name, kind) => screenName(index, name, kind), false);
    log(`  one name (${queries.length} evaluation names, first time), index: ${fmt(cold)}`);
    const indexed = latencies(queries, ROUNDS, (name, kind) => screenName(index, name, kind), false);
    log(`  one name (the same × ${ROUNDS}, tokens remembered), index:   ${fmt(indexed)}`);
    const full = latencies(sample, 1, (name, kind) => screenNameFullScan(index, name, kind));
    log(`  one name (${sample.length} sampled), baseline full scan:        ${fmt(full)}`);
    const exactLatency = latencies(queries, ROUNDS, (name) => exact.get(nameKey(name)) ?? []);
    log(`  one name, baseline exact-key lookup:                ${fmt(exactLatency)}`);

    t0 = performance.now();
    let potential = 0;
    for (const p of parties) if (screenName(index, p.name, p.kind, { minScore: DEFAULT_SCREENING_THRESHOLD, limit: 5 }).length) potential++;
    const rescreenMs = performance.now() - t0;
    t0 = performance.now();
    let exactHits = 0;
    for (const p of parties) if (exact.get(nameKey(p.name))) exactHits++;
    const exactMs = performance.now() - t0;
    log(
      `  re-screening ${parties.length} parties: index ${rescreenMs.toFixed(0)} ms (${((rescreenMs / parties.length) * 1000).toFixed(0)} µs each), ${potential} potential matches; baseline exact-key ${exactMs.toFixed(1)} ms, ${exactHits} exact hits`,
    );
    const agree = agreement(index, sample);
    log(`  index = full scan at the threshold: ${agree.same}/${agree.of} sampled names`);
    for (const e of agree.examples) log(`    differs: ${e}`);

    if (label === 'real list') {
      const result = evaluateMatcher(index, set, DEFAULT_SCREENING_THRESHOLD);
      log(
        `  evaluation at ${DEFAULT_SCREENING_THRESHOLD}: recall ${result.recall.toFixed(4)} (${result.found}/${result.variants}), false-positive rate ${result.falsePositiveRate.toFixed(4)} (${result.falsePositives}/${result.mustNotMatch})`,
      );
      const sweep = [0.6, 0.65, 0.7, 0.74, 0.8, 0.85, 0.9, 0.92].map((t) => {
        const r = evaluateMatcher(index, set, t);
        return `${t}: ${r.recall.toFixed(3)}/${r.falsePositiveRate.toFixed(3)}`;
      });
      log(`  recall/FPR by threshold: ${sweep.join('  ')}`);
    }
  }
  log(`load at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

main();
