import {
  EMPTY_FILTERS,
  formatBytes,
  shortHash,
  toTrailQuery,
} from './trail-filters';

describe('toTrailQuery', () => {
  it('sends only the filters that were filled, trimmed', () => {
    expect(
      toTrailQuery(
        { ...EMPTY_FILTERS, actor: '  admin@ ', entityId: ' ' },
        { pageSize: 50, after: 'c2' },
      ),
    ).toEqual({
      after: 'c2',
      pageSize: 50,
      actor: 'admin@',
    });
  });

  it('asks for the first page without a cursor, and before a cursor going back', () => {
    expect(toTrailQuery(EMPTY_FILTERS, { pageSize: 25 })).toEqual({ pageSize: 25 });
    expect(toTrailQuery(EMPTY_FILTERS, { pageSize: 25, before: 'c1' })).toEqual({ pageSize: 25, before: 'c1' });
  });

  it('turns dates into whole local days, as exact instants', () => {
    const query = toTrailQuery(
      { ...EMPTY_FILTERS, from: '2026-03-01', to: '2026-03-02' },
      { pageSize: 25 },
    );
    expect(query.from).toBe(new Date(2026, 2, 1, 0, 0, 0, 0).toISOString());
    expect(query.to).toBe(new Date(2026, 2, 2, 23, 59, 59, 999).toISOString());
  });

  it('ignores a malformed date', () => {
    expect(
      toTrailQuery({ ...EMPTY_FILTERS, from: '01/03/2026' }, { pageSize: 25 }).from,
    ).toBeUndefined();
  });
});

describe('trail formatting', () => {
  it('shortens a hash for the table', () => {
    expect(shortHash('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`);
    expect(shortHash('abc')).toBe('abc');
  });

  it('gives file sizes in readable units', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(2048, 'en')).toBe('2 kB');
    expect(formatBytes(3 * 1024 * 1024 + 100, 'en')).toBe('3 MB');
  });
});
