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
