/** Calendar arithmetic of the demo seeds, on ISO dates in UTC. Pure. */
export { addDaysIso as addDays } from '@mizan/domain';

/** ISO date + months, the day clamped to the month's last (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
