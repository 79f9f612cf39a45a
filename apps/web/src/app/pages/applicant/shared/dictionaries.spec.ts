import { applicantAr } from '../../../core/i18n/dictionaries/applicant.ar';
import { applicantEn } from '../../../core/i18n/dictionaries/applicant.en';
import { applicantSv } from '../../../core/i18n/dictionaries/applicant.sv';

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('applicant dictionaries', () => {
  const keys = Object.keys(applicantEn) as (keyof typeof applicantEn)[];

  it('has every English key in Arabic, translated', () => {
    for (const key of keys) {
      expect(applicantAr[key]).toBeTruthy();
      expect([key, applicantAr[key]]).not.toEqual([key, applicantEn[key]]);
    }
  });

  it('uses the same placeholders in every language', () => {
    for (const key of keys) {
      expect([key, placeholders(applicantAr[key])]).toEqual([
        key,
        placeholders(applicantEn[key]),
      ]);
      const sv = applicantSv[key];
      if (sv)
        expect([key, placeholders(sv)]).toEqual([
          key,
          placeholders(applicantEn[key]),
        ]);
    }
  });
});
