import type { BudgetTotalsView } from '@mizan/contracts';
import type {
  ApplicationContent,
  BudgetCategory,
  RiskArea,
  RiskLevel,
} from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';

/** One side of a comparison: a frozen version, or the working copy. */
export interface CompareSide {
  content: ApplicationContent;
  totals: BudgetTotalsView;
}

export type DiffSection =
  | 'general'
  | 'budget'
  | 'totals'
  | 'activities'
  | 'logframe'
  | 'risks';

export const DIFF_SECTIONS: readonly DiffSection[] = [
  'general',
  'totals',
  'budget',
  'activities',
  'logframe',
  'risks',
];

export interface DiffRow {
  /** Stable across renders, for `track`. */
  id: string;
  section: DiffSection;
  labelKey: TranslationKey;
  labelParams?: Record<string, string>;
  /** null: the item does not exist on that side (added or removed). */
  left: string | null;
  right: string | null;
  changed: boolean;
}

/** How values are written in the comparison (locale, currency, names): injected so this stays pure. */
export interface DiffFormat {
  money(minor: string): string;
  share(bp: number): string;
  category(category: BudgetCategory): string;
  riskArea(area: RiskArea): string;
  riskLevel(level: RiskLevel): string;
  governorates(codes: readonly string[]): string;
  partners(ids: readonly string[]): string;
  months(months: readonly number[]): string;
  number(value: number): string;
}

function row(
  id: string,
  section: DiffSection,
  labelKey: TranslationKey,
  left: string | null,
  right: string | null,
  labelParams?: Record<string, string>,
): DiffRow {
  return {
    id,
    section,
    labelKey,
    labelParams,
    left,
    right,
    changed: left !== right,
  };
}

/** Items matched by id, in the order of the right side, then those only on the left. */
function byId<T extends { id: string }>(
  left: readonly T[],
  right: readonly T[],
): { id: string; left: T | null; right: T | null; index: number }[] {
  const leftById = new Map(left.map((item) => [item.id, item]));
  const rightIds = new Set(right.map((item) => item.id));
  const out: { id: string; left: T | null; right: T | null; index: number }[] =
    right.map((item, index) => ({
      id: item.id,
      left: leftById.get(item.id) ?? null,
      right: item,
      index,
    }));
  left.forEach((item, index) => {
    if (!rightIds.has(item.id))
      out.push({ id: item.id, left: item, right: null, index });
  });
  return out;
}

/**
 * Field-by-field comparison of two application contents: general fields, the
 * totals, each budget line and co-funding source, activities, the logframe's
 * titles and indicators, and the risks. `changed` marks what differs.
 */
