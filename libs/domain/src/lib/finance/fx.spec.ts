import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { MoneyError } from '../money/money';
import {
  FxError,
  Rate,
  convertMinor,
  crossRate,
  divRoundHalfEven,
  formatRate,
  invertRate,
  parseEcbCsv,
  parseRate,
  rateForValueDate,
  ratesEqual,
} from './fx';

const excerpt = readFileSync(join(__dirname, 'testdata', 'ecb-eurofxref-hist-excerpt.csv'), 'utf8');

function fxCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FxError);
    expect(e).toBeInstanceOf(MoneyError);
    return (e as FxError).code;
  }
  throw new Error('expected an FxError');
}

function fxError(fn: () => unknown): FxError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FxError) return e;
    throw e;
  }
  throw new Error('expected an FxError');
}

describe('parseRate', () => {
  it('parses to units and scale, canonical text', () => {
    expect(parseRate('10.92')).toEqual({ text: '10.92', units: 1092n, scale: 2 });
    expect(parseRate('1300')).toEqual({ text: '1300', units: 1300n, scale: 0 });
    expect(parseRate(' 0.000769230769 ')).toEqual({ text: '0.000769230769', units: 769230769n, scale: 12 });
  });

  it('reads the database form numeric(28,12) as the same rate', () => {
    expect(parseRate('10.920000000000')).toEqual(parseRate('10.92'));
    expect(parseRate('1300.000000000000')).toEqual({ text: '1300', units: 1300n, scale: 0 });
    expect(parseRate('007.50')).toEqual({ text: '7.5', units: 75n, scale: 1 });
  });

  it('accepts the bounds: 12 decimals, 16 integer digits', () => {
    expect(parseRate('0.000000000001').units).toBe(1n);
    expect(parseRate('9999999999999999.999999999999').text).toBe('9999999999999999.999999999999');
  });

  it.each([
    ['0', 'RATE_ZERO'],
    ['0.000', 'RATE_ZERO'],
    ['-1.5', 'RATE_NEGATIVE'],
    ['abc', 'RATE_NOT_A_NUMBER'],
    ['', 'RATE_NOT_A_NUMBER'],
    ['1e3', 'RATE_NOT_A_NUMBER'],
    ['1,5', 'RATE_NOT_A_NUMBER'],
    ['1.', 'RATE_NOT_A_NUMBER'],
    ['.5', 'RATE_NOT_A_NUMBER'],
    ['NaN', 'RATE_NOT_A_NUMBER'],
    ['Infinity', 'RATE_NOT_A_NUMBER'],
    ['0.0000000000001', 'RATE_TOO_MANY_DECIMALS'],
    ['1.1234567890123', 'RATE_TOO_MANY_DECIMALS'],
    ['10000000000000000', 'RATE_TOO_MANY_DIGITS'],
    ['1'.repeat(41), 'RATE_TOO_MANY_DIGITS'],
    ['1'.repeat(101), 'RATE_NOT_A_NUMBER'],
    ['+1.5', 'RATE_NOT_A_NUMBER'],
    ['1.5 SEK', 'RATE_NOT_A_NUMBER'],
  ])('refuses %p with %s', (text, code) => {
    expect(fxCode(() => parseRate(text))).toBe(code);
  });

  it('names the rate and the limit in the params', () => {
    expect(fxError(() => parseRate('1.1234567890123')).params).toEqual({ rate: '1.1234567890123', maxDecimals: 12 });
  });

  it('property: formatRate(parseRate(x)) round-trips any valid rate', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 16n - 1n }), fc.integer({ min: 0, max: 12 }), (units, scale) => {
        const digits = units.toString().padStart(scale + 1, '0');
        const text = scale ? `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}` : digits;
        const rate = parseRate(text);
        expect(ratesEqual(rate, { text, units, scale })).toBe(true);
        expect(parseRate(formatRate(rate))).toEqual(rate);
      }),
    );
  });
});

