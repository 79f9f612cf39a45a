import { addDaysIso, daysBetweenIso, isIsoDate } from './problem';

describe('calendar dates', () => {
  it('adds and counts days across month and year ends', () => {
    expect(addDaysIso('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysIso('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetweenIso('2026-12-31', '2027-01-02')).toBe(2);
    expect(daysBetweenIso('2027-01-02', '2026-12-31')).toBe(-2);
  });

  it('isIsoDate accepts only real calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
  });
});
