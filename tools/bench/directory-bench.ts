/*
 * The diaspora expertise directory (issue 15): `npm run bench:directory` (options: --sizes=10000,100000
 * --search-requests=200 --match-requests=40 --concurrency=4 --out=<file.md>).
 *
 * In a throw-away database (its own roles and migrations, dropped at the end), through the real api in-process
 * (Fastify's inject: the full stack of guards, validation, services and SQL, without the network): for each size,
 * profiles are generated with batched set-based INSERTs (users, roles, profiles with skills, languages, residence,
 * modes and a normalized search text like the service writes), ANALYZEd, then
 *  - a search: full text (a prefix term) with a language and a mode filter, first page of 25, as an officer;
 *  - a matching run: GET candidates of an assignment need (score every profile sharing a skill or the sector, rank),
 * each at `concurrency` clients: p50 / p95 / p99, and the growth from the first size to the last.
 * Not a test: it is not run by `npm test`. Needs PostgreSQL and Redis like the integration specs.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { DIRECTORY_BASE_TAXONOMY } from '@mizan/domain';
import { DirectoryPaths, type DirectoryNeedView } from '@mizan/contracts';
import { seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../apps/api/src/testing/api-harness';
import { LatencyReport, load, log } from './bench-load';

function arg(name: string, fallback: string): string {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

const SIZES = arg('sizes', '10000,100000').split(',').map(Number);
const SEARCH_REQUESTS = Number(arg('search-requests', '200'));
const MATCH_REQUESTS = Number(arg('match-requests', '40'));
const CONCURRENCY = Number(arg('concurrency', '4'));
const OUT = arg('out', '');
const BATCH = 5000;

const SKILLS = DIRECTORY_BASE_TAXONOMY.flatMap((s) => s.skills.map((k) => ({ code: k.code, sector: s.code })));
const CITIES = ['stockholm', 'malmo', 'goteborg', 'london', 'manchester', 'berlin', 'koln', 'hamburg'];
const COUNTRIES = ['SE', 'SE', 'SE', 'GB', 'GB', 'DE', 'DE', 'DE'];

/** Adds profiles `from`..`to`-1 in batches of set-based INSERTs (deterministic from the row number). */
async function generate(api: ApiHarness, agencyId: string, from: number, to: number): Promise<void> {
  const skills = SKILLS.map((s) => s.code);
  const sectors = SKILLS.map((s) => s.sector);
  for (let start = from; start < to; start += BATCH) {
    const end = Math.min(to, start + BATCH) - 1;
    await api.env.queryAs(
      'owner',
      `WITH u AS (
         INSERT INTO app_user (agency_id, email, display_name, password_hash, active)
         SELECT $1, 'bench' || g || '@directory.bench', 'Expert ' || g, 'x', true FROM generate_series($2::int, $3::int) g
         RETURNING id, display_name
       ), r AS (INSERT INTO user_role (user_id, role) SELECT id, 'expert' FROM u)
       INSERT INTO directory_profile (agency_id, user_id, status, name, profession, skills, sectors, languages, residence_country, residence_city, city_key,
                                      availability_days, mode, travel_governorates, visibility, completed, search_text)
       SELECT $1, u.id, 'active', u.display_name, 'Professional',
              ARRAY[($4::text[])[1 + n % $6], ($4::text[])[1 + (n * 7) % $6]],
              ARRAY[($5::text[])[1 + n % $6]],
              CASE WHEN n % 3 = 0 THEN '{ar,sv,en}'::text[] WHEN n % 3 = 1 THEN '{ar,en}'::text[] ELSE '{ku,ar,de}'::text[] END,
              ($7::text[])[1 + n % 8], ($8::text[])[1 + n % 8], ($8::text[])[1 + n % 8],
              5 + n % 60,
              CASE n % 3 WHEN 0 THEN 'online' WHEN 1 THEN 'both' ELSE 'in_person' END,
              CASE WHEN n % 3 = 0 THEN '{}'::text[] ELSE '{IQ-BA,IQ-BG}'::text[] END,
              CASE n % 3 WHEN 0 THEN 'officers' WHEN 1 THEN 'officers_and_hosts' ELSE 'public' END,
              true,
              lower(u.display_name) || ' professional ' || ($8::text[])[1 + n % 8] || ' ' || replace(($4::text[])[1 + n % $6], '.', ' ')
         FROM (SELECT id, display_name, substring(display_name from 8)::int AS n FROM u) u`,
      [agencyId, start, end, skills, sectors, skills.length, COUNTRIES, CITIES],
    );
  }
  await api.env.queryAs('owner', 'ANALYZE directory_profile; ANALYZE app_user; ANALYZE user_role');
}

