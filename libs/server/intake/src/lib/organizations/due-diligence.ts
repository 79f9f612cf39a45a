import type { DueDiligenceStatus } from '../entities/organization.entity';
import { dateColumn, isoDateOf } from './dates';

export interface DueDiligenceSummary {
  status: DueDiligenceStatus;
  /** True when cleared/conditional but past its expiry date: treat as not cleared. */
  expired: boolean;
  expiresOn: string | null;
}

/**
 * The due-diligence standing of an organization as other areas must read it
 * (screening queue, application views): a clearance whose expiry date has
 * passed counts as expired everywhere. Expiry day itself is still valid.
 */
export function dueDiligenceSummary(
  org: { ddStatus: DueDiligenceStatus; ddExpiresOn: Date | string | null },
  today: Date | string = new Date(),
): DueDiligenceSummary {
  const expiresOn = dateColumn(org.ddExpiresOn);
  const clearing = org.ddStatus === 'cleared' || org.ddStatus === 'conditional';
  return {
    status: org.ddStatus,
    expired: clearing && expiresOn !== null && expiresOn < isoDateOf(today),
    expiresOn,
  };
}
