import type { CallView } from '@mizan/contracts';
import { reviewCalls, reviewPhase } from './review-calls';

const now = new Date('2027-06-01T12:00:00Z');

function call(id: string, overrides: Partial<CallView>): CallView {
  return {
    id,
    title: id,
    status: 'published',
    opensAt: '2027-01-01T00:00:00Z',
    closesAt: '2027-05-01T00:00:00Z',
    ...overrides,
  } as CallView;
}

describe('reviewPhase', () => {
  it('tells closed, open and not yet reviewable calls apart', () => {
    expect(reviewPhase(call('a', {}), now)).toBe('closed');
    expect(
      reviewPhase(call('b', { closesAt: '2027-07-01T00:00:00Z' }), now),
    ).toBe('open');
    expect(
      reviewPhase(
        call('c', {
          opensAt: '2027-06-02T00:00:00Z',
          closesAt: '2027-07-01T00:00:00Z',
        }),
        now,
      ),
    ).toBeNull();
    expect(reviewPhase(call('d', { status: 'draft' }), now)).toBeNull();
  });
});

describe('reviewCalls', () => {
  it('lists the most recently closed first, then open calls soonest to close', () => {
    const calls = [
      call('open-late', { closesAt: '2027-09-01T00:00:00Z' }),
      call('closed-old', { closesAt: '2027-02-01T00:00:00Z' }),
      call('draft', { status: 'draft' }),
      call('open-soon', { closesAt: '2027-06-10T00:00:00Z' }),
      call('closed-new', { closesAt: '2027-05-20T00:00:00Z' }),
    ];
    expect(
      reviewCalls(calls, now).map((i) => `${i.call.id}:${i.phase}`),
    ).toEqual([
      'closed-new:closed',
      'closed-old:closed',
      'open-soon:open',
      'open-late:open',
    ]);
  });
});