describe('divRoundHalfEven', () => {
  it.each([
    [5n, 2n, 2n],
    [7n, 2n, 4n],
    [15n, 10n, 2n],
    [25n, 10n, 2n],
    [26n, 10n, 3n],
    [24n, 10n, 2n],
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [-26n, 10n, -3n],
    [0n, 3n, 0n],
  ])('%p / %p = %p', (n, d, q) => {
    expect(divRoundHalfEven(n, d)).toBe(q);
  });

  it('property: the result is within half a unit and ties go to even', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 15n }), (n, d) => {
        const q = divRoundHalfEven(n, d);
        const twiceError = 2n * (n - q * d);
        const abs = twiceError < 0n ? -twiceError : twiceError;
        expect(abs <= d).toBe(true);
        if (abs === d) expect(q % 2n).toBe(0n);
      }),
    );
  });

  it('refuses a zero divisor', () => {
    expect(() => divRoundHalfEven(1n, 0n)).toThrow(MoneyError);
  });
});

describe('convertMinor', () => {
  const usdIqd = parseRate('1300');
  const eurSek = parseRate('10.92');

  it('USD (2 decimals) → IQD (3 decimals)', () => {
    // 100.00 USD × 1300 = 130 000.000 IQD
    expect(convertMinor(10_000n, 'USD', 'IQD', usdIqd)).toBe(130_000_000n);
    // 0.01 USD = 13.000 IQD
    expect(convertMinor(1n, 'USD', 'IQD', usdIqd)).toBe(13_000n);
  });

  it('IQD → USD rounds half to even at the cent', () => {
    const iqdUsd = invertRate(usdIqd); // 0.000769230769
    // 130 000.000 IQD × 0.000769230769 = 99.99999997 USD → 100.00
    expect(convertMinor(130_000_000n, 'IQD', 'USD', iqdUsd)).toBe(10_000n);
    // Exact halves: 1 IQD minor at 5 (= 0.005 units): 0.001 IQD × 5 = 0.005 USD → 0.00 (even), 0.015 → 0.02
    expect(convertMinor(1n, 'IQD', 'USD', parseRate('5'))).toBe(0n);
    expect(convertMinor(3n, 'IQD', 'USD', parseRate('5'))).toBe(2n);
    expect(convertMinor(5n, 'IQD', 'USD', parseRate('5'))).toBe(2n); // 0.025 → 0.02
    expect(convertMinor(7n, 'IQD', 'USD', parseRate('5'))).toBe(4n); // 0.035 → 0.04
  });

  it('SEK/EUR with 2 decimals on both sides', () => {
    // 1 000.00 EUR × 10.92 = 10 920.00 SEK
    expect(convertMinor(100_000n, 'EUR', 'SEK', eurSek)).toBe(1_092_000n);
    // 0.05 EUR × 10.92 = 0.546 SEK → 0.55
    expect(convertMinor(5n, 'EUR', 'SEK', eurSek)).toBe(55n);
    // 0.25 × 0.5 = 0.125 → 0.12 (even); 0.35 × 0.5 = 0.175 → 0.18 (even)
    expect(convertMinor(25n, 'SEK', 'USD', parseRate('0.5'))).toBe(12n);
    expect(convertMinor(35n, 'SEK', 'USD', parseRate('0.5'))).toBe(18n);
  });

  it('SEK → USD at the ECB cross rate of 2025-05-09', () => {
    const sekUsd = crossRate(parseRate('10.92'), parseRate('1.1252'));
    expect(sekUsd.text).toBe('0.10304029304');
    // 1 250 000.00 SEK × 0.103040293040 = 128 800.36630 USD → 128 800.37
    expect(convertMinor(125_000_000n, 'SEK', 'USD', sekUsd)).toBe(12_880_037n);
  });

  it('IQD → SEK (3 decimals → 2 decimals)', () => {
    // 1 000.000 IQD × 0.0084 = 8.40 SEK
    expect(convertMinor(1_000_000n, 'IQD', 'SEK', parseRate('0.0084'))).toBe(840n);
    // 0.625 IQD × 1 = 0.625 SEK → 0.62 ; 0.635 → 0.64
    expect(convertMinor(625n, 'IQD', 'SEK', parseRate('1'))).toBe(62n);
    expect(convertMinor(635n, 'IQD', 'SEK', parseRate('1'))).toBe(64n);
  });

  it('negative amounts round symmetrically', () => {
    expect(convertMinor(-5n, 'EUR', 'SEK', eurSek)).toBe(-55n);
    expect(convertMinor(-25n, 'SEK', 'USD', parseRate('0.5'))).toBe(-12n);
  });

  it('property: at rate 1 between two 2-decimal currencies the amount is unchanged', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), (a) => {
        expect(convertMinor(a, 'SEK', 'USD', parseRate('1'))).toBe(a);
        expect(convertMinor(a, 'USD', 'IQD', parseRate('1'))).toBe(a * 10n);
      }),
    );
  });

  it('property: conversion is within half a minor unit of the exact product', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 16n }), fc.integer({ min: 0, max: 12 }), (a, units, scale) => {
        const rate: Rate = { text: '', units, scale };
        const got = convertMinor(a, 'IQD', 'SEK', rate);
        // exact value in SEK minor × 10^(scale+1): a × units × 10^2 / 10^(scale+3)
        const denominator = 10n ** BigInt(scale + 1);
        const twiceError = 2n * (a * units - got * denominator);
        expect(twiceError <= denominator && twiceError >= -denominator).toBe(true);
      }),
    );
  });
});

