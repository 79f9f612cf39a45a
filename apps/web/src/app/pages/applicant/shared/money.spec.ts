import {
  formatMoney,
  formatShare,
  minorToInput,
  normalizeDigits,
  parseAmount,
  shareBp,
} from './money';

describe('parseAmount', () => {
  it.each([
    ['12500', 1250000n],
    ['12500.5', 1250050n],
    ['12 500.50', 1250050n],
    ['12,500.50', 1250050n],
    ['12500,50', 1250050n],
    ['  7 ', 700n],
    ['١٢٥٠٠٫٥', 1250050n],
    ['۱۰۰', 10000n],
  ])('reads %p in SEK as %p minor units', (text, minor) => {
    expect(parseAmount(text, 'SEK')).toEqual({ ok: true, minor });
  });

  it('treats a comma before three digits as grouping, not as decimals', () => {
    expect(parseAmount('12,500', 'SEK')).toEqual({ ok: true, minor: 1250000n });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'invalid'],
    ['12.5.5', 'invalid'],
    ['1e5', 'invalid'],
    ['12.555', 'decimals'],
    ['-5', 'negative'],
  ])('refuses %p (%s)', (text, problem) => {
    expect(parseAmount(text, 'SEK')).toEqual({ ok: false, problem });
  });

  it('allows three decimals in IQD', () => {
    expect(parseAmount('1.250', 'IQD')).toEqual({ ok: true, minor: 1250n });
  });
});

describe('normalizeDigits', () => {
  it('turns Arabic-Indic digits and separators into Western ones', () => {
    expect(normalizeDigits('١٬٢٣٤٫٥٦')).toBe('1234.56');
  });
});

describe('minorToInput', () => {
  it('drops zero cents but keeps real ones', () => {
    expect(minorToInput('1250000', 'SEK')).toBe('12500');
    expect(minorToInput('1250050', 'SEK')).toBe('12500.50');
    expect(minorToInput(5n, 'SEK')).toBe('0.05');
  });
});

describe('formatMoney', () => {
  it('formats exactly, even beyond what a double can hold', () => {
    // 2^53 + 1 minor units: a float would round the last digit away.
    const text = formatMoney('9007199254740993', 'SEK', 'en-GB');
    expect(text.replace(/[^\d.]/g, '')).toBe('90071992547409.93');
  });

  it('writes the currency and the locale’s separators', () => {
    expect(formatMoney('1250050', 'SEK', 'en-GB')).toMatch(/12,500\.50/);
    expect(formatMoney('1250050', 'SEK', 'sv-SE')).toMatch(/12\s500,50\s*kr/);
  });

  it('counts anything that is not minor units as zero', () => {
    expect(formatMoney('12.5', 'SEK', 'en-GB')).toMatch(/0\.00/);
  });
});

describe('formatShare', () => {
  it('writes basis points as a percentage', () => {
    expect(formatShare(700, 'en-GB')).toBe('7%');
    expect(formatShare(1250, 'en-GB')).toBe('12.5%');
    expect(formatShare(0, 'en-GB')).toBe('0%');
  });

  it('computes shares of bigint amounts, rounding down', () => {
    expect(shareBp(1n, 3n)).toBe(3333);
    expect(shareBp(5n, 0n)).toBe(0);
  });
});
