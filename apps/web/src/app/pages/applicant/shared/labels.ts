import type { DueDiligenceCheck, DueDiligenceStatus } from '@mizan/contracts';
import type {
  ApplicationState,
  BudgetCategory,
  DocumentKind,
  EligibilityRule,
  RiskArea,
  RiskLevel,
} from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';

/** Translation keys for the domain's codes; the compiler checks that each one exists. */
export const stateKey = (state: ApplicationState): TranslationKey =>
  `applicant.state.${state}`;

export const ddStatusKey = (status: DueDiligenceStatus): TranslationKey =>
  `applicant.dd.status.${status}`;

export const docKindKey = (kind: DocumentKind): TranslationKey =>
  `applicant.docKind.${kind}`;

export const categoryKey = (category: BudgetCategory): TranslationKey =>
  `applicant.category.${category}`;

export const riskAreaKey = (area: RiskArea): TranslationKey =>
  `applicant.riskArea.${area}`;

export const riskLevelKey = (level: RiskLevel): TranslationKey =>
  `applicant.riskLevel.${level}`;

export const ruleNameKey = (rule: EligibilityRule): TranslationKey =>
  `applicant.rule.${rule}`;

export const ddCheckKey = (check: DueDiligenceCheck['check']): TranslationKey =>
  `applicant.ddCheck.${check}`;

/** Chip colour family of an application state. */
export function stateTone(
  state: ApplicationState,
): 'neutral' | 'progress' | 'good' | 'bad' | 'attention' {
  switch (state) {
    case 'draft':
      return 'neutral';
    case 'submitted':
    case 'resubmitted':
    case 'screening':
      return 'progress';
    case 'eligible':
      return 'good';
    case 'ineligible':
    case 'withdrawn':
      return 'bad';
    case 'returned':
    case 'reserve':
      return 'attention';
    case 'in_review':
      return 'progress';
    case 'approved':
      return 'good';
    case 'rejected':
      return 'bad';
    default:
      return 'neutral';
  }
}

/** Chip colour family of a due-diligence status (expired counts as attention). */
export function ddTone(
  status: DueDiligenceStatus,
  expired: boolean,
): 'neutral' | 'good' | 'bad' | 'attention' {
  if (expired) return 'attention';
  switch (status) {
    case 'pending':
      return 'neutral';
    case 'cleared':
      return 'good';
    case 'conditional':
      return 'attention';
    case 'rejected':
      return 'bad';
  }
}
