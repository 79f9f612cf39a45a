import { HttpErrorResponse } from '@angular/common/http';
import { ErrorCode, type EnvelopeView } from '@mizan/contracts';
import { toWebError } from '../../../core/api/api-error';
import {
  buildDecisionRequest,
  confirmBlock,
  decisionProblem,
  envelopeGauge,
  exceedsRemaining,
  fourEyesNote,
  isReduced,
  reasonKey,
  type DecisionFormValue,
} from './decision-view';

const envelope = (over: Partial<EnvelopeView> = {}): EnvelopeView => ({
  envelopeMinor: '500000000',
  committedMinor: '0',
  confirmedMinor: '0',
  remainingMinor: '500000000',
  confirmationThresholdMinor: '0',
  currency: 'SEK',
  ...over,
});

const form = (over: Partial<DecisionFormValue> = {}): DecisionFormValue => ({
  outcome: 'approved',
  amountMinor: '600000',
  conditions: '',
  rejectionReasons: [],
  rejectionNote: '',
  rationale: '  Ranked third; strong partnership ',
  ...over,
});

describe('envelopeGauge', () => {
  it('splits the envelope into confirmed, awaiting and remaining shares', () => {
    const g = envelopeGauge(
      envelope({
        committedMinor: '200000000',
        confirmedMinor: '150000000',
        remainingMinor: '300000000',
      }),
    );
    expect(g).toMatchObject({
      confirmedMinor: '150000000',
      awaitingMinor: '50000000',
      remainingMinor: '300000000',
      confirmedPercent: 30,
      awaitingPercent: 10,
      remainingPercent: 60,
      committedPercent: 40,
    });
  });

  it('never draws more than the whole bar, and an empty envelope draws nothing', () => {
    const full = envelopeGauge(
      envelope({
        envelopeMinor: '3',
        committedMinor: '3',
        confirmedMinor: '1',
        remainingMinor: '0',
      }),
    );
    expect(full.confirmedPercent + full.awaitingPercent).toBe(100);
    expect(full.remainingPercent).toBe(0);
    const allConfirmed = envelopeGauge(
      envelope({
        envelopeMinor: '3',
        committedMinor: '3',
        confirmedMinor: '3',
        remainingMinor: '0',
      }),
    );
    expect([
      allConfirmed.confirmedPercent,
      allConfirmed.awaitingPercent,
    ]).toEqual([100, 0]);
    const empty = envelopeGauge(
      envelope({ envelopeMinor: '0', remainingMinor: '0' }),
    );
    expect([
      empty.confirmedPercent,
      empty.awaitingPercent,
      empty.remainingPercent,
    ]).toEqual([0, 0, 0]);
  });

  it('rounds thirds down so the segments add up to at most 100', () => {
    const g = envelopeGauge(
      envelope({
        envelopeMinor: '300',
        committedMinor: '200',
        confirmedMinor: '100',
        remainingMinor: '100',
      }),
    );
    expect(g.confirmedPercent).toBe(33.3);
    expect(g.awaitingPercent).toBe(33.3);
    expect(g.remainingPercent).toBe(33.4);
  });
});

describe('confirmBlock (four eyes)', () => {
  const decision = {
    awaitingConfirmation: true,
    proposedBy: { id: 'u1', email: 'a@x' },
  };
  it('keeps the proposer from confirming their own decision', () => {
    expect(confirmBlock(decision, 'u1')).toBe('ownProposal');
  });
  it('lets another officer confirm', () => {
    expect(confirmBlock(decision, 'u2')).toBeNull();
  });
  it('has nothing to confirm once final or cancelled', () => {
    expect(
      confirmBlock({ ...decision, awaitingConfirmation: false }, 'u2'),
    ).toBe('notAwaiting');
  });
});

describe('amounts', () => {
  it('knows a reduced amount', () => {
    expect(isReduced('70000000', '86000000')).toBe(true);
    expect(isReduced('86000000', '86000000')).toBe(false);
  });
  it('warns when an approval would not fit what the envelope has left', () => {
    expect(exceedsRemaining('60000001', '60000000')).toBe(true);
    expect(exceedsRemaining('60000000', '60000000')).toBe(false);
    expect(exceedsRemaining(null, '1')).toBe(false);
  });
});

