import type { DueDiligenceStatus, DueDiligenceView } from '@mizan/contracts';
import type { ApplicationState, RuleResult } from '@mizan/domain';

/** What a due-diligence status means today: a clearance past its expiry date is "expired". */
export type DueDiligenceStanding = DueDiligenceStatus | 'expired';

export const DUE_DILIGENCE_STANDINGS: readonly DueDiligenceStanding[] = [
  'pending',
  'cleared',
  'conditional',
  'rejected',
  'expired',
];

export function ddStanding(
  dd: Pick<DueDiligenceView, 'status' | 'expired'>,
): DueDiligenceStanding {
  return dd.expired ? 'expired' : dd.status;
}

/** How a standing is drawn: good, caution, bad or neutral. */
export function ddTone(
  standing: DueDiligenceStanding,
): 'good' | 'warn' | 'bad' | 'neutral' {
  switch (standing) {
    case 'cleared':
      return 'good';
    case 'conditional':
      return 'warn';
    case 'rejected':
    case 'expired':
      return 'bad';
    default:
      return 'neutral';
  }
}

export function stateTone(
  state: ApplicationState,
): 'good' | 'warn' | 'bad' | 'neutral' | 'info' {
  switch (state) {
    case 'eligible':
      return 'good';
    case 'returned':
      return 'warn';
    case 'ineligible':
    case 'withdrawn':
      return 'bad';
    case 'screening':
    case 'resubmitted':
    case 'submitted':
      return 'info';
    default:
      return 'neutral';
  }
}

export interface EligibilityCount {
  passed: number;
  failed: number;
}

export function eligibilityCount(results: readonly RuleResult[]): EligibilityCount {
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed };
}