describe('crossRate and invertRate', () => {
  it('cross rates via EUR are exact to 12 decimals, half even', () => {
    expect(crossRate(parseRate('10.92'), parseRate('1.1252')).text).toBe('0.10304029304');
    expect(crossRate(parseRate('1.1252'), parseRate('10.92')).text).toBe('9.704941343761');
    expect(crossRate(parseRate('10.92'), parseRate('0.8477')).text).toBe('0.077628205128');
    expect(crossRate(parseRate('1.1252'), parseRate('18606.59')).text).toBe('16536.251333096338');
  });

  it('a tie at the 12th decimal goes to even', () => {
    // 0.000000000003 / 2 = 1.5e-12 → 2e-12; 2.5e-12 → 2e-12; 3.5e-12 → 4e-12
    expect(crossRate(parseRate('2'), parseRate('0.000000000003')).text).toBe('0.000000000002');
    expect(crossRate(parseRate('2'), parseRate('0.000000000005')).text).toBe('0.000000000002');
    expect(crossRate(parseRate('2'), parseRate('0.000000000007')).text).toBe('0.000000000004');
  });

  it('refuses a cross rate that rounds to zero', () => {
    expect(fxCode(() => crossRate(parseRate('2'), parseRate('0.000000000001')))).toBe('RATE_ZERO');
  });

  it('a currency against itself is 1', () => {
    expect(crossRate(parseRate('10.92'), parseRate('10.920')).text).toBe('1');
  });

  it('inverts exactly', () => {
    expect(invertRate(parseRate('1300')).text).toBe('0.000769230769');
    expect(invertRate(parseRate('0.5')).text).toBe('2');
    expect(invertRate(parseRate('3')).text).toBe('0.333333333333');
    expect(invertRate(parseRate('1.5')).text).toBe('0.666666666667');
  });

  it('refuses a cross rate beyond 16 integer digits; the smallest rate inverts', () => {
    expect(fxCode(() => crossRate(parseRate('0.000000000001'), parseRate('9999999999999999')))).toBe('RATE_TOO_MANY_DIGITS');
    expect(invertRate(parseRate('0.000000000001')).text).toBe('1000000000000');
  });

  it('property: crossRate(x, y) = round12(y / x)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 10n }), fc.integer({ min: 0, max: 6 }), fc.bigInt({ min: 1n, max: 10n ** 10n }), fc.integer({ min: 0, max: 6 }), (ux, sx, uy, sy) => {
        const x = parseRate(formatRate({ text: '', units: ux, scale: sx }));
        const y = parseRate(formatRate({ text: '', units: uy, scale: sy }));
        let cross: Rate;
        try {
          cross = crossRate(x, y);
        } catch (e) {
          expect((e as FxError).code).toMatch(/^RATE_(ZERO|TOO_MANY_DIGITS)$/);
          return;
        }
        // |cross − y/x| ≤ 0.5e-12  ⇔  |2 (cross·x − y)| · 10^12 ≤ x (all scaled to integers)
        const common = 10n ** BigInt(cross.scale + x.scale + y.scale);
        const crossTimesX = (cross.units * x.units * common) / 10n ** BigInt(cross.scale + x.scale);
        const yScaled = (y.units * common) / 10n ** BigInt(y.scale);
        const twiceError = 2n * (crossTimesX - yScaled) * 10n ** 12n;
        const xScaled = (x.units * common) / 10n ** BigInt(x.scale);
        expect(twiceError <= xScaled && twiceError >= -xScaled).toBe(true);
      }),
    );
  });
});

