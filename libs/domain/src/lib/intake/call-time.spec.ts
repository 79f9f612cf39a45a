import fc from 'fast-check';
import { instantToZonedLocal, isTimeZone, zonedLocalToInstant } from './call-time';

const RUNS = { seed: 20261204, numRuns: 1000 };
const ZONES = ['Europe/Stockholm', 'Europe/London', 'Europe/Berlin', 'Asia/Baghdad', 'UTC'] as const;
const HOUR = 3_600_000;

const at = (iso: string) => new Date(iso);
const instant = (local: string, zone: string) => zonedLocalToInstant(local, zone).toISOString();

/** Minute-aligned instants from 1971 to 2100: call windows are set to the minute. */
const anyInstant = fc.integer({ min: Date.UTC(1971, 0, 1) / 60_000, max: Date.UTC(2100, 0, 1) / 60_000 }).map((m) => new Date(m * 60_000));
/** Instants near the European changes of any year (the last Sundays of March and October, around 01:00 UTC). */
const nearEuropeanChange = fc
  .tuple(fc.integer({ min: 1996, max: 2099 }), fc.constantFrom(2, 9), fc.integer({ min: -180, max: 180 }))
  .map(([year, month, minutes]) => {
    const lastDay = new Date(Date.UTC(year, month + 1, 0));
    const lastSunday = lastDay.getUTCDate() - lastDay.getUTCDay();
    return new Date(Date.UTC(year, month, lastSunday, 1, 0) + minutes * 60_000);
  });

