import { APPLICATION_STATES, allowedActions, transition } from '../intake/application-state';
import {
  DECISION_ACTION,
  DECISION_OUTCOMES,
  DECISION_STATES,
  REJECTION_REASONS,
  RejectionReason,
  approvalEnvelopeViolation,
  checkDecision,
  decisionNeedsConfirmation,
  decisionTransition,
  envelopeRemaining,
  needsConfirmation,
} from './decision';

/* A seeded PRNG (mulberry32) so every property run is repeatable. */
type Rng = () => number;
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
/** A bigint in [min, max], also for values beyond 2^53. */
const big = (rng: Rng, min: bigint, max: bigint): bigint => min + (BigInt(Math.floor(rng() * 2 ** 31)) * BigInt(Math.floor(rng() * 2 ** 31))) % (max - min + 1n);
const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, 0, list.length - 1)];

const APP = { requestedMinor: 86_000_000n, currency: 'SEK' as const };

describe('checkDecision: approvals', () => {
  it('property: any amount from 1 up to the request passes, with or without conditions', () => {
    const rng = mulberry32(20270415);
    for (let run = 0; run < 500; run++) {
      const requested = big(rng, 1n, 9_000_000_000_000n);
      const amount = big(rng, 1n, requested);
      const conditions = rng() < 0.5 ? 'Report quarterly' : undefined;
      const result = checkDecision({ outcome: 'approved', amountMinor: amount.toString(), conditions, rationale: 'Ranked high' }, { requestedMinor: requested, currency: 'SEK' });
      expect(result).toEqual({
        ok: true,
        decision: { outcome: 'approved', amountMinor: amount, conditions: conditions ?? null, rejectionReasons: [], rejectionNote: null, rationale: 'Ranked high' },
      });
    }
  });

  it('property: an amount above the request fails on amountMinor, naming both amounts', () => {
    const rng = mulberry32(99);
    for (let run = 0; run < 300; run++) {
      const requested = big(rng, 0n, 1_000_000_000n);
      const amount = requested + big(rng, 1n, 1_000_000n);
      const result = checkDecision({ outcome: 'approved', amountMinor: amount.toString(), rationale: 'x' }, { requestedMinor: requested, currency: 'SEK' });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.violations.map((v) => v.field)).toEqual(['amountMinor']);
        expect(result.violations[0].message).toContain('may not exceed the amount requested');
      }
    }
  });

  it.each([['0'], ['-5'], ['12.50'], ['1e6'], [''], ['abc']])('amount "%s" is refused on amountMinor', (amountMinor) => {
    const result = checkDecision({ outcome: 'approved', amountMinor, rationale: 'x' }, APP);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.violations.map((v) => v.field)).toEqual(['amountMinor']);
  });

  it('an approval needs an amount and a rationale, and carries no rejection reasons', () => {
    const result = checkDecision({ outcome: 'approved', rationale: '  ', rejectionReasons: ['low_score'], rejectionNote: 'n' }, APP);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.violations.map((v) => v.field).sort()).toEqual(['amountMinor', 'rationale', 'rejectionNote', 'rejectionReasons']);
  });

  it('texts are trimmed and limited to 4000 characters', () => {
    const long = 'x'.repeat(4001);
    const result = checkDecision({ outcome: 'approved', amountMinor: '1', conditions: long, rationale: long }, APP);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.violations.map((v) => v.field).sort()).toEqual(['conditions', 'rationale']);
    const ok = checkDecision({ outcome: 'approved', amountMinor: '1', conditions: '  \n ', rationale: '  Good fit  ' }, APP);
    expect(ok.ok && ok.decision).toMatchObject({ conditions: null, rationale: 'Good fit' });
  });
});

describe('checkDecision: rejections and reserve', () => {
  it('property: any non-empty set of listed reasons passes; with "other" only when the note explains it', () => {
    const rng = mulberry32(4242);
    for (let run = 0; run < 500; run++) {
      const reasons = REJECTION_REASONS.filter(() => rng() < 0.4);
      if (reasons.length === 0) reasons.push(pick(rng, REJECTION_REASONS));
      const note = rng() < 0.5 ? 'Our reasons in detail' : undefined;
      const result = checkDecision({ outcome: 'rejected', rejectionReasons: reasons, rejectionNote: note, rationale: 'Below the line' }, APP);
      const explained = !reasons.includes('other') || note !== undefined;
      expect(result.ok).toBe(explained);
      if (result.ok) {
        expect(result.decision).toEqual({ outcome: 'rejected', amountMinor: 0n, conditions: null, rejectionReasons: reasons, rejectionNote: note ?? null, rationale: 'Below the line' });
      } else {
        expect(result.violations).toEqual([{ field: 'rejectionNote', message: 'Explain the reason "other" in the note to the applicant' }]);
      }
    }
  });

  it('a rejection needs at least one reason, each from the list and only once', () => {
    const none = checkDecision({ outcome: 'rejected', rejectionReasons: [], rationale: 'x' }, APP);
    expect(!none.ok && none.violations.map((v) => v.field)).toEqual(['rejectionReasons']);
    const bad = checkDecision({ outcome: 'rejected', rejectionReasons: ['low_score', 'too_late', 'low_score'] as RejectionReason[], rationale: 'x' }, APP);
    expect(!bad.ok && bad.violations.map((v) => v.field)).toEqual(['rejectionReasons.1', 'rejectionReasons.2']);
  });

  it('rejections and reserve places grant nothing and carry no conditions', () => {
    for (const outcome of ['rejected', 'reserve']) {
      const result = checkDecision({ outcome, amountMinor: '100', conditions: 'c', rejectionReasons: outcome === 'rejected' ? ['low_score'] : [], rationale: 'x' }, APP);
      expect(!result.ok && result.violations.map((v) => v.field).sort()).toEqual(['amountMinor', 'conditions']);
      const zero = checkDecision({ outcome, amountMinor: '0', rejectionReasons: outcome === 'rejected' ? ['low_score'] : [], rationale: 'x' }, APP);
      expect(zero.ok && zero.decision.amountMinor).toBe(0n);
    }
  });

  it('a reserve place needs a rationale and no reasons', () => {
    const result = checkDecision({ outcome: 'reserve', rejectionReasons: ['low_score'], rationale: '' }, APP);
    expect(!result.ok && result.violations.map((v) => v.field).sort()).toEqual(['rationale', 'rejectionReasons']);
    expect(checkDecision({ outcome: 'reserve', rationale: 'First on the reserve list' }, APP).ok).toBe(true);
  });

  it('an unknown outcome is refused on outcome', () => {
    const result = checkDecision({ outcome: 'maybe', rationale: 'x' }, APP);
    expect(!result.ok && result.violations.map((v) => v.field)).toEqual(['outcome']);
  });
});

