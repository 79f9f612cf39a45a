import { createHash } from 'node:crypto';
import { ApiErrorBody, ErrorCode, GrantContent, GrantPaths, GrantView, RedFlagPage, RedFlagPaths, RedFlagRunView, RedFlagSettingsView, RedFlagView } from '@mizan/contracts';
import { RED_FLAG_CODES, addDaysIso } from '@mizan/domain';
import { ExpenditureLine, GrantReport, RedFlagEvaluator, ReportFile } from '@mizan/server/reporting';
import { StoredDocument } from '@mizan/server/storage';
import { ApiHarness } from '../../testing/api-harness';
import { WorkerProcess } from '../../testing/worker-process';
import { GrantWorld, activeGrant, grantWorld } from '../grants/grants.fixtures';

/**
 * The red-flag engine wired: facts read from the database, each rule raising on a planted case, silence on a clean
 * report of 500 lines, clearing (with a reason) that survives re-runs, the tranche block, the thresholds and the
 * real worker running a run end to end.
 */
describe('red flags', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  const t = {} as Record<'officer' | 'applicant' | 'finance' | 'southOfficer' | 'reviewer', string>;
  let planted: GrantView;
  let clean: GrantView;
  let plantedContent: GrantContent;
  let cleanContent: GrantContent;
  let today: string;
  const named: Record<string, string> = {};
  let docSeq = 0;

  const sha = (text: string) => createHash('sha256').update(text).digest('hex');

  async function content(grantId: string): Promise<GrantContent> {
    const [row] = (await api.dataSource.query('SELECT v.content FROM grant_version v JOIN grant_award g ON g.id = v.grant_id AND v.version = g.current_version WHERE g.id = $1', [grantId])) as {
      content: GrantContent;
    }[];
    return row.content;
  }

  async function report(grant: GrantView, index: number): Promise<string> {
    const dues = (await api.dataSource.query('SELECT id, period_from::text AS period_from, period_to::text AS period_to FROM grant_report_due WHERE grant_id = $1 ORDER BY period_from, id', [
      grant.id,
    ])) as { id: string; period_from: string; period_to: string }[];
    const due = dues[index];
    const saved = await api.dataSource.getRepository(GrantReport).save({
      agencyId: w.north.agency.id,
      grantId: grant.id,
      reportDueId: due.id,
      periodFrom: due.period_from,
      periodTo: due.period_to,
      state: 'submitted',
      narrative: { activities: '', indicators: [] },
      submissionCount: 1,
      submittedBy: w.applicantId,
      submittedAt: new Date(),
      createdBy: w.applicantId,
    } as Partial<GrantReport>);
    return saved.id;
  }

  let seq = 0;
  interface LineSpec {
    key?: string;
    date: string;
    budgetLineId: string;
    supplier?: string;
    amountMinor: bigint;
    currency?: 'SEK' | 'USD';
    rate?: string;
    grantAmountMinor?: bigint;
    cash?: boolean;
    receipts?: string[];
    evidence?: { capturedAt?: Date; lat?: number; lon?: number }[];
  }

  async function lines(grant: GrantView, reportId: string, specs: LineSpec[]): Promise<string[]> {
    const repo = api.dataSource.getRepository(ExpenditureLine);
    const rows = specs.map((s) =>
      repo.create({
        agencyId: w.north.agency.id,
        grantId: grant.id,
        reportId,
        seq: ++seq,
        spentOn: s.date,
        budgetLineId: s.budgetLineId,
        supplier: s.supplier ?? `Supplier ${seq}`,
        description: 'Goods',
        amountMinor: s.amountMinor.toString(),
        currency: s.currency ?? 'SEK',
        rate: s.rate ?? null,
        rateSource: s.rate ? 'bank' : 'same_currency',
        grantAmountMinor: (s.grantAmountMinor ?? s.amountMinor).toString(),
        paymentMethod: s.cash ? 'cash' : 'bank',
        state: 'submitted',
        ineligibleMinor: '0',
        createdBy: w.applicantId,
        updatedBy: w.applicantId,
      }),
    );
    const saved: ExpenditureLine[] = [];
    for (let i = 0; i < rows.length; i += 200) saved.push(...(await repo.save(rows.slice(i, i + 200))));
    const files: Partial<ReportFile>[] = [];
    const documents: Partial<StoredDocument>[] = [];
    specs.forEach((s, i) => {
      if (s.key) named[s.key] = saved[i].id;
      const add = (purpose: 'receipt' | 'evidence', hash: string, e: { capturedAt?: Date; lat?: number; lon?: number } = {}) => {
        const n = ++docSeq;
        documents.push({ agencyId: w.north.agency.id, kind: 'report-file', fileName: `f${n}.jpg`, contentType: 'image/jpeg', storageKey: `test/${n}`, sha256: hash, sizeBytes: '10' });
        files.push({
          agencyId: w.north.agency.id,
          grantId: grant.id,
          reportId,
          lineId: saved[i].id,
          purpose,
          fileName: `f${n}.jpg`,
          contentType: 'image/jpeg',
          sha256: hash,
          sizeBytes: '10',
          capturedAt: e.capturedAt ?? null,
          latitude: e.lat ?? null,
          longitude: e.lon ?? null,
          uploadedBy: w.applicantId,
        });
      };
      for (const r of s.receipts ?? []) add('receipt', r);
      for (const e of s.evidence ?? []) add('evidence', sha(`evidence-${docSeq}-${Math.random()}`), e);
    });
    if (files.length) {
      const docs = await api.dataSource.getRepository(StoredDocument).save(documents.map((d) => api.dataSource.getRepository(StoredDocument).create(d)));
      files.forEach((f, i) => (f.documentId = docs[i].id));
      for (let i = 0; i < files.length; i += 200) await api.dataSource.getRepository(ReportFile).insert(files.slice(i, i + 200));
    }
    return saved.map((l) => l.id);
  }

  /** A tranche received: a paid payment whose money arrived on `valueDate`. */
  async function received(grant: GrantView, amountMinor: bigint, valueDate: string): Promise<void> {
    const [tranche] = (await api.env.queryAs<{ id: string }>(
      'owner',
      `INSERT INTO tranche (grant_id, seq, planned_on, amount_minor, currency, state) VALUES ($1, 90, $2, $3, 'SEK', 'paid') RETURNING id`,
      [grant.id, valueDate, amountMinor.toString()],
    )) as { id: string }[];
    // A paid payment is born requested and goes to the bank in a file (payments specs cover that life); here only the
    // facts matter, so the owner writes the finished row with the life guard off for that one statement.
    await api.env.queryAs('owner', 'ALTER TABLE payment DISABLE TRIGGER USER');
    try {
      await api.env.queryAs(
        'owner',
        `INSERT INTO payment (agency_id, program_id, grant_id, tranche_id, amount_minor, currency, state, required_approvals, three_people, requested_by,
                              approved_by, approved_at, second_approved_by, second_approved_at, paid_by, paid_at, value_date, bank_reference,
                              debited_minor, transfer_currency, transfer_minor, rate, rate_source, fees_minor)
         SELECT $1, g.program_id, g.id, $3, $4, 'SEK', 'paid', 2, true, $5, $6, now(), $7, now(), $8, now(), $9, 'REF', $4, 'SEK', $4, 1, 'same_currency', 0
           FROM grant_award g WHERE g.id = $2`,
        [w.north.agency.id, grant.id, tranche.id, amountMinor.toString(), w.north.users.officer.id, w.north.users.finance.id, w.north.users.auditor.id, w.north.users.admin.id, valueDate],
      );
    } finally {
      await api.env.queryAs('owner', 'ALTER TABLE payment ENABLE TRIGGER USER');
    }
  }

  async function run(day = today): Promise<string> {
    const [row] = (await api.dataSource.query(`INSERT INTO red_flag_run (agency_id, reason) VALUES ($1, 'manual') RETURNING id`, [w.north.agency.id])) as { id: string }[];
    expect(await api.app.get(RedFlagEvaluator).run(row.id, async () => undefined, day)).toBe('done');
    return row.id;
  }

  async function flagsOf(grantId: string, cookie = t.officer, query = ''): Promise<RedFlagPage> {
    const response = await api.request('GET', `${RedFlagPaths.grantFlags(grantId)}?pageSize=100${query}`, { cookie });
    expect(response.statusCode).toBe(200);
    return response.json<RedFlagPage>();
  }

  const flagOn = (page: RedFlagPage, code: string, lineKey?: string): RedFlagView | undefined =>
    page.items.find((f) => f.code === code && (!lineKey || f.lines.some((l) => l.id === named[lineKey])));

  beforeAll(async () => {
    api = await ApiHarness.start('red_flags', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.reviewer = await api.signIn('reviewer@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
    planted = await activeGrant(api, w, t);
    clean = await activeGrant(api, w, t);
    plantedContent = await content(planted.id);
    cleanContent = await content(clean.id);
    const start = plantedContent.startsOn;
    // The engine runs "today" = 400 days into the grant: the planted grant has had no monitoring visit, the clean one had one yesterday.
    today = addDaysIso(start, 400);
    await api.env.queryAs('owner', `UPDATE grant_award SET governorate = 'IQ-BA' WHERE id = ANY($1::uuid[])`, [[planted.id, clean.id]]);
    await api.env.queryAs(
      'owner',
      `INSERT INTO monitoring_visit (agency_id, grant_id, kind, visited_on, security_level, outcome, recorded_by) VALUES ($1, $2, 'on_site', $3, 'accessible', 'satisfactory', $4)`,
      [w.north.agency.id, clean.id, addDaysIso(today, -1), w.north.users.officer.id],
    );
    await received(planted, 10_000_000n, addDaysIso(start, 5));
    await received(clean, BigInt(cleanContent.budgetLines.reduce((s, l) => s + BigInt(l.amountMinor), 0n)), cleanContent.startsOn);
    // Reference rates: 1 EUR = 1.1 USD = 11 SEK on the day, so 1 USD = 10 SEK.
    await api.env.queryAs(
      'owner',
      `INSERT INTO exchange_rate (agency_id, rate_date, base, quote, rate, source) VALUES ($1, $2, 'EUR', 'USD', 1.1, 'ECB'), ($1, $2, 'EUR', 'SEK', 11, 'ECB')`,
      [w.north.agency.id, addDaysIso(start, 20)],
    );

    const b = plantedContent.budgetLines;
    const smallest = [...b].sort((x, y) => (BigInt(x.amountMinor) < BigInt(y.amountMinor) ? -1 : 1))[0];
    const d = (n: number) => addDaysIso(start, n);
    const r1 = await report(planted, 0);
    await lines(planted, r1, [
      { key: 'receiptA', date: d(10), budgetLineId: b[0].id, amountMinor: 123_457n, receipts: [sha('same receipt')] },
      { key: 'receiptB', date: d(11), budgetLineId: b[0].id, amountMinor: 234_561n, receipts: [sha('same receipt')] },
      { key: 'dupA', date: d(12), budgetLineId: b[0].id, supplier: 'Al-Noor Trading Co.', amountMinor: 55_555n },
      { key: 'dupB', date: d(12), budgetLineId: b[0].id, supplier: '  AL NOOR trading co ', amountMinor: 55_555n },
      { key: 'split1', date: d(13), budgetLineId: b[0].id, supplier: 'Split Co', amountMinor: 2_000_001n },
      { key: 'split2', date: d(14), budgetLineId: b[0].id, supplier: 'Split Co', amountMinor: 2_000_002n },
      { key: 'split3', date: d(15), budgetLineId: b[0].id, supplier: 'Split Co', amountMinor: 2_000_003n },
      { key: 'early', date: d(-5), budgetLineId: b[0].id, amountMinor: 77_771n },
      { key: 'cash', date: d(16), budgetLineId: b[0].id, amountMinor: 1_500_001n, cash: true },
      { key: 'overBudget', date: d(17), budgetLineId: smallest.id, amountMinor: BigInt(smallest.amountMinor) * 2n + 1n },
      { key: 'fx', date: d(20), budgetLineId: b[0].id, amountMinor: 10_001n, currency: 'USD', rate: '12.5', grantAmountMinor: 125_013n },
      { key: 'late', date: d(21), budgetLineId: b[0].id, amountMinor: 33_331n, evidence: [{ capturedAt: new Date(`${d(90)}T10:00:00Z`) }] },
      { key: 'far', date: d(22), budgetLineId: b[0].id, amountMinor: 44_441n, evidence: [{ lat: 36.19, lon: 44.01 }] },
    ]);
    // A second report: 1,020 lines (the first-digit test needs 1,000), every amount starting with 9, 640 of them whole hundreds.
    const r2 = await report(planted, 1);
    await lines(
      planted,
      r2,
      Array.from({ length: 1020 }, (_, i) => ({
        date: d(30 + (i % 60)),
        budgetLineId: b[0].id,
        amountMinor: i < 640 ? 90_000n : 91_234n + BigInt(i),
      })),
    );

    // The clean report: 500 lines, amounts log-uniform over two decades (Benford-conformant), unique receipts and suppliers, after the money arrived.
    const c = cleanContent.budgetLines;
    const biggest = [...c].sort((x, y) => (BigInt(y.amountMinor) > BigInt(x.amountMinor) ? 1 : -1))[0];
    const rc = await report(clean, 0);
    const cleanSpecs: LineSpec[] = Array.from({ length: 500 }, (_, i) => {
      let amount = BigInt(Math.floor(10 ** (3 + (2 * (i + 0.5)) / 500)));
      if (amount % 10_000n === 0n) amount += 1n;
      return { date: addDaysIso(cleanContent.startsOn, 1 + (i % 200)), budgetLineId: biggest.id, amountMinor: amount, supplier: `Clean supplier ${i}`, receipts: [sha(`clean receipt ${i}`)] };
    });
    expect(cleanSpecs.reduce((s, l) => s + l.amountMinor, 0n)).toBeLessThan(BigInt(biggest.amountMinor));
    await lines(clean, rc, cleanSpecs);
    await run();
  }, 180_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('raises each rule on its planted case', async () => {
    const page = await flagsOf(planted.id);
    const expectFlag = (code: string, key?: string) => {
      const flag = flagOn(page, code, key);
      if (!flag) throw new Error(`${code} not raised on ${key}: ${page.items.map((f) => f.code).join(', ')}`);
      return flag;
    };
    expect(expectFlag('DUPLICATE_RECEIPT', 'receiptA').lines.map((l) => l.id).sort()).toEqual([named['receiptA'], named['receiptB']].sort());
    expect(expectFlag('DUPLICATE_RECEIPT', 'receiptA').severity).toBe('high');
    expect(expectFlag('DUPLICATE_LINE', 'dupA').lines.map((l) => l.id).sort()).toEqual([named['dupA'], named['dupB']].sort());
    expect(expectFlag('SPLIT_PURCHASE', 'split1').params).toMatchObject({ supplier: 'split co', count: 3, totalMinor: '6000006', currency: 'SEK' });
    expect(expectFlag('OUTSIDE_GRANT_PERIOD', 'early').severity).toBe('high');
    expect(expectFlag('BEFORE_FUNDS', 'early').params).toMatchObject({ receivedToDateMinor: '0' });
    expect(expectFlag('OVER_BUDGET_LINE', 'overBudget').severity).toBe('high');
    expect(expectFlag('CASH_ABOVE_THRESHOLD', 'cash').params).toMatchObject({ amountMinor: '1500001', thresholdMinor: '1000000' });
    const round = expectFlag('ROUND_AMOUNTS');
    expect(round.params).toMatchObject({ roundCount: 640, lineCount: 1020 });
    expect(round.lineCount).toBe(640);
    expect(round.lines).toHaveLength(50);
    const benford = expectFlag('BENFORD_FIRST_DIGIT');
    expect(benford.lines).toEqual([]);
    expect(Number(benford.params['mad'])).toBeGreaterThan(0.015);
    expect(expectFlag('FX_DEVIATION', 'fx').params).toMatchObject({ rate: '12.5', referenceRate: '10', deviationBp: 2500 });
    expect(expectFlag('EVIDENCE_DATE_GAP', 'late').params).toMatchObject({ gapDays: 69 });
    expect(Number(expectFlag('EVIDENCE_OUTSIDE_AREA', 'far').params['distanceKm'])).toBeGreaterThan(500);
    expect(expectFlag('MONITORING_OVERDUE').params).toMatchObject({ requiredKind: 'on_site', overdueDays: 220, lastVisitOn: '' });
    // every rule raised at least once
    expect(RED_FLAG_CODES.filter((code) => !page.items.some((f) => f.code === code))).toEqual([]);
    // each flag names its lines with what the page needs
    const receipt = expectFlag('DUPLICATE_RECEIPT', 'receiptA').lines[0];
    expect(receipt).toMatchObject({ currency: 'SEK', supplier: expect.stringMatching(/^Supplier/) });
    expect(page.counts.byCode.DUPLICATE_RECEIPT).toEqual({ high: 1 });
  });

  it('stays silent on a clean report of 500 lines', async () => {
    const page = await flagsOf(clean.id);
    expect(page.items.map((f) => `${f.code} ${JSON.stringify(f.params)}`)).toEqual([]);
    const [runRow] = (await api.dataSource.query(`SELECT line_count, flag_count, state, progress FROM red_flag_run WHERE agency_id = $1 AND state = 'done' ORDER BY created_at LIMIT 1`, [
      w.north.agency.id,
    ])) as { line_count: number; flag_count: number; state: string; progress: number }[];
    expect(runRow).toMatchObject({ line_count: 13 + 1020 + 500, state: 'done', progress: 100 });
  });

  it('filters the agency list and counts by rule and severity', async () => {
    const all = (await api.request('GET', `${RedFlagPaths.flags}?severity=high&pageSize=100`, { cookie: t.officer })).json<RedFlagPage>();
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((f) => f.severity === 'high')).toBe(true);
    expect(all.counts.bySeverity.medium).toBeGreaterThan(0);
    const byProgram = (await api.request('GET', `${RedFlagPaths.flags}?programId=${planted.programId}&code=CASH_ABOVE_THRESHOLD`, { cookie: t.officer })).json<RedFlagPage>();
    expect(byProgram.total).toBe(1);
    expect((await api.request('GET', `${RedFlagPaths.flags}?code=NOPE`, { cookie: t.officer })).statusCode).toBe(400);
  });

  it('pages by keyset in the list order: forward and back give the whole list once, filters included; bad cursors 400', async () => {
    const list = async (query: string): Promise<RedFlagPage> => {
      const response = await api.request('GET', `${RedFlagPaths.flags}?${query}`, { cookie: t.officer });
      expect(response.statusCode).toBe(200);
      return response.json<RedFlagPage>();
    };
    for (const filter of ['', '&severity=medium', `&grantId=${planted.id}&inactive=true`]) {
      const whole = (await list(`pageSize=100${filter}`)).items.map((f) => f.id);
      expect(whole.length).toBeGreaterThan(3);
      const forward: string[] = [];
      let last: RedFlagPage | null = null;
      let cursor: string | null = null;
      do {
        last = await list(`pageSize=2${filter}${cursor ? `&after=${cursor}` : ''}`);
        forward.push(...last.items.map((f) => f.id));
        expect(last.total).toBe(whole.length);
        cursor = last.next;
      } while (cursor);
      expect(forward).toEqual(whole);
      const backward = [...last.items.map((f) => f.id)];
      cursor = last.previous;
      while (cursor) {
        const before = await list(`pageSize=2${filter}&before=${cursor}`);
        backward.unshift(...before.items.map((f) => f.id));
        cursor = before.previous;
      }
      expect(backward).toEqual(whole);
    }
    for (const [query, field] of [
      ['after=abc', 'after'],
      ['before=WyJ4Il0', 'before'],
      ['page=2', 'page'],
    ] as const) {
      const response = await api.request('GET', `${RedFlagPaths.flags}?${query}`, { cookie: t.officer });
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json<ApiErrorBody>())).toContain(field);
    }
  });

  it('clearing needs a reason, is on the trail and stays cleared when the flag is raised again', async () => {
    const flag = flagOn(await flagsOf(planted.id), 'DUPLICATE_RECEIPT', 'receiptA') as RedFlagView;
    expect((await api.request('POST', RedFlagPaths.clear(flag.id), { cookie: t.officer, body: {} })).statusCode).toBe(400);
    expect((await api.request('POST', RedFlagPaths.clear(flag.id), { cookie: t.officer, body: { reason: '   ' } })).statusCode).toBe(400);
    const cleared = await api.request('POST', RedFlagPaths.clear(flag.id), { cookie: t.officer, body: { reason: 'Two copies of one invoice, split correctly' } });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json<RedFlagView>()).toMatchObject({ state: 'cleared', resolutionReason: 'Two copies of one invoice, split correctly' });
    expect(cleared.json<RedFlagView>().history).toEqual([expect.objectContaining({ action: 'red_flag.cleared', reason: 'Two copies of one invoice, split correctly' })]);
    expect((await api.request('POST', RedFlagPaths.clear(flag.id), { cookie: t.officer, body: { reason: 'again' } })).statusCode).toBe(409);

    await run();
    const again = (await api.request('GET', RedFlagPaths.flag(flag.id), { cookie: t.officer })).json<RedFlagView>();
    expect(again).toMatchObject({ state: 'cleared', active: true });
    const [{ n }] = (await api.dataSource.query(`SELECT count(*)::int AS n FROM red_flag WHERE agency_id = $1 AND code = 'DUPLICATE_RECEIPT'`, [w.north.agency.id])) as { n: number }[];
    expect(n).toBe(1);
    const [trail] = (await api.dataSource.query(`SELECT after FROM activity_record WHERE action = 'red_flag.run_completed' ORDER BY seq DESC LIMIT 1`)) as { after: { newFlags: number; lineCount: number } }[];
    expect(trail.after).toMatchObject({ newFlags: 0, lineCount: 1533 });
  });

  it('a flag no longer raised becomes inactive', async () => {
    const flag = flagOn(await flagsOf(planted.id), 'CASH_ABOVE_THRESHOLD', 'cash') as RedFlagView;
    await api.env.queryAs('owner', `UPDATE expenditure_line SET payment_method = 'bank' WHERE id = $1`, [named['cash']]);
    await run();
    expect((await api.request('GET', RedFlagPaths.flag(flag.id), { cookie: t.officer })).json<RedFlagView>()).toMatchObject({ active: false, state: 'open' });
    expect(flagOn(await flagsOf(planted.id), 'CASH_ABOVE_THRESHOLD')).toBeUndefined();
  });

  it('an open high flag blocks the next tranche (422 naming the flags); escalated still blocks; clearing unblocks', async () => {
    await api.reauth(t.officer);
    const tranche = planted.tranches[0];
    const blocked = await api.request('POST', GrantPaths.trancheRelease(planted.id, tranche.id), { cookie: t.officer, body: { note: 'First' } });
    expect(blocked.statusCode).toBe(422);
    const body = blocked.json<ApiErrorBody>();
    expect(body.code).toBe(ErrorCode.ReleaseConditionsUnmet);
    expect(body.message).toContain('CONDITION_OPEN_HIGH_FLAGS');
    const high = (await flagsOf(planted.id, t.officer, '&severity=high')).items.filter((f) => f.state !== 'cleared');
    expect(high.length).toBeGreaterThan(0);
    expect(JSON.stringify(body.fields)).toContain(high[0].id);
    const view = (await api.request('GET', GrantPaths.grant(planted.id), { cookie: t.officer })).json<GrantView>();
    expect(view.tranches[0].conditions.find((c) => c.kind === 'no_open_high_finding')).toMatchObject({ ok: false, reasonCode: 'CONDITION_OPEN_HIGH_FLAGS' });

    const escalated = await api.request('POST', RedFlagPaths.escalate(high[0].id), { cookie: t.officer, body: { reason: 'Ask finance to look' } });
    expect(escalated.json<RedFlagView>().state).toBe('escalated');
    const [told] = (await api.dataSource.query(`SELECT user_id, message_key, message_params FROM notification WHERE entity_type = 'red_flag' AND entity_id = $1`, [high[0].id])) as {
      user_id: string;
      message_key: string;
      message_params: Record<string, unknown>;
    }[];
    expect(told).toMatchObject({ user_id: w.north.users.finance.id, message_key: 'red_flag.escalated', message_params: { reason: 'Ask finance to look', grant: planted.grantNumber } });
    const stillBlocked = await api.request('POST', GrantPaths.trancheRelease(planted.id, tranche.id), { cookie: t.officer, body: { note: 'First' } });
    expect(stillBlocked.statusCode).toBe(422);
    for (const f of high) {
      const r = await api.request('POST', RedFlagPaths.clear(f.id), { cookie: t.officer, body: { reason: 'Explained by the partner' } });
      expect(r.statusCode).toBe(200);
    }
    const released = await api.request('POST', GrantPaths.trancheRelease(planted.id, tranche.id), { cookie: t.officer, body: { note: 'First' } });
    expect(released.statusCode).toBe(201);
  });

  it('settings: defaults, 400 naming bad values and unknown keys, good values stored and a run queued', async () => {
    const read = (await api.request('GET', RedFlagPaths.settings, { cookie: t.officer })).json<RedFlagSettingsView>();
    expect(read.settings.splitWindowDays).toBe(7);
    expect(read.overrides).toEqual({});
    const bad = await api.request('PUT', RedFlagPaths.settings, { cookie: t.officer, body: { splitWindowDays: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json<ApiErrorBody>().fields)).toContain('splitWindowDays');
    expect((await api.request('PUT', RedFlagPaths.settings, { cookie: t.officer, body: { nonsense: 1 } })).statusCode).toBe(400);
    const zero = await api.request('PUT', RedFlagPaths.settings, { cookie: t.officer, body: { cashThresholdMinor: { SEK: '0' } } });
    expect(zero.statusCode).toBe(400);
    expect(JSON.stringify(zero.json<ApiErrorBody>().fields)).toContain('cashThresholdMinor.SEK');
    const [{ before }] = (await api.dataSource.query(`SELECT count(*)::int AS before FROM red_flag_run WHERE reason = 'settings_changed'`)) as { before: number }[];
    expect(before).toBe(0);
    const good = await api.request('PUT', RedFlagPaths.settings, { cookie: t.officer, body: { splitWindowDays: 10, cashThresholdMinor: { SEK: '2000000' }, fxDeviationBp: 300 } });
    expect(good.statusCode).toBe(200);
    expect(good.json<RedFlagSettingsView>().overrides).toEqual({ splitWindowDays: 10, cashThresholdMinor: { SEK: '2000000' } });
    const [queued] = (await api.dataSource.query(`SELECT state, requested_by FROM red_flag_run WHERE reason = 'settings_changed'`)) as { state: string; requested_by: string }[];
    expect(queued).toMatchObject({ requested_by: w.north.users.officer.id });
    const [trail] = (await api.dataSource.query(`SELECT after FROM activity_record WHERE action = 'red_flag.settings_updated'`)) as { after: { overrides: unknown } }[];
    expect(trail.after.overrides).toEqual({ splitWindowDays: 10, cashThresholdMinor: { SEK: '2000000' } });
  });

  it('another agency and other roles see nothing', async () => {
    const flag = (await flagsOf(planted.id)).items[0];
    expect((await api.request('GET', RedFlagPaths.flag(flag.id), { cookie: t.southOfficer })).statusCode).toBe(404);
    expect((await api.request('POST', RedFlagPaths.clear(flag.id), { cookie: t.southOfficer, body: { reason: 'x' } })).statusCode).toBe(404);
    expect((await api.request('GET', RedFlagPaths.grantFlags(planted.id), { cookie: t.southOfficer })).statusCode).toBe(404);
    const south = (await api.request('GET', RedFlagPaths.flags, { cookie: t.southOfficer })).json<RedFlagPage>();
    expect(south.total).toBe(0);
    expect((await api.request('GET', RedFlagPaths.flags, { cookie: t.applicant })).statusCode).toBe(403);
    expect((await api.request('GET', RedFlagPaths.flags, { cookie: t.reviewer })).statusCode).toBe(403);
  });

  it('the real worker runs a requested run end to end, with progress, and sweeps a run a report submission only inserted', async () => {
    // As a report's submission writes it: the row in its transaction, no job queued.
    const [report] = (await api.dataSource.query(`SELECT id FROM grant_report WHERE grant_id = $1 ORDER BY created_at LIMIT 1`, [planted.id])) as { id: string }[];
    const [orphan] = (await api.dataSource.query(
      `INSERT INTO red_flag_run (agency_id, reason, report_id, created_at) VALUES ($1, 'report_submitted', $2, now() - interval '5 minutes') RETURNING id`,
      [w.north.agency.id, report.id],
    )) as { id: string }[];
    const worker = await WorkerProcess.start(api.env.config);
    try {
      const requested = await api.request('POST', RedFlagPaths.runs, { cookie: t.officer });
      expect(requested.statusCode).toBe(201);
      const runId = requested.json<RedFlagRunView>().id;
      const deadline = Date.now() + 60_000;
      let latest: RedFlagRunView | undefined;
      while (Date.now() < deadline) {
        latest = (await api.request('GET', RedFlagPaths.runs, { cookie: t.officer })).json<RedFlagRunView[]>().find((r) => r.id === runId);
        if (latest?.state === 'done' || latest?.state === 'failed') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(latest).toMatchObject({ state: 'done', progress: 100, lineCount: 1533, error: null });
      // The settings-changed run (queued by the PUT above) was run too.
      const [settingsRun] = (await api.dataSource.query(`SELECT state FROM red_flag_run WHERE reason = 'settings_changed'`)) as { state: string }[];
      expect(['done', 'running', 'queued']).toContain(settingsRun.state);
      let swept = '';
      while (Date.now() < deadline + 30_000) {
        [{ state: swept }] = (await api.dataSource.query('SELECT state FROM red_flag_run WHERE id = $1', [orphan.id])) as { state: string }[];
        if (swept === 'done' || swept === 'failed') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(swept).toBe('done');
    } finally {
      await worker.stop();
    }
  }, 90_000);
});