describe('call time zones', () => {
  it('knows time zones by their IANA names', () => {
    for (const zone of ZONES) expect(isTimeZone(zone)).toBe(true);
    for (const bad of ['Europe/Atlantis', 'CEST+2', '', 'Stockholm']) expect(isTimeZone(bad)).toBe(false);
  });

  it('turns a local time into the instant, in winter and in summer', () => {
    expect(instant('2027-01-15T09:00', 'Europe/Stockholm')).toBe('2027-01-15T08:00:00.000Z');
    expect(instant('2027-03-31T17:00', 'Europe/Stockholm')).toBe('2027-03-31T15:00:00.000Z');
    expect(instant('2027-07-01T12:00', 'Europe/London')).toBe('2027-07-01T11:00:00.000Z');
    expect(instant('2027-12-01T12:00', 'Europe/London')).toBe('2027-12-01T12:00:00.000Z');
    expect(instant('2027-07-01T23:59', 'Europe/Berlin')).toBe('2027-07-01T21:59:00.000Z');
    expect(instant('2027-07-01T00:00', 'Asia/Baghdad')).toBe('2027-06-30T21:00:00.000Z');
    expect(instant('2027-12-31T23:59:30', 'Asia/Baghdad')).toBe('2027-12-31T20:59:30.000Z');
    expect(instantToZonedLocal(at('2027-03-31T15:00:00Z'), 'Europe/Stockholm')).toBe('2027-03-31T17:00');
    expect(instantToZonedLocal(at('2027-06-30T21:00:00Z'), 'Asia/Baghdad')).toBe('2027-07-01T00:00');
  });

  it('spring forward: a local time in the gap that does not exist is moved forward by the gap (Stockholm, Berlin, London)', () => {
    // 28 March 2027: clocks go from 02:00 to 03:00 in Stockholm and Berlin, from 01:00 to 02:00 in London.
    expect(instant('2027-03-28T02:30', 'Europe/Stockholm')).toBe('2027-03-28T01:30:00.000Z');
    expect(instantToZonedLocal(at('2027-03-28T01:30:00Z'), 'Europe/Stockholm')).toBe('2027-03-28T03:30');
    expect(instant('2027-03-28T02:00', 'Europe/Berlin')).toBe('2027-03-28T01:00:00.000Z');
    expect(instant('2027-03-28T01:59', 'Europe/Berlin')).toBe('2027-03-28T00:59:00.000Z');
    expect(instant('2027-03-28T03:00', 'Europe/Berlin')).toBe('2027-03-28T01:00:00.000Z');
    expect(instant('2027-03-28T01:30', 'Europe/London')).toBe('2027-03-28T01:30:00.000Z');
    expect(instantToZonedLocal(at('2027-03-28T01:30:00Z'), 'Europe/London')).toBe('2027-03-28T02:30');
  });

  it('fall back: a local time that happens twice is the second one, in standard time (the later deadline)', () => {
    // 31 October 2027: 02:00–03:00 happens twice in Stockholm and Berlin, 01:00–02:00 in London.
    expect(instant('2027-10-31T02:30', 'Europe/Stockholm')).toBe('2027-10-31T01:30:00.000Z');
    expect(instantToZonedLocal(at('2027-10-31T00:30:00Z'), 'Europe/Stockholm')).toBe('2027-10-31T02:30');
    expect(instantToZonedLocal(at('2027-10-31T01:30:00Z'), 'Europe/Stockholm')).toBe('2027-10-31T02:30');
    expect(instant('2027-10-31T01:59', 'Europe/Berlin')).toBe('2027-10-30T23:59:00.000Z');
    expect(instant('2027-10-31T03:00', 'Europe/Berlin')).toBe('2027-10-31T02:00:00.000Z');
    expect(instant('2027-10-31T01:30', 'Europe/London')).toBe('2027-10-31T01:30:00.000Z');
  });

  it('Baghdad: no daylight saving since 2008 (always UTC+3); the old changes of 1991–2007 are known', () => {
    expect(instant('2027-03-28T02:30', 'Asia/Baghdad')).toBe('2027-03-27T23:30:00.000Z');
    expect(instant('2027-10-31T02:30', 'Asia/Baghdad')).toBe('2027-10-30T23:30:00.000Z');
    // 1 April 2006 03:00 → 04:00 (UTC+4), 1 October 2006 04:00 → 03:00.
    expect(instantToZonedLocal(zonedLocalToInstant('2006-04-01T03:30', 'Asia/Baghdad'), 'Asia/Baghdad')).toBe('2006-04-01T04:30');
    expect(instant('2006-07-01T12:00', 'Asia/Baghdad')).toBe('2006-07-01T08:00:00.000Z');
    expect(instant('2006-10-01T03:30', 'Asia/Baghdad')).toBe('2006-10-01T00:30:00.000Z');
  });

  it('refuses what is not a local date and time, and dates that do not exist', () => {
    for (const bad of ['2027-3-31T17:00', '2027-03-31 17:00', '2027-03-31T17', '2027-03-31T17:00Z', '', 'tomorrow']) {
      expect(() => zonedLocalToInstant(bad, 'Europe/Stockholm')).toThrow(RangeError);
    }
    // These used to roll over silently (30 February became 2 March); callers on the server checked first, the function did not.
    for (const impossible of ['2027-02-30T10:00', '2027-02-29T10:00', '2027-13-01T10:00', '2027-04-31T10:00', '2027-01-01T24:00', '2027-01-01T10:60', '2027-01-01T10:00:60']) {
      expect(() => zonedLocalToInstant(impossible, 'Europe/Stockholm')).toThrow(RangeError);
    }
    expect(instant('2028-02-29T10:00', 'Europe/Stockholm')).toBe('2028-02-29T09:00:00.000Z');
  });

  it('property: an instant shown in a zone and read back is the same instant — or, in the repeated hour, its standard-time twin', () => {
    fc.assert(
      fc.property(fc.oneof(anyInstant, nearEuropeanChange), fc.constantFrom(...ZONES), (when, zone) => {
        const local = instantToZonedLocal(when, zone);
        const back = zonedLocalToInstant(local, zone);
        const repeatedLater = instantToZonedLocal(new Date(when.getTime() + HOUR), zone) === local;
        return back.getTime() === when.getTime() + (repeatedLater ? HOUR : 0);
      }),
      RUNS,
    );
  });

  it('property: a local time read in a zone shows as itself, or — in the spring-forward gap — exactly one hour later', () => {
    const local = fc
      .tuple(fc.oneof(anyInstant, nearEuropeanChange), fc.constantFrom(...ZONES))
      .map(([when, zone]) => [new Date(when.getTime() + 7 * 60_000).toISOString().slice(0, 16), zone] as const);
    fc.assert(
      fc.property(local, ([text, zone]) => {
        const shown = instantToZonedLocal(zonedLocalToInstant(text, zone), zone);
        if (shown === text) return true;
        const oneHourLater = new Date(Date.parse(`${text}:00Z`) + HOUR).toISOString().slice(0, 16);
        return shown === oneHourLater && zone !== 'UTC';
      }),
      RUNS,
    );
  });

  it('property: later local times (outside the gap) never give earlier instants', () => {
    fc.assert(
      fc.property(nearEuropeanChange, fc.integer({ min: 1, max: 240 }), fc.constantFrom(...ZONES), (when, minutes, zone) => {
        const a = instantToZonedLocal(when, zone);
        const b = instantToZonedLocal(new Date(when.getTime() + minutes * 60_000), zone);
        if (b <= a) return true; // the repeated hour shows b before a
        return zonedLocalToInstant(a, zone).getTime() <= zonedLocalToInstant(b, zone).getTime();
      }),
      RUNS,
    );
  });
});
