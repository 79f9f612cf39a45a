import type { IatiTraceItem, RedactionView } from '@mizan/contracts';
import {
  isRunning,
  jobPercent,
  jobState,
  levelKey,
  localized,
  reasonMessage,
  redactionCounts,
  shortHash,
  summaryOf,
  traceGroups,
  yearSeries,
} from './transparency-view';

const item = (path: string, value: string, kind: IatiTraceItem['source']['kind'] = 'grant', field?: string): IatiTraceItem => ({
  path,
  value,
  source: { kind, id: 'g-1', ...(field ? { field } : {}) },
});

const redaction = (over: Partial<RedactionView> = {}): RedactionView => ({
  grantId: 'g-1',
  grantNumber: 'G-2027-001',
  element: 'partner_name',
  reason: 'security_level',
  params: { governorate: 'IQ-NI', level: 'no_access' },
  replacement: 'undisclosed',
  ...over,
});

describe('traceGroups', () => {
  it('groups an activity’s values by their element, in the file’s order, with the path under the element', () => {
    const groups = traceGroups([
      item('iati-activity[1]/@default-currency', 'SEK', 'program', 'currency'),
      item('iati-activity[1]/iati-identifier', 'SE-0-1-G-1'),
      item('iati-activity[1]/title/narrative[1]', 'Clinics', 'grant', 'title'),
      item('iati-activity[1]/transaction[2]/value', '1000', 'ledger_entry'),
      item('iati-activity[1]/transaction[2]/value/@value-date', '2027-01-02', 'ledger_entry'),
      item('iati-activity[1]/title/narrative[2]', 'عيادات', 'grant', 'titleAr'),
    ]);
    expect(groups.map((g) => [g.segment, g.element, g.items.map((i) => i.within)])).toEqual([
      ['iati-activity', 'iati-activity', ['@default-currency']],
      ['iati-identifier', 'iati-identifier', ['']],
      ['title', 'title', ['narrative[1]', 'narrative[2]']],
      ['transaction[2]', 'transaction', ['value', 'value/@value-date']],
    ]);
    expect(groups[2].items[0]).toMatchObject({ kind: 'grant', record: 'g-1 · title', value: 'Clinics' });
  });

  it('shows nothing for no trace', () => {
    expect(traceGroups([])).toEqual([]);
  });
});

describe('redactions', () => {
  it('names the governorate and translates the level for a partner’s name or location', () => {
    const message = reasonMessage(
      redaction(),
      (key) => `«${key}»`,
      (code) => (code === 'IQ-NI' ? 'Nineveh' : undefined),
    );
    expect(message).toEqual({ key: 'transparency.reason.security_level', params: { governorate: 'Nineveh', level: '«transparency.level.no_access»' } });
  });

  it('falls back to the code, and to the raw level when it is not one Mizan knows', () => {
    expect(reasonMessage(redaction({ params: { governorate: 'IQ-XX', level: 'odd' } }), String, () => undefined).params).toEqual({
      governorate: 'IQ-XX',
      level: 'odd',
    });
    expect(levelKey(undefined)).toBeNull();
    expect(levelKey('restricted')).toBe('transparency.level.restricted');
  });

  it('says a withheld narrative’s reason without a governorate, the partner’s wish, and how many people are unnamed', () => {
    expect(reasonMessage(redaction({ element: 'narrative', params: {} }), String, () => undefined)).toEqual({ key: 'transparency.reason.security_level_any', params: {} });
    expect(reasonMessage(redaction({ reason: 'partner_wish', params: { partnerId: 'x' } }), String, () => undefined).key).toBe('transparency.reason.partner_wish');
    expect(reasonMessage(redaction({ reason: 'personal_data', params: { count: '3' } }), String, () => undefined)).toEqual({ key: 'transparency.reason.personal_data', params: { count: 3 } });
    expect(reasonMessage(redaction({ reason: 'personal_data', params: { count: 'lots' } }), String, () => undefined).params).toEqual({ count: 0 });
  });

  it('counts the redactions per reason', () => {
    expect(redactionCounts([redaction(), redaction({ element: 'sub_national_location' }), redaction({ reason: 'partner_wish' })])).toEqual([
      { reason: 'security_level', count: 2 },
      { reason: 'partner_wish', count: 1 },
    ]);
  });
});

