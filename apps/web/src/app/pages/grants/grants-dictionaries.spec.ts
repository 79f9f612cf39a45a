import { grantsAr } from '../../core/i18n/dictionaries/grants.ar';
import { grantsEn } from '../../core/i18n/dictionaries/grants.en';
import { grantsSv } from '../../core/i18n/dictionaries/grants.sv';

/** Simple `{name}` placeholders and the names plural messages count by. */
const placeholders = (text: string) =>
  [
    ...[...text.matchAll(/\{([a-z]\w*)\}/g)].map((m) => m[1]),
    ...[...text.matchAll(/\{(\w+),\s*plural,/g)].map((m) => `plural:${m[1]}`),
  ]
    .filter((v, i, all) => all.indexOf(v) === i)
    .sort();

describe('grants dictionaries', () => {
  const keys = Object.keys(grantsEn) as (keyof typeof grantsEn)[];

  it('has every English key in Arabic, translated', () => {
    for (const key of keys) {
      expect(grantsAr[key]).toBeTruthy();
      if (!/SHA-256|^\{name\}, \{date\}$/.test(grantsEn[key])) {
        expect([key, grantsAr[key]]).not.toEqual([key, grantsEn[key]]);
      }
    }
  });

  it('uses the same placeholders in every language', () => {
    for (const key of keys) {
      expect([key, placeholders(grantsAr[key])]).toEqual([key, placeholders(grantsEn[key])]);
      const sv = grantsSv[key];
      if (sv) expect([key, placeholders(sv)]).toEqual([key, placeholders(grantsEn[key])]);
    }
  });

  it('gives Arabic plural messages all the categories Arabic needs', () => {
    for (const key of keys) {
      if (!grantsEn[key].includes(', plural,')) continue;
      for (const category of ['zero', 'one', 'two', 'few', 'many', 'other']) {
        expect([key, grantsAr[key].includes(`${category} {`)]).toEqual([key, true]);
      }
    }
  });
});
