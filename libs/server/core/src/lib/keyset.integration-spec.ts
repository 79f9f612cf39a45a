import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { KeysetColumn, KeysetQueryDto, KeysetValue, keysetTimestampSql, readKeysetPage } from './keyset';
import { MizanException } from './mizan.exception';

/**
 * Keyset pages against the real PostgreSQL: walking every page forward and back gives exactly the rows of the
 * list's full ORDER BY (mixed directions, NULLs, ties broken by the id), and a bad cursor is a 400 naming the
 * parameter before any SQL runs. A database of its own with one table; no product schema needed.
 */
const ADMIN = process.env['TEST_DATABASE_ADMIN_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = `mizan_test_keyset_${process.pid}_${randomBytes(4).toString('hex')}`;

/** The sort values under names of their own: an ORDER BY naming an output column would sort by the text. */
interface Row {
  k_id: string;
  k_rank: number | null;
  k_label: string | null;
  k_at: string;
  k_amount: string;
}

let admin: Client;
let db: Client;

beforeAll(async () => {
  admin = new Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${NAME}`);
  const url = new URL(ADMIN);
  url.pathname = `/${NAME}`;
  db = new Client({ connectionString: url.toString() });
  await db.connect();
  await db.query(`CREATE TABLE item (id uuid PRIMARY KEY, rank int, label text, at timestamptz NOT NULL, amount bigint NOT NULL)`);
  // 157 rows: few distinct values per column so ties are common, a quarter of ranks and labels NULL, times that
  // differ by microseconds only (a cursor read through a JavaScript Date would lose them).
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 157; i++) {
    const rank = i % 4 === 0 ? null : i % 5;
    const label = i % 7 === 0 ? null : ['alpha', 'Beta', 'gamma', 'دال', 'épsilon'][i % 5];
    const micros = i % 3;
    const at = `${new Date(base + (i % 6) * 1000).toISOString().slice(0, 23)}${micros}00Z`;
    await db.query(`INSERT INTO item VALUES ($1, $2, $3, $4, $5)`, [randomUUID(), rank, label, at, String((i % 9) * 1_000_000_000_000 - 3)]);
  }
});

afterAll(async () => {
  await db?.end();
  await admin?.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin?.end();
});

const SORTS: Record<string, KeysetColumn[]> = {
  'rank asc nulls, label desc nulls, id': [
    { sql: 'rank', direction: 'asc', type: 'int', nullable: true },
    { sql: 'label', direction: 'desc', type: 'text', nullable: true },
    { sql: 'id', direction: 'asc', type: 'uuid' },
  ],
  'at desc (microseconds), amount asc, id desc': [
    { sql: 'at', direction: 'desc', type: 'timestamptz' },
    { sql: 'amount', direction: 'asc', type: 'bigint' },
    { sql: 'id', direction: 'desc', type: 'uuid' },
  ],
  'at desc, amount desc, id desc (one row comparison)': [
    { sql: 'at', direction: 'desc', type: 'timestamptz' },
    { sql: 'amount', direction: 'desc', type: 'bigint' },
    { sql: 'id', direction: 'desc', type: 'uuid' },
  ],
  'label asc nulls, at asc, rank desc nulls, id': [
    { sql: 'label', direction: 'asc', type: 'text', nullable: true },
    { sql: 'at', direction: 'asc', type: 'timestamptz' },
    { sql: 'rank', direction: 'desc', type: 'int', nullable: true },
    { sql: 'id', direction: 'asc', type: 'uuid' },
  ],
};

const SELECT = `SELECT id::text AS k_id, rank AS k_rank, label AS k_label, ${keysetTimestampSql('at')} AS k_at, amount::text AS k_amount FROM item`;

function keyOf(columns: KeysetColumn[]) {
  return (row: Row): KeysetValue[] => columns.map((c) => row[`k_${c.sql}` as keyof Row]);
}

async function page(columns: KeysetColumn[], query: KeysetQueryDto) {
  return readKeysetPage<Row, string>({
    columns,
    query,
    firstParam: 1,
    select: async (condition, order, limit, params) => (await db.query<Row>(`${SELECT} WHERE ${condition} ORDER BY ${order} LIMIT ${limit}`, params)).rows,
    keyOf: keyOf(columns),
    toItem: (row) => row.k_id,
    count: async (cap) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM item LIMIT ${cap + 1}) c`)).rows[0].n,
  });
}

