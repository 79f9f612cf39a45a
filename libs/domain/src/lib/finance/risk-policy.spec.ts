import {
  CAPACITY_MAX_SCORE,
  CAPACITY_QUESTIONS,
  DEFAULT_RISK_POLICY,
  RISK_RATINGS,
  bpToPercentText,
  checkAgainstPolicy,
  checkTightening,
  mergePolicy,
  ratingFromAssessment,
  trancheProblemsForPolicy,
  validateCapacityAnswers,
  validatePolicyOverrides,
} from './risk-policy';

const answersAll = (n: number) => Object.fromEntries(CAPACITY_QUESTIONS.map((q) => [q.id, n]));

describe('DEFAULT_RISK_POLICY', () => {
  it('holds the decided defaults', () => {
    expect(DEFAULT_RISK_POLICY.low).toEqual({ minTranches: 1, maxTrancheShareBp: 10_000, allowedModalities: ['advance', 'reimbursement', 'direct_payment'], monitoring: 'desk_review', minAccountedBeforeNextBp: 0 });
    expect(DEFAULT_RISK_POLICY.moderate).toMatchObject({ minTranches: 2, maxTrancheShareBp: 6_000, minAccountedBeforeNextBp: 7_000 });
    expect(DEFAULT_RISK_POLICY.significant).toMatchObject({ minTranches: 3, maxTrancheShareBp: 4_000, monitoring: 'visits_each_tranche' });
    expect(DEFAULT_RISK_POLICY.high).toEqual({ minTranches: 4, maxTrancheShareBp: 2_500, allowedModalities: ['reimbursement', 'direct_payment'], monitoring: 'third_party_monitoring', minAccountedBeforeNextBp: 8_000 });
  });

  it('gets stricter with the rating', () => {
    for (let i = 1; i < RISK_RATINGS.length; i++) {
      const looser = DEFAULT_RISK_POLICY[RISK_RATINGS[i - 1]];
      const stricter = DEFAULT_RISK_POLICY[RISK_RATINGS[i]];
      expect(checkTightening(looser, stricter)).toEqual([]);
    }
  });

  it('every default can be met: minTranches × maxShare ≥ 100 %', () => {
    for (const r of RISK_RATINGS) expect(DEFAULT_RISK_POLICY[r].minTranches * DEFAULT_RISK_POLICY[r].maxTrancheShareBp).toBeGreaterThanOrEqual(10_000);
  });
});

describe('bpToPercentText', () => {
  it.each([
    [2500, '25'],
    [6250, '62.5'],
    [1, '0.01'],
    [10_000, '100'],
    [0, '0'],
  ])('%p bp → %p', (bp, text) => expect(bpToPercentText(bp)).toBe(text));
});

describe('agency overrides', () => {
  it('merge field by field over the defaults, without sharing arrays', () => {
    const merged = mergePolicy(DEFAULT_RISK_POLICY, { moderate: { minTranches: 3 }, high: { allowedModalities: ['direct_payment'] } });
    expect(merged.moderate).toEqual({ ...DEFAULT_RISK_POLICY.moderate, minTranches: 3 });
    expect(merged.high.allowedModalities).toEqual(['direct_payment']);
    expect(merged.low).toEqual(DEFAULT_RISK_POLICY.low);
    expect(merged.low.allowedModalities).not.toBe(DEFAULT_RISK_POLICY.low.allowedModalities);
    expect(mergePolicy(DEFAULT_RISK_POLICY, null)).toEqual(DEFAULT_RISK_POLICY);
  });

  it('an agency may also loosen its own defaults (officers may not)', () => {
    expect(validatePolicyOverrides({ high: { allowedModalities: ['advance', 'reimbursement'], minTranches: 2, maxTrancheShareBp: 5000 } })).toEqual([]);
  });

  it('refuses malformed overrides with codes naming rating and field', () => {
    expect(validatePolicyOverrides(null)).toEqual([]);
    expect(validatePolicyOverrides([])).toEqual([{ code: 'POLICY_NOT_AN_OBJECT', params: {} }]);
    expect(
      validatePolicyOverrides({
        extreme: {},
        low: { minTranches: 0, maxTrancheShareBp: 0, minAccountedBeforeNextBp: 10_001, monitoring: 'drone', allowedModalities: [], colour: 'red' },
        high: { allowedModalities: ['advance', 'advance'] },
      }),
    ).toEqual([
      { code: 'POLICY_UNKNOWN_RATING', params: { rating: 'extreme' } },
      { code: 'POLICY_VALUE_INVALID', params: { rating: 'low', field: 'minTranches' } },
      { code: 'POLICY_VALUE_INVALID', params: { rating: 'low', field: 'maxTrancheShareBp' } },
      { code: 'POLICY_VALUE_INVALID', params: { rating: 'low', field: 'minAccountedBeforeNextBp' } },
      { code: 'POLICY_VALUE_INVALID', params: { rating: 'low', field: 'monitoring' } },
      { code: 'POLICY_VALUE_INVALID', params: { rating: 'low', field: 'allowedModalities' } },
      { code: 'POLICY_UNKNOWN_FIELD', params: { rating: 'low', field: 'colour' } },
      { code: 'POLICY_VALUE_INVALID', params: { rating: 'high', field: 'allowedModalities' } },
    ]);
  });

  it('refuses a share so small no plan can reach 100 %', () => {
    expect(validatePolicyOverrides({ low: { maxTrancheShareBp: 100 } })).toEqual([{ code: 'POLICY_UNREACHABLE', params: { rating: 'low', maxPercent: '1', maxTranches: 24 } }]);
  });
});

