import { en } from '../../../core/i18n/catalog';
import { DICTIONARIES, translate } from '../../../core/i18n/i18n.service';
import type { RuleResult } from '@mizan/domain';
import { localizeParam, ruleText } from './rules';

const t = (lang: 'en' | 'ar') => (key: keyof typeof en, params?: Readonly<Record<string, string | number>>) =>
  translate(DICTIONARIES, lang, key, params);

describe('eligibility rule texts', () => {
  it('formats the domain’s amounts and shares for the locale', () => {
    expect(localizeParam('860000.00 SEK', 'en-GB').replace(/\u00a0/g, ' ')).toBe(
      'SEK 860,000.00',
    );
    expect(localizeParam('6.25 %', 'en-GB')).toBe('6.25%');
    expect(localizeParam('SE', 'en-GB')).toBe('SE');
  });

  it('says why a rule passed or failed, in the reader’s language', () => {
    const result: RuleResult = {
      rule: 'admin_cost_cap',
      passed: false,
      message: 'Administrative costs are 9 % …',
      params: { share: '9 %', cap: '7 %' },
    };
    expect(ruleText(result, t('en'))).toBe(
      'Administrative costs are 9% of the budget, above the cap of 7%.',
    );
    expect(ruleText(result, t('ar'), 'ar')).toContain('فوق السقف');
  });

  it('names missing documents by their translated kind', () => {
    const result: RuleResult = {
      rule: 'required_documents',
      passed: false,
      message: '',
      params: { missing: 'statutes, board_list' },
    };
    expect(ruleText(result, t('en'))).toBe(
      'Missing due-diligence documents: Statutes and Board list.',
    );
  });

  it('falls back to the api’s message for a rule it does not know', () => {
    const result = {
      rule: 'brand_new_rule',
      passed: true,
      message: 'From the api',
      params: {},
    } as unknown as RuleResult;
    expect(ruleText(result, t('en'))).toBe('From the api');
  });
});