describe('buildDecisionRequest', () => {
  it('an approval sends the amount in minor units, the conditions and the rationale, trimmed', () => {
    expect(
      buildDecisionRequest(form({ conditions: ' Quarterly reports ' }), 'SEK'),
    ).toEqual({
      outcome: 'approved',
      amountMinor: '60000000',
      conditions: 'Quarterly reports',
      rationale: 'Ranked third; strong partnership',
    });
  });

  it('an approval without conditions leaves them out; a bad amount builds nothing', () => {
    expect(buildDecisionRequest(form(), 'SEK')).not.toHaveProperty(
      'conditions',
    );
    expect(
      buildDecisionRequest(form({ amountMinor: 'abc' }), 'SEK'),
    ).toBeNull();
  });

  it('a rejection sends its reasons in the list order and the note, never an amount or conditions', () => {
    expect(
      buildDecisionRequest(
        form({
          outcome: 'rejected',
          conditions: 'ignored',
          rejectionReasons: ['other', 'low_score'],
          rejectionNote: ' Not this time ',
        }),
        'SEK',
      ),
    ).toEqual({
      outcome: 'rejected',
      rejectionReasons: ['low_score', 'other'],
      rejectionNote: 'Not this time',
      rationale: 'Ranked third; strong partnership',
    });
  });

  it('a reserve place sends the rationale only', () => {
    expect(
      buildDecisionRequest(
        form({ outcome: 'reserve', rejectionReasons: ['other'] }),
        'SEK',
      ),
    ).toEqual({
      outcome: 'reserve',
      rationale: 'Ranked third; strong partnership',
    });
  });
});

describe('fourEyesNote', () => {
  it('says an approval above the threshold waits for a second officer', () => {
    expect(fourEyesNote('approved', '60000000', '50000000')).toEqual({
      kind: 'needsSecond',
      amountMinor: '60000000',
      thresholdMinor: '50000000',
    });
  });
  it('an approval at or below the threshold is final at once', () => {
    expect(fourEyesNote('approved', '50000000', '50000000').kind).toBe(
      'withinThreshold',
    );
  });
  it('threshold 0: every approval waits, whatever the amount', () => {
    expect(fourEyesNote('approved', null, '0').kind).toBe('everyApproval');
  });
  it('rejections and reserve places commit no money', () => {
    expect(fourEyesNote('rejected', null, '0').kind).toBe('noMoney');
    expect(fourEyesNote('reserve', null, null).kind).toBe('noMoney');
  });
  it('without the threshold or an amount it cannot say', () => {
    expect(fourEyesNote('approved', '1', null).kind).toBe('unknown');
    expect(fourEyesNote('approved', null, '100').kind).toBe('unknown');
  });
});

describe('labels and problems', () => {
  it('translates known reasons and reads unknown ones as "other"', () => {
    expect(reasonKey('low_score')).toBe('decisions.reason.low_score');
    expect(reasonKey('new_code')).toBe('decisions.reason.other');
  });

  const apiError = (status: number, code: ErrorCode, message: string) =>
    toWebError(
      new HttpErrorResponse({
        status,
        error: { statusCode: status, code, message },
      }),
    );

  it('names the envelope, four eyes and conflicts with the api message', () => {
    expect(
      decisionProblem(
        apiError(409, ErrorCode.EnvelopeExceeded, 'has 10.00 SEK left'),
      ),
    ).toEqual({
      key: 'decisions.error.envelope',
      params: { message: 'has 10.00 SEK left' },
    });
    expect(
      decisionProblem(apiError(403, ErrorCode.FourEyesRequired, 'x')).key,
    ).toBe('decisions.error.fourEyes');
    expect(
      decisionProblem(apiError(409, ErrorCode.Conflict, 'waiting')).params,
    ).toEqual({ message: 'waiting' });
    expect(decisionProblem(apiError(404, ErrorCode.NotFound, 'gone')).key).toBe(
      'errors.notFound',
    );
  });
});
