import type { BudgetTotalsView } from '@mizan/contracts';
import {
  emptyApplicationContent,
  type ApplicationContent,
} from '@mizan/domain';
import { compareContents, type DiffFormat } from './application-diff';

const format: DiffFormat = {
  money: (m) => `${m} öre`,
  share: (bp) => `${bp} bp`,
  category: (c) => c,
  riskArea: (a) => a,
  riskLevel: (l) => l,
  governorates: (codes) => codes.join('+'),
  partners: (ids) => ids.join('+'),
  months: (m) => m.join(','),
  number: (n) => String(n),
};

const totals = (total: string): BudgetTotalsView => ({
  totalBudgetMinor: total,
  cofundingMinor: '0',
  requestedMinor: total,
  adminMinor: '0',
  adminShareBp: 0,
  cofundingShareBp: 0,
});

const v1: ApplicationContent = {
  ...emptyApplicationContent('Water'),
  summary: 'First summary',
  budgetLines: [
    {
      id: 'b1',
      category: 'equipment',
      year: 2027,
      description: 'Filters',
      amountMinor: '100',
    },
    {
      id: 'b2',
      category: 'admin',
      year: 2027,
      description: 'Office',
      amountMinor: '50',
    },
  ],
  activities: [
    { id: 'a1', title: 'Install', governorates: ['IQ-BA'], months: [1] },
  ],
  outcomes: [{ id: 'o1', title: 'Safer water', outputs: [] }],
};

describe('compareContents', () => {
  it('marks what changed between two versions and leaves the rest alone', () => {
    const v2: ApplicationContent = {
      ...v1,
      summary: 'Clarified summary',
      budgetLines: [
        { ...v1.budgetLines[0], amountMinor: '120' },
        {
          id: 'b3',
          category: 'travel',
          year: 2027,
          description: 'Visits',
          amountMinor: '30',
        },
      ],
      outcomes: [{ id: 'o1', title: 'Safer drinking water', outputs: [] }],
    };
    const rows = compareContents(
      { content: v1, totals: totals('150') },
      { content: v2, totals: totals('150') },
      format,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('title')?.changed).toBe(false);
    expect(byId.get('summary')).toMatchObject({
      left: 'First summary',
      right: 'Clarified summary',
      changed: true,
    });
    expect(byId.get('b-b1')).toMatchObject({
      changed: true,
      right: 'equipment · 2027 · Filters · 120 öre',
    });
    expect(byId.get('b-b3')).toMatchObject({ left: null, changed: true });
    expect(byId.get('b-b2')).toMatchObject({ right: null, changed: true });
    expect(byId.get('t-total')?.changed).toBe(false);
    expect(byId.get('a-a1')?.changed).toBe(false);
    expect(byId.get('o-o1')).toMatchObject({
      left: 'Safer water',
      right: 'Safer drinking water',
      changed: true,
    });
  });

  it('finds nothing to mark in identical versions', () => {
    const rows = compareContents(
      { content: v1, totals: totals('150') },
      { content: v1, totals: totals('150') },
      format,
    );
    expect(rows.filter((r) => r.changed)).toEqual([]);
  });
});
