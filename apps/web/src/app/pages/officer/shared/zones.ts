/** The time zones an officer picks a call's window in; any IANA name works on the api. */
export const CALL_TIME_ZONES = [
  'Europe/Stockholm',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Baghdad',
  'UTC',
] as const;

export const DEFAULT_CALL_TIME_ZONE = 'Europe/Stockholm';

/** An instant as date and time in `zone`, e.g. "31 Mar 2027, 17:00". */
export function formatInZone(iso: string, zone: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  }).format(date);
}

/** The same instant in the browser's own zone, with the zone's short name. */
export function formatLocal(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

/** The browser's IANA zone, e.g. "Europe/Stockholm". */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A calendar date "2027-03-31" for the locale, without shifting it across zones. */
export function formatIsoDate(isoDate: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(
    Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])),
  );
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(date);
}

/** Today in the browser's zone as "YYYY-MM-DD". */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
