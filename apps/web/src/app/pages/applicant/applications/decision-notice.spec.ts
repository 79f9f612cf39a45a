import type { DecisionNoticeView } from '@mizan/contracts';
import { decisionNoticeLines } from './decision-notice';

const notice = (over: Partial<DecisionNoticeView>): DecisionNoticeView => ({
  outcome: 'approved',
  amountMinor: '70000000',
  requestedMinor: '86000000',
  currency: 'SEK',
  conditions: null,
  rejectionReasons: [],
  rejectionNote: null,
  decidedAt: '2027-03-10T12:00:00Z',
  ...over,
});

describe('decisionNoticeLines', () => {
  it('an approval says how much, and that it is less than requested', () => {
    const lines = decisionNoticeLines(
      notice({ conditions: '  Quarterly reports ' }),
    );
    expect(lines).toMatchObject({
      outcome: 'approved',
      headlineKey: 'decisions.notice.approved.headline',
      amount: {
        grantedMinor: '70000000',
        requestedMinor: '86000000',
        reduced: true,
      },
      conditions: 'Quarterly reports',
      reasonKeys: [],
    });
  });

  it('a full approval is not called reduced; blank conditions are none', () => {
    const lines = decisionNoticeLines(
      notice({ amountMinor: '86000000', conditions: '  ' }),
    );
    expect(lines.amount?.reduced).toBe(false);
    expect(lines.conditions).toBeNull();
  });

  it("a rejection gives the reasons in the applicant's words, in the list's order, and the note", () => {
    const lines = decisionNoticeLines(
      notice({
        outcome: 'rejected',
        amountMinor: '0',
        rejectionReasons: ['other', 'low_score'],
        rejectionNote: 'We hope to see you again.',
      }),
    );
    expect(lines.amount).toBeNull();
    expect(lines.reasonKeys).toEqual([
      'decisions.notice.reason.low_score',
      'decisions.notice.reason.other',
    ]);
    expect(lines.note).toBe('We hope to see you again.');
  });

  it('a reason the web does not know yet reads as "another reason"', () => {
    const lines = decisionNoticeLines(
      notice({ outcome: 'rejected', rejectionReasons: ['brand_new' as never] }),
    );
    expect(lines.reasonKeys).toEqual(['decisions.notice.reason.other']);
  });

  it('a reserve place explains what it means, with no amount or reasons', () => {
    const lines = decisionNoticeLines(
      notice({ outcome: 'reserve', amountMinor: '0' }),
    );
    expect(lines).toMatchObject({
      headlineKey: 'decisions.notice.reserve.headline',
      amount: null,
      reasonKeys: [],
      tone: 'attention',
    });
  });
});
