import { earliestToday, latestToday, todayUtc } from './finance-errors';

describe('today for bank dates, wherever the finance officer is', () => {
  it('at 23:30 UTC on 4 December it is already 5 December in Stockholm and in UTC+14: a value date of the 5th is not in the future', () => {
    const now = new Date('2026-12-04T23:30:00Z');
    expect(todayUtc(now)).toBe('2026-12-04');
    expect(latestToday(now)).toBe('2026-12-05');
    expect('2026-12-05' > latestToday(now)).toBe(false);
    expect('2026-12-06' > latestToday(now)).toBe(true);
  });

  it('at 00:30 UTC on 5 December it is still 4 December in UTC−12: an execution date of the 4th is not yet in the past', () => {
    const now = new Date('2026-12-05T00:30:00Z');
    expect(earliestToday(now)).toBe('2026-12-04');
    expect('2026-12-04' < earliestToday(now)).toBe(false);
    expect('2026-12-03' < earliestToday(now)).toBe(true);
  });

  it('at noon UTC it is already tomorrow in UTC+14, and still today in UTC−12', () => {
    const now = new Date('2026-06-15T12:00:00Z');
    expect([earliestToday(now), todayUtc(now), latestToday(now)]).toEqual(['2026-06-15', '2026-06-15', '2026-06-16']);
  });
});
