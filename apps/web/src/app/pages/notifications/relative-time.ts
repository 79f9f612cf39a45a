const STEPS: readonly {
  unit: Intl.RelativeTimeFormatUnit;
  seconds: number;
  below: number;
}[] = [
  { unit: 'second', seconds: 1, below: 45 },
  { unit: 'minute', seconds: 60, below: 45 * 60 },
  { unit: 'hour', seconds: 3600, below: 22 * 3600 },
  { unit: 'day', seconds: 86_400, below: 6.5 * 86_400 },
  { unit: 'week', seconds: 7 * 86_400, below: 4 * 7 * 86_400 },
  { unit: 'month', seconds: 30 * 86_400, below: 11 * 30 * 86_400 },
];

/**
 * "3 minutes ago", "yesterday", "now" — in the locale's words. Under 45 seconds
 * counts as now; an instant in the future (a clock ahead) reads as now too.
 */
export function relativeTime(iso: string, now: Date, locale: string): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const ago = Math.max(0, (now.getTime() - then) / 1000);
  if (ago < STEPS[0].below) return format.format(0, 'second');
  for (const step of STEPS) {
    if (ago < step.below)
      return format.format(-Math.round(ago / step.seconds), step.unit);
  }
  return format.format(-Math.max(1, Math.round(ago / (365 * 86_400))), 'year');
}
