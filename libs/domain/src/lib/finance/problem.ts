/**
 * What the finance rules return to users: a stable code the server maps to a
 * 4xx and the web translates, with the values the message needs. Never an
 * English sentence on its own: the same problem is shown in Arabic, Kurdish,
 * English and Swedish.
 */
export type FinanceProblemParams = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export interface FinanceProblem<C extends string = string> {
  code: C;
  params: FinanceProblemParams;
}

export function financeProblem<C extends string>(code: C, params: FinanceProblemParams = {}): FinanceProblem<C> {
  return { code, params };
}

/** ISO dates (YYYY-MM-DD) compare as strings; this checks that a string is one and a real calendar day. */
export function isIsoDate(text: unknown): boolean {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Calendar arithmetic on ISO dates in UTC (no time zone can shift a due date). */
export function addDaysIso(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The latest date that is "today" anywhere (UTC+14, Kiritimati). A date a person enters is refused as future only
 * when it is future everywhere: a treasurer in Baghdad at 01:00 or an expert in Stockholm just after midnight is
 * already on the next day while UTC is not.
 */
export function latestTodayIso(now = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/** The earliest date that is still "today" somewhere (UTC−12): a date before it is in the past everywhere. */
export function earliestTodayIso(now = new Date()): string {
  return new Date(now.getTime() - 12 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetweenIso(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
