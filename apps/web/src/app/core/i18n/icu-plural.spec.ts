import { formatPlurals } from './icu-plural';

describe('formatPlurals', () => {
  const text = '{count, plural, =0 {No payments} one {# payment} other {# payments}} to approve';

  it('picks the exact match, then the plural category of the locale', () => {
    expect(formatPlurals(text, { count: 0 }, 'en-GB')).toBe('No payments to approve');
    expect(formatPlurals(text, { count: 1 }, 'en-GB')).toBe('1 payment to approve');
    expect(formatPlurals(text, { count: 1200 }, 'en-GB')).toBe('1,200 payments to approve');
  });

  it('knows the six Arabic forms', () => {
    const ar = '{n, plural, zero {لا دفعات} one {دفعة واحدة} two {دفعتان} few {# دفعات} many {# دفعة} other {# دفعة}}';
    expect(formatPlurals(ar, { n: 2 }, 'ar')).toBe('دفعتان');
    expect(formatPlurals(ar, { n: 3 }, 'ar')).toMatch(/دفعات$/);
    expect(formatPlurals(ar, { n: 11 }, 'ar')).toMatch(/دفعة$/);
  });

  it('leaves text without a plural block alone, and keeps nested placeholders for translate()', () => {
    expect(formatPlurals('Hello {name}', { name: 'x' }, 'en-GB')).toBe('Hello {name}');
    expect(formatPlurals('{c, plural, one {# by {who}} other {# by {who}}}', { c: 2 }, 'en-GB')).toBe('2 by {who}');
  });
});

describe('formatPlurals (grants messages)', () => {
  const msg = '{count, plural, =0 {No grants} one {# grant} other {# grants}}';

  it('takes the exact branch first, then the plural category of the locale', () => {
    expect(formatPlurals(msg, { count: 0 }, 'en-GB')).toBe('No grants');
    expect(formatPlurals(msg, { count: 1 }, 'en-GB')).toBe('1 grant');
    expect(formatPlurals(msg, { count: 12 }, 'en-GB')).toBe('12 grants');
  });

  it('knows the six Arabic categories and writes # with the locale digits', () => {
    const ar = '{count, plural, zero {صفر} one {واحدة} two {اثنتان} few {# قليل} many {# كثير} other {# أخرى}}';
    expect(formatPlurals(ar, { count: 2 }, 'ar')).toBe('اثنتان');
    expect(formatPlurals(ar, { count: 3 }, 'ar')).toBe(`${new Intl.NumberFormat('ar').format(3)} قليل`);
    expect(formatPlurals(ar, { count: 11 }, 'ar')).toBe(`${new Intl.NumberFormat('ar').format(11)} كثير`);
    expect(formatPlurals(ar, { count: 100 }, 'ar')).toBe(`${new Intl.NumberFormat('ar').format(100)} أخرى`);
  });

  it('keeps the text around the plural and leaves plain text alone', () => {
    expect(formatPlurals('Blocked: {n, plural, one {# condition} other {# conditions}}.', { n: 2 }, 'en-GB')).toBe(
      'Blocked: 2 conditions.',
    );
    expect(formatPlurals('Nothing to do {x}', { x: 1 }, 'en-GB')).toBe('Nothing to do {x}');
  });

  it('falls back to "other" when the count is missing', () => {
    expect(formatPlurals(msg, {}, 'en-GB')).toBe('# grants');
  });
});

describe('nested plurals', () => {
  it('resolves a plural inside a chosen branch', () => {
    expect(formatPlurals('{a, plural, other {# x {b, plural, one {# y} other {# ys}}}}', { a: 2, b: 1 }, 'en-GB')).toBe('2 x 1 y');
  });
});
