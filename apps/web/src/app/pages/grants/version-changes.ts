import type { CurrencyCode } from '@mizan/domain';
import type { TranslationKey } from '../../core/i18n/catalog';
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

/**
 * The api's paths (`startsOn`, `budgetLines.<line id>`, `tranches.<seq>`,
 * `reportingSchedule`) → "Ends on", "Budget line", "Tranche 2", "Reporting schedule".
 */
export function changeLabel(i18n: I18nService, path: string): string {
  const [head, key] = path.replace(/^content\./, '').split('.');
  if (head === 'tranches') {
    const seq = Number(key);
    return i18n.t('grants.change.tranche', { n: Number.isInteger(seq) ? seq : '' }).trim();
  }
  if (head === 'budgetLines') return i18n.t('grants.field.category');
  if (head === 'reportingSchedule') return i18n.t('grants.editor.reports');
  const field = FIELD_KEYS[head];
  return field ? i18n.t(field) : head;
}

function objectText(i18n: I18nService, record: Record<string, unknown>, currency: CurrencyCode): string {
  const parts: string[] = [];
  if (typeof record['kind'] === 'string' && /^(interim|final)$/.test(record['kind'])) {
    parts.push(i18n.t(record['kind'] === 'final' ? 'fin.reportKind.final' : 'fin.reportKind.interim'));
  }
  for (const name of ['category', 'description']) {
    if (typeof record[name] === 'string' && record[name] !== '') parts.push(record[name] as string);
  }
  for (const name of ['plannedOn', 'periodFrom', 'periodTo', 'dueOn']) {
    if (typeof record[name] === 'string') parts.push(i18n.formatDate(record[name] as string));
  }
  if (typeof record['amountMinor'] === 'string') {
    parts.push(formatMoney(record['amountMinor'], currency, i18n.locale()));
  }
  return parts.length > 0 ? parts.join(' · ') : JSON.stringify(record);
}

/** A value before/after: money formatted, dates formatted, nothing as "—", lines and tranches in words. */
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
    if (path === 'modality' && /^(advance|reimbursement|direct_payment)$/.test(value)) {
      return i18n.t(`fin.modality.${value as 'advance' | 'reimbursement' | 'direct_payment'}`);
    }
    return value;
  }
  if (typeof value === 'number') {
    if (/Bp$/.test(path)) return `${i18n.formatNumber(value / 100)} %`;
    return i18n.formatNumber(value);
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? '—'
      : value.map((v) => (typeof v === 'object' && v ? objectText(i18n, v as Record<string, unknown>, currency) : String(v))).join('; ');
  }
  if (typeof value === 'object') return objectText(i18n, value as Record<string, unknown>, currency);
  return String(value);
}
