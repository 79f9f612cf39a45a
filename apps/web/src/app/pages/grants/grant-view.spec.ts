import type { GrantContent } from '@mizan/contracts';
import {
  contentFromModel,
  contentToModel,
  nextConditionId,
  shareBp,
  sumInputs,
  sumStanding,
} from './grant-view';

const content: GrantContent = {
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  purpose: 'Trauma care',
  budgetLines: [
    { id: 'l1', category: 'Staff', description: 'Nurses', amountMinor: '50000000' },
    { id: 'l2', category: 'Equipment', description: '', amountMinor: '30000000' },
  ],
  tranches: [
    { seq: 1, plannedOn: '2027-01-15', amountMinor: '40000000', conditions: [{ id: 'c1', kind: 'agreement_countersigned' }] },
    {
      seq: 2,
      plannedOn: '2027-07-01',
      amountMinor: '40000000',
      conditions: [
        { id: 'c1', kind: 'earlier_tranches_accounted', params: { minBp: 7000 } },
        { id: 'c2', kind: 'custom', params: { label: 'Visit held' } },
      ],
    },
  ],
  reportingSchedule: [{ kind: 'final', periodFrom: '2027-01-01', periodTo: '2027-12-31', dueOn: '2028-03-01' }],
  specialConditions: 'Quarterly reports',
  modality: 'advance',
  reallocationToleranceBp: 1000,
};

describe('grant editor model', () => {
  it('round-trips the content through the form model exactly (minor units, conditions, tolerance)', () => {
    const model = contentToModel(content, 'SEK');
    expect(model.budgetLines[0].amountMinor).toBe('500000.00');
    expect(model.tranches[1].conditions[0].minPercent).toBe('70');
    expect(model.reallocationTolerancePercent).toBe('10');
    expect(contentFromModel(model, 'SEK')).toEqual(content);
  });

  it('numbers tranches in order and trims texts', () => {
    const model = contentToModel(content, 'SEK');
    model.tranches.reverse();
    model.purpose = '  Trauma care  ';
    const back = contentFromModel(model, 'SEK');
    expect(back.tranches.map((t) => t.seq)).toEqual([1, 2]);
    expect(back.purpose).toBe('Trauma care');
  });

  it('sends an amount that does not parse as typed, so the api names the field', () => {
    const model = contentToModel(content, 'SEK');
    model.budgetLines[0].amountMinor = '12.345';
    expect(contentFromModel(model, 'SEK').budgetLines[0].amountMinor).toBe('12.345');
  });
});

describe('sums and shares', () => {
  it('adds decimal texts exactly in minor units, IQD with three decimals', () => {
    expect(sumInputs(['0.10', '0.20'], 'SEK')).toBe(30n);
    expect(sumInputs(['1.001', '', '2'], 'IQD')).toBe(3001n);
    expect(sumInputs(['1.5x'], 'SEK')).toBeNull();
  });

  it('says whether a sum meets, misses or exceeds the approved amount', () => {
    expect(sumStanding(100n, 100n)).toBe('equal');
    expect(sumStanding(99n, 100n)).toBe('under');
    expect(sumStanding(101n, 100n)).toBe('over');
    expect(sumStanding(null, 100n)).toBe('invalid');
  });

  it('computes a share in basis points, rounded half up, and 0 of nothing', () => {
    expect(shareBp(1n, 3n)).toBe(3333);
    expect(shareBp(2n, 3n)).toBe(6667);
    expect(shareBp(5n, 0n)).toBe(0);
  });

  it('picks a condition id not used yet', () => {
    expect(nextConditionId([{ id: 'c1' }, { id: 'c2' }])).toBe('c3');
    expect(nextConditionId([{ id: 'c2' }])).toBe('c3');
  });
});
