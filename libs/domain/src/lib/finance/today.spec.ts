import { earliestTodayIso, latestTodayIso } from './problem';

const todayUtc = (now: Date): string => now.toISOString().slice(0, 10);

describe('today, wherever the person entering a date is', () => {
  it('at 23:30 UTC on 4 December it is already 5 December in Stockholm and in UTC+14: a value date of the 5th is not in the future', () => {
    const now = new Date('2026-12-04T23:30:00Z');
    expect(todayUtc(now)).toBe('2026-12-04');
    expect(latestTodayIso(now)).toBe('2026-12-05');
    expect('2026-12-05' > latestTodayIso(now)).toBe(false);
    expect('2026-12-06' > latestTodayIso(now)).toBe(true);
  });

  it('at 21:30 UTC it is already tomorrow in Baghdad (UTC+3): a receipt dated tomorrow is accepted', () => {
    expect(latestTodayIso(new Date('2026-12-06T21:30:00Z'))).toBe('2026-12-07');
  });

  it('tomorrow begins at 10:00 UTC (UTC+14), never two days ahead', () => {
    expect(latestTodayIso(new Date('2026-12-05T09:59:59Z'))).toBe('2026-12-05');
    expect(latestTodayIso(new Date('2026-12-05T10:00:00Z'))).toBe('2026-12-06');
    expect(latestTodayIso(new Date('2026-12-06T23:59:59Z'))).toBe('2026-12-07');
  });

  it('at 00:30 UTC on 5 December it is still 4 December in UTC−12: an execution date of the 4th is not yet in the past', () => {
    const now = new Date('2026-12-05T00:30:00Z');
    expect(earliestTodayIso(now)).toBe('2026-12-04');
    expect('2026-12-04' < earliestTodayIso(now)).toBe(false);
    expect('2026-12-03' < earliestTodayIso(now)).toBe(true);
  });

  it('at noon UTC it is already tomorrow in UTC+14, and still today in UTC−12', () => {
    const now = new Date('2026-06-15T12:00:00Z');
    expect([earliestTodayIso(now), todayUtc(now), latestTodayIso(now)]).toEqual(['2026-06-15', '2026-06-15', '2026-06-16']);
  });
});