describe('parseEcbCsv', () => {
  it('reads the real ECB layout (excerpt of eurofxref-hist.csv)', () => {
    const rows = parseEcbCsv(excerpt);
    const sek0509 = rows.find((r) => r.date === '2025-05-09' && r.quote === 'SEK');
    const usd0509 = rows.find((r) => r.date === '2025-05-09' && r.quote === 'USD');
    expect(sek0509).toEqual({ date: '2025-05-09', quote: 'SEK', rate: '10.92' });
    expect(usd0509).toEqual({ date: '2025-05-09', quote: 'USD', rate: '1.1252' });
    // N/A cells are skipped, never read as zero: no CYP quote in 2025, one in 1999
    expect(rows.some((r) => r.date === '2025-05-09' && r.quote === 'CYP')).toBe(false);
    expect(rows.find((r) => r.date === '1999-01-04' && r.quote === 'CYP')).toEqual({ date: '1999-01-04', quote: 'CYP', rate: '0.58231' });
    expect(rows.every((r) => parseRate(r.rate).text === r.rate)).toBe(true);
    // 20 days; 2025 rows have 30 quotes (41 columns minus 11 N/A)
    expect(new Set(rows.map((r) => r.date)).size).toBe(20);
    expect(rows.filter((r) => r.date === '2025-05-09')).toHaveLength(30);
  });

  it('SEK→USD for a day of the file', () => {
    const rows = parseEcbCsv(excerpt).filter((r) => r.date === '2025-05-08');
    const sek = parseRate(rows.find((r) => r.quote === 'SEK')?.rate ?? '');
    const usd = parseRate(rows.find((r) => r.quote === 'USD')?.rate ?? '');
    expect(sek.text).toBe('10.903');
    expect(usd.text).toBe('1.1297');
    expect(crossRate(sek, usd).text).toBe('0.103613684307');
  });

  it('tolerates CRLF, a BOM, blank lines and rows without the trailing comma', () => {
    const text = '\uFEFFDate,USD,SEK,\r\n2025-05-09,1.1252,10.92,\r\n\r\n2025-05-08,1.1297,10.903\r\n';
    expect(parseEcbCsv(text)).toEqual([
      { date: '2025-05-09', quote: 'USD', rate: '1.1252' },
      { date: '2025-05-09', quote: 'SEK', rate: '10.92' },
      { date: '2025-05-08', quote: 'USD', rate: '1.1297' },
      { date: '2025-05-08', quote: 'SEK', rate: '10.903' },
    ]);
  });

  it('a short row (trailing quotes missing) keeps what it has', () => {
    expect(parseEcbCsv('Date,USD,SEK\n2025-05-09,1.1252\n')).toEqual([{ date: '2025-05-09', quote: 'USD', rate: '1.1252' }]);
  });

  it.each([
    ['', 'ECB_CSV_EMPTY', {}],
    ['Datum,USD\n2025-05-09,1.1\n', 'ECB_CSV_BAD_HEADER', { row: 1, column: 'Datum' }],
    ['Date\n2025-05-09\n', 'ECB_CSV_BAD_HEADER', { row: 1, column: 'Date' }],
    ['Date,usd\n', 'ECB_CSV_BAD_HEADER', { row: 1, column: 2, value: 'usd' }],
    ['Date,USD\n2025-02-30,1.1\n', 'ECB_CSV_BAD_DATE', { row: 2, column: 'Date', value: '2025-02-30' }],
    ['Date,USD\n09/05/2025,1.1\n', 'ECB_CSV_BAD_DATE', { row: 2, column: 'Date', value: '09/05/2025' }],
    ['Date,USD,SEK\n2025-05-09,1.1,10.92\n2025-05-08,1.1,abc\n', 'ECB_CSV_BAD_RATE', { row: 3, column: 'SEK', value: 'abc', problem: 'RATE_NOT_A_NUMBER' }],
    ['Date,USD,SEK\n2025-05-09,0,10.92\n', 'ECB_CSV_BAD_RATE', { row: 2, column: 'USD', value: '0', problem: 'RATE_ZERO' }],
    ['Date,USD,SEK\n2025-05-09,-1,10.92\n', 'ECB_CSV_BAD_RATE', { row: 2, column: 'USD', value: '-1', problem: 'RATE_NEGATIVE' }],
    ['Date,USD\n2025-05-09,1.1,2.2,3.3\n', 'ECB_CSV_TOO_MANY_CELLS', { row: 2, cells: 4, columns: 2 }],
    ['Date,USD\n2025-05-09,1.1\n2025-05-09,1.2\n', 'ECB_CSV_DUPLICATE_DATE', { row: 3, column: 'Date', value: '2025-05-09' }],
  ])('refuses %p with %s naming row and column', (text, code, params) => {
    const error = fxError(() => parseEcbCsv(text));
    expect(error.code).toBe(code);
    expect(error.params).toEqual(params);
  });
});

