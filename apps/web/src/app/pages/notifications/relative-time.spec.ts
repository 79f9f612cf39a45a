import { relativeTime } from './relative-time';

const now = new Date('2027-03-10T12:00:00Z');
const ago = (seconds: number) =>
  new Date(now.getTime() - seconds * 1000).toISOString();

describe('relativeTime', () => {
  it('says "now" for the last 45 seconds and for a clock that runs ahead', () => {
    expect(relativeTime(ago(10), now, 'en')).toBe('now');
    expect(relativeTime(ago(-60), now, 'en')).toBe('now');
  });

  it('counts minutes, hours, days and weeks in the locale', () => {
    expect(relativeTime(ago(3 * 60), now, 'en')).toBe('3 minutes ago');
    expect(relativeTime(ago(2 * 3600), now, 'en')).toBe('2 hours ago');
    expect(relativeTime(ago(86_400), now, 'en')).toBe('yesterday');
    expect(relativeTime(ago(14 * 86_400), now, 'en')).toBe('2 weeks ago');
    expect(relativeTime(ago(3 * 60), now, 'sv-SE')).toBe('för 3 minuter sedan');
    expect(relativeTime(ago(2 * 365 * 86_400), now, 'en')).toBe('2 years ago');
  });

  it('speaks Arabic for Arabic', () => {
    expect(relativeTime(ago(3 * 3600), now, 'ar')).toMatch(/ساعات/);
  });

  it('gives back text that is no instant', () => {
    expect(relativeTime('soon', now, 'en')).toBe('soon');
  });
});
