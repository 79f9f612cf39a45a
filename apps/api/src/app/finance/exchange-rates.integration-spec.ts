import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiErrorBody, ErrorCode, ExchangeRateView, FinancePaths, FinanceSettingsView, Page, RateImportResult, SuggestedRateView } from '@mizan/contracts';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';

/** The real ECB history (1999-01-04 … 2025-05-09), kept in the repository for the demo and these specs. */
const ECB_FILE = readFileSync(join(__dirname, '../../../../../data/fx/ecb-eurofxref-hist.csv'));

/** How many EUR→SEK/USD/GBP rates the file holds (N/A cells are not rates), counted here without the domain's parser. */
function knownRatesIn(csv: string): number {
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header.split(',').map((c, i) => [c, i] as const).filter(([c]) => ['SEK', 'USD', 'GBP', 'IQD'].includes(c)).map(([, i]) => i);
  return rows.reduce((n, row) => n + columns.filter((i) => /^\d/.test(row.split(',')[i] ?? '')).length, 0);
}

describe('exchange rates and finance settings', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  const t = {} as Record<'finance' | 'officer' | 'auditor' | 'southFinance' | 'applicant', string>;
  const csvFile = (content: string | Buffer, name = 'eurofxref-hist.csv') => ({ name, contentType: 'text/csv', content: Buffer.isBuffer(content) ? content : Buffer.from(content) });

  beforeAll(async () => {
    api = await ApiHarness.start('exchange_rates', { signInIpMaxAttempts: 10_000 });
    north = await seedAgency(api.dataSource, 'north');
    await seedAgency(api.dataSource, 'south');
    t.finance = await api.signIn('finance@north.test');
    t.officer = await api.signIn('officer@north.test');
    t.auditor = await api.signIn('auditor@north.test');
    t.southFinance = await api.signIn('finance@south.test');
    t.applicant = await api.signIn('applicant@north.test');
  });
  afterAll(async () => {
    await api?.stop();
  });

  const rateCount = async (agencyId = north.agency.id) =>
    ((await api.dataSource.query('SELECT count(*)::int AS n FROM exchange_rate WHERE agency_id = $1', [agencyId])) as { n: number }[])[0].n;

  it("imports the ECB's history: EUR→SEK/USD/GBP with source ECB; a second import skips every row", async () => {
    const expected = knownRatesIn(ECB_FILE.toString('utf8'));
    expect(expected).toBeGreaterThan(19_000);
    const first = await api.postMultipart(FinancePaths.ratesImport, { cookie: t.finance, file: csvFile(ECB_FILE) });
    expect(first.statusCode).toBe(201);
    expect(first.json<RateImportResult>()).toEqual({ imported: expected, skipped: 0, from: '1999-01-04', to: '2025-05-09' });
    expect(await rateCount()).toBe(expected);
    const [sek] = (await api.dataSource.query(`SELECT rate::text AS rate, source FROM exchange_rate WHERE base = 'EUR' AND quote = 'SEK' AND rate_date = '2025-05-09'`)) as {
      rate: string;
      source: string;
    }[];
    expect(sek).toEqual({ rate: '10.920000000000', source: 'ECB' });
    const [trail] = (await api.dataSource.query(`SELECT after FROM activity_record WHERE action = 'exchange_rate.imported'`)) as { after: Record<string, unknown> }[];
    expect(trail.after).toMatchObject({ imported: expected, currencies: ['GBP', 'SEK', 'USD'], sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const again = await api.postMultipart(FinancePaths.ratesImport, { cookie: t.finance, file: csvFile(ECB_FILE) });
    expect(again.json<RateImportResult>()).toMatchObject({ imported: 0, skipped: expected });
    expect(await rateCount()).toBe(expected);
  });

  it('a malformed file imports nothing; the error names the row and the column', async () => {
    const before = await rateCount();
    const bad = 'Date,USD,SEK,\n2025-05-12,1.12,10.9,\n2025-05-13,1.11,ten,\n';
    const response = await api.postMultipart(FinancePaths.ratesImport, { cookie: t.finance, file: csvFile(bad) });
    expect(response.statusCode).toBe(400);
    const body = response.json<ApiErrorBody>();
    expect(body.code).toBe(ErrorCode.ValidationFailed);
    expect(body.message).toContain('row 3, column SEK');
    expect(body.fields?.[0].field).toBe('file');
    const header = await api.postMultipart(FinancePaths.ratesImport, { cookie: t.finance, file: csvFile('When,USD\n2025-05-12,1.1\n') });
    expect(header.statusCode).toBe(400);
    expect(header.json<ApiErrorBody>().message).toContain('ECB_CSV_BAD_HEADER');
    expect(await rateCount()).toBe(before);
  });

  it('only finance imports and enters rates; officers and auditors read them; another agency sees none of them', async () => {
    expect((await api.postMultipart(FinancePaths.ratesImport, { cookie: t.officer, file: csvFile(ECB_FILE) })).statusCode).toBe(403);
    expect((await api.request('POST', FinancePaths.rates, { cookie: t.auditor, body: { rateDate: '2025-05-09', base: 'SEK', quote: 'IQD', rate: '120', source: 'x' } })).statusCode).toBe(403);
    const page = (await api.request('GET', `${FinancePaths.rates}?base=EUR&quote=USD&from=2025-05-01&to=2025-05-09`, { cookie: t.auditor })).json<Page<ExchangeRateView>>();
    expect(page.items.slice(0, 2).map((r) => [r.rateDate, r.rate])).toEqual([
      ['2025-05-09', '1.1252'],
      ['2025-05-08', '1.1297'],
    ]);
    expect(page.items.every((r) => r.rateDate >= '2025-05-01' && r.rateDate <= '2025-05-09')).toBe(true);
    expect(page.items.every((r) => r.base === 'EUR' && r.quote === 'USD' && r.source === 'ECB')).toBe(true);
    expect((await api.request('GET', FinancePaths.rates, { cookie: t.southFinance })).json<Page<ExchangeRateView>>().total).toBe(0);
    expect((await api.request('GET', FinancePaths.rates, { cookie: t.applicant })).statusCode).toBe(403);
  });

  it('manual entry: an exact decimal with its source; bad dates, pairs and rates are refused naming the field', async () => {
    const good = { rateDate: '2025-05-09', base: 'USD', quote: 'IQD', rate: '1310.5', source: 'Rafidain Bank receipt 7781' };
    const created = await api.request('POST', FinancePaths.rates, { cookie: t.finance, body: good });
    expect(created.statusCode).toBe(201);
    expect(created.json<ExchangeRateView>()).toMatchObject({ base: 'USD', quote: 'IQD', rate: '1310.5', source: 'Rafidain Bank receipt 7781' });
    expect((await api.request('POST', FinancePaths.rates, { cookie: t.finance, body: good })).statusCode).toBe(409);
    const before = await rateCount();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ rateDate: '2999-01-01' }, 'rateDate', 'future'],
      [{ rateDate: '2025-13-01' }, 'rateDate', 'calendar date'],
      [{ quote: 'USD' }, 'quote', 'different currencies'],
      [{ quote: 'XAU' }, 'quote', 'must be one of'],
      [{ rate: '0' }, 'rate', 'RATE_ZERO'],
      [{ rate: '0.0000000000000' }, 'rate', 'RATE_ZERO'],
      [{ rate: 'abc' }, 'rate', 'RATE_NOT_A_NUMBER'],
      [{ rate: '1e3' }, 'rate', 'RATE_NOT_A_NUMBER'],
      [{ rate: '-1310' }, 'rate', 'RATE_NEGATIVE'],
      [{ rate: '1310.1234567890123' }, 'rate', 'RATE_TOO_MANY_DECIMALS'],
      [{ rate: 1310 }, 'rate', 'must be a string'],
      [{ source: ' ' }, 'source', 'where the rate comes from'],
    ];
    for (const [overrides, field, message] of cases) {
      const response = await api.request('POST', FinancePaths.rates, { cookie: t.finance, body: { ...good, rateDate: '2025-05-08', ...overrides } });
      expect([response.statusCode, field]).toEqual([400, field]);
      const body = response.json<ApiErrorBody>();
      expect(body.fields?.map((f) => f.field)).toContain(field);
      expect(JSON.stringify(body)).toContain(message);
    }
    expect(await rateCount()).toBe(before);
  });

  it('the suggested rate: direct, inverse, cross via EUR, the last published on a weekend, none after 7 days', async () => {
    const suggest = async (base: string, quote: string, valueDate: string) =>
      (await api.request('GET', `${FinancePaths.suggestedRate}?base=${base}&quote=${quote}&valueDate=${valueDate}`, { cookie: t.officer })).json<SuggestedRateView>();
    expect(await suggest('EUR', 'SEK', '2025-05-09')).toEqual({ base: 'EUR', quote: 'SEK', valueDate: '2025-05-09', rate: '10.92', rateDate: '2025-05-09', source: 'ECB', method: 'direct' });
    // Saturday: Friday's rate.
    expect(await suggest('EUR', 'SEK', '2025-05-10')).toMatchObject({ rate: '10.92', rateDate: '2025-05-09', method: 'direct' });
    // SEK→EUR: 1 / 10.92 to 12 decimals.
    expect(await suggest('SEK', 'EUR', '2025-05-09')).toMatchObject({ rate: '0.091575091575', method: 'inverse' });
    // SEK→USD: 1.1252 / 10.92.
    expect(await suggest('SEK', 'USD', '2025-05-09')).toMatchObject({ rate: '0.10304029304', method: 'cross_eur', source: 'ECB (cross via EUR)' });
    // The manual USD→IQD rate, and its inverse.
    expect(await suggest('IQD', 'USD', '2025-05-09')).toMatchObject({ rate: '0.000763067531', method: 'inverse', source: 'Rafidain Bank receipt 7781' });
    // More than 7 days after the last ECB rate: none.
    expect(await suggest('SEK', 'USD', '2025-05-17')).toMatchObject({ rate: null, rateDate: null, method: null });
    expect((await api.request('GET', `${FinancePaths.suggestedRate}?base=SEK&quote=USD&valueDate=yesterday`, { cookie: t.officer })).statusCode).toBe(400);
  });

  it('finance settings: threshold, three people and the debtor account, with a reason on the trail, after re-authentication', async () => {
    const defaults = (await api.request('GET', FinancePaths.settings, { cookie: t.finance })).json<FinanceSettingsView>();
    expect(defaults).toEqual({ secondApprovalThresholdMinor: '10000000', threePeople: true, agencyName: null, agencyIban: null, agencyBic: null });
    const body = { secondApprovalThresholdMinor: '50000000', threePeople: false, agencyName: 'Sida', agencyIban: 'SE45 5000 0000 0583 9825 7466', agencyBic: 'essesess', reason: 'Board decision 2026-11' };
    const stale = await api.request('PUT', FinancePaths.settings, { cookie: t.finance, body });
    expect(stale.statusCode).toBe(403);
    expect(stale.json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
    await api.reauth(t.finance);
    const badIban = await api.request('PUT', FinancePaths.settings, { cookie: t.finance, body: { ...body, agencyIban: 'SE45 5000 0000 0583 9825 7467' } });
    expect(badIban.statusCode).toBe(400);
    expect(badIban.json<ApiErrorBody>().fields?.[0].field).toBe('agencyIban');
    const badBic = await api.request('PUT', FinancePaths.settings, { cookie: t.finance, body: { ...body, agencyBic: 'ESS' } });
    expect(badBic.json<ApiErrorBody>().fields?.[0].field).toBe('agencyBic');
    const saved = await api.request('PUT', FinancePaths.settings, { cookie: t.finance, body });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<FinanceSettingsView>()).toEqual({ secondApprovalThresholdMinor: '50000000', threePeople: false, agencyName: 'Sida', agencyIban: 'SE4550000000058398257466', agencyBic: 'ESSESESS' });
    const [trail] = (await api.dataSource.query(`SELECT before, after, reason FROM activity_record WHERE action = 'finance_settings.updated'`)) as {
      before: FinanceSettingsView;
      after: FinanceSettingsView;
      reason: string;
    }[];
    expect(trail).toMatchObject({ before: { threePeople: true }, after: { threePeople: false, secondApprovalThresholdMinor: '50000000' }, reason: 'Board decision 2026-11' });
    expect((await api.request('GET', FinancePaths.settings, { cookie: t.officer })).statusCode).toBe(403);
    expect((await api.request('GET', FinancePaths.settings, { cookie: t.southFinance })).json<FinanceSettingsView>().threePeople).toBe(true);
  });
});
