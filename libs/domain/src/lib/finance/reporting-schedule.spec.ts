import fc from 'fast-check';
import { proposeReportingSchedule, validateReportingSchedule } from './reporting-schedule';
import { proposeTranches } from './tranche-plan';

const PERIOD = { startsOn: '2026-01-01', endsOn: '2026-12-31' };

describe('proposeReportingSchedule', () => {
  it('an interim report per tranche but the last, then the final', () => {
    const tranches = [
      { seq: 1, plannedOn: '2026-01-01' },
      { seq: 2, plannedOn: '2026-05-01' },
      { seq: 3, plannedOn: '2026-09-01' },
    ];
    expect(proposeReportingSchedule(PERIOD, tranches)).toEqual([
      { kind: 'interim', periodFrom: '2026-01-01', periodTo: '2026-04-30', dueOn: '2026-05-30', trancheSeq: 1 },
      { kind: 'interim', periodFrom: '2026-05-01', periodTo: '2026-08-31', dueOn: '2026-09-30', trancheSeq: 2 },
      { kind: 'final', periodFrom: '2026-01-01', periodTo: '2026-12-31', dueOn: '2027-03-01', trancheSeq: null },
    ]);
  });

  it('one tranche: only the final report', () => {
    expect(proposeReportingSchedule(PERIOD, [{ seq: 1, plannedOn: '2026-01-01' }])).toEqual([
      { kind: 'final', periodFrom: '2026-01-01', periodTo: '2026-12-31', dueOn: '2027-03-01', trancheSeq: null },
    ]);
  });

  it('orders tranches by date and skips an empty period', () => {
    const tranches = [
      { seq: 2, plannedOn: '2026-01-01' },
      { seq: 1, plannedOn: '2026-01-01' },
      { seq: 3, plannedOn: '2026-07-01' },
    ];
    expect(proposeReportingSchedule(PERIOD, tranches).map((r) => [r.kind, r.periodFrom, r.periodTo, r.trancheSeq])).toEqual([
      ['interim', '2026-01-01', '2026-06-30', 2],
      ['final', '2026-01-01', '2026-12-31', null],
    ]);
  });

  it('property: proposals for proposed tranches validate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 2000 }), (count, days) => {
        const period = { startsOn: '2026-02-27', endsOn: new Date(Date.UTC(2026, 1, 27 + days)).toISOString().slice(0, 10) };
        const schedule = proposeReportingSchedule(period, proposeTranches(1_000_000n, count, period));
        expect(validateReportingSchedule(schedule, period)).toEqual([]);
        expect(schedule.filter((r) => r.kind === 'interim').length).toBeLessThanOrEqual(count - 1);
      }),
    );
  });
});

describe('validateReportingSchedule', () => {
  it('names each problem with the report index', () => {
    expect(
      validateReportingSchedule(
        [
          { kind: 'interim', periodFrom: '2025-12-01', periodTo: '2026-04-30', dueOn: '2026-04-30' },
          { kind: 'interim', periodFrom: '2026-04-15', periodTo: '2026-04-01', dueOn: '2026-05-30' },
          { kind: 'interim', periodFrom: 'soon', periodTo: '2026-04-01', dueOn: '2026-05-30' },
          { kind: 'final', periodFrom: '2026-01-01', periodTo: '2026-12-30', dueOn: '2027-03-01' },
        ],
        PERIOD,
      ),
    ).toEqual([
      { code: 'REPORT_OUTSIDE_GRANT', params: { index: 0, periodFrom: '2025-12-01', periodTo: '2026-04-30', startsOn: '2026-01-01', endsOn: '2026-12-31' } },
      { code: 'REPORT_DUE_BEFORE_PERIOD_END', params: { index: 0, dueOn: '2026-04-30', periodTo: '2026-04-30' } },
      { code: 'REPORT_PERIOD_INVALID', params: { index: 1, periodFrom: '2026-04-15', periodTo: '2026-04-01' } },
      { code: 'REPORT_INTERIMS_OVERLAP', params: { index: 1, periodFrom: '2026-04-15', previousTo: '2026-04-30' } },
      { code: 'REPORT_DATE_INVALID', params: { index: 2 } },
      { code: 'REPORT_FINAL_NOT_AT_END', params: { index: 3, periodTo: '2026-12-30', endsOn: '2026-12-31' } },
    ]);
  });

  it('needs exactly one final report', () => {
    expect(validateReportingSchedule([], PERIOD)).toEqual([{ code: 'REPORT_FINAL_COUNT', params: { count: 0 } }]);
    const final = { kind: 'final' as const, periodFrom: '2026-01-01', periodTo: '2026-12-31', dueOn: '2027-03-01' };
    expect(validateReportingSchedule([final, final], PERIOD)).toEqual([{ code: 'REPORT_FINAL_COUNT', params: { count: 2 } }]);
    expect(validateReportingSchedule([{ ...final, kind: 'midterm' as never }, final], PERIOD)).toEqual([{ code: 'REPORT_KIND_INVALID', params: { index: 0 } }]);
  });
});
