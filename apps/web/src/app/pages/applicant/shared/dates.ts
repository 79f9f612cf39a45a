/** The user's own time zone, as the browser knows it. */
export function userTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** "31 March 2027 at 17:00" in `zone`, written for `locale`. */
export function formatInZone(
  iso: string,
  zone: string,
  locale: string,
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: zone,
    }).format(date);
  } catch {
    return date.toISOString();
  }
}

/** A deadline as published: its local time in the call's zone, and the zone named. */
export function deadlineInCallZone(
  iso: string,
  zone: string,
  locale: string,
): string {
  return `${formatInZone(iso, zone, locale)} (${zone})`;
}

/** The same instant in the user's zone, with the zone's short name (e.g. "GMT+3"). */
export function deadlineForUser(
  iso: string,
  locale: string,
  zone = userTimeZone(),
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: zone,
    }).format(date) + ` (${zone})`
  );
}

/** "14:03" in the user's zone. */
export function clockTime(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** Days (rounded down) from `now` until `iso`; negative when past. */
export function daysUntil(iso: string, now = new Date()): number {
  return Math.floor((new Date(iso).getTime() - now.getTime()) / 86_400_000);
}
