import { ReleaseCondition, ReleaseFacts, allConditionsMet, defaultConditions, evaluateConditions, validateConditions } from './release-conditions';
import { DEFAULT_RISK_POLICY } from './risk-policy';

const GOOD: ReleaseFacts = {
  agreementCountersignedAt: '2026-01-05T10:00:00Z',
  previousReportAcceptedAt: '2026-05-20T10:00:00Z',
  accountedBp: 8_000,
  ddStatus: 'cleared',
  ddExpiresOn: '2027-01-01',
  openHighFindings: 0,
  customTicks: ['bank_letter'],
};
const TODAY = '2026-06-01';

describe('defaultConditions', () => {
  it('tranche 1: agreement, due diligence, no open high finding', () => {
    expect(defaultConditions(1, DEFAULT_RISK_POLICY.high).map((c) => c.kind)).toEqual(['agreement_countersigned', 'due_diligence_valid', 'no_open_high_finding']);
  });

  it('later tranches: also the previous report and the policy share accounted', () => {
    expect(defaultConditions(2, DEFAULT_RISK_POLICY.high)).toEqual([
      { id: 'agreement_countersigned', kind: 'agreement_countersigned', params: {} },
      { id: 'previous_report_accepted', kind: 'previous_report_accepted', params: {} },
      { id: 'earlier_tranches_accounted', kind: 'earlier_tranches_accounted', params: { minBp: 8_000 } },
      { id: 'due_diligence_valid', kind: 'due_diligence_valid', params: {} },
      { id: 'no_open_high_finding', kind: 'no_open_high_finding', params: {} },
    ]);
    // low risk asks for 0 % accounted: no such condition
    expect(defaultConditions(2, DEFAULT_RISK_POLICY.low).map((c) => c.kind)).not.toContain('earlier_tranches_accounted');
  });

  it('the defaults validate', () => {
    expect(validateConditions(defaultConditions(3, DEFAULT_RISK_POLICY.moderate))).toEqual([]);
  });
});