describe('publication jobs', () => {
  it('maps the worker’s states to the progress component’s, a finished job with an invalid file as failed', () => {
    expect(jobState({ state: 'queued', record: null })).toBe('queued');
    expect(jobState({ state: 'active', record: null })).toBe('running');
    expect(jobState({ state: 'failed', record: null })).toBe('failed');
    const record = (status: 'published' | 'failed') => ({ status }) as NonNullable<Parameters<typeof jobState>[0]['record']>;
    expect(jobState({ state: 'completed', record: record('published') })).toBe('done');
    expect(jobState({ state: 'completed', record: record('failed') })).toBe('failed');
  });

  it('keeps the percentage within 0…100 and says 100 once completed', () => {
    expect(jobPercent({ state: 'active', progress: 40 })).toBe(40);
    expect(jobPercent({ state: 'active', progress: 140 })).toBe(100);
    expect(jobPercent({ state: 'active', progress: Number.NaN })).toBe(0);
    expect(jobPercent({ state: 'completed', progress: 0 })).toBe(100);
    expect(isRunning(null)).toBe(false);
    expect(isRunning({ state: 'queued' })).toBe(true);
    expect(isRunning({ state: 'completed' })).toBe(false);
  });
});

describe('texts', () => {
  it('reads a text in the reader’s language, else English', () => {
    expect(localized({ en: 'Agency', ar: 'الوكالة' }, 'ar')).toBe('الوكالة');
    expect(localized({ en: 'Agency', ar: ' ' }, 'ar')).toBe('Agency');
    expect(localized({ en: 'Agency' }, 'sv')).toBe('Agency');
    expect(localized(null, 'en')).toBe('');
  });

  it('sends a public summary without blank languages, or none at all', () => {
    expect(summaryOf({ en: ' Health ', ar: '', sv: 'Hälsa' })).toEqual({ en: 'Health', sv: 'Hälsa' });
    expect(summaryOf({ en: ' ', ar: '', sv: '' })).toBeNull();
  });

  it('shortens a hash for a table', () => {
    expect(shortHash('a'.repeat(64))).toBe('aaaaaaaaaaaa…');
    expect(shortHash(null)).toBe('—');
  });
});

describe('yearSeries', () => {
  it('adds the programs’ years up per currency, years ascending, with the largest amount as the scale', () => {
    const series = yearSeries([
      { currency: 'SEK', byYear: [{ year: 2028, committedMinor: '500', disbursedMinor: '100' }, { year: 2027, committedMinor: '1000', disbursedMinor: '400' }] },
      { currency: 'SEK', byYear: [{ year: 2027, committedMinor: '99999999999999999999', disbursedMinor: '1' }] },
      { currency: 'EUR', byYear: [{ year: 2027, committedMinor: '7', disbursedMinor: '0' }] },
    ]);
    expect(series.map((s) => s.currency)).toEqual(['EUR', 'SEK']);
    expect(series[1].years).toEqual([
      { year: 2027, committedMinor: '100000000000000000999', disbursedMinor: '401' },
      { year: 2028, committedMinor: '500', disbursedMinor: '100' },
    ]);
    expect(series[1].maxMinor).toBe(100000000000000000999n);
    expect(series[0].maxMinor).toBe(7n);
  });

  it('has a scale of at least 1 when everything is zero, and ignores amounts that are not numbers', () => {
    const [only] = yearSeries([{ currency: 'SEK', byYear: [{ year: 2027, committedMinor: 'x', disbursedMinor: '0' }] }]);
    expect(only.maxMinor).toBe(1n);
    expect(only.years[0].committedMinor).toBe('0');
  });
});
