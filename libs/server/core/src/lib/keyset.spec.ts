import { randomUUID } from 'node:crypto';
import { KEYSET_COUNT_CAP } from '@mizan/contracts';
import {
  KeysetColumn,
  cappedCountSql,
  decodeCursor,
  encodeCursor,
  keysetCondition,
  keysetOrder,
  namedKeysetCondition,
  readKeysetPage,
} from './keyset';
import { MizanException } from './mizan.exception';

const COLUMNS: KeysetColumn[] = [
  { sql: 'm.rank', direction: 'asc', type: 'int' },
  { sql: 'm.score', direction: 'desc', type: 'numeric', nullable: true },
  { sql: 'm.raised_at', direction: 'asc', type: 'timestamptz' },
  { sql: 'm.id', direction: 'asc', type: 'uuid' },
];

const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MizanException && error.getStatus() === 400) return error.toBody().fields?.[0]?.field;
    throw error;
  }
  return undefined;
}

describe('keyset cursors', () => {
  it('round-trips a tuple of the list’s columns', () => {
    const id = randomUUID();
    const values = [2, '0.93', '2026-12-06T07:19:56.123456Z', id];
    expect(decodeCursor(encodeCursor(values), COLUMNS)).toEqual(values);
    expect(decodeCursor(encodeCursor([2, null, '2026-12-06T07:19:56+03:00', id]), COLUMNS)).toEqual([2, null, '2026-12-06T07:19:56+03:00', id]);
  });

  it.each([
    ['garbage', 'a b c'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['wrong arity', cursor([1, '1', '2026-01-01T00:00:00Z'])],
    ['a string for an int', cursor(['one', '1', '2026-01-01T00:00:00Z', randomUUID()])],
    ['an int past int4', cursor([2 ** 31, '1', '2026-01-01T00:00:00Z', randomUUID()])],
    ['a fraction for an int', cursor([1.5, '1', '2026-01-01T00:00:00Z', randomUUID()])],
    ['NULL in a NOT NULL column', cursor([null, '1', '2026-01-01T00:00:00Z', randomUUID()])],
    ['not a number', cursor([1, '1e5', '2026-01-01T00:00:00Z', randomUUID()])],
    ['a date PostgreSQL refuses', cursor([1, '1', '2026-02-30T00:00:00Z', randomUUID()])],
    ['a date without a zone', cursor([1, '1', '2026-01-01T00:00:00', randomUUID()])],
    ['not a uuid', cursor([1, '1', '2026-01-01T00:00:00Z', 'x'])],
    ['NUL', cursor([1, '1', '2026-01-01T00:00:00Z', `${randomUUID()}\u0000`])],
    ['an object', cursor({ rank: 1 } as unknown as unknown[])],
  ])('refuses %s with 400 naming the parameter', (_, text) => {
    expect(fieldOf(() => decodeCursor(text, COLUMNS, 'before'))).toBe('before');
    expect(fieldOf(() => decodeCursor(text, COLUMNS))).toBe('after');
  });

  it('refuses a lone surrogate in a text value, keeps a pair', () => {
    const text: KeysetColumn[] = [{ sql: 'name', direction: 'asc', type: 'text' }];
    expect(fieldOf(() => decodeCursor(Buffer.from('["a\\udc00"]').toString('base64url'), text))).toBe('after');
    expect(decodeCursor(encodeCursor(['a😀']), text)).toEqual(['a😀']);
  });

  it('refuses a bigint past int8 written as text', () => {
    const big: KeysetColumn[] = [{ sql: 'seq', direction: 'desc', type: 'bigint' }];
    expect(decodeCursor(encodeCursor(['9223372036854775807']), big)).toEqual(['9223372036854775807']);
    expect(fieldOf(() => decodeCursor(encodeCursor(['9223372036854775808']), big))).toBe('after');
  });
});

describe('keyset SQL', () => {
  it('orders with NULLS LAST, reversed (NULLS FIRST) when reading backwards', () => {
    expect(keysetOrder(COLUMNS)).toBe('m.rank ASC, m.score DESC NULLS LAST, m.raised_at ASC, m.id ASC');
    expect(keysetOrder(COLUMNS, true)).toBe('m.rank DESC, m.score ASC NULLS FIRST, m.raised_at DESC, m.id DESC');
  });

  it('writes "after this tuple" as an OR of prefixes, numbering parameters from firstParam', () => {
    const { sql, params } = keysetCondition(COLUMNS, [1, '0.5', '2026-01-01T00:00:00Z', 'u'], 3);
    expect(sql).toBe(
      '((m.rank > $3::int) OR (m.rank = $4::int AND (m.score < $5::numeric OR m.score IS NULL)) OR ' +
        '(m.rank = $6::int AND m.score = $7::numeric AND m.raised_at > $8::timestamptz) OR ' +
        '(m.rank = $9::int AND m.score = $10::numeric AND m.raised_at = $11::timestamptz AND m.id > $12::uuid))',
    );
    expect(params).toEqual([1, 1, '0.5', 1, '0.5', '2026-01-01T00:00:00Z', 1, '0.5', '2026-01-01T00:00:00Z', 'u']);
  });

  it('writes one row comparison when every column sorts the same way and none is nullable', () => {
    const uniform: KeysetColumn[] = [
      { sql: 'n.created_at', direction: 'desc', type: 'timestamptz' },
      { sql: 'n.id', direction: 'desc', type: 'uuid' },
    ];
    expect(keysetCondition(uniform, ['2026-01-01T00:00:00Z', 'u'], 2)).toEqual({ sql: '(n.created_at, n.id) < ($2::timestamptz, $3::uuid)', params: ['2026-01-01T00:00:00Z', 'u'] });
    expect(keysetCondition(uniform, ['2026-01-01T00:00:00Z', 'u'], 2, true).sql).toBe('(n.created_at, n.id) > ($2::timestamptz, $3::uuid)');
    expect(keysetCondition(uniform.slice(1), ['u'], 1).sql).toBe('n.id < $1::uuid');
  });

  it('after a NULL only equal NULLs follow; before a NULL every non-NULL comes', () => {
    const forward = keysetCondition(COLUMNS.slice(0, 2), [1, null], 1);
    expect(keysetCondition(COLUMNS.slice(0, 1), [1], 1).sql).toBe('m.rank > $1::int');
    expect(forward.sql).toBe('((m.rank > $1::int))');
    const backward = keysetCondition(COLUMNS.slice(0, 2), [1, null], 1, true);
    expect(backward.sql).toBe('((m.rank < $1::int) OR (m.rank = $2::int AND m.score IS NOT NULL))');
  });

  it('gives TypeORM named parameters for a query builder', () => {
    const { sql, params } = keysetCondition(COLUMNS.slice(0, 1), [7], 1);
    expect(namedKeysetCondition(sql, params, 1)).toEqual({ sql: 'm.rank > CAST(:keyset_1 AS int)', params: { keyset_1: 7 } });
  });

  it('counts at most cap + 1 rows', () => {
    expect(cappedCountSql('FROM t WHERE a = $1', 10)).toBe('SELECT count(*)::int AS n FROM (SELECT 1 FROM t WHERE a = $1 LIMIT 11) capped');
  });
});

describe('readKeysetPage', () => {
  const rows = Array.from({ length: 5 }, (_, i) => ({ n: i }));
  const columns: KeysetColumn[] = [{ sql: 'n', direction: 'asc', type: 'int' }];
  const read = (query: { after?: string; before?: string; pageSize?: number }, total = 5) => {
    const seen: { condition: string; order: string; limit: number }[] = [];
    const result = readKeysetPage({
      columns,
      query,
      firstParam: 1,
      select: async (condition, order, limit, params) => {
        seen.push({ condition, order, limit });
        const from = params.length ? Number(params[0]) : undefined;
        const backward = order.includes('DESC');
        const picked = backward ? rows.filter((r) => from === undefined || r.n < from).reverse() : rows.filter((r) => from === undefined || r.n > from);
        return picked.slice(0, limit);
      },
      keyOf: (r) => [r.n],
      toItem: (r) => r.n,
      count: async (cap) => Math.min(total, cap + 1),
    });
    return { result, seen };
  };

  it('reads pageSize + 1 rows, gives next when there are more and no previous on the first page', async () => {
    const { result, seen } = read({ pageSize: 2 });
    expect(await result).toEqual({ items: [0, 1], pageSize: 2, next: encodeCursor([1]), previous: null, total: 5, totalCapped: false });
    expect(seen).toEqual([{ condition: 'true', order: 'n ASC', limit: 3 }]);
  });

  it('reads backwards in reverse order and flips the page back', async () => {
    const { result, seen } = read({ pageSize: 2, before: encodeCursor([4]) });
    expect(await result).toMatchObject({ items: [2, 3], next: encodeCursor([3]), previous: encodeCursor([2]) });
    expect(seen[0].order).toBe('n DESC');
    expect(await read({ pageSize: 2, before: encodeCursor([2]) }).result).toMatchObject({ items: [0, 1], previous: null });
  });

  it('says "more than the cap" past KEYSET_COUNT_CAP', async () => {
    expect(await read({ pageSize: 2 }, 50_000).result).toMatchObject({ total: KEYSET_COUNT_CAP, totalCapped: true });
  });

  it('refuses after and before together, naming before', async () => {
    await expect(read({ after: encodeCursor([1]), before: encodeCursor([3]) }).result).rejects.toMatchObject({ fields: [{ field: 'before' }] });
  });
});
