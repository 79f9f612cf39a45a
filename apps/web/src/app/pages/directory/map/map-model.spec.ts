import { drawable, mapFrame, MIN_CELL, numericId, publishable, shadeClass, symbolRadius } from './map-model';
import { chartRows, needsByGovernorate } from './directory-map.page';
import type { DirectoryAggregateView, DirectoryNeedView } from '@mizan/contracts';

describe('the directory map model', () => {
  it('never publishes a count under 5: it becomes "fewer than 5" (null), whatever arrives', () => {
    expect(publishable({ code: 'SE', count: 4 })).toEqual({ code: 'SE', count: null });
    expect(publishable({ code: 'SE', count: 1 })).toEqual({ code: 'SE', count: null });
    expect(publishable({ code: 'SE', count: MIN_CELL })).toEqual({ code: 'SE', count: 5 });
    expect(publishable({ code: 'SE', count: null })).toEqual({ code: 'SE', count: null });
  });

  it('draws only the publishable cells, largest first', () => {
    const cells = [
      { code: 'DE', count: 7 },
      { code: 'NO', count: 3 },
      { code: 'SE', count: 20 },
      { code: 'FI', count: null },
    ];
    expect(drawable(cells).map((c) => c.code)).toEqual(['SE', 'DE']);
  });

  it('sizes symbols by area: four times the count, twice the radius; none for nothing', () => {
    expect(symbolRadius(100, 100, 28)).toBe(28);
    expect(symbolRadius(25, 100, 28)).toBeCloseTo(14);
    expect(symbolRadius(0, 100)).toBe(0);
    expect(symbolRadius(1, 10_000, 28, 4)).toBe(4);
  });

  it('shades in five classes and leaves small or missing counts unshaded', () => {
    expect(shadeClass(50, 50)).toBe(5);
    expect(shadeClass(10, 50)).toBe(1);
    expect(shadeClass(4, 50)).toBe(0);
    expect(shadeClass(null, 50)).toBe(0);
  });

  it('knows the numeric ids of the diaspora countries and frames Europe unless a far country is drawn', () => {
    expect(numericId('SE')).toBe('752');
    expect(numericId('gb')).toBe('826');
    expect(numericId('XX')).toBeNull();
    expect(mapFrame(['SE', 'GB', 'DE', 'IQ'])).toBe('near');
    expect(mapFrame(['SE', 'US'])).toBe('world');
  });
});

describe('the directory charts', () => {
  const view = (cells: { key: string; count: number }[]): DirectoryAggregateView => ({ dimension: 'city', cells, suppressed: null, total: 0 });

  it('lists rows largest first, the merged "other" last, and never a number under 5', () => {
    const rows = chartRows(view([{ key: 'other', count: 9 }, { key: 'Malmö', count: 6 }, { key: 'Lund', count: 3 }, { key: 'Stockholm', count: 12 }]), (k) => k.toUpperCase());
    expect(rows.map((r) => [r.key, r.count])).toEqual([
      ['Stockholm', 12],
      ['Malmö', 6],
      ['Lund', null],
      ['other', 9],
    ]);
    expect(rows[0]).toMatchObject({ label: 'STOCKHOLM', percent: 100 });
    expect(rows[1].percent).toBe(50);
  });

  it('counts open needs per governorate, closed ones left out', () => {
    const need = (governorate: string, state: DirectoryNeedView['state']) =>
      ({ state, assignment: { governorate }, partnership: null }) as unknown as DirectoryNeedView;
    expect(needsByGovernorate([need('IQ-BA', 'open'), need('IQ-BA', 'open'), need('IQ-NI', 'open'), need('IQ-BG', 'closed')])).toEqual([
      { code: 'IQ-BA', count: 2 },
      { code: 'IQ-NI', count: 1 },
    ]);
  });
});
