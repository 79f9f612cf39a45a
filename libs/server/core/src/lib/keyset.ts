import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ErrorCode, KEYSET_COUNT_CAP, KeysetPage } from '@mizan/contracts';
import { IsBoundedInt, PAGE_SIZE_MAX, QueryInt } from './input-bounds';
import { MizanException } from './mizan.exception';

/**
 * Keyset pagination (issue 14). A list sorts on a fixed tuple of columns ending in a unique one
 * (the id); a page is "the next pageSize rows after (or before) this tuple", which an index on the
 * same columns answers by seeking, however deep the page. The cursor is the last (or first) row's
 * tuple, base64url JSON, checked against the list's sort on the way back in.
 */

/** One column of a list's sort: the SQL expression, its direction, and what its values are. */
export interface KeysetColumn {
  sql: string;
  direction: 'asc' | 'desc';
  type: 'text' | 'int' | 'bigint' | 'timestamptz' | 'uuid' | 'numeric';
  /** The column may be NULL: NULLs sort last whatever the direction (NULLS LAST is written for you). */
  nullable?: boolean;
}

export type KeysetValue = string | number | null;

/** `?after=`, `?before=` and `?pageSize=` of a keyset list. Lists extend this class. */
export class KeysetQueryDto {
  @ApiPropertyOptional({ description: 'Cursor: the page after this one (the `next` of a page).' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  after?: string;

  @ApiPropertyOptional({ description: 'Cursor: the page before this one (the `previous` of a page).' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  before?: string;

  @ApiPropertyOptional({ default: 25 })
  @IsOptional()
  @QueryInt()
  @IsBoundedInt(1, PAGE_SIZE_MAX)
  pageSize?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^-?\d{1,19}$/;
const NUMERIC = /^-?\d{1,30}(\.\d{1,30})?$/;
/** ISO 8601 as `keysetTimestampSql` writes it (or with an offset), microseconds at most. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
const INT_RANGE = { int: [-(2n ** 31n), 2n ** 31n - 1n], bigint: [-(2n ** 63n), 2n ** 63n - 1n] } as const;

/**
 * A timestamptz column as cursor text: UTC ISO 8601 with microseconds, what PostgreSQL stores. A JavaScript Date
 * keeps milliseconds only, so a cursor made from one would skip or repeat rows that differ by microseconds: select
 * this expression beside the column and give it to `keyOf`.
 */
export function keysetTimestampSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

function badCursor(field: 'after' | 'before', why: string): MizanException {
  return MizanException.withParams(ErrorCode.ValidationFailed, `The ${field} cursor is not one this list gave out: ${why}`, { field }, [
    { field, message: `INVALID_CURSOR: ${why}` },
  ]);
}

export function encodeCursor(values: readonly KeysetValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function validTimestamp(value: string): boolean {
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  // The day exists in that month (PostgreSQL refuses 30 February; Date.UTC would roll it over).
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return false;
  if (m[8] !== 'Z') {
    const [h, mm] = m[8].slice(1).split(':').map(Number);
    if (h > 15 || mm > 59) return false;
  }
  return true;
}

function validInteger(value: string | number, type: 'int' | 'bigint'): boolean {
  if (typeof value === 'number' ? !Number.isSafeInteger(value) : !INTEGER.test(value)) return false;
  const n = BigInt(value);
  return n >= INT_RANGE[type][0] && n <= INT_RANGE[type][1];
}

/** The tuple in a cursor, each value checked against its column (else 400 VALIDATION_FAILED naming the parameter). */
export function decodeCursor(text: string, columns: readonly KeysetColumn[], field: 'after' | 'before' = 'after'): KeysetValue[] {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw badCursor(field, 'not base64url');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor(field, 'not readable');
  }
  if (!Array.isArray(parsed) || parsed.length !== columns.length) throw badCursor(field, 'wrong shape');
  return parsed.map((value: unknown, i) => {
    const column = columns[i];
    if (value === null) {
      if (column.nullable) return null;
      throw badCursor(field, `value ${i + 1} is missing`);
    }
    if (typeof value === 'number' && (column.type === 'int' || column.type === 'bigint')) {
      if (validInteger(value, column.type)) return value;
      throw badCursor(field, `value ${i + 1} is out of range`);
    }
    if (typeof value !== 'string' || value.length > 200 || value.includes('\u0000')) throw badCursor(field, `value ${i + 1} is not valid`);
    const ok =
      column.type === 'text' ||
      (column.type === 'uuid' && UUID.test(value)) ||
      ((column.type === 'int' || column.type === 'bigint') && validInteger(value, column.type)) ||
      (column.type === 'numeric' && NUMERIC.test(value)) ||
      (column.type === 'timestamptz' && validTimestamp(value));
    if (!ok) throw badCursor(field, `value ${i + 1} is not a ${column.type}`);
    if (column.type === 'text' && /[\uD800-\uDFFF]/.test(value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) throw badCursor(field, `value ${i + 1} is not valid text`);
    return value;
  });
}

/**
 * The `$n` parameters of a keyset condition as TypeORM named ones (`:keyset_n`), for a list built with a query
 * builder: `qb.andWhere(sql, params)`.
 */
export function namedKeysetCondition(condition: string, params: readonly KeysetValue[], firstParam: number): { sql: string; params: Record<string, KeysetValue> } {
  const named: Record<string, KeysetValue> = {};
  params.forEach((value, i) => (named[`keyset_${firstParam + i}`] = value));
  return { sql: condition.replace(/\$(\d+)::(\w+)/g, (_, n: string, type: string) => `CAST(:keyset_${n} AS ${type})`), params: named };
}

/**
 * `WHERE` part "the row comes after (forward) / before (backward) this tuple in the list's order": a row
 * comparison `(a, b, id) > ($1, $2, $3)` when every column sorts the same way and none is nullable (an index
 * seek: give a DESC column of a mixed sort as its negation, `-m.score`, to get there), else an OR of prefixes
 * (mixed directions, NULLS LAST), which an index serves less well on deep pages. Parameters are numbered from
 * `firstParam`; returns the SQL and the values to append to the query's parameters.
 */
export function keysetCondition(
  columns: readonly KeysetColumn[],
  values: readonly KeysetValue[],
  firstParam: number,
  backward = false,
): { sql: string; params: KeysetValue[] } {
  const params: KeysetValue[] = [];
  const placeholder = (i: number): string => {
    params.push(values[i]);
    return `$${firstParam + params.length - 1}::${columns[i].type}`;
  };
  const equal = (i: number): string => {
    const c = columns[i];
    if (values[i] === null) return `${c.sql} IS NULL`;
    return `${c.sql} = ${placeholder(i)}`;
  };
  const beyond = (i: number): string => {
    const c = columns[i];
    const forwardAsc = (c.direction === 'asc') !== backward;
    const v = values[i];
    // NULLS LAST: going back from a NULL, every non-NULL comes before it.
    if (v === null) return `${c.sql} IS NOT NULL`;
    const cmp = `${c.sql} ${forwardAsc ? '>' : '<'} ${placeholder(i)}`;
    // Going forward past a value, NULLs (last) come after it too.
    return c.nullable && !backward ? `(${cmp} OR ${c.sql} IS NULL)` : cmp;
  };
  // Every column the same way and none NULL: one row comparison, which a btree index on the same columns (in that
  // order and direction, or all reversed) answers by seeking to the cursor, however deep the page.
  const uniform = columns.every((c) => c.direction === columns[0].direction && !c.nullable);
  if (uniform && values.every((v) => v !== null)) {
    const forwardAsc = (columns[0].direction === 'asc') !== backward;
    const row = (sqls: string[]) => (sqls.length === 1 ? sqls[0] : `(${sqls.join(', ')})`);
    return {
      sql: `${row(columns.map((c) => c.sql))} ${forwardAsc ? '>' : '<'} ${row(columns.map((_, i) => placeholder(i)))}`,
      params,
    };
  }
  const alternatives: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    // Nothing comes after a NULL going forward (NULLS LAST) but rows equal to it, which later columns handle.
    if (values[i] === null && !backward) continue;
    const prefix = Array.from({ length: i }, (_, j) => equal(j));
    alternatives.push([...prefix, beyond(i)].join(' AND '));
  }
  return { sql: alternatives.length === 0 ? 'false' : `(${alternatives.map((a) => `(${a})`).join(' OR ')})`, params };
}

/** `ORDER BY` of the list (reversed when reading backwards, then the page is flipped back). */
export function keysetOrder(columns: readonly KeysetColumn[], backward = false): string {
  return columns
    .map((c) => {
      const asc = (c.direction === 'asc') !== backward;
      return `${c.sql} ${asc ? 'ASC' : 'DESC'}${c.nullable ? (backward ? ' NULLS FIRST' : ' NULLS LAST') : ''}`;
    })
    .join(', ');
}

/**
 * Reads one keyset page. `select(where, order, limit, params)` runs the list's query with the
 * extra condition; `keyOf` gives a row's sort tuple; `count` (optional) counts up to the cap.
 * Reads pageSize + 1 rows to know whether another page follows.
 */
export async function readKeysetPage<Row, Item>(options: {
  columns: readonly KeysetColumn[];
  query: KeysetQueryDto;
  defaultPageSize?: number;
  /** The number of the first free $ parameter in the list's own query. */
  firstParam: number;
  select: (condition: string, order: string, limit: number, params: KeysetValue[]) => Promise<Row[]>;
  keyOf: (row: Row) => KeysetValue[];
  toItem: (row: Row) => Item;
  count?: (cap: number) => Promise<number>;
  /** Where counting stops (KEYSET_COUNT_CAP; smaller in tests). */
  countCap?: number;
}): Promise<KeysetPage<Item>> {
  const { columns, query } = options;
  if (query.after !== undefined && query.before !== undefined) {
    throw MizanException.withParams(ErrorCode.ValidationFailed, 'Give either after or before, not both', { field: 'before' }, [
      { field: 'before', message: 'INVALID_CURSOR: after and before together' },
    ]);
  }
  const pageSize = query.pageSize ?? options.defaultPageSize ?? 25;
  const backward = query.before !== undefined;
  const cursorText = query.after ?? query.before;
  let condition = 'true';
  let params: KeysetValue[] = [];
  if (cursorText !== undefined) {
    const values = decodeCursor(cursorText, columns, backward ? 'before' : 'after');
    ({ sql: condition, params } = keysetCondition(columns, values, options.firstParam, backward));
  }
  const rows = await options.select(condition, keysetOrder(columns, backward), pageSize + 1, params);
  const more = rows.length > pageSize;
  const pageRows = rows.slice(0, pageSize);
  if (backward) pageRows.reverse();
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  const hasBefore = backward ? more : cursorText !== undefined;
  const hasAfter = backward ? true : more;
  const cap = options.countCap ?? KEYSET_COUNT_CAP;
  const total = options.count ? await options.count(cap) : pageRows.length;
  return {
    items: pageRows.map(options.toItem),
    pageSize,
    next: hasAfter && last !== undefined ? encodeCursor(options.keyOf(last)) : null,
    previous: hasBefore && first !== undefined ? encodeCursor(options.keyOf(first)) : null,
    total: Math.min(total, cap),
    totalCapped: total > cap,
  };
}

/** `SELECT count(*)` that stops at cap + 1 rows: wrap the list's FROM/WHERE (no ORDER BY). */
export function cappedCountSql(fromWhere: string, cap: number = KEYSET_COUNT_CAP): string {
  return `SELECT count(*)::int AS n FROM (SELECT 1 ${fromWhere} LIMIT ${cap + 1}) capped`;
}
