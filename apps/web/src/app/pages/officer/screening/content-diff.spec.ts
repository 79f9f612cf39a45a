import type { BudgetTotalsView } from '@mizan/contracts';
import { emptyApplicationContent, type ApplicationContent } from '@mizan/domain';
import { type ContentFormat, compareContent, flattenContent } from './content-diff';

const fmt: ContentFormat = {
  money: (minor) => `${minor} minor`,
  percent: (bp) => `${bp} bp`,
  governorate: (code) => (code === 'IQ-BA' ? 'Basra' : code),
  partner: (id) => (id === 'p1' ? 'Basra Health' : id),
  t: (key) => key,
};

function content(overrides: Partial<ApplicationContent>): ApplicationContent {
  return {
    ...emptyApplicationContent('Clinic'),
    summary: 'First summary',
    partnerIds: ['p1'],
    activities: [{ id: 'a1', title: 'Training', governorates: ['IQ-BA'], months: [1, 2] }],
    budgetLines: [
      { id: 'b1', category: 'personnel', year: 2027, description: 'Trainers', amountMinor: '600' },
      { id: 'b2', category: 'admin', year: 2027, description: 'Office', amountMinor: '60' },
    ],
    ...overrides,
  };
}

const totals: BudgetTotalsView = {
  totalBudgetMinor: '660',
  cofundingMinor: '0',
  requestedMinor: '660',
  adminMinor: '60',
  adminShareBp: 909,
  cofundingShareBp: 0,
};

describe('comparing two versions of an application', () => {
  it('writes each field out with readable values', () => {
    const fields = flattenContent(content({}), totals, fmt);
    const byKey = new Map(fields.map((f) => [f.key, f]));
    expect(byKey.get('partners')?.value).toBe('Basra Health');
    expect(byKey.get('activities.a1.governorates')?.value).toBe('Basra');
    expect(byKey.get('budget.b2.amount')?.value).toBe('60 minor');
    expect(byKey.get('budget.b2.category')?.value).toBe('officer.category.admin');
    expect(byKey.get('totals.adminShare')?.value).toBe('909 bp');
    expect(byKey.get('budget.b2.amount')?.item).toBe('Office');
  });

  it('marks changed, added and removed fields; items match by id, not position', () => {
    const before = flattenContent(content({}), null, fmt);
    const after = flattenContent(
      content({
        summary: 'Second summary',
        budgetLines: [
          { id: 'b2', category: 'admin', year: 2027, description: 'Office', amountMinor: '50' },
          { id: 'b3', category: 'travel', year: 2027, description: 'Visits', amountMinor: '40' },
        ],
      }),
      null,
      fmt,
    );
    const rows = compareContent(before, after);
    const row = (key: string) => rows.find((r) => r.key === key);
    expect(row('summary')).toMatchObject({
      before: 'First summary',
      after: 'Second summary',
      changed: true,
    });
    expect(row('title')?.changed).toBe(false);
    expect(row('budget.b2.amount')).toMatchObject({ before: '60 minor', after: '50 minor', changed: true });
    expect(row('budget.b2.description')?.changed).toBe(false);
    expect(row('budget.b3.amount')).toMatchObject({ before: null, after: '40 minor', changed: true });
    expect(row('budget.b1.amount')).toMatchObject({ before: '600 minor', after: null, changed: true });
    // Removed lines stay in their section, after the newer version's lines.
    const budgetKeys = rows.filter((r) => r.section === 'budget').map((r) => r.key);
    expect(budgetKeys.indexOf('budget.b1.amount')).toBeGreaterThan(
      budgetKeys.indexOf('budget.b3.amount'),
    );
  });
});
