import type { TrailValue } from '@mizan/domain';
import type { I18nService } from '../../core/i18n/i18n.service';
import { plainValue } from './trail-changes.component';

const i18n = {
  t: (key: string, params?: Record<string, string>) => (params ? `${key}:${JSON.stringify(params)}` : key),
  locale: () => 'en-GB',
  formatDateTime: (iso: string) => `dt(${iso})`,
} as unknown as I18nService;

describe('plainValue', () => {
  const names = { 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee': 'Karin Lind' };
  const cases: [TrailValue, string][] = [
    [{ kind: 'id', id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' }, 'Karin Lind'],
    [{ kind: 'id', id: '00000000-bbbb-4ccc-8ddd-eeeeeeeeeeee' }, '00000000-bbbb-4ccc-8ddd-eeeeeeeeeeee'],
    [{ kind: 'date', iso: '2027-01-01', dateOnly: true }, '1 Jan 2027'],
    [{ kind: 'date', iso: '2026-12-04T10:00:00Z', dateOnly: false }, 'dt(2026-12-04T10:00:00Z)'],
    [{ kind: 'money', minor: '5', currency: null }, 'trail.value.minorUnits:{"minor":"5"}'],
    [{ kind: 'boolean', value: true }, 'trail.value.yes'],
    [{ kind: 'list', items: [{ kind: 'text', text: 'a' }, { kind: 'number', text: '2' }] }, 'a, 2'],
    [{ kind: 'empty' }, 'trail.value.empty'],
  ];
  it.each(cases)('%j → %s', (value, text) => {
    expect(plainValue(value, names, i18n)).toBe(text);
  });
});
