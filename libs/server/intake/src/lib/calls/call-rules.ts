import type { CallRules } from '@mizan/domain';
import type { GrantCall } from '../entities/grant-call.entity';

/** The eligibility rules a call sets, in the shape `checkEligibility` takes. */
export function rulesOf(call: GrantCall): CallRules {
  return {
    currency: call.currency,
    maxGrantMinor: String(call.maxGrantMinor),
    minCofundingBp: call.minCofundingBp,
    adminCapBp: call.adminCapBp,
    hostlandCountries: [...call.hostCountries],
    requirePartner: call.requirePartner,
    minOrganizationAgeMonths: call.minOrganizationAgeMonths,
    requiredDocuments: [...call.requiredDocuments],
  };
}

/** Open means published and inside [opensAt, closesAt) by the server's clock: a submission at the closing instant is late. */
export function isOpen(call: Pick<GrantCall, 'status' | 'opensAt' | 'closesAt'>, now: Date = new Date()): boolean {
  const t = now.getTime();
  return call.status === 'published' && new Date(call.opensAt).getTime() <= t && t < new Date(call.closesAt).getTime();
}
