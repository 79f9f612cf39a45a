import { reviewerAr } from '../../core/i18n/dictionaries/reviewer.ar';
import { reviewerEn } from '../../core/i18n/dictionaries/reviewer.en';
import { reviewerSv } from '../../core/i18n/dictionaries/reviewer.sv';

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('reviewer dictionaries', () => {
  const keys = Object.keys(reviewerEn) as (keyof typeof reviewerEn)[];

  it('has every English key in Arabic, translated', () => {
    for (const key of keys) {
      expect(reviewerAr[key]).toBeTruthy();
      expect([key, reviewerAr[key]]).not.toEqual([key, reviewerEn[key]]);
    }
  });

  it('uses the same placeholders in every language', () => {
    for (const key of keys) {
      const en = placeholders(reviewerEn[key]);
      expect([key, placeholders(reviewerAr[key])]).toEqual([key, en]);
      const sv = reviewerSv[key];
      if (sv) expect([key, placeholders(sv)]).toEqual([key, en]);
    }
  });
});
