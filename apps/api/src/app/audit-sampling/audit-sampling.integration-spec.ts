import { createHash } from 'node:crypto';
import { Workbook } from 'exceljs';
import { API_PREFIX, ApiErrorBody, AUDIT_CHECKS, AuditPaths, ErrorCode, PopulationView, SESSION_COOKIE, SampleItemView, SampleSizeView, SampleView, WorkingPaperView } from '@mizan/contracts';
import { musSampleSize } from '@mizan/domain';
import { ApiHarness } from '../../testing/api-harness';
import { asOwner, insertEngagement } from '../../testing/audit-fixtures';
import { GrantWorld, activeGrant, grantWorld } from '../grants/grants.fixtures';

/*
 * Population, sampling, tests and working papers on the real database (issue 12). The
 * engagements and their auditors are written with SQL (the engagements api is not this
 * spec's); the grant comes from the grant fixtures, its accepted expenditure lines and
 * a paid payment are written as the reporting and payments desks leave them. The grant is
 * in SEK (minor units: öre).
 */

const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const BIG_LINE = 5_000_000n; // 50,000.00 SEK: above any interval drawn here
const MATERIALITY = '800000';
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('audit sampling: population → sample → tests → working papers → XLSX', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  const t = {} as Record<'officer' | 'applicant' | 'auditor' | 'stranger' | 'southOfficer', string>;
  let grantId: string;
  let auditorId: string;
  let lineIds: string[];
  let bigLineId: string;
  let flaggedLineId: string;
  let populationValue: bigint;
  let engagements = 0;

  const call = (method: 'GET' | 'POST' | 'PUT', path: string, cookie: string, body?: unknown) => api.request(method, path, { cookie, body });
  const error = (response: { json<T>(): T }) => response.json<ApiErrorBody>();
  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = (await api.dataSource.query(sql, params)) as { n: number }[];
    return Number(row.n);
  }
  const trailCount = () => count('SELECT count(*)::int AS n FROM activity_record');

  /** An engagement on the grant, written as the engagements api would leave it, with the auditor on it. */
  async function engagement(populationKind: 'payments' | 'expenditure_lines' = 'expenditure_lines'): Promise<string> {
    const e = { agencyId: w.north.agency.id, reference: `AUD-2026-${++engagements}`, title: 'Audit of the Basra clinics', firmName: 'Ernst & Partners', state: 'planned' };
    return (await insertEngagement(asOwner(api), { ...e, scope: { kind: 'grants', grantIds: [grantId] }, period: PERIOD, populationKind, auditorIds: [auditorId], createdBy: w.north.users.officer.id })).id;
  }
  const setState = (id: string, state: string) => api.env.queryAs('owner', 'UPDATE audit_engagement SET state = $2 WHERE id = $1', [id, state]);
  const mus = (over: Record<string, unknown> = {}) => ({ method: 'monetary_unit', seed: '20261206', confidencePct: 95, materialityMinor: MATERIALITY, includeOpenRedFlags: true, ...over });
  const allSample = async (id: string): Promise<SampleItemView[]> => (await call('GET', `${AuditPaths.sample(id)}?pageSize=100`, t.auditor)).json<SampleView>().items;
  const allChecks = (answer: 'yes' | 'no' = 'yes') => AUDIT_CHECKS.map((id) => ({ id, answer }));

  beforeAll(async () => {
    api = await ApiHarness.start('audit_sampling', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.auditor = await api.signIn('auditor@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
    grantId = (await activeGrant(api, w, { officer: t.officer, applicant: t.applicant })).id;
    auditorId = w.north.users.auditor.id;
    // A second auditor of the same agency, on no engagement.
    const [stranger] = await api.env.queryAs<{ id: string }>(
      'owner',
      `INSERT INTO app_user (agency_id, email, display_name, password_hash, active) SELECT agency_id, 'auditor2@north.test', 'Second auditor', password_hash, true FROM app_user WHERE id = $1 RETURNING id`,
      [auditorId],
    );
    await api.env.queryAs('owner', `INSERT INTO user_role (user_id, role) VALUES ($1, 'auditor')`, [stranger.id]);
    t.stranger = await api.signIn('auditor2@north.test');

    // A submitted report with 60 accepted lines in the period (one big), 3 accepted before it, 5 still submitted.
    const [due] = (await api.dataSource.query('SELECT id, period_from, period_to FROM grant_report_due WHERE grant_id = $1 ORDER BY period_from LIMIT 1', [grantId])) as {
      id: string;
      period_from: string;
      period_to: string;
    }[];
    const [report] = await api.env.queryAs<{ id: string }>(
      'owner',
      `INSERT INTO grant_report (agency_id, grant_id, report_due_id, period_from, period_to, state, submission_count, submitted_by, submitted_at, created_by)
       VALUES ($1, $2, $3, $4, $5, 'submitted', 1, $6, now(), $6) RETURNING id`,
      [w.north.agency.id, grantId, due.id, due.period_from, due.period_to, w.applicantId],
    );
    const insertLines = (from: number, to: number, state: string, spentOn: string, amount: string) =>
      api.env.queryAs(
        'owner',
        `INSERT INTO expenditure_line (agency_id, grant_id, report_id, seq, spent_on, budget_line_id, supplier, amount_minor, currency, grant_amount_minor, payment_method, state, created_by, updated_by)
         SELECT $1, $2, $3, i, $4::date + (i % 300), 'b2', 'مورد ' || i, ${amount}, 'SEK', ${amount}, 'bank', $5, $6, $6 FROM generate_series($7::int, $8::int) AS i`,
        [w.north.agency.id, grantId, report.id, spentOn, state, w.applicantId, from, to],
      );
    await insertLines(1, 59, 'accepted', '2026-01-05', '10000 + (i * 7919) % 90000');
    await insertLines(60, 60, 'accepted', '2026-06-01', BIG_LINE.toString());
    await insertLines(61, 63, 'accepted', '2025-06-01', '50000');
    await insertLines(64, 68, 'submitted', '2026-02-01', '50000');
    const lines = (await api.dataSource.query(`SELECT id, seq, grant_amount_minor::text AS a FROM expenditure_line WHERE report_id = $1 AND state = 'accepted' AND spent_on >= $2 ORDER BY seq`, [
      report.id,
      PERIOD.from,
    ])) as { id: string; seq: number; a: string }[];
    lineIds = lines.map((l) => l.id);
    bigLineId = must(lines.find((l) => l.seq === 60)).id;
    flaggedLineId = must(lines.find((l) => l.seq === 7)).id;
    populationValue = lines.reduce((s, l) => s + BigInt(l.a), 0n);
    // A receipt on line 7, and an open red flag naming it.
    const [doc] = await api.env.queryAs<{ id: string }>(
      'owner',
      `INSERT INTO stored_document (agency_id, kind, file_name, content_type, storage_key, sha256, size_bytes) VALUES ($1, 'report-file', 'r.jpg', 'image/jpeg', 'test/r', $2, 1) RETURNING id`,
      [w.north.agency.id, 'a'.repeat(64)],
    );
    await api.env.queryAs(
      'owner',
      `INSERT INTO report_file (agency_id, grant_id, report_id, line_id, purpose, document_id, file_name, content_type, sha256, size_bytes, uploaded_by)
       VALUES ($1, $2, $3, $4, 'receipt', $5, 'r.jpg', 'image/jpeg', $6, 1, $7)`,
      [w.north.agency.id, grantId, report.id, flaggedLineId, doc.id, 'b'.repeat(64), w.applicantId],
    );
    await api.env.queryAs(
      'owner',
      `INSERT INTO red_flag (agency_id, grant_id, report_id, code, severity, fingerprint, line_ids) VALUES ($1, $2, $3, 'DUPLICATE_RECEIPT', 'high', 'audit-spec-1', ARRAY[$4]::uuid[])`,
      [w.north.agency.id, grantId, report.id, flaggedLineId],
    );
  }, 180_000);
  afterAll(async () => {
    await api?.stop();
  });

  let a: string; // the main engagement
  let b: string; // same data, same seed: the reproduction

  it('previews the live population: accepted lines of the scope in the period, to the planner and the engagement’s auditors only', async () => {
    a = await engagement();
    b = await engagement();
    for (const cookie of [t.auditor, t.officer]) {
      const response = await call('GET', `${AuditPaths.population(a)}?pageSize=10&page=2`, cookie);
      expect(response.statusCode).toBe(200);
      const view = response.json<PopulationView>();
      expect(view).toMatchObject({ frozen: false, frozenAt: null, populationKind: 'expenditure_lines', count: 60, total: 60, currency: 'SEK', valueMinor: populationValue.toString(), page: 2 });
      expect(view.items).toHaveLength(10);
      expect(view.items[0]).toMatchObject({ seq: 11, itemKind: 'expenditure_line', grantId, currency: 'SEK', sampleItemId: null });
    }
    const all = (await call('GET', `${AuditPaths.population(a)}?pageSize=100`, t.auditor)).json<PopulationView>().items;
    expect(new Set(all.map((i) => i.sourceId))).toEqual(new Set(lineIds));
    expect(all.find((i) => i.sourceId === flaggedLineId)?.openRedFlag).toBe(true);
    expect([...all.map((i) => i.bookedOn)]).toEqual([...all.map((i) => i.bookedOn)].sort());
    for (const cookie of [t.stranger, t.southOfficer, t.applicant]) expect((await call('GET', AuditPaths.population(a), cookie)).statusCode).toBe(404);
    expect((await call('GET', AuditPaths.population('00000000-0000-4000-8000-000000000000'), t.auditor)).statusCode).toBe(404);
  });

  it('computes the MUS sample size with formula and parameters, and names every bad parameter', async () => {
    const response = await call('GET', `${AuditPaths.sampleSize(a)}?method=monetary_unit&confidencePct=95&materialityMinor=${MATERIALITY}&expectedMisstatementMinor=50000`, t.auditor);
    expect(response.statusCode).toBe(200);
    const expected = musSampleSize({ populationValueMinor: populationValue, populationCount: 60, confidencePct: 95, materialityMinor: 800000n, expectedMisstatementMinor: 50000n });
    expect(response.json<SampleSizeView>()).toMatchObject({
      method: 'monetary_unit',
      populationCount: 60,
      populationValueMinor: populationValue.toString(),
      currency: 'SEK',
      sampleSize: expected.sampleSize,
      reliabilityFactor: 3,
      expansionFactor: 1.6,
      formula: expected.formula,
    });
    // n = ceil(V × 3.00 ÷ (800000 − 50000 × 1.6))
    expect(expected.sampleSize).toBe(Number((populationValue * 300n + 72_000_000n - 1n) / 72_000_000n));
    const bad: Array<[string, number, string, string]> = [
      ['method=monetary_unit&confidencePct=0&materialityMinor=800000', 400, ErrorCode.ValidationFailed, 'confidencePct'],
      ['method=monetary_unit&confidencePct=100&materialityMinor=800000', 400, ErrorCode.ValidationFailed, 'confidencePct'],
      ['method=monetary_unit&confidencePct=92&materialityMinor=800000', 400, ErrorCode.ValidationFailed, 'confidencePct'],
      ['method=simple_random&confidencePct=100&sampleSize=5', 400, ErrorCode.ValidationFailed, 'confidencePct'],
      [`method=monetary_unit&confidencePct=95&materialityMinor=${populationValue + 1n}`, 422, ErrorCode.AuditMaterialityAbovePopulation, 'materialityMinor'],
      ['method=simple_random&confidencePct=95&sampleSize=61', 422, ErrorCode.AuditSampleTooLarge, 'sampleSize'],
      ['method=monetary_unit&confidencePct=95&materialityMinor=1000', 422, ErrorCode.AuditSampleTooLarge, 'materialityMinor'],
      ['method=monetary_unit&confidencePct=95', 400, ErrorCode.ValidationFailed, 'materialityMinor'],
      ['method=sometimes&confidencePct=95', 400, ErrorCode.ValidationFailed, 'method'],
    ];
    for (const [query, status, code, field] of bad) {
      const r = await call('GET', `${AuditPaths.sampleSize(a)}?${query}`, t.auditor);
      expect({ query, status: r.statusCode, code: error(r).code }).toEqual({ query, status, code });
      expect(error(r).fields?.map((f) => f.field)).toContain(field);
    }
    expect(error(await call('GET', `${AuditPaths.sampleSize(a)}?method=monetary_unit&confidencePct=95&materialityMinor=${populationValue + 1n}`, t.auditor)).params).toMatchObject({
      materialityMinor: (populationValue + 1n).toString(),
      populationValueMinor: populationValue.toString(),
    });
  });

  it('refuses bad draws with a 4xx naming the problem and writes nothing; only the engagement’s auditor draws', async () => {
    const before = await trailCount();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [mus({ confidencePct: 100 }), ErrorCode.ValidationFailed, 'confidencePct'],
      [mus({ confidencePct: 0 }), ErrorCode.ValidationFailed, 'confidencePct'],
      [mus({ materialityMinor: (populationValue + 1n).toString() }), ErrorCode.AuditMaterialityAbovePopulation, 'materialityMinor'],
      [{ method: 'simple_random', seed: '1', confidencePct: 95, sampleSize: 61, includeOpenRedFlags: false }, ErrorCode.AuditSampleTooLarge, 'sampleSize'],
      [mus({ seed: '4294967296' }), ErrorCode.ValidationFailed, 'seed'],
      [mus({ seed: 'abc' }), ErrorCode.ValidationFailed, 'seed'],
      [mus({ sampleSize: 2 }), ErrorCode.ValidationFailed, 'sampleSize'],
    ];
    for (const [body, code, field] of cases) {
      const r = await call('POST', AuditPaths.sample(a), t.auditor, body);
      expect([400, 422]).toContain(r.statusCode);
      expect(error(r).code).toBe(code);
      expect(error(r).fields?.map((f) => f.field)).toContain(field);
    }
    expect((await call('POST', AuditPaths.sample(a), t.officer, mus())).statusCode).toBe(403);
    expect((await call('POST', AuditPaths.sample(a), t.stranger, mus())).statusCode).toBe(404);
    expect((await call('POST', AuditPaths.sample(a), t.southOfficer, mus())).statusCode).toBe(403);
    expect(await count('SELECT count(*)::int AS n FROM audit_population_item')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM audit_sample_item')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM audit_engagement WHERE sampling IS NOT NULL OR sample_drawn_at IS NOT NULL')).toBe(0);
    expect(await trailCount()).toBe(before);
  });

  it('draws a reproducible MUS sample: freezes the population, takes the big line and the flagged one, records the seed; the same seed on a second engagement draws the same items', async () => {
    const drawn = await call('POST', AuditPaths.sample(a), t.auditor, mus());
    expect(drawn.statusCode).toBe(200);
    const view = drawn.json<SampleView>();
    expect(view.sampling).toMatchObject({ method: 'monetary_unit', seed: '20261206', confidencePct: 95, draw: 1, size: { method: 'monetary_unit', reliabilityFactor: 3 } });
    expect(view).toMatchObject({ frozen: false, populationCount: 60, populationValueMinor: populationValue.toString(), currency: 'SEK' });
    const items = await allSample(a);
    expect(items.length).toBe(view.total);
    expect(items.map((i) => i.pickOrder)).toEqual(items.map((_, i) => i + 1));
    expect(new Set(items.map((i) => i.population.sourceId)).size).toBe(items.length);
    expect(items.find((i) => i.population.sourceId === bigLineId)?.reasons).toContain('monetary_unit');
    expect(items.find((i) => i.population.sourceId === flaggedLineId)?.reasons).toContain('open_red_flag');
    expect(items.every((i) => i.result === 'untested')).toBe(true);
    expect(await count('SELECT count(*)::int AS n FROM audit_population_item WHERE engagement_id = $1', [a])).toBe(60);
    const [e] = (await api.dataSource.query('SELECT population_frozen_at, sample_drawn_at FROM audit_engagement WHERE id = $1', [a])) as { population_frozen_at: Date | null; sample_drawn_at: Date | null }[];
    expect(e.population_frozen_at).not.toBeNull();
    expect(e.sample_drawn_at).not.toBeNull();
    const [trail] = (await api.dataSource.query(`SELECT actor_id, after FROM activity_record WHERE action = 'audit.sample_drawn' AND entity_id = $1`, [a])) as {
      actor_id: string;
      after: { seed: string; selectedSeqs: number[]; populationCount: number; method: string };
    }[];
    expect(trail).toMatchObject({ actor_id: auditorId, after: { seed: '20261206', method: 'monetary_unit', populationCount: 60 } });
    expect(trail.after.selectedSeqs).toEqual(items.map((i) => i.population.seq));
    const population = (await call('GET', `${AuditPaths.population(a)}?pageSize=100`, t.auditor)).json<PopulationView>();
    expect(population.frozen).toBe(true);
    expect(population.items.filter((i) => i.sampleItemId !== null)).toHaveLength(items.length);

    // The reproduction: another engagement on the same data, the same seed and parameters.
    expect((await call('POST', AuditPaths.sample(b), t.auditor, mus())).statusCode).toBe(200);
    const again = await allSample(b);
    expect(again.map((i) => [i.population.sourceId, i.reasons])).toEqual(items.map((i) => [i.population.sourceId, i.reasons]));
    // Another seed: another sample (the big line still in).
    const c = await engagement();
    expect((await call('POST', AuditPaths.sample(c), t.auditor, mus({ seed: '7' }))).statusCode).toBe(200);
    const other = await allSample(c);
    expect(other.map((i) => i.population.sourceId)).not.toEqual(items.map((i) => i.population.sourceId));
    expect(other.some((i) => i.population.sourceId === bigLineId)).toBe(true);
    // No seed: the server draws one and shows it.
    const d = await engagement();
    const generated = (await call('POST', AuditPaths.sample(d), t.auditor, { method: 'simple_random', confidencePct: 90, sampleSize: 5, includeOpenRedFlags: false })).json<SampleView>();
    expect(generated.sampling?.seed).toMatch(/^\d{1,10}$/);
    expect(generated.total).toBe(5);
  });

  it('redraws while planned only with a reason, on the population frozen at the first draw; the trail keeps both draws', async () => {
    const noReason = await call('POST', AuditPaths.sample(b), t.auditor, { method: 'simple_random', seed: '99', confidencePct: 90, sampleSize: 4, includeOpenRedFlags: false });
    expect(noReason.statusCode).toBe(400);
    expect(error(noReason).fields?.[0].field).toBe('reason');
    // New data after the freeze does not enter the frozen population.
    await api.env.queryAs(
      'owner',
      `INSERT INTO expenditure_line (agency_id, grant_id, report_id, seq, spent_on, budget_line_id, supplier, amount_minor, currency, grant_amount_minor, payment_method, state, created_by, updated_by)
       SELECT agency_id, grant_id, report_id, 99, '2026-03-03', 'b2', 'Late supplier', 70000, 'SEK', 70000, 'bank', 'accepted', created_by, created_by FROM expenditure_line WHERE id = $1`,
      [bigLineId],
    );
    const redraw = await call('POST', AuditPaths.sample(b), t.auditor, { method: 'simple_random', seed: '99', confidencePct: 90, sampleSize: 4, includeOpenRedFlags: false, reason: 'Materiality revised by the partner' });
    expect(redraw.statusCode).toBe(200);
    expect(redraw.json<SampleView>()).toMatchObject({ total: 4, populationCount: 60, sampling: { method: 'simple_random', seed: '99', draw: 2 } });
    expect((await allSample(b)).every((i) => i.reasons.join() === 'random')).toBe(true);
    expect(await count('SELECT count(*)::int AS n FROM audit_sample_item WHERE engagement_id = $1', [b])).toBe(4);
    expect(await count('SELECT count(*)::int AS n FROM audit_population_item WHERE engagement_id = $1', [b])).toBe(60);
    const draws = (await api.dataSource.query(`SELECT after->>'seed' AS seed, reason FROM activity_record WHERE action = 'audit.sample_drawn' AND entity_id = $1 ORDER BY seq`, [b])) as {
      seed: string;
      reason: string | null;
    }[];
    expect(draws).toEqual([
      { seed: '20261206', reason: null },
      { seed: '99', reason: 'Materiality revised by the partner' },
    ]);
    // A fresh engagement now sees the late line in its live preview.
    const e = await engagement();
    expect((await call('GET', AuditPaths.population(e), t.auditor)).json<PopulationView>().count).toBe(61);
  });

  it('draws once under a burst of 30 identical draws: one sample, one frozen population, one trail record, the rest asked for a reason', async () => {
    const e = await engagement();
    const responses = await Promise.all(Array.from({ length: 30 }, () => call('POST', AuditPaths.sample(e), t.auditor, mus())));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, ...Array(29).fill(400)]);
    expect(await count('SELECT count(*)::int AS n FROM audit_population_item WHERE engagement_id = $1', [e])).toBe(61);
    expect(await count(`SELECT count(*)::int AS n FROM activity_record WHERE action = 'audit.sample_drawn' AND entity_id = $1`, [e])).toBe(1);
    expect((await call('GET', AuditPaths.sample(e), t.auditor)).json<SampleView>().sampling?.draw).toBe(1);
  });

  it('freezes the sample from fieldwork on: a draw is 409 and the database refuses to delete a sampled row', async () => {
    await setState(a, 'fieldwork');
    const r = await call('POST', AuditPaths.sample(a), t.auditor, mus({ reason: 'again' }));
    expect(r.statusCode).toBe(409);
    expect(error(r).code).toBe(ErrorCode.AuditSampleFrozen);
    await expect(api.dataSource.query('DELETE FROM audit_sample_item WHERE engagement_id = $1', [a])).rejects.toThrow(/frozen/);
    await expect(api.dataSource.query('DELETE FROM audit_population_item WHERE engagement_id = $1', [a])).rejects.toThrow(/permission denied/);
    expect((await call('GET', AuditPaths.sample(a), t.auditor)).json<SampleView>().frozen).toBe(true);
  });

  let tested: SampleItemView;

  it('tests a sampled item: every check, a "no" is an exception, an exception needs a note; stale, early, foreign and planner tests refused', async () => {
    const flagged = must((await allSample(a)).find((i) => i.population.sourceId === flaggedLineId));
    const item = (await call('GET', AuditPaths.sampleItem(a, flagged.id), t.auditor)).json<SampleItemView>();
    expect(item.detail).toMatchObject({ supplier: 'مورد 7', budgetLineId: 'b2', currency: 'SEK', receiptFileIds: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect((await call('GET', AuditPaths.sampleItem(a, flagged.id), t.officer)).statusCode).toBe(200);
    expect((await call('GET', AuditPaths.sampleItem(a, flagged.id), t.stranger)).statusCode).toBe(404);
    expect((await call('GET', AuditPaths.sampleItem(b, flagged.id), t.auditor)).statusCode).toBe(404);

    const before = await trailCount();
    const put = (body: Record<string, unknown>, cookie = t.auditor, engagementId = a) =>
      call('PUT', AuditPaths.sampleItem(engagementId, flagged.id), cookie, { checks: allChecks(), result: 'pass', notes: '', rowVersion: item.rowVersion, ...body });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ checks: allChecks().slice(1) }, 'checks'],
      [{ checks: [...allChecks(), { id: 'receipt_present', answer: 'yes' }] }, 'checks.8.id'],
      [{ checks: allChecks('no') }, 'result'],
      [{ result: 'exception', notes: '   ' }, 'notes'],
      [{ result: 'untested' }, 'result'],
    ];
    for (const [body, field] of cases) {
      const r = await put(body);
      expect([400, 422]).toContain(r.statusCode);
      expect(error(r).fields?.map((f) => f.field)).toContain(field);
    }
    const stale = await put({ rowVersion: item.rowVersion + 1 });
    expect(stale.statusCode).toBe(409);
    expect(error(stale).code).toBe(ErrorCode.StaleSampleItem);
    expect((await put({}, t.officer)).statusCode).toBe(403);
    expect((await put({}, t.stranger)).statusCode).toBe(404);
    // Engagement b is still planned: no testing yet.
    const bItem = (await allSample(b))[0];
    const early = await call('PUT', AuditPaths.sampleItem(b, bItem.id), t.auditor, { checks: allChecks(), result: 'pass', notes: '', rowVersion: bItem.rowVersion });
    expect(early.statusCode).toBe(409);
    expect(error(early).code).toBe(ErrorCode.AuditFieldworkNotOpen);
    expect(await trailCount()).toBe(before);

    const checks = allChecks().map((c) => (c.id === 'receipt_legible' ? { ...c, answer: 'no' } : c.id === 'paid_to_named_supplier' ? { ...c, answer: 'not_applicable' } : c));
    const ok = await put({ checks, result: 'exception', notes: 'Receipt unreadable; the supplier’s stamp is missing.' });
    expect(ok.statusCode).toBe(200);
    tested = ok.json<SampleItemView>();
    expect(tested).toMatchObject({ result: 'exception', notes: 'Receipt unreadable; the supplier’s stamp is missing.', testedBy: { id: auditorId }, rowVersion: item.rowVersion + 1 });
    expect(tested.checks.find((c) => c.id === 'receipt_legible')?.answer).toBe('no');
    expect(await trailCount()).toBe(before + 1);
    const [record] = (await api.dataSource.query(`SELECT entity_type, after FROM activity_record WHERE action = 'audit.item_tested' ORDER BY seq DESC LIMIT 1`)) as { entity_type: string; after: { result: string } }[];
    expect(record).toMatchObject({ entity_type: 'audit_sample_item', after: { result: 'exception' } });
    expect((await put({ rowVersion: item.rowVersion })).statusCode).toBe(409);
    const exceptions = (await call('GET', `${AuditPaths.sample(a)}?result=exception`, t.officer)).json<SampleView>();
    expect(exceptions.items.map((i) => i.id)).toEqual([flagged.id]);
  });

  let paper: WorkingPaperView;

  it('keeps working papers: upload (PDF) to a sampled item, list, download byte for byte; truncated, foreign and wrong uploads refused', async () => {
    const before = await trailCount();
    const up = await api.postMultipart(AuditPaths.workingPapers(a), { cookie: t.auditor, fields: { sampleItemId: tested.id }, file: { name: 'ورقة عمل 7.pdf', contentType: 'application/pdf', content: PDF } });
    expect(up.statusCode).toBe(201);
    paper = up.json<WorkingPaperView>();
    expect(paper).toMatchObject({ fileName: 'ورقة عمل 7.pdf', sizeBytes: String(PDF.length), sha256: createHash('sha256').update(PDF).digest('hex'), sampleItemId: tested.id, findingId: null, uploadedBy: { id: auditorId } });
    expect(await trailCount()).toBe(before + 1);
    const list = (await call('GET', AuditPaths.workingPapers(a), t.officer)).json<WorkingPaperView[]>();
    expect(list.map((p) => p.id)).toEqual([paper.id]);
    const down = await call('GET', AuditPaths.workingPaper(a, paper.id), t.officer);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect((await call('GET', AuditPaths.workingPaper(b, paper.id), t.auditor)).statusCode).toBe(404);
    expect((await call('GET', AuditPaths.workingPaper(a, paper.id), t.stranger)).statusCode).toBe(404);
    expect((await call('GET', AuditPaths.sampleItem(a, tested.id), t.auditor)).json<SampleItemView>().workingPaperCount).toBe(1);

    // Cut short: no closing boundary.
    const boundary = 'mizan-cut';
    const cut = await api.app.inject({
      method: 'POST',
      url: `${API_PREFIX}/${AuditPaths.workingPapers(a)}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: `${SESSION_COOKIE}=${t.auditor}` },
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF.subarray(0, 10)]),
    });
    expect(cut.statusCode).toBeGreaterThanOrEqual(400);
    expect(cut.statusCode).toBeLessThan(500);
    const exe = await api.postMultipart(AuditPaths.workingPapers(a), { cookie: t.auditor, file: { name: 'x.pdf', contentType: 'application/pdf', content: Buffer.from('MZ\x90\x00 program') } });
    expect(exe.statusCode).toBe(415);
    const foreignItem = (await allSample(b))[0];
    const foreign = await api.postMultipart(AuditPaths.workingPapers(a), { cookie: t.auditor, fields: { sampleItemId: foreignItem.id }, file: { name: 'x.pdf', contentType: 'application/pdf', content: PDF } });
    expect(foreign.statusCode).toBe(422);
    expect(error(foreign)).toMatchObject({ code: ErrorCode.AuditItemNotInSample, params: { sampleItemId: foreignItem.id } });
    const early = await api.postMultipart(AuditPaths.workingPapers(b), { cookie: t.auditor, fields: { sampleItemId: foreignItem.id }, file: { name: 'x.pdf', contentType: 'application/pdf', content: PDF } });
    expect(early.statusCode).toBe(409);
    expect(error(early).code).toBe(ErrorCode.AuditFieldworkNotOpen);
    expect((await api.postMultipart(AuditPaths.workingPapers(a), { cookie: t.stranger, file: { name: 'x.pdf', contentType: 'application/pdf', content: PDF } })).statusCode).toBe(404);
    expect((await api.postMultipart(AuditPaths.workingPapers(a), { cookie: t.officer, file: { name: 'x.pdf', contentType: 'application/pdf', content: PDF } })).statusCode).toBe(403);
    expect(await count('SELECT count(*)::int AS n FROM audit_working_paper')).toBe(1);
    expect(await trailCount()).toBe(before + 1);
  });

  it('gives the working papers as XLSX: parameters, the sample rows, the tests and the findings', async () => {
    await api.env.queryAs(
      'owner',
      `INSERT INTO audit_finding (engagement_id, agency_id, grant_id, sample_item_id, number, category, title, priority, affected_minor, ineligible_minor, currency, raised_by)
       VALUES ($1, $2, $3, $4, 1, 'no_supporting_documents', 'Receipt unreadable', 'high', 125050, 125050, 'SEK', $5)`,
      [a, w.north.agency.id, grantId, tested.id, auditorId],
    );
    const response = await call('GET', AuditPaths.workbook(a), t.officer);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Parameters', 'Sample', 'Tests', 'Findings']);
    const items = await allSample(a);
    const sample = must(book.getWorksheet('Sample'));
    expect(sample.rowCount).toBe(items.length + 1);
    const rows = items.map((_, i) => sample.getRow(i + 2).values as unknown[]);
    expect(rows.map((r) => r[11])).toEqual(items.map((i) => i.population.sourceId));
    const big = must(rows.find((r) => r[11] === bigLineId));
    expect(big[6]).toBe('50000.00');
    const params = must(book.getWorksheet('Parameters'));
    const seedRow = must(must(params.getRows(1, params.rowCount)).find((r) => r.getCell(1).value === 'Seed'));
    expect(seedRow.getCell(2).value).toBe('20261206');
    const tests = must(book.getWorksheet('Tests'));
    const testRow = must(must(tests.getRows(2, tests.rowCount - 1)).find((r) => r.getCell(1).value === tested.pickOrder));
    expect(testRow.getCell(2 + AUDIT_CHECKS.length).value).toBe('exception');
    expect(testRow.getCell(3).value).toBe('no'); // receipt_legible
    const findings = must(book.getWorksheet('Findings'));
    expect(findings.getRow(2).values).toEqual(expect.arrayContaining([1, 'Receipt unreadable', 'high', '1250.50', 'SEK', tested.pickOrder]));
    expect((await call('GET', AuditPaths.workbook(a), t.stranger)).statusCode).toBe(404);
  });

  it('never replaces a sample that has tests or working papers, even were the engagement planned again', async () => {
    await setState(a, 'planned');
    const before = { items: await count('SELECT count(*)::int AS n FROM audit_sample_item WHERE engagement_id = $1', [a]), trail: await trailCount() };
    const r = await call('POST', AuditPaths.sample(a), t.auditor, mus({ seed: '1', reason: 'Try again' }));
    expect(r.statusCode).toBe(409);
    expect(error(r).code).toBe(ErrorCode.AuditSampleFrozen);
    await expect(api.dataSource.query('DELETE FROM audit_sample_item WHERE id = $1', [tested.id])).rejects.toThrow(/frozen|foreign key/);
    expect(await count('SELECT count(*)::int AS n FROM audit_sample_item WHERE engagement_id = $1', [a])).toBe(before.items);
    expect(await trailCount()).toBe(before.trail);
    await setState(a, 'fieldwork');
  });

  it('samples paid payments of the scope in the period, showing the bank reference to the tester', async () => {
    const [tranche] = (await api.dataSource.query('SELECT t.id, g.program_id FROM tranche t JOIN grant_award g ON g.id = t.grant_id WHERE t.grant_id = $1 ORDER BY t.seq LIMIT 1', [grantId])) as {
      id: string;
      program_id: string;
    }[];
    await api.env.queryAs('owner', 'ALTER TABLE payment DISABLE TRIGGER USER');
    await api.env.queryAs(
      'owner',
      `INSERT INTO payment (agency_id, program_id, grant_id, tranche_id, amount_minor, currency, state, required_approvals, three_people, requested_by, approved_by, approved_at,
                            paid_by, paid_at, value_date, bank_reference, debited_minor, transfer_currency, transfer_minor, rate, rate_source, fees_minor)
       VALUES ($1, $2, $3, $4, 37500000, 'SEK', 'paid', 1, false, $5, $6, now(), $6, now(), '2026-03-15', 'SE-BANK-REF-42', 37500000, 'SEK', 37500000, 1, 'same_currency', 0)`,
      [w.north.agency.id, tranche.program_id, grantId, tranche.id, w.north.users.officer.id, w.north.users.finance.id],
    );
    await api.env.queryAs('owner', 'ALTER TABLE payment ENABLE TRIGGER USER');
    const p = await engagement('payments');
    const population = (await call('GET', AuditPaths.population(p), t.auditor)).json<PopulationView>();
    expect(population).toMatchObject({ populationKind: 'payments', count: 1, valueMinor: '37500000', currency: 'SEK' });
    expect(population.items[0]).toMatchObject({ itemKind: 'payment', label: 'SE-BANK-REF-42', bookedOn: '2026-03-15' });
    expect((await call('POST', AuditPaths.sample(p), t.auditor, { method: 'simple_random', seed: '5', confidencePct: 95, sampleSize: 1, includeOpenRedFlags: false })).statusCode).toBe(200);
    const [item] = await allSample(p);
    const detail = (await call('GET', AuditPaths.sampleItem(p, item.id), t.auditor)).json<SampleItemView>().detail;
    expect(detail).toMatchObject({ bankReference: 'SE-BANK-REF-42', valueDate: '2026-03-15', amountMinor: '37500000', currency: 'SEK' });
    // An engagement whose period holds no payment: nothing to draw.
    const [empty] = await api.env.queryAs<{ id: string }>('owner', `UPDATE audit_engagement SET period_from = '2020-01-01', period_to = '2020-12-31' WHERE id = $1 RETURNING id`, [await engagement('payments')]);
    const none = await call('POST', AuditPaths.sample(empty.id), t.auditor, { method: 'simple_random', seed: '5', confidencePct: 95, sampleSize: 1, includeOpenRedFlags: false });
    expect(none.statusCode).toBe(422);
    expect(error(none).code).toBe(ErrorCode.AuditPopulationEmpty);
  });
});