describe('checkTightening', () => {
  const base = DEFAULT_RISK_POLICY.moderate;

  it('accepts a stricter grant policy', () => {
    expect(checkTightening(base, DEFAULT_RISK_POLICY.high)).toEqual([]);
    expect(checkTightening(base, base)).toEqual([]);
  });

  it('refuses each loosening with its own code', () => {
    expect(checkTightening(DEFAULT_RISK_POLICY.high, DEFAULT_RISK_POLICY.low).map((p) => p.code)).toEqual([
      'POLICY_LOOSER_MIN_TRANCHES',
      'POLICY_LOOSER_MAX_SHARE',
      'POLICY_LOOSER_MODALITIES',
      'POLICY_LOOSER_MONITORING',
      'POLICY_LOOSER_ACCOUNTED',
    ]);
    expect(checkTightening(DEFAULT_RISK_POLICY.high, { ...DEFAULT_RISK_POLICY.high, allowedModalities: ['advance'] })).toEqual([
      { code: 'POLICY_LOOSER_MODALITIES', params: { modalities: ['advance'], allowed: ['reimbursement', 'direct_payment'] } },
    ]);
  });
});

describe('checkAgainstPolicy', () => {
  const tranches = (...amounts: bigint[]) => amounts.map((amountMinor, i) => ({ seq: i + 1, amountMinor }));

  it('a plan that fits', () => {
    expect(checkAgainstPolicy({ amountMinor: 1000n, modality: 'reimbursement', monitoring: 'third_party_monitoring', tranches: tranches(250n, 250n, 250n, 250n) }, DEFAULT_RISK_POLICY.high)).toEqual([]);
  });

  it('names the tranche above the share, with the limit', () => {
    expect(checkAgainstPolicy({ amountMinor: 1000n, modality: 'reimbursement', tranches: tranches(250n, 251n, 249n, 250n) }, DEFAULT_RISK_POLICY.high)).toEqual([
      { code: 'TRANCHE_SHARE_TOO_HIGH', params: { seq: 2, sharePercent: '25.1', maxPercent: '25' } },
    ]);
  });

  it('is exact at the limit (no rounding lets 25.0001 % through)', () => {
    expect(trancheProblemsForPolicy(tranches(2_500_001n, 2_499_999n, 2_500_000n, 2_500_000n), 10_000_000n, DEFAULT_RISK_POLICY.high).map((p) => p.params['seq'])).toEqual([1]);
  });

  it('refuses too few tranches, a modality not allowed and lighter monitoring', () => {
    expect(checkAgainstPolicy({ amountMinor: 1000n, modality: 'advance', monitoring: 'desk_review', tranches: tranches(400n, 300n, 300n) }, DEFAULT_RISK_POLICY.high)).toEqual([
      { code: 'MODALITY_NOT_ALLOWED', params: { modality: 'advance', allowed: ['reimbursement', 'direct_payment'] } },
      { code: 'MONITORING_TOO_LIGHT', params: { monitoring: 'desk_review', required: 'third_party_monitoring' } },
      { code: 'TRANCHE_COUNT_TOO_LOW', params: { count: 3, minTranches: 4 } },
      { code: 'TRANCHE_SHARE_TOO_HIGH', params: { seq: 1, sharePercent: '40', maxPercent: '25' } },
      { code: 'TRANCHE_SHARE_TOO_HIGH', params: { seq: 2, sharePercent: '30', maxPercent: '25' } },
      { code: 'TRANCHE_SHARE_TOO_HIGH', params: { seq: 3, sharePercent: '30', maxPercent: '25' } },
    ]);
  });

  it('low risk: one tranche of 100 % in advance', () => {
    expect(checkAgainstPolicy({ amountMinor: 1000n, modality: 'advance', tranches: tranches(1000n) }, DEFAULT_RISK_POLICY.low)).toEqual([]);
  });
});