describe('four eyes', () => {
  it('property: an approval needs a second officer exactly when its amount is above the threshold', () => {
    const rng = mulberry32(31337);
    for (let run = 0; run < 1000; run++) {
      const threshold = big(rng, 0n, 100_000_000n);
      const amount = rng() < 0.2 ? threshold : big(rng, 1n, 200_000_000n);
      expect(needsConfirmation(amount, threshold)).toBe(amount > threshold);
      expect(decisionNeedsConfirmation('approved', amount, threshold)).toBe(amount > threshold);
      expect(decisionNeedsConfirmation('rejected', 0n, threshold)).toBe(false);
      expect(decisionNeedsConfirmation('reserve', 0n, threshold)).toBe(false);
    }
  });

  it('threshold 0: every approval needs a second officer', () => {
    expect(decisionNeedsConfirmation('approved', 1n, 0n)).toBe(true);
  });

  it('a decision is confirmed or cancelled once; both are final', () => {
    expect(decisionTransition('proposed', 'confirm')).toEqual({ ok: true, to: 'confirmed' });
    expect(decisionTransition('proposed', 'cancel')).toEqual({ ok: true, to: 'cancelled' });
    for (const from of DECISION_STATES.filter((s) => s !== 'proposed')) {
      for (const action of ['confirm', 'cancel'] as const) expect(decisionTransition(from, action).ok).toBe(false);
    }
  });
});

describe('the envelope', () => {
  it('property: approvals admitted one after another never exceed the envelope, and a refusal says what is left', () => {
    const rng = mulberry32(8_000_000);
    for (let run = 0; run < 400; run++) {
      const envelope = big(rng, 0n, 50_000_000n);
      let committed = 0n;
      for (let i = int(rng, 1, 40); i > 0; i--) {
        const amount = big(rng, 1n, 10_000_000n);
        const violation = approvalEnvelopeViolation(envelope, committed, amount, 'SEK');
        if (violation === null) {
          committed += amount;
        } else {
          expect(committed + amount).toBeGreaterThan(envelope);
          expect(violation.field).toBe('amountMinor');
          expect(violation.message).toContain(`has ${(Number(envelopeRemaining(envelope, committed)) / 100).toFixed(2)} SEK left`);
        }
        expect(committed).toBeLessThanOrEqual(envelope);
      }
    }
  });

  it('an approval that uses exactly what is left fits', () => {
    expect(approvalEnvelopeViolation(1000n, 400n, 600n, 'SEK')).toBeNull();
    expect(approvalEnvelopeViolation(1000n, 400n, 601n, 'SEK')?.message).toBe("The call's envelope of 10.00 SEK has 6.00 SEK left; an approval of 6.01 SEK does not fit");
  });

  it('what is left is never negative (an envelope cut below what is committed leaves 0)', () => {
    expect(envelopeRemaining(1000n, 1500n)).toBe(0n);
  });
});

describe('the application state machine: decisions', () => {
  it('approve, reject and reserve start from in_review; approve and reject also from reserve', () => {
    expect(transition('in_review', 'approve')).toEqual({ ok: true, to: 'approved' });
    expect(transition('in_review', 'reject')).toEqual({ ok: true, to: 'rejected' });
    expect(transition('in_review', 'reserve')).toEqual({ ok: true, to: 'reserve' });
    expect(transition('reserve', 'approve')).toEqual({ ok: true, to: 'approved' });
    expect(transition('reserve', 'reject')).toEqual({ ok: true, to: 'rejected' });
    expect(transition('reserve', 'reserve').ok).toBe(false);
  });

  it('a decided application takes no further decision, and nothing but a decision leads to a decided state', () => {
    for (const state of ['approved', 'rejected'] as const) {
      for (const outcome of DECISION_OUTCOMES) expect(transition(state, DECISION_ACTION[outcome]).ok).toBe(false);
    }
    for (const from of APPLICATION_STATES) {
      for (const action of allowedActions(from)) {
        const result = transition(from, action);
        if (result.ok && ['approved', 'rejected', 'reserve'].includes(result.to)) expect(['approve', 'reject', 'reserve']).toContain(action);
      }
    }
  });

  it('only applications in review or on the reserve list can be decided', () => {
    for (const from of APPLICATION_STATES) {
      const decidable = allowedActions(from).some((a) => a === 'approve');
      expect(decidable).toBe(from === 'in_review' || from === 'reserve');
    }
  });
});
