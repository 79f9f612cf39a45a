/** The calendar date (YYYY-MM-DD, UTC) of an instant, or the date itself when given as a string. */
export function isoDateOf(day: Date | string): string {
  return typeof day === 'string' ? day.slice(0, 10) : day.toISOString().slice(0, 10);
}

/** A `date` column as YYYY-MM-DD whether the driver gave a string (entities) or a Date (raw queries). */
export function dateColumn(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  // node-postgres builds raw `date` values at local midnight: read them back in local time.
  const y = value.getFullYear();
  const m = String(value.getMonth() + 1).padStart(2, '0');
  const d = String(value.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