async function measure(api: ApiHarness, cookie: string, needId: string): Promise<{ search: LatencyReport; matching: LatencyReport; found: number; candidates: number }> {
  const searchPath = `${DirectoryPaths.profiles}?q=psychoth&language=ar&mode=online&pageSize=25`;
  const first = await api.request('GET', searchPath, { cookie });
  if (first.statusCode !== 200) throw new Error(`search: ${first.statusCode} ${first.body}`);
  const found = first.json<{ total: number }>().total;
  const firstMatch = await api.request('GET', DirectoryPaths.candidates(needId), { cookie });
  if (firstMatch.statusCode !== 200) throw new Error(`matching: ${firstMatch.statusCode} ${firstMatch.body}`);
  const candidates = firstMatch.json<{ candidates: unknown[] }>().candidates.length;
  const search = await load(CONCURRENCY, SEARCH_REQUESTS, async () => {
    const r = await api.request('GET', searchPath, { cookie });
    if (r.statusCode !== 200) throw new Error(`search: ${r.statusCode}`);
  });
  const matching = await load(CONCURRENCY, MATCH_REQUESTS, async () => {
    const r = await api.request('GET', DirectoryPaths.candidates(needId), { cookie });
    if (r.statusCode !== 200) throw new Error(`matching: ${r.statusCode}`);
  });
  return { search, matching, found, candidates };
}

async function main(): Promise<void> {
  const api = await ApiHarness.start('dirbench', { signInIpMaxAttempts: 100_000 });
  const rows: { size: number; search: LatencyReport; matching: LatencyReport; found: number; candidates: number }[] = [];
  try {
    const seeded = await seedAgency(api.dataSource, 'bench');
    const officer = await api.signIn('officer@bench.test');
    const partner = await api.signIn('partner@bench.test');
    const needRes = await api.request('POST', DirectoryPaths.needs, {
      cookie: partner,
      body: {
        kind: 'assignment',
        title: 'Online psychotherapy trainer',
        description: 'Benchmark need',
        assignment: { sector: 'mental_health', skills: ['mental_health.psychotherapy', 'mental_health.trainer'], language: 'ar', durationWeeks: 8, daysNeeded: 20, mode: 'online', governorate: 'IQ-BA', startFrom: '2027-01-01', startTo: '2027-02-01' },
      },
    });
    if (needRes.statusCode !== 201) throw new Error(`need: ${needRes.statusCode} ${needRes.body}`);
    const need = needRes.json<DirectoryNeedView>();
    let have = 0;
    for (const size of SIZES) {
      log(`generating profiles ${have}..${size}`);
      const t0 = performance.now();
      await generate(api, seeded.agency.id, have, size);
      log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; measuring`);
      have = size;
      const m = await measure(api, officer, need.id);
      rows.push({ size, ...m });
      log(`${size}: search p50 ${m.search.p50.toFixed(1)} p99 ${m.search.p99.toFixed(1)} ms; matching p50 ${m.matching.p50.toFixed(1)} p99 ${m.matching.p99.toFixed(1)} ms`);
    }
  } finally {
    await api.stop();
  }
  const f = (n: number) => n.toFixed(1);
  const lines = [
    '### Directory: search and matching (issue 15)',
    '',
    `\`npm run bench:directory -- --sizes=${SIZES.join(',')} --search-requests=${SEARCH_REQUESTS} --match-requests=${MATCH_REQUESTS} --concurrency=${CONCURRENCY}\`, ${cpus().length} cores, load ${loadavg()[0].toFixed(1)} at the end. Through the api in-process (inject), ${CONCURRENCY} concurrent clients; times in ms.`,
    '',
    '| profiles | search p50 | search p95 | search p99 | matches found | matching run p50 | p95 | p99 | candidates scored → ranked (≤ 50) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.size.toLocaleString('en')} | ${f(r.search.p50)} | ${f(r.search.p95)} | ${f(r.search.p99)} | ${r.found} | ${f(r.matching.p50)} | ${f(r.matching.p95)} | ${f(r.matching.p99)} | ${r.candidates} |`),
  ];
  if (rows.length >= 2) {
    const a = rows[0];
    const b = rows[rows.length - 1];
    lines.push('', `Growth ${a.size.toLocaleString('en')} → ${b.size.toLocaleString('en')} profiles (×${(b.size / a.size).toFixed(0)}): search p99 ×${(b.search.p99 / a.search.p99).toFixed(2)}, matching p99 ×${(b.matching.p99 / a.matching.p99).toFixed(2)}.`);
  }
  const md = lines.join('\n') + '\n';
  if (OUT) writeFileSync(OUT, md);
  console.log(md);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