describe('evaluateConditions', () => {
  const all: ReleaseCondition[] = [...defaultConditions(2, DEFAULT_RISK_POLICY.high), { id: 'bank_letter', kind: 'custom', params: { label: 'Bank confirmation letter' } }];

  it('all met', () => {
    const results = evaluateConditions(all, GOOD, TODAY);
    expect(results.every((r) => r.ok && r.reasonCode === null)).toBe(true);
    expect(allConditionsMet(results)).toBe(true);
  });

  it('each unmet condition says why, with params', () => {
    const bad: ReleaseFacts = {
      agreementCountersignedAt: null,
      previousReportAcceptedAt: null,
      accountedBp: 7_950,
      ddStatus: 'conditional',
      ddExpiresOn: null,
      openHighFindings: 2,
      customTicks: [],
    };
    const results = evaluateConditions(all, bad, TODAY);
    expect(results.map((r) => [r.id, r.ok, r.reasonCode, r.reasonParams])).toEqual([
      ['agreement_countersigned', false, 'CONDITION_AGREEMENT_NOT_COUNTERSIGNED', {}],
      ['previous_report_accepted', false, 'CONDITION_PREVIOUS_REPORT_NOT_ACCEPTED', {}],
      ['earlier_tranches_accounted', false, 'CONDITION_ACCOUNTED_TOO_LOW', { accountedPercent: '79.5', minPercent: '80' }],
      ['due_diligence_valid', false, 'CONDITION_DD_NOT_CLEARED', { status: 'conditional' }],
      ['no_open_high_finding', false, 'CONDITION_OPEN_HIGH_FINDINGS', { count: 2 }],
      ['bank_letter', false, 'CONDITION_CUSTOM_NOT_TICKED', { label: 'Bank confirmation letter' }],
    ]);
    expect(allConditionsMet(results)).toBe(false);
  });

  it('active high red flags block like an open high finding, naming the flags', () => {
    const c = defaultConditions(1, DEFAULT_RISK_POLICY.low).filter((x) => x.kind === 'no_open_high_finding');
    expect(evaluateConditions(c, { ...GOOD, openHighFlags: [] }, TODAY)[0].ok).toBe(true);
    expect(evaluateConditions(c, { ...GOOD, openHighFlags: ['f1', 'f2'] }, TODAY)[0]).toMatchObject({ ok: false, reasonCode: 'CONDITION_OPEN_HIGH_FLAGS', reasonParams: { count: 2, flags: 'f1,f2' } });
    expect(evaluateConditions(c, { ...GOOD, openHighFindings: 1, openHighFlags: ['f1'] }, TODAY)[0].reasonCode).toBe('CONDITION_OPEN_HIGH_FINDINGS');
  });

  it('due diligence is valid through its expiry date', () => {
    const dd = defaultConditions(1, DEFAULT_RISK_POLICY.low).filter((c) => c.kind === 'due_diligence_valid');
    expect(evaluateConditions(dd, { ...GOOD, ddExpiresOn: TODAY }, TODAY)[0].ok).toBe(true);
    expect(evaluateConditions(dd, { ...GOOD, ddExpiresOn: '2026-05-31' }, TODAY)[0]).toMatchObject({ ok: false, reasonCode: 'CONDITION_DD_EXPIRED', reasonParams: { expiresOn: '2026-05-31' } });
  });

  it('due diligence fails while a party has an unresolved or confirmed sanctions match (confirmed named first)', () => {
    const dd = defaultConditions(1, DEFAULT_RISK_POLICY.low).filter((c) => c.kind === 'due_diligence_valid');
    expect(evaluateConditions(dd, { ...GOOD, sanctionsUnresolved: 0, sanctionsConfirmed: 0 }, TODAY)[0].ok).toBe(true);
    expect(evaluateConditions(dd, { ...GOOD, sanctionsUnresolved: 2 }, TODAY)[0]).toMatchObject({ ok: false, reasonCode: 'CONDITION_SANCTIONS_UNRESOLVED', reasonParams: { count: 2 } });
    expect(evaluateConditions(dd, { ...GOOD, sanctionsUnresolved: 2, sanctionsConfirmed: 1 }, TODAY)[0]).toMatchObject({ ok: false, reasonCode: 'CONDITION_SANCTIONS_CONFIRMED', reasonParams: { count: 1 } });
    // An expired clearance is named before the screening.
    expect(evaluateConditions(dd, { ...GOOD, ddExpiresOn: '2026-05-31', sanctionsConfirmed: 1 }, TODAY)[0].reasonCode).toBe('CONDITION_DD_EXPIRED');
  });

  it('accounted share unknown (nothing disbursed yet) fails unless the minimum is 0', () => {
    const c = (minBp: number): ReleaseCondition[] => [{ id: 'acc', kind: 'earlier_tranches_accounted', params: { minBp } }];
    expect(evaluateConditions(c(8_000), { ...GOOD, accountedBp: null }, TODAY)[0]).toMatchObject({ ok: false, reasonCode: 'CONDITION_ACCOUNTED_UNKNOWN' });
    expect(evaluateConditions(c(0), { ...GOOD, accountedBp: null }, TODAY)[0].ok).toBe(true);
    expect(evaluateConditions(c(8_000), { ...GOOD, accountedBp: 8_000 }, TODAY)[0].ok).toBe(true);
  });

  it('refuses a today that is not a date', () => {
    expect(() => evaluateConditions([], GOOD, 'now')).toThrow(RangeError);
  });

  it('no conditions: met', () => {
    expect(allConditionsMet(evaluateConditions([], GOOD, TODAY))).toBe(true);
  });
});

describe('validateConditions', () => {
  it('names each problem', () => {
    expect(
      validateConditions([
        { id: 'a', kind: 'custom', params: { label: '  ' } },
        { id: 'a', kind: 'custom', params: { label: 'x'.repeat(301) } },
        { id: 'bad id!', kind: 'earlier_tranches_accounted', params: { minBp: 10_001 } },
        { id: 'k', kind: 'magic' as never, params: {} },
      ]),
    ).toEqual([
      { code: 'CONDITION_LABEL_REQUIRED', params: { index: 0 } },
      { code: 'CONDITION_ID_DUPLICATE', params: { index: 1, id: 'a' } },
      { code: 'CONDITION_LABEL_TOO_LONG', params: { index: 1, max: 300 } },
      { code: 'CONDITION_ID_INVALID', params: { index: 2 } },
      { code: 'CONDITION_MIN_INVALID', params: { index: 2 } },
      { code: 'CONDITION_KIND_INVALID', params: { index: 3 } },
    ]);
  });
});
