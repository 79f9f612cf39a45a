/**
 * Today as YYYY-MM-DD on the user's own calendar (their time zone, not UTC): the default and the upper bound of every
 * date field. A treasurer in Baghdad at 01:00 or an expert in Stockholm just after midnight is already on the next
 * day; the api accepts any date that is today somewhere (UTC+14), so this date is never refused as future.
 */
export function localTodayIso(now = new Date()): string {
  const y = String(now.getFullYear()).padStart(4, '0');
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
