import type { RedFlagView } from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import type { TranslationParams } from '../../../core/i18n/i18n.service';
import { formatMoney, formatPercent } from '../shared/money';

/** The sentence that says why a rule raised a flag: `flags.why.<CODE>` with the flag's numbers formatted for the locale. */
export function flagWhy(flag: Pick<RedFlagView, 'code' | 'params'>, locale: string, kindLabel: (kind: string) => string): { key: TranslationKey; params: TranslationParams } {
  const p = flag.params;
  const text = (name: string): string => String(p[name] ?? '');
  const num = (name: string): number => Number(p[name] ?? 0);
  const currency = text('currency') as CurrencyCode;
  const money = (name: string): string => (currency ? formatMoney(text(name), currency, locale) : text(name));
  const percent = (name: string): string => (Number.isFinite(Number(p[name])) ? formatPercent(num(name), locale) : text(name));
  const params: Record<string, string | number> = {};
  switch (flag.code) {
    case 'DUPLICATE_RECEIPT':
      Object.assign(params, { count: num('count'), sha: text('sha256').slice(0, 12) });
      break;
    case 'DUPLICATE_LINE':
      Object.assign(params, { count: num('count'), supplier: text('supplier'), amount: money('amountMinor'), date: text('date') });
      break;
    case 'SPLIT_PURCHASE':
      Object.assign(params, {
        count: num('count'),
        supplier: text('supplier'),
        total: money('totalMinor'),
        threshold: money('thresholdMinor'),
        firstDate: text('firstDate'),
        lastDate: text('lastDate'),
        windowDays: num('windowDays'),
      });
      break;
    case 'OUTSIDE_GRANT_PERIOD':
      Object.assign(params, { date: text('date'), startsOn: text('startsOn'), endsOn: text('endsOn') });
      break;
    case 'BEFORE_FUNDS':
      Object.assign(params, { date: text('date'), spent: money('spentToDateMinor'), received: money('receivedToDateMinor') });
      break;
    case 'OVER_BUDGET_LINE':
      Object.assign(params, { budgetLine: text('budgetLineId'), spent: money('spentMinor'), approved: money('approvedMinor'), over: percent('overBp'), tolerance: percent('toleranceBp') });
      break;
    case 'CASH_ABOVE_THRESHOLD':
      Object.assign(params, { amount: money('amountMinor'), threshold: money('thresholdMinor') });
      break;
    case 'ROUND_AMOUNTS':
      Object.assign(params, { roundCount: num('roundCount'), lineCount: num('lineCount'), unit: num('unitMajor'), share: percent('shareBp'), threshold: percent('thresholdBp') });
      break;
    case 'BENFORD_FIRST_DIGIT':
      Object.assign(params, { n: num('n'), mad: text('mad'), threshold: String(p['threshold'] ?? ''), conformity: text('conformity') });
      break;
    case 'FX_DEVIATION':
      Object.assign(params, { rate: text('rate'), reference: text('referenceRate'), date: text('date'), deviation: percent('deviationBp'), threshold: percent('thresholdBp') });
      break;
    case 'EVIDENCE_DATE_GAP':
      Object.assign(params, { date: text('date'), days: num('gapDays'), limit: num('thresholdDays') });
      break;
    case 'EVIDENCE_OUTSIDE_AREA':
      Object.assign(params, { distance: num('distanceKm'), radius: num('radiusKm'), margin: num('marginKm') });
      break;
    case 'MONITORING_OVERDUE':
      Object.assign(params, { kind: kindLabel(text('requiredKind')), dueOn: text('dueOn'), days: num('overdueDays'), lastVisit: text('lastVisitOn') || '—' });
      break;
  }
  return { key: `flags.why.${flag.code}` as TranslationKey, params };
}

/** The verification page of a report, opened at one line (built by the verification area). */
export function verifyLink(reportId: string): string {
  return `/officer/reports/${encodeURIComponent(reportId)}/verify`;
}
