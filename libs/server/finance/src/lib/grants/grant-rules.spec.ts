import { DEFAULT_RISK_POLICY } from '@mizan/domain';
import type { GrantContent } from '@mizan/contracts';
import { agencyPolicy, contentChanges, evaluateConditions, proposeBudgetLines, proposePeriod, proposeReportingSchedule, proposeTranches, reallocationBp, validateContent } from './grant-rules';
import { normaliseName } from './grants.service';

const period = { startsOn: '2027-01-01', endsOn: '2027-12-31' };

function content(): GrantContent {
  const tranches = proposeTranches(75_000_000n, 2, period, DEFAULT_RISK_POLICY.moderate);
  return {
    ...period,
    purpose: 'Clinics',
    budgetLines: proposeBudgetLines(
      [
        { id: 'b1', category: 'personnel', description: 'Nurses', amountMinor: '60000000' },
        { id: 'b2', category: 'equipment', description: 'Equipment', amountMinor: '30000000' },
        { id: 'b3', category: 'admin', description: 'Admin', amountMinor: '10000001' },
      ],
      75_000_000n,
    ),
    tranches,
    reportingSchedule: proposeReportingSchedule(period, tranches),
    specialConditions: '',
    modality: 'advance',
    reallocationToleranceBp: 1000,
  };
}

describe('grant rules (the service side of the domain rules)', () => {
  it('proposes a period from the first day of next month for the duration, and lines that sum exactly to the cut amount', () => {
    expect(proposePeriod('2026-12-04', 12)).toEqual({ startsOn: '2027-01-01', endsOn: '2027-12-31' });
    expect(proposePeriod('2027-01-31', 1)).toEqual({ startsOn: '2027-02-01', endsOn: '2027-02-28' });
    const c = content();
    expect(c.budgetLines.reduce((s, l) => s + BigInt(l.amountMinor), 0n)).toBe(75_000_000n);
    expect(validateContent(c, 75_000_000n, DEFAULT_RISK_POLICY.moderate)).toEqual([]);
  });

  it('names the field of each problem', () => {
    const c = content();
    c.tranches[0].amountMinor = '50000000';
    c.tranches[1].plannedOn = '2028-06-01';
    const problems = validateContent(c, 75_000_000n, DEFAULT_RISK_POLICY.moderate);
    expect(problems.map((p) => [p.field, p.code])).toEqual(
      expect.arrayContaining([
        ['content.tranches[0].amountMinor', 'TRANCHE_SHARE_TOO_HIGH'],
        ['content.tranches[1].plannedOn', 'TRANCHE_DATE_OUTSIDE_PERIOD'],
        ['content.tranches', 'TRANCHE_SUM_MISMATCH'],
      ]),
    );
    const high = validateContent(content(), 75_000_000n, DEFAULT_RISK_POLICY.high);
    expect(high.map((p) => p.code)).toEqual(expect.arrayContaining(['TRANCHE_COUNT_TOO_LOW', 'MODALITY_NOT_ALLOWED']));
    const first = content();
    first.tranches[0].conditions.push({ id: 'prev', kind: 'previous_report_accepted' });
    expect(validateContent(first, 75_000_000n, DEFAULT_RISK_POLICY.moderate).map((p) => p.code)).toContain('CONDITION_NOT_FOR_FIRST_TRANCHE');
  });

  it('ignores agency overrides that do not validate, applies those that do', () => {
    expect(agencyPolicy({ high: { minTranches: 6 } }).high.minTranches).toBe(6);
    expect(agencyPolicy({ high: { minTranches: -1 } })).toBe(DEFAULT_RISK_POLICY);
    expect(agencyPolicy(null)).toBe(DEFAULT_RISK_POLICY);
  });

  it('a custom condition holds once ticked; met conditions say so', () => {
    const facts = { agreementCountersignedAt: '2027-01-01T10:00:00Z', previousReportAcceptedAt: null, accountedBp: null, ddStatus: 'cleared', ddExpiresOn: null, openHighFindings: 0 };
    const [unticked] = evaluateConditions([{ id: 'site', kind: 'custom', params: { label: 'Visit' } }], facts, '2027-01-02');
    expect(unticked).toMatchObject({ ok: false, reasonCode: 'CONDITION_CUSTOM_NOT_TICKED' });
    const [ticked] = evaluateConditions([{ id: 'site', kind: 'custom', params: { label: 'Visit' }, tickedAt: '2027-01-02T00:00:00Z', tickedBy: 'u' }], facts, '2027-01-02');
    expect(ticked).toMatchObject({ ok: true, reasonCode: 'CONDITION_MET' });
  });

  it('tells the grantee what changed, and measures a reallocation', () => {
    const before = content();
    const after = structuredClone(before);
    after.endsOn = '2028-03-31';
    after.budgetLines[0].amountMinor = String(BigInt(after.budgetLines[0].amountMinor) + 750_000n);
    after.budgetLines[1].amountMinor = String(BigInt(after.budgetLines[1].amountMinor) - 750_000n);
    expect(contentChanges(before, after).map((c) => c.path)).toEqual(['endsOn', 'budgetLines.b1', 'budgetLines.b2']);
    expect(reallocationBp(before.budgetLines, after.budgetLines, 75_000_000n)).toBe(100);
  });

  it('compares typed names as a person would', () => {
    expect(normaliseName('  فاطِمة   الزَّهراء ')).toBe(normaliseName('فاطمة الزهراء'));
    expect(normaliseName('أحمد')).toBe(normaliseName('احمد'));
    expect(normaliseName('Åsa  Lindström')).toBe(normaliseName('asa lindstrom'));
    expect(normaliseName('Fatima')).not.toBe(normaliseName('فاطمة'));
  });
});
