import { parseRate } from '@mizan/domain';
import { budgetVsActual, checkLine, grantAmount, lineEditable, lineRemovable, reportEditable, type LineContext } from './report-rules';
import { trancheRateFor } from './reports.service';

const ctx: LineContext = { grantCurrency: 'SEK', budgetLineIds: new Set(['b1', 'b2']), allowedCurrencies: ['IQD', 'SEK', 'USD'], today: '2026-06-30' };
const good = { spentOn: '2026-06-01', budgetLineId: 'b1', supplier: ' Basra Supplies ', description: 'Gloves', amountMinor: '12550', currency: 'SEK', paymentMethod: 'bank' };
const codes = (input: Record<string, unknown>) => {
  const result = checkLine(input, ctx);
  return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`);
};

describe('checkLine', () => {
  it('accepts a good line in the grant currency, trimmed, without a rate', () => {
    const result = checkLine(good, ctx);
    expect(result).toEqual({
      ok: true,
      line: { spentOn: '2026-06-01', budgetLineId: 'b1', supplier: 'Basra Supplies', description: 'Gloves', amountMinor: 12550n, currency: 'SEK', paymentMethod: 'bank', rate: null, rateSource: null, rateNote: null },
    });
  });

  it('names every bad field at once', () => {
    expect(codes({ ...good, spentOn: '2026-07-01', budgetLineId: 'b9', supplier: '', amountMinor: '0', currency: 'GBP', paymentMethod: 'cheque' })).toEqual([
      'spentOn:DATE_IN_FUTURE',
      'budgetLineId:BUDGET_LINE_UNKNOWN',
      'supplier:REQUIRED',
      'amountMinor:AMOUNT_NOT_POSITIVE',
      'currency:CURRENCY_NOT_ALLOWED',
      'paymentMethod:METHOD_INVALID',
    ]);
    expect(codes({ ...good, spentOn: '2026-02-30', amountMinor: '12.5', currency: 'XYZ' })).toEqual(['spentOn:DATE_INVALID', 'amountMinor:AMOUNT_INVALID', 'currency:CURRENCY_UNKNOWN']);
    expect(codes({ ...good, amountMinor: '9007199254740992' })).toEqual(['amountMinor:AMOUNT_TOO_LARGE']);
    expect(codes({ ...good, supplier: 'a\u0000b' })).toEqual(['supplier:INVALID_CHARACTER']);
  });

  it('wants a source with a typed rate, a note for "other", a rate for "bank", and no rate but 1 in the grant currency', () => {
    expect(codes({ ...good, currency: 'IQD', rate: '0.0072' })).toEqual(['rateSource:RATE_SOURCE_REQUIRED']);
    expect(codes({ ...good, currency: 'IQD', rate: '0.0072', rateSource: 'other' })).toEqual(['rateNote:RATE_NOTE_REQUIRED']);
    expect(codes({ ...good, currency: 'IQD', rateSource: 'bank' })).toEqual(['rate:RATE_MISSING']);
    expect(codes({ ...good, currency: 'IQD', rate: '0', rateSource: 'bank' })).toEqual(['rate:RATE_ZERO']);
    expect(codes({ ...good, currency: 'IQD', rate: '1e5', rateSource: 'bank' })).toEqual(['rate:RATE_NOT_A_NUMBER']);
    expect(codes({ ...good, rate: '2', rateSource: 'bank' })).toEqual(['rate:RATE_NOT_ONE']);
    expect(codes({ ...good, rate: '1.000', rateSource: 'bank' })).toEqual([]);
    const typed = checkLine({ ...good, currency: 'IQD', rate: '0.00720', rateSource: 'bank', rateNote: 'advice 7' }, ctx);
    expect(typed.ok && [typed.line.rate?.text, typed.line.rateSource, typed.line.rateNote]).toEqual(['0.0072', 'bank', 'advice 7']);
  });
});

describe('grantAmount', () => {
  it('converts exactly, half to even, and leaves the grant currency alone', () => {
    expect(grantAmount({ amountMinor: 250000000n, currency: 'IQD' }, 'SEK', parseRate('0.0072'))).toBe(180000n);
    // 0.125 SEK → half to even: 0.12
    expect(grantAmount({ amountMinor: 125n, currency: 'IQD' }, 'SEK', parseRate('1'))).toBe(12n);
    expect(grantAmount({ amountMinor: 135n, currency: 'IQD' }, 'SEK', parseRate('1'))).toBe(14n);
    expect(grantAmount({ amountMinor: 777n, currency: 'SEK' }, 'SEK', null)).toBe(777n);
  });
});

describe('editability', () => {
  it('opens draft and returned reports, and only questioned lines of a submitted one', () => {
    expect(['draft', 'submitted', 'returned', 'accepted'].filter((s) => reportEditable(s as never))).toEqual(['draft', 'returned']);
    expect(lineEditable('draft', 'draft')).toBe(true);
    expect(lineEditable('returned', 'questioned')).toBe(true);
    expect(lineEditable('returned', 'accepted')).toBe(false);
    expect(lineEditable('submitted', 'questioned')).toBe(true);
    expect(lineEditable('submitted', 'submitted')).toBe(false);
    expect(lineEditable('accepted', 'questioned')).toBe(false);
    expect(lineRemovable('submitted', 'questioned')).toBe(false);
    expect(lineRemovable('returned', 'ineligible')).toBe(false);
  });
});

describe('budgetVsActual', () => {
  it('adds previous and this report per budget line and flags spending over the tolerance', () => {
    const rows = budgetVsActual(
      [
        { id: 'b1', category: 'personnel', description: 'Nurses', amountMinor: '100000' },
        { id: 'b2', category: 'equipment', description: 'Kits', amountMinor: '50000' },
      ],
      new Map([['b1', 60000n]]),
      new Map([
        ['b1', 50000n],
        ['b2', 56000n],
        ['old', 10n],
      ]),
      1000,
    );
    expect(rows.map((r) => [r.budgetLineId, r.previousMinor, r.thisReportMinor, r.varianceMinor, r.overTolerance])).toEqual([
      ['b1', '60000', '50000', '10000', false], // 10 % over: exactly the tolerance
      ['b2', '0', '56000', '6000', true], // 12 % over
      ['old', '0', '10', '10', true], // a budget line the version no longer has
    ]);
  });
});

describe('trancheRateFor', () => {
  const rates = [
    { currency: 'IQD' as const, rate: parseRate('0.007'), receivedOn: '2026-02-01' },
    { currency: 'IQD' as const, rate: parseRate('0.0075'), receivedOn: '2026-05-01' },
    { currency: 'USD' as const, rate: parseRate('10.5'), receivedOn: '2026-01-10' },
  ];
  it('takes the tranche received last on or before the line date, else the first one', () => {
    expect(trancheRateFor(rates, 'IQD', '2026-04-30')?.rate.text).toBe('0.007');
    expect(trancheRateFor(rates, 'IQD', '2026-05-01')?.rate.text).toBe('0.0075');
    expect(trancheRateFor(rates, 'IQD', '2026-01-01')?.rate.text).toBe('0.007');
    expect(trancheRateFor(rates, 'SEK', '2026-05-01')).toBeNull();
  });
});
