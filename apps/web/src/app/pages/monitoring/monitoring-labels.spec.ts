import type { MonitoringStatusView } from '@mizan/contracts';
import { formatPosition, governorateLabel, levelTone, statusTone } from './monitoring-labels';

const status = (over: Partial<MonitoringStatusView>): MonitoringStatusView => ({
  level: 'accessible',
  requiredKind: 'on_site',
  everyDays: 180,
  lastQualifyingVisitOn: null,
  lastQualifyingVisitKind: null,
  nextDueOn: '2026-06-30',
  overdue: false,
  daysOverdue: 0,
  ...over,
});

describe('monitoring labels', () => {
  it('gives each security level its tone', () => {
    expect(levelTone('accessible')).toBe('good');
    expect(levelTone('restricted')).toBe('warn');
    expect(levelTone('no_access')).toBe('bad');
  });

  it('marks overdue monitoring bad and monitoring due within 30 days a warning', () => {
    expect(statusTone(status({ overdue: true, daysOverdue: 3, nextDueOn: '2026-05-01' }), '2026-05-04')).toBe('bad');
    expect(statusTone(status({ nextDueOn: '2026-06-30' }), '2026-06-01')).toBe('warn');
    expect(statusTone(status({ nextDueOn: '2026-06-30' }), '2026-05-01')).toBe('good');
  });

  it('names a governorate in Arabic only in Arabic', () => {
    const basra = { nameEn: 'Basra', nameAr: 'البصرة' };
    expect(governorateLabel(basra, 'ar')).toBe('البصرة');
    expect(governorateLabel(basra, 'sv')).toBe('Basra');
  });

  it('writes a position with five decimals, or nothing without one', () => {
    expect(formatPosition(36.1912, 44.0091)).toBe('36.19120, 44.00910');
    expect(formatPosition(null, 44)).toBeNull();
  });
});
