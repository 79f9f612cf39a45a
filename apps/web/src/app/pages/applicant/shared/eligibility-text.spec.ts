import type { RuleResult } from '@mizan/domain';
import { DICTIONARIES, translate } from '../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../core/i18n/catalog';
import {
  localizeMoneyParam,
  localizeShareParam,
  ruleText,
} from './eligibility-text';

const en = (
  key: TranslationKey,
  params?: Readonly<Record<string, string | number>>,
) => translate(DICTIONARIES, 'en', key, params);
const ar = (
  key: TranslationKey,
  params?: Readonly<Record<string, string | number>>,
) => translate(DICTIONARIES, 'ar', key, params);

const adminOver: RuleResult = {
  rule: 'admin_cost_cap',
  passed: false,
  message:
    'Administrative costs are 12.5 % of the budget, above the cap of 7 %: …',
  params: { share: '12.5 %', cap: '7 %' },
};

describe('ruleText', () => {
  it('says which rule failed and why, with shares in the locale', () => {
    expect(ruleText(adminOver, en, 'en-GB')).toBe(
      'Administrative costs are 12.5% of the budget, above the cap of 7%: lower them.',
    );
  });

  it('speaks Arabic with the same facts', () => {
    const text = ruleText(adminOver, ar, 'ar');
    expect(text).toContain('التكاليف الإدارية');
    expect(text).not.toContain('{');
  });

  it('formats money params for the locale', () => {
    const result: RuleResult = {
      rule: 'max_grant',
      passed: false,
      message: '',
      params: { requested: '600000.00 SEK', max: '500000.00 SEK' },
    };
    expect(ruleText(result, en, 'en-GB').replace(/\s/g, ' ')).toBe(
      'SEK 600,000.00 is more than the maximum grant of SEK 500,000.00.',
    );
  });

  it('names missing documents in the user’s language', () => {
    const result: RuleResult = {
      rule: 'required_documents',
      passed: false,
      message: '',
      params: { missing: 'statutes, board_list' },
    };
    expect(ruleText(result, en, 'en-GB')).toBe(
      'Missing documents: Statutes, Board list.',
    );
  });

  it('asks for a first activity when there is none', () => {
    const result: RuleResult = {
      rule: 'activities_located',
      passed: false,
      message: 'Add at least one activity',
      params: { missing: '' },
    };
    expect(ruleText(result, en, 'en-GB')).toBe('Add at least one activity.');
  });
});

describe('param localization', () => {
  it('leaves what it does not recognise alone', () => {
    expect(localizeMoneyParam('a lot', 'en-GB')).toBe('a lot');
    expect(localizeShareParam('7 percent', 'en-GB')).toBe('7 percent');
  });
});