describe('readKeysetPage on PostgreSQL', () => {
  for (const [name, columns] of Object.entries(SORTS)) {
    for (const pageSize of [1, 7, 25, 200]) {
      it(`walks ${name} by ${pageSize}: forward and back give the full ORDER BY, nothing twice or missed`, async () => {
        const order = columns.map((c) => `${c.sql} ${c.direction.toUpperCase()} ${c.nullable ? 'NULLS LAST' : ''}`).join(', ');
        const expected = (await db.query<{ id: string }>(`SELECT id::text FROM item ORDER BY ${order}`)).rows.map((r) => r.id);
        expect(expected).toHaveLength(157);

        const forward: string[][] = [];
        let current = await page(columns, { pageSize });
        expect(current.previous).toBeNull();
        forward.push(current.items);
        while (current.next) {
          current = await page(columns, { pageSize, after: current.next });
          expect(current.items.length).toBeGreaterThan(0);
          expect(current.previous).not.toBeNull();
          forward.push(current.items);
        }
        expect(forward.flat()).toEqual(expected);
        expect(forward.slice(0, -1).every((items) => items.length === pageSize)).toBe(true);
        expect(current.total).toBe(157);
        expect(current.totalCapped).toBe(false);

        // Back from the last page: each "previous" page is the one before it, in the same order.
        const backward: string[][] = [current.items];
        while (current.previous) {
          current = await page(columns, { pageSize, before: current.previous });
          expect(current.next).not.toBeNull();
          backward.unshift(current.items);
        }
        expect(backward.flat()).toEqual(expected);
        expect(backward[0]).toEqual(expected.slice(0, backward[0].length));
      });
    }
  }

  it('counts up to the cap and says when there are more', async () => {
    const columns = SORTS['at desc (microseconds), amount asc, id desc'];
    const result = await readKeysetPage<Row, string>({
      columns,
      query: { pageSize: 5 },
      firstParam: 1,
      select: async (condition, order, limit, params) => (await db.query<Row>(`${SELECT} WHERE ${condition} ORDER BY ${order} LIMIT ${limit}`, params)).rows,
      keyOf: keyOf(columns),
      toItem: (row) => row.k_id,
      count: async () => 157,
      countCap: 100,
    });
    expect(result).toMatchObject({ total: 100, totalCapped: true });
  });

  const badCursors: Record<string, (columns: KeysetColumn[]) => KeysetQueryDto> = {
    garbage: () => ({ after: 'not a cursor!' }),
    'not JSON': () => ({ after: Buffer.from('{[').toString('base64url') }),
    'wrong arity': () => ({ after: Buffer.from(JSON.stringify([1, 'a'])).toString('base64url') }),
    'wrong types': () => ({ before: Buffer.from(JSON.stringify(['x', 'y', 'z'])).toString('base64url') }),
    NUL: () => ({ after: Buffer.from(JSON.stringify([1, 'a\u0000b', randomUUID()])).toString('base64url') }),
    'lone surrogate': () => ({ after: Buffer.from('[1,"\\ud800",' + JSON.stringify(randomUUID()) + ']').toString('base64url') }),
    'int out of range': () => ({ after: Buffer.from(JSON.stringify([2 ** 31, 'a', randomUUID()])).toString('base64url') }),
    'both after and before': () => ({ after: Buffer.from(JSON.stringify([1, 'a', randomUUID()])).toString('base64url'), before: 'x' }),
  };
  for (const [name, make] of Object.entries(badCursors)) {
    it(`refuses a bad cursor (${name}) with 400 naming the parameter, before any SQL`, async () => {
      const columns = SORTS['rank asc nulls, label desc nulls, id'];
      const query = make(columns);
      let ran = false;
      const error = await readKeysetPage<Row, string>({
        columns,
        query,
        firstParam: 1,
        select: async () => {
          ran = true;
          return [];
        },
        keyOf: keyOf(columns),
        toItem: (row) => row.k_id,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MizanException);
      const body = (error as MizanException).toBody();
      const field = query.before !== undefined ? 'before' : 'after';
      expect(body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', fields: [{ field }] });
      expect(ran).toBe(false);
    });
  }

  it('a timestamp cursor PostgreSQL would refuse (30 February, hour 24) is a 400, not a database error', async () => {
    const columns = SORTS['at desc (microseconds), amount asc, id desc'];
    for (const at of ['2026-02-30T00:00:00.000000Z', '2026-01-01T24:00:00Z', '0000-01-01T00:00:00Z', '1']) {
      const after = Buffer.from(JSON.stringify([at, '1', randomUUID()])).toString('base64url');
      await expect(page(columns, { after })).rejects.toBeInstanceOf(MizanException);
    }
    const bigAfter = Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', '9999999999999999999', randomUUID()])).toString('base64url');
    await expect(page(columns, { after: bigAfter })).rejects.toBeInstanceOf(MizanException);
  });
});
