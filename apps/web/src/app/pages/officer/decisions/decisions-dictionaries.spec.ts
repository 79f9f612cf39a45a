import { decisionsAr } from '../../../core/i18n/dictionaries/decisions.ar';
import { decisionsEn } from '../../../core/i18n/dictionaries/decisions.en';
import { decisionsSv } from '../../../core/i18n/dictionaries/decisions.sv';

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('decision, notification and outbox dictionaries', () => {
  const keys = Object.keys(decisionsEn) as (keyof typeof decisionsEn)[];

  it('has every English key in Arabic, translated', () => {
    for (const key of keys) {
      expect(decisionsAr[key]).toBeTruthy();
      expect([key, decisionsAr[key]]).not.toEqual([key, decisionsEn[key]]);
    }
  });

  it('uses the same placeholders in every language', () => {
    for (const key of keys) {
      expect([key, placeholders(decisionsAr[key])]).toEqual([
        key,
        placeholders(decisionsEn[key]),
      ]);
      const sv = decisionsSv[key];
      if (sv)
        expect([key, placeholders(sv)]).toEqual([
          key,
          placeholders(decisionsEn[key]),
        ]);
    }
  });
});
