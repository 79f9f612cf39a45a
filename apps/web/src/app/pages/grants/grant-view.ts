import type {
  GrantContent,
  GrantView,
  ReleaseConditionKind,
  ReleaseConditionSpec,
  TranchePlanItem,
} from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import type { WebError } from '../../core/api/api-error';
import { errorMessage } from '../../core/api/api-error';
import type { FormProblem } from '../../core/ui/form-problem.component';
import { minorToInput } from '../officer/shared/money';
import { moneyInputToMinor } from '../../core/ui/money-input';

/*
 * Pure helpers of the grant pages: sums and shares in exact minor units
 * (bigint), the editor's form model ↔ the wire's GrantContent, and which
 * actions the server offers.
 */

/** Sum of decimal-text amounts in `currency` as minor units; null when one is not an amount. */
export function sumInputs(texts: readonly string[], currency: CurrencyCode): bigint | null {
  let total = 0n;
  for (const text of texts) {
    const trimmed = text.trim();
    if (trimmed === '') continue;
    const minor = moneyInputToMinor(trimmed, currency);
    if (minor === null) return null;
    total += BigInt(minor);
  }
  return total;
}

/** A part of a whole in basis points, rounded half up (display only). */
export function shareBp(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  return Number((part * 20000n + whole) / (whole * 2n));
}

export type SumStanding = 'equal' | 'under' | 'over' | 'invalid';

export function sumStanding(sum: bigint | null, target: bigint): SumStanding {
  if (sum === null) return 'invalid';
  if (sum === target) return 'equal';
  return sum < target ? 'under' : 'over';
}

export function absDiff(a: bigint, b: bigint): bigint {
  return a > b ? a - b : b - a;
}

export const STANDARD_CONDITIONS: readonly ReleaseConditionKind[] = [
  'agreement_countersigned',
  'previous_report_accepted',
  'earlier_tranches_accounted',
  'due_diligence_valid',
  'no_open_high_finding',
];

/** The form's shape of one condition. */
export interface ConditionModel {
  id: string;
  kind: ReleaseConditionKind;
  label: string;
  /** earlier_tranches_accounted: percent text. */
  minPercent: string;
}

export interface TrancheModel {
  seq: number;
  plannedOn: string;
  amountMinor: string;
  conditions: ConditionModel[];
}

export interface ContentModel {
  startsOn: string;
  endsOn: string;
  purpose: string;
  specialConditions: string;
  modality: GrantContent['modality'];
  reallocationTolerancePercent: string;
  budgetLines: { id: string; category: string; description: string; amountMinor: string }[];
  tranches: TrancheModel[];
  reportingSchedule: GrantContent['reportingSchedule'];
}

export function conditionToModel(c: ReleaseConditionSpec): ConditionModel {
  const minBp = Number(c.params?.['minBp'] ?? 0);
  return {
    id: c.id,
    kind: c.kind,
    label: String(c.params?.['label'] ?? ''),
    minPercent: c.kind === 'earlier_tranches_accounted' ? String(minBp / 100) : '',
  };
}

export function conditionFromModel(m: ConditionModel): ReleaseConditionSpec {
  if (m.kind === 'custom') return { id: m.id, kind: m.kind, params: { label: m.label.trim() } };
  if (m.kind === 'earlier_tranches_accounted') {
    const percent = Number(m.minPercent.replace(',', '.'));
    return {
      id: m.id,
      kind: m.kind,
      params: { minBp: Number.isFinite(percent) ? Math.round(percent * 100) : 0 },
    };
  }
  return { id: m.id, kind: m.kind };
}

export function contentToModel(content: GrantContent, currency: CurrencyCode): ContentModel {
  return {
    startsOn: content.startsOn,
    endsOn: content.endsOn,
    purpose: content.purpose,
    specialConditions: content.specialConditions,
    modality: content.modality,
    reallocationTolerancePercent: String(content.reallocationToleranceBp / 100),
    budgetLines: content.budgetLines.map((l) => ({
      id: l.id,
      category: l.category,
      description: l.description,
      amountMinor: minorToInput(l.amountMinor, currency),
    })),
    tranches: content.tranches.map((t) => ({
      seq: t.seq,
      plannedOn: t.plannedOn,
      amountMinor: minorToInput(t.amountMinor, currency),
      conditions: t.conditions.map(conditionToModel),
    })),
    reportingSchedule: content.reportingSchedule.map((r) => ({ ...r })),
  };
}

/** The wire's content from the form; amounts that do not parse are sent as typed so the api names the field. */
export function contentFromModel(model: ContentModel, currency: CurrencyCode): GrantContent {
  const minor = (text: string) => moneyInputToMinor(text.trim(), currency) ?? text.trim();
  const percent = Number(model.reallocationTolerancePercent.replace(',', '.'));
  return {
    startsOn: model.startsOn,
    endsOn: model.endsOn,
    purpose: model.purpose.trim(),
    specialConditions: model.specialConditions.trim(),
    modality: model.modality,
    reallocationToleranceBp: Number.isFinite(percent) ? Math.round(percent * 100) : 0,
    budgetLines: model.budgetLines.map((l) => ({
      id: l.id,
      category: l.category.trim(),
      description: l.description.trim(),
      amountMinor: minor(l.amountMinor),
    })),
    tranches: model.tranches.map(
      (t, i): TranchePlanItem => ({
        seq: i + 1,
        plannedOn: t.plannedOn,
        amountMinor: minor(t.amountMinor),
        conditions: t.conditions.map(conditionFromModel),
      }),
    ),
    reportingSchedule: model.reportingSchedule.map((r) => ({ ...r })),
  };
}

/** A condition id not used yet in the tranche ("c1", "c2" …). */
export function nextConditionId(existing: readonly { id: string }[]): string {
  let n = existing.length + 1;
  const ids = new Set(existing.map((c) => c.id));
  while (ids.has(`c${n}`)) n++;
  return `c${n}`;
}

export function newLineId(): string {
  return `line-${crypto.randomUUID().slice(0, 8)}`;
}

export function can(view: Pick<GrantView, 'actions'>, action: string): boolean {
  return view.actions.includes(action);
}

/**
 * The api's field paths (`content.budgetLines.1.amountMinor`) are the form's
 * control paths, so field errors land on their inputs; the rest is one sentence.
 */
export function grantProblem(error: WebError): FormProblem {
  return errorMessage(error);
}

