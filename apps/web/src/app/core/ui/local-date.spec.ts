import { localTodayIso } from './local-date';

describe('localTodayIso', () => {
  it('is the date on the user’s own calendar, not UTC’s', () => {
    // Built from local parts: whatever the machine's zone, the local date is what comes back.
    expect(localTodayIso(new Date(2026, 11, 6, 23, 30))).toBe('2026-12-06');
    expect(localTodayIso(new Date(2026, 11, 7, 0, 5))).toBe('2026-12-07');
    expect(localTodayIso(new Date(2027, 0, 1, 0, 0))).toBe('2027-01-01');
  });

  it('pads months, days and small years', () => {
    expect(localTodayIso(new Date(2026, 0, 5, 12))).toBe('2026-01-05');
    const early = new Date(2026, 0, 5, 12);
    early.setFullYear(987);
    expect(localTodayIso(early)).toBe('0987-01-05');
  });
});
