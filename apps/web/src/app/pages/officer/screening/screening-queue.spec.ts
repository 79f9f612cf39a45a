import type { ScreeningQueueItem } from '@mizan/contracts';
import type { RuleResult } from '@mizan/domain';
import {
  officerActions,
  queueRows,
  sortKey,
  summarizeQueue,
} from './screening-queue';

const pass = (rule: RuleResult['rule']): RuleResult => ({
  rule,
  passed: true,
  message: '',
  params: {},
});
const fail = (rule: RuleResult['rule']): RuleResult => ({ ...pass(rule), passed: false });

function item(overrides: Partial<ScreeningQueueItem>): ScreeningQueueItem {
  return {
    id: 'a',
    callId: 'c',
    callTitle: 'Call',
    organizationId: 'o',
    organizationName: 'Org',
    title: 'Title',
    state: 'submitted',
    currency: 'SEK',
    requestedMinor: '100',
    receiptNumber: 'MZ-1',
    submittedAt: '2027-01-01T10:00:00.000Z',
    updatedAt: '2027-01-01T10:00:00.000Z',
    eligibility: [pass('max_grant')],
    dueDiligence: { status: 'pending', expired: false, expiresOn: null },
    partnerGovernorates: ['IQ-BA'],
    ...overrides,
  };
}

const items = [
  item({ id: '1', organizationName: 'beta', requestedMinor: '900', state: 'submitted' }),
  item({
    id: '2',
    organizationName: 'Alpha',
    requestedMinor: '10000',
    state: 'returned',
    eligibility: [pass('max_grant'), fail('admin_cost_cap')],
    dueDiligence: { status: 'cleared', expired: true, expiresOn: '2026-01-01' },
  }),
  item({ id: '3', organizationName: 'gamma', requestedMinor: '50', state: 'eligible' }),
];

describe('the screening queue', () => {
  it('counts applications by state, by eligibility and by due-diligence trouble', () => {
    const summary = summarizeQueue(items);
    expect(summary.total).toBe(3);
    expect(summary.byState.find((s) => s.state === 'submitted')?.count).toBe(1);
    expect(summary.byState.find((s) => s.state === 'resubmitted')?.count).toBe(0);
    expect(summary.passing).toBe(2);
    expect(summary.failing).toBe(1);
    expect(summary.ddProblems).toBe(1);
  });

  it('sorts money as whole minor units, not as text', () => {
    const ids = (rows: ScreeningQueueItem[]) => rows.map((r) => r.id);
    expect(ids(queueRows(items, 'all', 'requested', 'asc'))).toEqual(['3', '1', '2']);
    expect(ids(queueRows(items, 'all', 'requested', 'desc'))).toEqual(['2', '1', '3']);
    expect(typeof sortKey(items[0], 'requested')).toBe('bigint');
  });

  it('sorts names without regard to case, and expired clearances first', () => {
    const ids = (rows: ScreeningQueueItem[]) => rows.map((r) => r.id);
    expect(ids(queueRows(items, 'all', 'organization', 'asc'))).toEqual(['2', '1', '3']);
    expect(ids(queueRows(items, 'all', 'dueDiligence', 'asc'))[0]).toBe('2');
    expect(ids(queueRows(items, 'all', 'eligibility', 'desc'))[0]).toBe('2');
  });

  it('filters by state and keeps the api order when not sorted', () => {
    expect(queueRows(items, 'returned', '', '').map((r) => r.id)).toEqual(['2']);
    expect(queueRows(items, 'all', 'unknown', 'asc').map((r) => r.id)).toEqual(['1', '2', '3']);
  });

  it('offers the officer only the screening actions the state allows', () => {
    expect(officerActions('submitted')).toEqual([
      'start_screening',
      'mark_eligible',
      'mark_ineligible',
      'return_for_clarification',
    ]);
    expect(officerActions('screening')).toEqual([
      'mark_eligible',
      'mark_ineligible',
      'return_for_clarification',
    ]);
    expect(officerActions('returned')).toEqual([]);
    expect(officerActions('eligible')).toEqual([]);
  });
});
