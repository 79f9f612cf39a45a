import type { DueDiligenceCheck } from '@mizan/contracts';
import { DICTIONARIES, translate } from '../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { checkText } from './check-text';

const t =
  (lang: 'en' | 'ar') =>
  (key: TranslationKey, params?: Readonly<Record<string, string | number>>) =>
    translate(DICTIONARIES, lang, key, params);

const org = {
  accountHolder: 'Bro till Basra',
  holderExplanation: null,
  foundedOn: '2015-05-01',
};

const check = (name: DueDiligenceCheck['check'], passed: boolean): DueDiligenceCheck => ({
  check: name,
  passed,
  message: 'api sentence',
});

describe('automatic check texts', () => {
  it('names the missing due-diligence documents in the reader’s language', () => {
    expect(
      checkText(check('documents_complete', false), org, [{ kind: 'statutes' }], t('en'), 'en-GB'),
    ).toBe('Missing: Board list, Latest annual report and Accounts.');
    expect(
      checkText(check('documents_complete', false), org, [{ kind: 'statutes' }], t('ar'), 'ar'),
    ).toContain('قائمة أعضاء مجلس الإدارة');
  });

  it('says why an account holder that differs was accepted', () => {
    expect(
      checkText(
        check('holder_matches_name', true),
        { ...org, holderExplanation: 'Fiscal host' },
        [],
        t('en'),
        'en-GB',
      ),
    ).toBe('The account holder differs from the legal name; explained: Fiscal host');
    expect(checkText(check('holder_matches_name', false), org, [], t('en'), 'en-GB')).toContain(
      '“Bro till Basra”',
    );
  });

  it('writes the founding date for the locale', () => {
    expect(checkText(check('founding_date', true), org, [], t('en'), 'en-GB')).toBe(
      'Founded on 1 May 2015.',
    );
  });
});
