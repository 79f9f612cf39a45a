import { financeAr } from '../../../core/i18n/dictionaries/finance.ar';
import { financeEn } from '../../../core/i18n/dictionaries/finance.en';
import { financeSv } from '../../../core/i18n/dictionaries/finance.sv';
import { formatPlurals } from '../../../core/i18n/icu-plural';

/** `{name}` placeholders and `{name, plural, …}` variables of a text. */
function variables(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\{\s*(\w+)\s*(?:,\s*plural\s*,|\})/g)) names.add(m[1]);
  return [...names].sort();
}

describe('finance dictionaries', () => {
  const keys = Object.keys(financeEn) as (keyof typeof financeEn)[];

  it('use the same placeholders in every language', () => {
    for (const key of keys) {
      expect([key, variables(financeAr[key])]).toEqual([key, variables(financeEn[key])]);
      expect([key, variables(financeSv[key])]).toEqual([key, variables(financeEn[key])]);
    }
  });

  it('resolve every plural for 0, 1, 2, 3, 11 and 100 without leftovers', () => {
    const langs = [
      [financeEn, 'en-GB'],
      [financeAr, 'ar'],
      [financeSv, 'sv-SE'],
    ] as const;
    for (const [dictionary, locale] of langs) {
      for (const key of keys) {
        const text = dictionary[key];
        if (!text.includes('plural')) continue;
        for (const n of [0, 1, 2, 3, 11, 100]) {
          const out = formatPlurals(text, { count: n, skipped: n }, locale);
          expect([key, locale, out.includes('plural')]).toEqual([key, locale, false]);
        }
      }
    }
  });

  it('gives Arabic its dual form', () => {
    expect(formatPlurals(financeAr['finance.bankFile.selected'], { count: 2 }, 'ar')).toBe('حُدِّدت دفعتان.');
  });
});