describe('capacity assessment', () => {
  it('has eight questions answered 0..3', () => {
    expect(CAPACITY_QUESTIONS).toHaveLength(8);
    expect(CAPACITY_MAX_SCORE).toBe(24);
  });

  it('rates by score bands when due diligence is cleared', () => {
    expect(ratingFromAssessment(answersAll(3), 'cleared')).toEqual({ ok: true, rating: 'low', score: 24, maxScore: 24, scoreRating: 'low', raisedBy: [] });
    expect(ratingFromAssessment(answersAll(2), 'cleared')).toMatchObject({ rating: 'moderate', score: 16 });
    expect(ratingFromAssessment(answersAll(1), 'cleared')).toMatchObject({ rating: 'high', score: 8 });
    expect(ratingFromAssessment({ ...answersAll(1), staff: 2, reporting: 2 }, 'cleared')).toMatchObject({ rating: 'significant', score: 10 });
    // band edges: 20 is low, 19 moderate, 15 moderate, 14 significant, 9 significant
    const withScore = (score: number) => {
      const a: Record<string, number> = answersAll(0);
      let left = score;
      for (const q of CAPACITY_QUESTIONS) {
        a[q.id] = Math.min(3, left);
        left -= a[q.id];
      }
      return a;
    };
    expect(ratingFromAssessment(withScore(20), 'cleared')).toMatchObject({ scoreRating: 'low' });
    expect(ratingFromAssessment(withScore(19), 'cleared')).toMatchObject({ scoreRating: 'moderate' });
    expect(ratingFromAssessment(withScore(15), 'cleared')).toMatchObject({ scoreRating: 'moderate' });
    expect(ratingFromAssessment(withScore(14), 'cleared')).toMatchObject({ scoreRating: 'significant' });
    expect(ratingFromAssessment(withScore(9), 'cleared')).toMatchObject({ scoreRating: 'significant' });
    expect(ratingFromAssessment(withScore(8), 'cleared')).toMatchObject({ scoreRating: 'high' });
  });

  it('due diligence not cleared, or expired, raises to at least significant', () => {
    expect(ratingFromAssessment(answersAll(3), 'pending')).toMatchObject({ rating: 'significant', scoreRating: 'low', raisedBy: ['due_diligence'] });
    expect(ratingFromAssessment(answersAll(3), 'conditional')).toMatchObject({ rating: 'significant' });
    expect(ratingFromAssessment(answersAll(3), 'cleared', '2026-01-01', '2026-01-02')).toMatchObject({ rating: 'significant', raisedBy: ['due_diligence'] });
    expect(ratingFromAssessment(answersAll(3), 'cleared', '2026-01-02', '2026-01-02')).toMatchObject({ rating: 'low' });
    // never lowers a high rating
    expect(ratingFromAssessment(answersAll(0), 'rejected')).toMatchObject({ rating: 'high', raisedBy: [] });
  });

  it('a zero on a critical area raises to at least significant', () => {
    expect(ratingFromAssessment({ ...answersAll(3), internal_control: 0 }, 'cleared')).toMatchObject({ rating: 'significant', scoreRating: 'low', raisedBy: ['critical_area'] });
  });

  it('refuses missing, out-of-range and unknown answers', () => {
    const { staff: _omitted, ...missing } = answersAll(2);
    void _omitted;
    expect(ratingFromAssessment({ ...missing, reporting: 4, mood: 2 }, 'cleared')).toEqual({
      ok: false,
      problems: [
        { code: 'CAPACITY_ANSWER_INVALID', params: { question: 'reporting', max: 3 } },
        { code: 'CAPACITY_ANSWER_MISSING', params: { question: 'staff' } },
        { code: 'CAPACITY_UNKNOWN_QUESTION', params: { question: 'mood' } },
      ],
    });
    expect(validateCapacityAnswers('x')).toEqual([{ code: 'CAPACITY_ANSWERS_INVALID', params: {} }]);
    expect(validateCapacityAnswers({ ...answersAll(1), audited_accounts: 1.5 })).toEqual([{ code: 'CAPACITY_ANSWER_INVALID', params: { question: 'audited_accounts', max: 3 } }]);
  });
});