export function compareContents(
  a: CompareSide,
  b: CompareSide,
  f: DiffFormat,
): DiffRow[] {
  const rows: DiffRow[] = [];
  const l = a.content;
  const r = b.content;

  rows.push(row('title', 'general', 'applicant.field.title', l.title, r.title));
  rows.push(
    row('summary', 'general', 'applicant.field.summary', l.summary, r.summary),
  );
  rows.push(
    row(
      'duration',
      'general',
      'applicant.field.durationMonths',
      f.number(l.durationMonths),
      f.number(r.durationMonths),
    ),
  );
  rows.push(
    row(
      'partners',
      'general',
      'applicant.field.partners',
      f.partners(l.partnerIds),
      f.partners(r.partnerIds),
    ),
  );
  rows.push(
    row(
      'monitoring',
      'general',
      'applicant.field.monitoringPlan',
      l.monitoringPlan,
      r.monitoringPlan,
    ),
  );

  const ta = a.totals;
  const tb = b.totals;
  rows.push(
    row(
      't-total',
      'totals',
      'applicant.totals.total',
      f.money(ta.totalBudgetMinor),
      f.money(tb.totalBudgetMinor),
    ),
  );
  rows.push(
    row(
      't-cofunding',
      'totals',
      'applicant.totals.cofunding',
      f.money(ta.cofundingMinor),
      f.money(tb.cofundingMinor),
    ),
  );
  rows.push(
    row(
      't-cofunding-share',
      'totals',
      'applicant.totals.cofundingShare',
      f.share(ta.cofundingShareBp),
      f.share(tb.cofundingShareBp),
    ),
  );
  rows.push(
    row(
      't-requested',
      'totals',
      'applicant.totals.requested',
      f.money(ta.requestedMinor),
      f.money(tb.requestedMinor),
    ),
  );
  rows.push(
    row(
      't-admin',
      'totals',
      'applicant.totals.admin',
      f.money(ta.adminMinor),
      f.money(tb.adminMinor),
    ),
  );
  rows.push(
    row(
      't-admin-share',
      'totals',
      'applicant.totals.adminShare',
      f.share(ta.adminShareBp),
      f.share(tb.adminShareBp),
    ),
  );

  const line = (x: ApplicationContent['budgetLines'][0] | null) =>
    x
      ? `${f.category(x.category)} · ${x.year} · ${x.description || '—'} · ${f.money(x.amountMinor)}`
      : null;
  byId(l.budgetLines, r.budgetLines).forEach((m, i) =>
    rows.push(
      row(
        `b-${m.id}`,
        'budget',
        'applicant.compare.budgetLine',
        line(m.left),
        line(m.right),
        {
          n: String(i + 1),
        },
      ),
    ),
  );
  const source = (x: ApplicationContent['cofunding'][0] | null) =>
    x
      ? `${x.source || '—'} · ${f.money(x.amountMinor)}${x.confirmed ? ' ✓' : ''}`
      : null;
  byId(l.cofunding, r.cofunding).forEach((m, i) =>
    rows.push(
      row(
        `c-${m.id}`,
        'budget',
        'applicant.compare.cofundingSource',
        source(m.left),
        source(m.right),
        {
          n: String(i + 1),
        },
      ),
    ),
  );

  const activity = (x: ApplicationContent['activities'][0] | null) =>
    x
      ? `${x.title || '—'} · ${f.governorates(x.governorates)} · ${f.months(x.months)}`
      : null;
  byId(l.activities, r.activities).forEach((m, i) =>
    rows.push(
      row(
        `a-${m.id}`,
        'activities',
        'applicant.compare.activity',
        activity(m.left),
        activity(m.right),
        {
          n: String(i + 1),
        },
      ),
    ),
  );

  byId(l.outcomes, r.outcomes).forEach((o, i) => {
    const n = String(i + 1);
    rows.push(
      row(
        `o-${o.id}`,
        'logframe',
        'applicant.compare.outcome',
        o.left?.title ?? null,
        o.right?.title ?? null,
        { n },
      ),
    );
    byId(o.left?.outputs ?? [], o.right?.outputs ?? []).forEach((out, j) => {
      const nOut = `${n}.${j + 1}`;
      rows.push(
        row(
          `p-${out.id}`,
          'logframe',
          'applicant.compare.output',
          out.left?.title ?? null,
          out.right?.title ?? null,
          {
            n: nOut,
          },
        ),
      );
      const indicator = (
        x:
          | ApplicationContent['outcomes'][0]['outputs'][0]['indicators'][0]
          | null,
      ) =>
        x ? `${x.name || '—'} (${x.unit}) ${x.baseline} → ${x.target}` : null;
      byId(out.left?.indicators ?? [], out.right?.indicators ?? []).forEach(
        (ind, k) =>
          rows.push(
            row(
              `i-${ind.id}`,
              'logframe',
              'applicant.compare.indicator',
              indicator(ind.left),
              indicator(ind.right),
              {
                n: `${nOut}.${k + 1}`,
              },
            ),
          ),
      );
    });
  });

  const risk = (x: ApplicationContent['risks'][0] | null) =>
    x
      ? `${f.riskArea(x.area)} · ${x.description || '—'} · ${f.riskLevel(x.likelihood)}/${f.riskLevel(x.impact)} · ${x.mitigation || '—'}`
      : null;
  byId(l.risks, r.risks).forEach((m, i) =>
    rows.push(
      row(
        `r-${m.id}`,
        'risks',
        'applicant.compare.risk',
        risk(m.left),
        risk(m.right),
        { n: String(i + 1) },
      ),
    ),
  );

  return rows;
}
