import type { CallRulesInput } from '@mizan/contracts';
import { changedRuleFields } from './call-diff';

const base: CallRulesInput = {
  title: 'Call',
  description: 'D',
  timeZone: 'UTC',
  opensAtLocal: '2027-01-01T09:00',
  closesAtLocal: '2027-02-01T17:00',
  envelopeMinor: '100',
  maxGrantMinor: '10',
  minCofundingBp: 1000,
  adminCapBp: 700,
  hostCountries: ['SE', 'DE'],
  requirePartner: true,
  minOrganizationAgeMonths: 12,
  requiredDocuments: ['statutes', 'board_list'],
  rubric: {
    criteria: [{ id: 'a', title: 'A', description: '', weight: 100 }],
    scale: ['0', '1', '2', '3', '4', '5'],
  },
};

describe('changedRuleFields', () => {
  it('finds nothing between equal rules, whatever the order of sets', () => {
    expect(
      changedRuleFields(base, {
        ...base,
        hostCountries: ['DE', 'SE'],
        requiredDocuments: ['board_list', 'statutes'],
      }),
    ).toEqual([]);
  });

  it('names each changed field in form order, rubric included', () => {
    expect(
      changedRuleFields(base, {
        ...base,
        adminCapBp: 500,
        description: 'New',
        rubric: {
          ...base.rubric,
          criteria: [{ id: 'a', title: 'A', description: '', weight: 90 }],
        },
      }),
    ).toEqual(['description', 'adminCapBp', 'rubricCriteria']);
  });
});
