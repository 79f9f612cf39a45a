import type {
  BackgroundState,
  FindingPriority,
  GrantState,
  Modality,
  PaymentState,
  ReleaseConditionKind,
  ReportDueState,
  ReportKind,
  RiskRating,
  TrancheState,
} from '@mizan/contracts';
import { errorMessage, type WebError } from '../../core/api/api-error';
import { en, type TranslationKey } from '../../core/i18n/dictionaries/en';
import type { FormProblem } from '../../core/ui/form-problem.component';
import type { I18nService } from '../../core/i18n/i18n.service';
import type { Tone } from '../../pages/officer/shared/tone-badge.component';

/*
 * Labels and tones of the finance codes (grant, tranche, payment and job states,
 * risk ratings, modalities, release conditions), shared by the grants pages and
 * the finance desk so a state reads the same everywhere.
 */

export type StateKind = 'grant' | 'tranche' | 'payment' | 'job' | 'report';
export type AnyFinanceState =
  | GrantState
  | TrancheState
  | PaymentState
  | BackgroundState
  | ReportDueState;

const TONES: Record<StateKind, Record<string, Tone>> = {
  grant: {
    draft: 'neutral',
    awaiting_signature: 'warn',
    awaiting_countersignature: 'warn',
    active: 'good',
    suspended: 'bad',
    closed: 'info',
    cancelled: 'neutral',
  },
  tranche: { planned: 'neutral', requested: 'warn', paid: 'good', cancelled: 'neutral' },
  payment: {
    requested: 'warn',
    approved: 'info',
    sent_to_bank: 'info',
    paid: 'good',
    rejected: 'bad',
    cancelled: 'neutral',
  },
  job: { queued: 'neutral', running: 'info', done: 'good', failed: 'bad' },
  report: { due: 'warn', submitted: 'info', accepted: 'good', cancelled: 'neutral' },
};

export function stateTone(kind: StateKind, state: string): Tone {
  return TONES[kind][state] ?? 'neutral';
}

function known(key: string): key is TranslationKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** `fin.state.grant.active` → "Active"; an unknown state shows its code. */
export function stateLabel(i18n: I18nService, kind: StateKind, state: string): string {
  const key = `fin.state.${kind}.${state}`;
  return known(key) ? i18n.t(key) : state;
}

export function ratingKey(rating: RiskRating): TranslationKey {
  return `fin.rating.${rating}`;
}

export function modalityKey(modality: Modality): TranslationKey {
  return `fin.modality.${modality}`;
}

export function priorityKey(priority: FindingPriority): TranslationKey {
  return `fin.priority.${priority}`;
}

export function reportKindKey(kind: ReportKind): TranslationKey {
  return `fin.reportKind.${kind}`;
}

export function conditionKindKey(kind: ReleaseConditionKind): TranslationKey {
  return `fin.condition.${kind}`;
}

/** A monitoring code ('desk_review' …) in words, or the officer's own text. */
export function monitoringLabel(i18n: I18nService, monitoring: string | null): string {
  if (!monitoring) return '';
  const key = `fin.monitoring.${monitoring}`;
  return known(key) ? i18n.t(key) : monitoring;
}

/**
 * The reason of a condition's outcome: the server writes a code such as
 * `condition.dd_expired` with params; unknown codes fall back to "holds" /
 * "does not hold yet", never to an untranslated code alone.
 */
export function conditionReason(
  i18n: I18nService,
  reasonCode: string,
  params: Record<string, string | number>,
  ok: boolean,
): string {
  const key = `fin.reason.${reasonCode.replace(/^condition\./, '')}`;
  const shown: Record<string, string | number> = { ...params };
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
      shown[name] = i18n.formatDate(value);
    }
    if (name.endsWith('Bp') && typeof value === 'number') {
      shown[name.slice(0, -2)] = i18n.formatNumber(value / 100);
    }
  }
  if (known(key)) return i18n.t(key, shown);
  return i18n.t(ok ? 'fin.reason.fallbackOk' : 'fin.reason.fallbackFail', {
    code: reasonCode,
  });
}

/** An api error in words: a finance error code has its own sentence (`fin.error.<CODE>`), the rest the common ones. */
export function financeProblem(error: WebError): FormProblem {
  const key = `fin.error.${error.code}`;
  if (known(key)) return { key, params: { message: error.message } };
  return errorMessage(error);
}
