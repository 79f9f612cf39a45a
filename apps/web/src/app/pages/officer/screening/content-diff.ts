import type { BudgetTotalsView } from '@mizan/contracts';
import type { ApplicationContent } from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { categoryKey, riskAreaKey, riskLevelKey } from '../shared/labels';

/** How values are written out: money, places, partners and words in the reader's language. */
export interface ContentFormat {
  money(amountMinor: string): string;
  percent(bp: number): string;
  governorate(code: string): string;
  partner(id: string): string;
  t(key: TranslationKey): string;
}

export type ContentSection =
  | 'general'
  | 'logframe'
  | 'activities'
  | 'budget'
  | 'cofunding'
  | 'risks'
  | 'totals';

export const CONTENT_SECTIONS: readonly ContentSection[] = [
  'general',
  'logframe',
  'activities',
  'budget',
  'cofunding',
  'risks',
  'totals',
];

/** One field of an application version, addressed by a stable key (array items by their id). */
export interface FlatField {
  key: string;
  section: ContentSection;
  /** Which item it belongs to (an outcome's title, a budget line's description), or ''. */
  item: string;
  field: TranslationKey;
  value: string;
}

/** Every field of a version's content (and totals), in reading order. */
export function flattenContent(
  content: ApplicationContent,
  totals: BudgetTotalsView | null,
  fmt: ContentFormat,
): FlatField[] {
  const out: FlatField[] = [];
  const add = (
    key: string,
    section: ContentSection,
    item: string,
    field: TranslationKey,
    value: string,
  ) => out.push({ key, section, item, field, value });

  add('title', 'general', '', 'officer.content.title', content.title);
  add('summary', 'general', '', 'officer.content.summary', content.summary);
  add(
    'partners',
    'general',
    '',
    'officer.content.partners',
    content.partnerIds.map((id) => fmt.partner(id)).join(', '),
  );
  add(
    'duration',
    'general',
    '',
    'officer.content.duration',
    String(content.durationMonths),
  );
  add(
    'monitoring',
    'general',
    '',
    'officer.content.monitoringPlan',
    content.monitoringPlan,
  );

  for (const outcome of content.outcomes) {
    const base = `outcomes.${outcome.id}`;
    add(`${base}.title`, 'logframe', outcome.title, 'officer.content.outcome', outcome.title);
    for (const output of outcome.outputs) {
      const ob = `${base}.outputs.${output.id}`;
      add(`${ob}.title`, 'logframe', output.title, 'officer.content.output', output.title);
      for (const ind of output.indicators) {
        const ib = `${ob}.indicators.${ind.id}`;
        add(`${ib}.name`, 'logframe', ind.name, 'officer.content.indicator', ind.name);
        add(`${ib}.unit`, 'logframe', ind.name, 'officer.content.unit', ind.unit);
        add(`${ib}.baseline`, 'logframe', ind.name, 'officer.content.baseline', ind.baseline);
        add(`${ib}.target`, 'logframe', ind.name, 'officer.content.target', ind.target);
        add(
          `${ib}.means`,
          'logframe',
          ind.name,
          'officer.content.meansOfVerification',
          ind.meansOfVerification,
        );
      }
    }
  }

  for (const activity of content.activities) {
    const base = `activities.${activity.id}`;
    add(`${base}.title`, 'activities', activity.title, 'officer.content.activity', activity.title);
    add(
      `${base}.governorates`,
      'activities',
      activity.title,
      'officer.content.governorates',
      activity.governorates.map((g) => fmt.governorate(g)).join(', '),
    );
    add(
      `${base}.months`,
      'activities',
      activity.title,
      'officer.content.months',
      activity.months.join(', '),
    );
  }

  for (const line of content.budgetLines) {
    const base = `budget.${line.id}`;
    const item = line.description || line.id;
    add(`${base}.category`, 'budget', item, 'officer.content.category', fmt.t(categoryKey(line.category)));
    add(`${base}.year`, 'budget', item, 'officer.content.year', String(line.year));
    add(`${base}.description`, 'budget', item, 'officer.content.description', line.description);
    add(`${base}.amount`, 'budget', item, 'officer.content.amount', fmt.money(line.amountMinor));
  }

  for (const source of content.cofunding) {
    const base = `cofunding.${source.id}`;
    const item = source.source || source.id;
    add(`${base}.source`, 'cofunding', item, 'officer.content.source', source.source);
    add(`${base}.amount`, 'cofunding', item, 'officer.content.amount', fmt.money(source.amountMinor));
    add(
      `${base}.confirmed`,
      'cofunding',
      item,
      'officer.content.confirmed',
      fmt.t(source.confirmed ? 'officer.yes' : 'officer.no'),
    );
  }

  for (const risk of content.risks) {
    const base = `risks.${risk.id}`;
    const item = fmt.t(riskAreaKey(risk.area));
    add(`${base}.area`, 'risks', item, 'officer.content.riskArea', item);
    add(`${base}.description`, 'risks', item, 'officer.content.description', risk.description);
    add(`${base}.likelihood`, 'risks', item, 'officer.content.likelihood', fmt.t(riskLevelKey(risk.likelihood)));
    add(`${base}.impact`, 'risks', item, 'officer.content.impact', fmt.t(riskLevelKey(risk.impact)));
    add(`${base}.mitigation`, 'risks', item, 'officer.content.mitigation', risk.mitigation);
  }

  if (totals) {
    add('totals.budget', 'totals', '', 'officer.totals.budget', fmt.money(totals.totalBudgetMinor));
    add('totals.cofunding', 'totals', '', 'officer.totals.cofunding', fmt.money(totals.cofundingMinor));
    add('totals.requested', 'totals', '', 'officer.totals.requested', fmt.money(totals.requestedMinor));
    add('totals.adminShare', 'totals', '', 'officer.totals.adminShare', fmt.percent(totals.adminShareBp));
    add(
      'totals.cofundingShare',
      'totals',
      '',
      'officer.totals.cofundingShare',
      fmt.percent(totals.cofundingShareBp),
    );
  }
  return out;
}

export interface CompareRow {
  key: string;
  section: ContentSection;
  item: string;
  field: TranslationKey;
  before: string | null;
  after: string | null;
  changed: boolean;
}

/**
 * Two versions side by side, field by field: in section order, the newer
 * version's order first and fields only the older one had at the end of their
 * section. A field is changed when its text differs or it exists in one only.
 */
export function compareContent(
  before: readonly FlatField[],
  after: readonly FlatField[],
): CompareRow[] {
  const old = new Map(before.map((f) => [f.key, f]));
  const fresh = new Map(after.map((f) => [f.key, f]));
  const rows: CompareRow[] = [];
  for (const section of CONTENT_SECTIONS) {
    for (const f of after.filter((x) => x.section === section)) {
      const b = old.get(f.key);
      rows.push({
        key: f.key,
        section,
        item: f.item,
        field: f.field,
        before: b ? b.value : null,
        after: f.value,
        changed: !b || b.value !== f.value,
      });
    }
    for (const f of before.filter((x) => x.section === section && !fresh.has(x.key))) {
      rows.push({
        key: f.key,
        section,
        item: f.item,
        field: f.field,
        before: f.value,
        after: null,
        changed: true,
      });
    }
  }
  return rows;
}

export function sectionKey(section: ContentSection): TranslationKey {
  return `officer.section.${section}`;
}
