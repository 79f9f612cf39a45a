import { CallRulesDraft, RubricDraft, callRulesViolations, callWindow, envelopeViolation, isIsoCalendarDate, rubricViolations } from './call-rules';

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

const SCALE = ['Absent', 'Weak', 'Fair', 'Good', 'Very good', 'Excellent'];

function rubricOf(weights: number[], scale: string[] = SCALE): RubricDraft {
  return { criteria: weights.map((weight, i) => ({ id: `c${i}`, title: `Criterion ${i}`, description: '', weight })), scale };
}

/** `count` whole non-negative weights summing to exactly `total` (random cut points). */
function weightsSumming(rng: Rng, count: number, total: number): number[] {
  const cuts = Array.from({ length: count - 1 }, () => int(rng, 0, total)).sort((a, b) => a - b);
  const bounds = [0, ...cuts, total];
  return bounds.slice(1).map((b, i) => b - bounds[i]);
}

function draft(overrides: Partial<CallRulesDraft> = {}): CallRulesDraft {
  return {
    timeZone: 'Europe/Stockholm',
    opensAtLocal: '2027-01-15T09:00',
    closesAtLocal: '2027-03-31T17:00',
    envelopeMinor: '500000000',
    maxGrantMinor: '50000000',
    minCofundingBp: 1000,
    adminCapBp: 700,
    hostCountries: ['SE'],
    minOrganizationAgeMonths: 12,
    requiredDocuments: ['statutes', 'board_list'],
    rubric: rubricOf([40, 30, 30]),
    ...overrides,
  };
}

describe('rubric rules', () => {
  it('property: any whole weights that sum to 100 pass', () => {
    const rng = mulberry32(20270331);
    for (let run = 0; run < 500; run++) {
      const weights = weightsSumming(rng, int(rng, 1, 12), 100);
      expect(rubricViolations(rubricOf(weights))).toEqual([]);
    }
  });

  it('property: whole weights that sum to anything but 100 fail on rubric.criteria, naming the actual sum', () => {
    const rng = mulberry32(7);
    for (let run = 0; run < 500; run++) {
      let total = int(rng, 0, 300);
      if (total === 100) total = 101;
      const weights = weightsSumming(rng, int(rng, 1, 12), total).map((w) => Math.min(w, 100));
      const sum = weights.reduce((a, b) => a + b, 0);
      if (sum === 100) continue;
      const violations = rubricViolations(rubricOf(weights));
      expect(violations).toContainEqual({ field: 'rubric.criteria', message: `The weights must sum to exactly 100; they sum to ${sum}` });
    }
  });

  it('property: a fractional weight fails on that criterion even when the total is 100', () => {
    const rng = mulberry32(99);
    for (let run = 0; run < 200; run++) {
      const weights = weightsSumming(rng, int(rng, 2, 8), 100);
      const i = int(rng, 0, weights.length - 2);
      const shift = [0.5, 0.25, 0.1][int(rng, 0, 2)];
      weights[i] += shift;
      weights[weights.length - 1] -= shift;
      const fields = rubricViolations(rubricOf(weights)).map((v) => v.field);
      expect(fields).toContain(`rubric.criteria.${i}.weight`);
    }
  });

  it('refuses duplicate criterion ids, an empty rubric and a scale without exactly six descriptions', () => {
    const twice: RubricDraft = {
      criteria: [
        { id: 'relevance', title: 'Relevance', description: '', weight: 50 },
        { id: 'relevance', title: 'Again', description: '', weight: 50 },
      ],
      scale: SCALE,
    };
    expect(rubricViolations(twice)).toEqual([{ field: 'rubric.criteria.1.id', message: 'The criterion id "relevance" is used twice' }]);
    expect(rubricViolations(rubricOf([])).map((v) => v.field)).toEqual(['rubric.criteria']);
    expect(rubricViolations(rubricOf([100], SCALE.slice(0, 5)))).toEqual([
      { field: 'rubric.scale', message: 'The scale needs exactly 6 descriptions (scores 0 to 5); got 5' },
    ]);
    expect(rubricViolations(rubricOf([100], [...SCALE.slice(0, 5), ' '])).map((v) => v.field)).toEqual(['rubric.scale.5']);
  });
});

describe('call window', () => {
  it('turns local times in the call’s zone into instants (summer time in Stockholm: UTC+2)', () => {
    const w = callWindow('Europe/Stockholm', '2027-01-15T09:00', '2027-03-31T17:00');
    expect(w).toEqual({ ok: true, opensAt: new Date('2027-01-15T08:00:00Z'), closesAt: new Date('2027-03-31T15:00:00Z') });
  });

  it('names the field: unknown zone, malformed or impossible local time, close not after open', () => {
    const fields = (zone: string, open: string, close: string) => {
      const w = callWindow(zone, open, close);
      return w.ok ? [] : w.violations.map((v) => v.field);
    };
    expect(fields('Mars/Olympus', '2027-01-15T09:00', '2027-03-31T17:00')).toEqual(['timeZone']);
    expect(fields('Europe/Stockholm', '2027-01-15 09:00', '2027-03-31T17:00')).toEqual(['opensAtLocal']);
    expect(fields('Europe/Stockholm', '2027-01-15T09:00', '2027-02-30T17:00')).toEqual(['closesAtLocal']);
    expect(fields('Europe/Stockholm', '2027-01-15T09:00', '2027-01-15T24:30')).toEqual(['closesAtLocal']);
    expect(fields('Europe/Stockholm', '2027-03-31T17:00', '2027-03-31T17:00')).toEqual(['closesAtLocal']);
    expect(fields('Europe/Stockholm', '2027-04-01T09:00', '2027-03-31T17:00')).toEqual(['closesAtLocal']);
  });
});

describe('call rules', () => {
  it('accepts a sound call', () => {
    expect(callRulesViolations(draft())).toEqual([]);
  });

  it('names each field that is wrong', () => {
    const fields = callRulesViolations(
      draft({
        envelopeMinor: '1000',
        maxGrantMinor: '2000',
        minCofundingBp: 10_001,
        adminCapBp: -1,
        minOrganizationAgeMonths: 1.5,
        hostCountries: ['se', 'SE'],
        requiredDocuments: ['statutes', 'passport'],
      }),
    ).map((v) => v.field);
    expect(fields).toEqual(['maxGrantMinor', 'minCofundingBp', 'adminCapBp', 'minOrganizationAgeMonths', 'hostCountries.0', 'requiredDocuments.1']);
    expect(callRulesViolations(draft({ envelopeMinor: '0', maxGrantMinor: '12.5' })).map((v) => v.field)).toEqual(['envelopeMinor', 'maxGrantMinor']);
  });

  it('property: the envelope fits exactly when it is at most what the other calls left of the budget', () => {
    const rng = mulberry32(42);
    for (let run = 0; run < 500; run++) {
      const budget = BigInt(int(rng, 1, 1_000_000));
      const others = BigInt(int(rng, 0, 1_200_000));
      const envelope = BigInt(int(rng, 1, 1_000_000));
      const violation = envelopeViolation(envelope, budget, others, 'SEK');
      expect(violation === null).toBe(envelope + others <= budget);
      if (violation) expect(violation.field).toBe('envelopeMinor');
    }
  });

  it('knows calendar dates', () => {
    expect(isIsoCalendarDate('2028-02-29')).toBe(true);
    expect(isIsoCalendarDate('2027-02-29')).toBe(false);
    expect(isIsoCalendarDate('2027-2-1')).toBe(false);
  });
});
