import type {
  AssuranceKind,
  AuditOpinion,
  EngagementAction,
  EngagementKind,
  EngagementScopeKind,
  EngagementState,
  ReconciliationDifference,
  ReconciliationLine,
} from '@mizan/contracts';
import { en, type TranslationKey } from '../../core/i18n/catalog';
import type { TranslationParams } from '../../core/i18n/i18n.service';
import type { Tone } from '../../core/ui/tone-badge.component';

/** Labels of the audit pages (`audit.state.*`, `audit.kind.*` …): the fieldwork pages use them too. */
export function stateKey(state: EngagementState): TranslationKey {
  return `audit.state.${state}`;
}

export function kindKey(kind: EngagementKind): TranslationKey {
  return `audit.kind.${kind}`;
}

export function scopeKindKey(kind: EngagementScopeKind): TranslationKey {
  return `audit.scope.${kind}`;
}

export function opinionKey(opinion: AuditOpinion): TranslationKey {
  return `audit.opinion.${opinion}`;
}

export function assuranceKindKey(kind: AssuranceKind): TranslationKey {
  return `audit.assurance.kind.${kind}`;
}

export function reconCheckKey(check: ReconciliationLine['check']): TranslationKey {
  return `audit.recon.check.${check}`;
}

const STATE_TONES: Readonly<Record<EngagementState, Tone>> = {
  planned: 'neutral',
  fieldwork: 'info',
  draft_report: 'info',
  management_comments: 'warn',
  final: 'good',
  closed: 'neutral',
};

export function stateTone(state: EngagementState): Tone {
  return STATE_TONES[state];
}

/** The states an engagement may be moved to now, from its `actions` (`transition:<state>`), in their order. */
export function transitionTargets(actions: readonly EngagementAction[]): EngagementState[] {
  return actions.filter((a): a is `transition:${EngagementState}` => a.startsWith('transition:')).map((a) => a.slice('transition:'.length) as EngagementState);
}

/** A move that cannot be taken back asks "are you sure?" first. */
export function transitionNeedsConfirmation(to: EngagementState): boolean {
  return to === 'final' || to === 'closed';
}

/**
 * A reconciliation difference in words: `audit.difference.<code>` with its params when the web knows the code,
 * else a generic sentence naming the code and its raw params (a code added on the server before the web has it).
 */
export function differenceText(difference: Pick<ReconciliationDifference, 'code' | 'params'>): { key: TranslationKey; params: TranslationParams } {
  const key = `audit.difference.${difference.code}`;
  if (key in en) return { key: key as TranslationKey, params: difference.params };
  const details = Object.entries(difference.params)
    .map(([name, value]) => `${name}: ${value}`)
    .join(', ');
  return { key: 'audit.recon.differenceUnknown', params: { code: difference.code, details: details || '—' } };
}
