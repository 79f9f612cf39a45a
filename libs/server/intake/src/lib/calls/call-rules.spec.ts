import { GrantCall } from '../entities/grant-call.entity';
import { isOpen, rulesOf } from './call-rules';

function call(overrides: Partial<GrantCall> = {}): GrantCall {
  return Object.assign(new GrantCall(), {
    status: 'published',
    opensAt: new Date('2027-01-15T08:00:00Z'),
    closesAt: new Date('2027-03-31T15:00:00Z'),
    currency: 'SEK',
    maxGrantMinor: '50000000',
    minCofundingBp: 1000,
    adminCapBp: 700,
    hostCountries: ['SE', 'NO'],
    requirePartner: true,
    minOrganizationAgeMonths: 12,
    requiredDocuments: ['statutes'],
    ...overrides,
  });
}

describe('call rules of a stored call', () => {
  it('maps the columns to the rules checkEligibility takes', () => {
    expect(rulesOf(call())).toEqual({
      currency: 'SEK',
      maxGrantMinor: '50000000',
      minCofundingBp: 1000,
      adminCapBp: 700,
      hostlandCountries: ['SE', 'NO'],
      requirePartner: true,
      minOrganizationAgeMonths: 12,
      requiredDocuments: ['statutes'],
    });
  });

  it('is open from the opening instant up to, not including, the closing instant', () => {
    expect(isOpen(call(), new Date('2027-01-15T07:59:59.999Z'))).toBe(false);
    expect(isOpen(call(), new Date('2027-01-15T08:00:00Z'))).toBe(true);
    expect(isOpen(call(), new Date('2027-03-31T14:59:59.999Z'))).toBe(true);
    expect(isOpen(call(), new Date('2027-03-31T15:00:00Z'))).toBe(false);
    expect(isOpen(call(), new Date('2027-03-31T15:00:01Z'))).toBe(false);
  });

  it('a draft is never open', () => {
    expect(isOpen(call({ status: 'draft' }), new Date('2027-02-01T00:00:00Z'))).toBe(false);
  });
});