describe('rateForValueDate', () => {
  const rates = parseEcbCsv(excerpt)
    .filter((r) => r.quote === 'SEK')
    .map((r) => ({ date: r.date, rate: parseRate(r.rate) }));

  it('takes the rate of the value date when published', () => {
    expect(rateForValueDate(rates, '2025-05-08')).toEqual({ ok: true, date: '2025-05-08', rate: parseRate('10.903'), ageDays: 0 });
  });

  it('on a weekend takes the last published rate and says how old it is', () => {
    const saturday = rateForValueDate(rates, '2025-05-03');
    expect(saturday).toMatchObject({ ok: true, date: '2025-05-02', ageDays: 1 });
    // Easter 2025: no rates from 18 to 21 April
    expect(rateForValueDate(rates, '2025-04-21')).toMatchObject({ ok: true, date: '2025-04-17', ageDays: 4 });
  });

  it('accepts a rate exactly 7 days old, refuses an older one and a date before any rate', () => {
    expect(rateForValueDate(rates, '2025-05-16')).toMatchObject({ ok: true, date: '2025-05-09', ageDays: 7 });
    expect(rateForValueDate(rates, '2025-05-17')).toEqual({ ok: false, code: 'RATE_TOO_OLD', params: { valueDate: '2025-05-17', latestDate: '2025-05-09', maxAgeDays: 7 } });
    expect(rateForValueDate(rates, '1998-12-31')).toEqual({ ok: false, code: 'RATE_NOT_FOUND', params: { valueDate: '1998-12-31', latestDate: null, maxAgeDays: 7 } });
    expect(rateForValueDate(rates, '2025-05-17', 10)).toMatchObject({ ok: true, ageDays: 8 });
  });
});
