/*
 * Trail verification vs the raw SHA-256 rate of the same records (issue 14), one section of docs/benchmarks.md:
 *
 *   node -r @swc-node/register tools/bench/trail-verify-bench.ts --database-url <url> --out <file.md> [--quick] [--runs 3]
 *
 * 1. The product: TrailService.verify() (what `tools/mizan verify-trail` runs) over the whole trail, `runs` times;
 *    records/s.
 * 2. The physical limit: the same rows read in the same batches, their canonical texts built with @mizan/domain
 *    canonicalRecord (timed apart), then only createHash('sha256') over previousHash + canonical for all of them
 *    timed; records/s. Ratio 1 ÷ 2 (target ≥ 50 %), and where the product's time goes: reading the rows (query,
 *    jsonb parsing), canonical JSON, SHA-256.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { canonicalRecord, ChainedRecord, HashVersion } from '@mizan/domain';
import { dataSourceOptions } from '@mizan/server/db';
import { TrailService, VERIFY_BATCH_SIZE } from '@mizan/server/trail';
import { loadConfig } from '@mizan/server/core';
import { TARGETS, fmt, fmtSpread, mdTable, numberArg, parseArgs, pct, ratio, spread, stringArg, unknownArgs, verdict } from './bench-kit';
import { log } from './bench-proc';

const KNOWN = ['database-url', 'out', 'quick', 'runs', 'batch'];

interface Row {
  seq: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  agency_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  previous_hash: string;
  hash: string;
  hash_version: number;
  chain_seq: string | null;
}

/** The columns TrailService.verify reads (stored time at µs, as hash version 2 covers it). */
const COLUMNS = `r.seq::text AS seq, to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at, r.actor_id, r.actor_label,
  r.agency_id, r.action, r.entity_type, r.entity_id, r.before, r.after, r.reason, r.previous_hash, r.hash, r.hash_version, r.chain_seq::text AS chain_seq`;

const toChained = (row: Row): ChainedRecord => ({
  seq: row.hash_version >= 3 && row.chain_seq ? row.chain_seq : row.seq,
  occurredAt: row.occurred_at,
  hashVersion: row.hash_version as HashVersion,
  actorId: row.actor_id,
  actorLabel: row.actor_label,
  agencyId: row.agency_id,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  before: row.before,
  after: row.after,
  reason: row.reason,
  previousHash: row.previous_hash,
  hash: row.hash,
});

interface RawTiming {
  records: number;
  fetchMs: number;
  canonicalMs: number;
  sha256Ms: number;
  mismatches: number;
}

/** Same rows, same batches; only the hashing timed for the limit, the other steps timed apart. */
async function raw(ds: DataSource, batch: number): Promise<RawTiming> {
  const t: RawTiming = { records: 0, fetchMs: 0, canonicalMs: 0, sha256Ms: 0, mismatches: 0 };
  let last = '0';
  for (;;) {
    const t0 = performance.now();
    const rows = (await ds.query(`SELECT ${COLUMNS} FROM activity_record r WHERE r.seq > $1 ORDER BY r.seq ASC LIMIT $2`, [last, batch])) as Row[];
    const t1 = performance.now();
    if (rows.length === 0) break;
    const texts = rows.map((r) => r.previous_hash + canonicalRecord(toChained(r)));
    const t2 = performance.now();
    const hashes = new Array<string>(texts.length);
    for (let i = 0; i < texts.length; i++) hashes[i] = createHash('sha256').update(texts[i], 'utf8').digest('hex');
    const t3 = performance.now();
    for (let i = 0; i < rows.length; i++) if (hashes[i] !== rows[i].hash) t.mismatches++;
    t.fetchMs += t1 - t0;
    t.canonicalMs += t2 - t1;
    t.sha256Ms += t3 - t2;
    t.records += rows.length;
    last = rows[rows.length - 1].seq;
    if (rows.length < batch) break;
  }
  return t;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['quick']);
  const unknown = unknownArgs(args, KNOWN);
  if (unknown.length) throw new Error(`unknown option(s): ${unknown.map((u) => `--${u}`).join(', ')}`);
  const databaseUrl = stringArg(args, 'database-url');
  const out = stringArg(args, 'out');
  if (!databaseUrl || !out) throw new Error('usage: trail-verify-bench --database-url <url> --out <file.md> [--quick] [--runs 3]');
  const runs = numberArg(args, 'runs', args['quick'] === true ? 1 : 3);
  const batch = numberArg(args, 'batch', VERIFY_BATCH_SIZE);
  const ds = new DataSource(dataSourceOptions(databaseUrl));
  await ds.initialize();
  const product: number[] = [];
  const limit: number[] = [];
  const timings: RawTiming[] = [];
  let count = 0;
  let intact = true;
  let problem: string | null = null;
  try {
    const trail = new TrailService(ds, loadConfig({ ...process.env, DATABASE_URL: databaseUrl }));
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const result = await trail.verify();
      const seconds = (performance.now() - t0) / 1000;
      count = result.count;
      intact = result.intact;
      problem = result.problem;
      product.push(result.count / seconds);
      log(`verify: ${result.count} records in ${fmt(seconds, 2)} s (${fmt(result.count / seconds, 0)}/s), intact ${result.intact}${result.problem ? `: ${result.problem}` : ''}`);
      const rt = await raw(ds, batch);
      timings.push(rt);
      limit.push(rt.records / (rt.sha256Ms / 1000));
      log(`raw: ${rt.records} records, fetch ${fmt(rt.fetchMs, 0)} ms, canonical ${fmt(rt.canonicalMs, 0)} ms, sha256 ${fmt(rt.sha256Ms, 0)} ms (${fmt(rt.records / (rt.sha256Ms / 1000), 0)}/s)${rt.mismatches ? `, ${rt.mismatches} hashes differ` : ''}`);
    }
  } finally {
    await ds.destroy();
  }
  const p = spread(product);
  const l = spread(limit);
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
      `(batches of ${fmt(VERIFY_BATCH_SIZE, 0)}, the next one read while one is hashed; the chain checks, signed checkpoints). The limit: createHash('sha256') alone over previousHash + canonical text of the same records.`,
    '',
    mdTable(
      ['what', 'records/s'],
      [
        ['TrailService.verify()', fmtSpread(p, 0)],
        ['raw SHA-256 of the same texts', fmtSpread(l, 0)],
        ['verify ÷ raw', `${pct(share)} — target ≥ ${pct(TARGETS.verifyShare)}: ${verdict(share >= TARGETS.verifyShare)}`],
      ],
    ),
    '',
    'Where the time goes: the raw pass reads the full rows (as the legacy chain is read) and builds canonicalRecord\'s text, each step timed alone; ' +
      'verify() reads version-3 chains with their plain-text members already in canonical form (PostgreSQL to_json) and overlaps reading with hashing (µs per record):',
    '',
    mdTable(
      ['step', 'ms', 'µs / record'],
      [
        ['read the rows (query, jsonb parsed by pg)', fmt(mid.fetchMs, 0), perRecordUs(mid.fetchMs)],
        ['canonical JSON (canonicalRecord)', fmt(mid.canonicalMs, 0), perRecordUs(mid.canonicalMs)],
        ['SHA-256', fmt(mid.sha256Ms, 0), perRecordUs(mid.sha256Ms)],
        ['sum of the three, one after another', fmt(mid.fetchMs + mid.canonicalMs + mid.sha256Ms, 0), perRecordUs(mid.fetchMs + mid.canonicalMs + mid.sha256Ms)],
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
