import type { CurrencyCode } from '@mizan/domain';
import type { TranslationKey } from '../../core/i18n/dictionaries/en';
import type { I18nService } from '../../core/i18n/i18n.service';
import { formatMoney } from '../officer/shared/money';

/*
 * What changed between two versions of a grant, in words: the api gives each
 * difference as a path in the content (`budgetLines.2.amountMinor`,
 * `tranches.1.plannedOn`, `endsOn`) with the value before and after.
 */

const FIELD_KEYS: Readonly<Record<string, TranslationKey>> = {
  startsOn: 'grants.field.startsOn',
  endsOn: 'grants.field.endsOn',
  purpose: 'grants.field.purpose',
  specialConditions: 'grants.field.specialConditions',
  modality: 'grants.field.modality',
  reallocationToleranceBp: 'grants.field.tolerance',
  amountMinor: 'grants.field.amount',
  plannedOn: 'grants.field.plannedOn',
  category: 'grants.field.category',
  description: 'grants.field.description',
  conditions: 'grants.editor.conditions',
  dueOn: 'grants.field.dueOn',
  periodFrom: 'grants.field.periodFrom',
  periodTo: 'grants.field.periodTo',
  kind: 'grants.field.reportKind',
};

const LIST_KEYS: Readonly<Record<string, TranslationKey>> = {
  budgetLines: 'grants.change.line',
  tranches: 'grants.change.tranche',
  reportingSchedule: 'grants.change.report',
};

/** `tranches.1.amountMinor` → "Tranche 2 · Amount". */
export function changeLabel(i18n: I18nService, path: string): string {
  const parts = path.replace(/^content\./, '').split('.');
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const list = LIST_KEYS[part];
    if (list) {
      const index = Number(parts[i + 1]);
      if (Number.isInteger(index)) {
        words.push(i18n.t(list, { n: index + 1 }));
        i++;
        continue;
      }
      words.push(i18n.t(list, { n: '' }).trim());
      continue;
    }
    const field = FIELD_KEYS[part];
    if (field) words.push(i18n.t(field));
    else if (!/^\d+$/.test(part)) words.push(part);
  }
  return words.join(' · ');
}

/** A value before/after: money formatted, dates formatted, nothing as "—", objects as their text. */
export function changeValue(
  i18n: I18nService,
  path: string,
  value: unknown,
  currency: CurrencyCode,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    if (/amountMinor$/.test(path) && /^\d{1,18}$/.test(value)) return formatMoney(value, currency, i18n.locale());
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return i18n.formatDate(value);
    return value;
  }
  if (typeof value === 'number') {
    if (/Bp$/.test(path)) return `${i18n.formatNumber(value / 100)} %`;
    return i18n.formatNumber(value);
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['amountMinor'] === 'string') {
      const parts = [record['category'], record['plannedOn']].filter((p) => typeof p === 'string') as string[];
      return [...parts, formatMoney(record['amountMinor'], currency, i18n.locale())].join(' · ');
    }
    return JSON.stringify(value);
  }
  return String(value);
}
