import type { DueDiligenceCheck } from '@mizan/contracts';
import {
  BUDGET_CATEGORIES,
  DOCUMENT_KINDS,
  RISK_AREAS,
  RISK_LEVELS,
  type ApplicationState,
  type BudgetCategory,
  type DocumentKind,
  type RiskArea,
  type RiskLevel,
} from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import type { DueDiligenceStanding } from './status';

/* Translation keys for the domain's codes, in one place. */

const STATE_KEYS: Readonly<Record<string, TranslationKey>> = {
  draft: 'officer.state.draft',
  submitted: 'officer.state.submitted',
  screening: 'officer.state.screening',
  eligible: 'officer.state.eligible',
  ineligible: 'officer.state.ineligible',
  returned: 'officer.state.returned',
  resubmitted: 'officer.state.resubmitted',
  withdrawn: 'officer.state.withdrawn',
  // Later in the grant's life (review and decision).
  in_review: 'officer.state.in_review',
  approved: 'officer.state.approved',
  rejected: 'officer.state.rejected',
  reserve: 'officer.state.reserve',
};

/** The label of a state; states added to the domain later read "Other state" until named here. */
export function stateKey(state: ApplicationState): TranslationKey {
  return Object.hasOwn(STATE_KEYS, state)
    ? STATE_KEYS[state]
    : 'officer.state.other';
}

export function ddKey(standing: DueDiligenceStanding): TranslationKey {
  return `officer.dd.${standing}`;
}

export function documentKindKey(kind: string): TranslationKey | null {
  return (DOCUMENT_KINDS as readonly string[]).includes(kind)
    ? `officer.doc.${kind as DocumentKind}`
    : null;
}

export function categoryKey(category: BudgetCategory): TranslationKey {
  return (BUDGET_CATEGORIES as readonly string[]).includes(category)
    ? `officer.category.${category}`
    : 'officer.category.other';
}

export function riskAreaKey(area: RiskArea): TranslationKey {
  return (RISK_AREAS as readonly string[]).includes(area)
    ? `officer.risk.${area}`
    : 'officer.risk.security';
}

export function riskLevelKey(level: RiskLevel): TranslationKey {
  return (RISK_LEVELS as readonly string[]).includes(level)
    ? `officer.level.${level}`
    : 'officer.level.medium';
}

export function checkKey(check: DueDiligenceCheck['check']): TranslationKey {
  return `officer.check.${check}`;
}
