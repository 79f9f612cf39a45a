import type { CurrencyCode, EligibilityRule, RuleResult } from '@mizan/domain';
import { DOCUMENT_KINDS, isCurrency, type DocumentKind } from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { countryNames } from '../../../core/i18n/country-names';
import type { TranslationParams } from '../../../core/i18n/i18n.service';
import { docKindKey } from './labels';
import { formatMoney, formatShare, parseAmount } from './money';

export type Translate = (
  key: TranslationKey,
  params?: TranslationParams,
) => string;

/** "12500.00 SEK" (as the domain writes amounts in rule params) → formatted for the locale. */
export function localizeMoneyParam(text: string, locale: string): string {
  const match = /^(-?\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(text.trim());
  if (!match || !isCurrency(match[2])) return text;
  const currency: CurrencyCode = match[2];
  const parsed = parseAmount(match[1], currency);
  return parsed.ok ? formatMoney(parsed.minor, currency, locale) : text;
}

/** "7.5 %" (as the domain writes shares) → formatted for the locale. */
export function localizeShareParam(text: string, locale: string): string {
  const match = /^(\d+)(?:\.(\d{1,2}))? %$/.exec(text.trim());
  if (!match) return text;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return formatShare(bp, locale);
}

function localizeKinds(text: string, t: Translate): string {
  if (text.trim() === '') return '';
  return text
    .split(',')
    .map((k) => k.trim())
    .map((k) =>
      (DOCUMENT_KINDS as readonly string[]).includes(k)
        ? t(docKindKey(k as DocumentKind))
        : k,
    )
    .join(', ');
}

const MONEY_PARAMS = new Set(['requested', 'max']);
const SHARE_PARAMS = new Set(['share', 'min', 'cap']);

/**
 * A rule's result in the user's language: the key is chosen by rule and outcome
 * (`applicant.rule.<rule>.pass|fail`), the params come from the domain, with
 * amounts and shares re-formatted for the locale, country codes as the reader's country names, and
 * whole numbers (months, counts) as numbers so the message formats them with the locale's digits.
 */
export function ruleText(
  result: RuleResult,
  t: Translate,
  locale: string,
): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(result.params)) {
    if (MONEY_PARAMS.has(name))
      params[name] = localizeMoneyParam(value, locale);
    else if (SHARE_PARAMS.has(name) && result.rule !== 'organization_age')
      params[name] = localizeShareParam(value, locale);
    else if (result.rule === 'hostland_country' && (name === 'country' || name === 'allowed'))
      params[name] = countryNames(value, locale);
    else params[name] = /^\d{1,9}$/.test(value) ? Number(value) : value;
  }
  if (result.rule === 'required_documents' && typeof params['missing'] === 'string') {
    params['missing'] = localizeKinds(params['missing'], t);
  }
  return t(ruleMessageKey(result), params);
}

export function ruleMessageKey(result: RuleResult): TranslationKey {
  const rule: EligibilityRule = result.rule;
  if (result.passed) return `applicant.rule.${rule}.pass`;
  if (rule === 'activities_located' && (result.params['missing'] ?? '') === '')
    return 'applicant.rule.activities_located.none';
  if (
    rule === 'organization_age' &&
    result.message.includes('no founding date')
  )
    return 'applicant.rule.organization_age.noDate';
  return `applicant.rule.${rule}.fail`;
}
