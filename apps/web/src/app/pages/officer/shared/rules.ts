import {
  CURRENCY_EXPONENT,
  ELIGIBILITY_RULES,
  isCurrency,
  type RuleResult,
} from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { countryNames } from '../../../core/i18n/country-names';
import type { TranslationParams } from '../../../core/i18n/i18n.service';
import { documentKindKey } from './labels';

type Translate = (key: TranslationKey, params?: TranslationParams) => string;

export function ruleNameKey(rule: RuleResult['rule']): TranslationKey {
  return `officer.ruleName.${rule}`;
}

function isKnownRule(rule: string): rule is RuleResult['rule'] {
  return (ELIGIBILITY_RULES as readonly string[]).includes(rule);
}

/**
 * The domain writes amounts as "860000.00 SEK" and shares as "6.25 %"; the reader
 * gets them formatted for their locale (the decimal string goes to Intl as is, exactly).
 */
export function localizeParam(value: string, locale: string): string {
  const money = /^(-?\d{1,18}(?:\.\d+)?) ([A-Z]{3})$/.exec(value);
  if (money && isCurrency(money[2])) {
    const exponent = CURRENCY_EXPONENT[money[2]];
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: money[2],
      minimumFractionDigits: Math.min(exponent, 2),
      maximumFractionDigits: exponent,
    }).format(money[1] as unknown as number);
  }
  const share = /^(\d{1,3}(?:\.\d{1,2})?) %$/.exec(value);
  if (share) {
    return new Intl.NumberFormat(locale, {
      style: 'percent',
      maximumFractionDigits: 2,
    }).format(Number(share[1]) / 100);
  }
  return value;
}

/**
 * The reason for a rule's result in the reader's language, from the rule and its
 * params; the api's English message when the rule is one this web does not know.
 */
export function ruleText(
  result: RuleResult,
  t: Translate,
  locale = 'en-GB',
): string {
  if (!isKnownRule(result.rule)) return result.message;
  const p: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(result.params)) {
    if (result.rule === 'hostland_country' && (name === 'country' || name === 'allowed')) p[name] = countryNames(value, locale);
    // Whole numbers (months, counts) go in as numbers, so the message formats them with the locale's digits.
    else p[name] = /^\d{1,9}$/.test(value) ? Number(value) : localizeParam(value, locale);
  }
  switch (result.rule) {
    case 'required_documents': {
      if (result.passed) return t('officer.rule.required_documents.pass');
      const missing = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
        (result.params['missing'] ?? '')
          .split(',')
          .map((k) => k.trim())
          .filter((k) => k !== '')
          .map((k) => {
            const key = documentKindKey(k);
            return key ? t(key) : k;
          }),
      );
      return t('officer.rule.required_documents.fail', { missing });
    }
    case 'activities_located':
      if (result.passed) return t('officer.rule.activities_located.pass');
      return (p['missing'] ?? '') === ''
        ? t('officer.rule.activities_located.none')
        : t('officer.rule.activities_located.fail', {
            missing: p['missing'] ?? '',
          });
    default:
      return t(
        `officer.rule.${result.rule}.${result.passed ? 'pass' : 'fail'}`,
        p,
      );
  }
}
