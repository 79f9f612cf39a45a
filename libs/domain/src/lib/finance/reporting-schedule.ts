import { FinanceProblem, addDaysIso, isIsoDate, financeProblem } from './problem';
import { GrantPeriod } from './tranche-plan';

/**
 * When the grantee reports (DESIGN.md, "The life of a grant": reporting). An
 * interim report accounts for each tranche but the last, covering the time up
 * to the next tranche, due 30 days after that; the next tranche waits for it
 * (release condition 'previous_report_accepted'). The final report covers the
 * whole grant period and is due 60 days after the end, as EU and Sida
 * agreements usually set it.
 */
export const REPORT_KINDS = ['interim', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const INTERIM_REPORT_DUE_DAYS = 30;
export const FINAL_REPORT_DUE_DAYS = 60;

export interface ReportDue {
  kind: ReportKind;
  periodFrom: string;
  periodTo: string;
  dueOn: string;
  /** The tranche an interim report accounts for; null for the final report. */
  trancheSeq: number | null;
}

/** Interim reports for each tranche but the last (skipping any with an empty period: two tranches on consecutive days), then the final. */
export function proposeReportingSchedule(period: GrantPeriod, tranches: readonly { seq: number; plannedOn: string }[]): ReportDue[] {
  const ordered = [...tranches].sort((a, b) => (a.plannedOn < b.plannedOn ? -1 : a.plannedOn > b.plannedOn ? 1 : a.seq - b.seq));
  const reports: ReportDue[] = [];
  let from = period.startsOn;
  for (let i = 0; i + 1 < ordered.length; i++) {
    const to = addDaysIso(ordered[i + 1].plannedOn, -1);
    if (to < from || to > period.endsOn) continue;
    reports.push({ kind: 'interim', periodFrom: from, periodTo: to, dueOn: addDaysIso(to, INTERIM_REPORT_DUE_DAYS), trancheSeq: ordered[i].seq });
    from = addDaysIso(to, 1);
  }
  reports.push({ kind: 'final', periodFrom: period.startsOn, periodTo: period.endsOn, dueOn: addDaysIso(period.endsOn, FINAL_REPORT_DUE_DAYS), trancheSeq: null });
  return reports;
}

/**
 * Problems of a schedule an officer edited: valid dates, periods inside the
 * grant, due after the period ends, interims in order without overlap, and
 * exactly one final report reaching the end of the grant.
 */
export function validateReportingSchedule(reports: readonly Omit<ReportDue, 'trancheSeq'>[], period: GrantPeriod): FinanceProblem[] {
  const problems: FinanceProblem[] = [];
  let previousTo: string | null = null;
  let finals = 0;
  reports.forEach((r, index) => {
    if (r.kind === 'final') finals++;
    if (!(REPORT_KINDS as readonly string[]).includes(r.kind)) {
      problems.push(financeProblem('REPORT_KIND_INVALID', { index }));
      return;
    }
    if (!isIsoDate(r.periodFrom) || !isIsoDate(r.periodTo) || !isIsoDate(r.dueOn)) {
      problems.push(financeProblem('REPORT_DATE_INVALID', { index }));
      return;
    }
    if (r.periodTo < r.periodFrom) problems.push(financeProblem('REPORT_PERIOD_INVALID', { index, periodFrom: r.periodFrom, periodTo: r.periodTo }));
    if (r.periodFrom < period.startsOn || r.periodTo > period.endsOn) {
      problems.push(financeProblem('REPORT_OUTSIDE_GRANT', { index, periodFrom: r.periodFrom, periodTo: r.periodTo, startsOn: period.startsOn, endsOn: period.endsOn }));
    }
    if (r.dueOn <= r.periodTo) problems.push(financeProblem('REPORT_DUE_BEFORE_PERIOD_END', { index, dueOn: r.dueOn, periodTo: r.periodTo }));
    if (r.kind === 'final') {
      if (r.periodTo !== period.endsOn) problems.push(financeProblem('REPORT_FINAL_NOT_AT_END', { index, periodTo: r.periodTo, endsOn: period.endsOn }));
    } else {
      if (previousTo !== null && r.periodFrom <= previousTo) problems.push(financeProblem('REPORT_INTERIMS_OVERLAP', { index, periodFrom: r.periodFrom, previousTo }));
      previousTo = r.periodTo;
    }
  });
  if (finals !== 1) problems.push(financeProblem('REPORT_FINAL_COUNT', { count: finals }));
  return problems;
}
