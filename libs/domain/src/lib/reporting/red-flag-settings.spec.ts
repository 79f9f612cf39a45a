import fc from 'fast-check';
import { IRAQ_GOVERNORATES } from '../intake/governorates';
import { GOVERNORATE_AREAS, governorateArea } from './governorate-areas';
import {
  RED_FLAG_SETTING_BOUNDS,
  mergeRedFlagSettings,
  parseRedFlagOverrides,
  redFlagOverridesOf,
  redFlagSettingsToJson,
} from './red-flag-settings';
import { DEFAULT_RED_FLAG_SETTINGS, GrantArea, GrantFacts, distanceKm, evaluateRedFlags, evidenceFlags, monitoringOverdueFlags } from './red-flags';

const GRANT: GrantFacts = {
  id: 'g1',
  currency: 'USD',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  budgetLines: [{ id: 'b1', approvedMinor: 100_000_000n }],
  tranchesReceived: [{ receivedOn: '2026-01-01', amountMinor: 1_000_000_000n }],
};

describe('red-flag settings', () => {
  it('merges overrides over the defaults, money per currency', () => {
    const s = mergeRedFlagSettings({ splitWindowDays: 10, cashThresholdMinor: { USD: '50000' } });
    expect(s.splitWindowDays).toBe(10);
    expect(s.cashThresholdMinor.USD).toBe(50_000n);
    expect(s.cashThresholdMinor.EUR).toBe(DEFAULT_RED_FLAG_SETTINGS.cashThresholdMinor.EUR);
    expect(s.budgetToleranceBp).toBe(DEFAULT_RED_FLAG_SETTINGS.budgetToleranceBp);
    // the defaults object is not touched
    expect(DEFAULT_RED_FLAG_SETTINGS.cashThresholdMinor.USD).toBe(100_000n);
  });

  it('ignores stored values that no longer parse, key by key', () => {
    const s = mergeRedFlagSettings({ splitWindowDays: 1000, fxDeviationBp: 500, cashThresholdMinor: { USD: 'x', EUR: '7' }, nonsense: 1 });
    expect(s.splitWindowDays).toBe(DEFAULT_RED_FLAG_SETTINGS.splitWindowDays);
    expect(s.fxDeviationBp).toBe(500);
    expect(s.cashThresholdMinor.USD).toBe(DEFAULT_RED_FLAG_SETTINGS.cashThresholdMinor.USD);
    expect(s.cashThresholdMinor.EUR).toBe(7n);
    expect(mergeRedFlagSettings(null)).toEqual(DEFAULT_RED_FLAG_SETTINGS);
  });

  it('refuses unknown keys and out-of-range values, naming the field', () => {
    const r = parseRedFlagOverrides({ splitWindowDays: 0, benfordMadThreshold: 0.5, roundMinLines: 2.5, bogus: 1, cashThresholdMinor: { USD: '0', XXX: '5', EUR: '-3' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.field}:${p.code}`).sort()).toEqual(
      [
        'splitWindowDays:OUT_OF_RANGE',
        'benfordMadThreshold:OUT_OF_RANGE',
        'roundMinLines:NOT_AN_INTEGER',
        'bogus:UNKNOWN',
        'cashThresholdMinor.USD:OUT_OF_RANGE',
        'cashThresholdMinor.XXX:UNKNOWN',
        'cashThresholdMinor.EUR:NOT_AN_INTEGER',
      ].sort(),
    );
    expect(parseRedFlagOverrides([]).ok).toBe(false);
    expect(parseRedFlagOverrides({ splitWindowDays: '7' }).ok).toBe(false);
  });

  it('accepts every value within bounds and refuses every value outside (property)', () => {
    for (const [key, b] of Object.entries(RED_FLAG_SETTING_BOUNDS)) {
      const inside = b.integer ? fc.integer({ min: b.min, max: b.max }) : fc.double({ min: b.min, max: b.max, noNaN: true });
      fc.assert(fc.property(inside, (v) => parseRedFlagOverrides({ [key]: v }).ok));
      fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), (d) => !parseRedFlagOverrides({ [key]: b.max + d }).ok && !parseRedFlagOverrides({ [key]: b.min - d }).ok));
    }
  });

  it('round-trips: overrides of merged settings give the same settings, and only differences are stored', () => {
    expect(redFlagOverridesOf(DEFAULT_RED_FLAG_SETTINGS)).toEqual({});
    const s = mergeRedFlagSettings({ fxDeviationBp: 450, procurementThresholdMinor: { IQD: '1000' } });
    expect(redFlagOverridesOf(s)).toEqual({ fxDeviationBp: 450, procurementThresholdMinor: { IQD: '1000' } });
    expect(mergeRedFlagSettings(redFlagOverridesOf(s))).toEqual(s);
    const json = redFlagSettingsToJson(s);
    expect(json.procurementThresholdMinor.IQD).toBe('1000');
    expect(json.fxDeviationBp).toBe(450);
    expect(mergeRedFlagSettings(json)).toEqual(s);
  });
});

describe('governorate areas', () => {
  it('has a circle inside Iraq for every governorate', () => {
    for (const g of IRAQ_GOVERNORATES) {
      const a = governorateArea(g.code);
      expect(a).toBeDefined();
      expect(a?.lat).toBeGreaterThan(29);
      expect(a?.lat).toBeLessThan(37.5);
      expect(a?.lon).toBeGreaterThan(38.5);
      expect(a?.lon).toBeLessThan(48.7);
      expect(a?.radiusKm).toBeGreaterThan(0);
    }
    expect(Object.keys(GOVERNORATE_AREAS).sort()).toEqual(IRAQ_GOVERNORATES.map((g) => g.code).sort());
    expect(governorateArea('XX')).toBeUndefined();
    expect(governorateArea(null)).toBeUndefined();
    expect(governorateArea('constructor')).toBeUndefined();
  });

  it('puts Basra outside the Erbil area and Baghdad city inside its own', () => {
    const erbil = governorateArea('IQ-AR') as GrantArea;
    const line = { id: 'l1', grantId: 'g1', reportId: 'r1', date: '2026-03-01', budgetLineId: 'b1', supplier: 's', amountMinor: 100n, currency: 'USD' as const, grantAmountMinor: 100n, paymentMethod: 'bank' as const, receiptSha256: [] };
    const basra = evidenceFlags({ grants: [{ ...GRANT, area: erbil }], lines: [{ ...line, evidence: [{ lat: 30.51, lon: 47.78 }] }] });
    expect(basra.map((f) => f.code)).toEqual(['EVIDENCE_OUTSIDE_AREA']);
    const baghdad = governorateArea('IQ-BG') as GrantArea;
    expect(distanceKm(baghdad.lat, baghdad.lon, 33.34, 44.4)).toBeLessThan(baghdad.radiusKm);
  });
});

describe('MONITORING_OVERDUE', () => {
  const monitored = (dueOn: string, lastVisitOn?: string): GrantFacts => ({ ...GRANT, monitoring: { requiredKind: 'on_site', dueOn, lastVisitOn } });

  it('is silent before and on the due date, medium when overdue, high beyond the threshold', () => {
    expect(monitoringOverdueFlags({ grants: [monitored('2026-06-01')], lines: [] }, '2026-06-01')).toEqual([]);
    const medium = monitoringOverdueFlags({ grants: [monitored('2026-06-01', '2025-12-03')], lines: [] }, '2026-06-11');
    expect(medium).toEqual([
      {
        code: 'MONITORING_OVERDUE',
        severity: 'medium',
        grantId: 'g1',
        lineIds: [],
        params: { requiredKind: 'on_site', dueOn: '2026-06-01', lastVisitOn: '2025-12-03', overdueDays: 10, thresholdDays: 30 },
      },
    ]);
    expect(monitoringOverdueFlags({ grants: [monitored('2026-06-01')], lines: [] }, '2026-07-01')[0].severity).toBe('medium');
    expect(monitoringOverdueFlags({ grants: [monitored('2026-06-01')], lines: [] }, '2026-07-02')[0].severity).toBe('high');
    expect(monitoringOverdueFlags({ grants: [monitored('2026-06-01')], lines: [] }, '2026-07-02', { ...DEFAULT_RED_FLAG_SETTINGS, monitoringOverdueHighDays: 60 })[0].severity).toBe('medium');
  });

  it('runs in evaluateRedFlags only with a today, last in the code order', () => {
    const input = { grants: [monitored('2026-06-01')], lines: [] };
    expect(evaluateRedFlags(input)).toEqual([]);
    expect(evaluateRedFlags(input, DEFAULT_RED_FLAG_SETTINGS, '2026-06-05').map((f) => f.code)).toEqual(['MONITORING_OVERDUE']);
  });

  it('raises exactly for the grants whose due date is before today (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 30 }), fc.integer({ min: 0, max: 400 }), (dues, todayOffset) => {
        const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const grants = dues.map((d, i) => ({ ...monitored(day(d)), id: `g${String(i).padStart(3, '0')}` }));
        const flags = monitoringOverdueFlags({ grants, lines: [] }, day(todayOffset));
        expect(flags.map((f) => f.grantId).sort()).toEqual(grants.filter((_, i) => dues[i] < todayOffset).map((g) => g.id));
      }),
    );
  });
});
