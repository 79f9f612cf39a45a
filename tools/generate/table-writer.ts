import { ClientBase } from 'pg';
import { Progress } from './progress';

/**
 * Statements sent without waiting for each to finish (node-postgres runs a client's queries one
 * after the other, in order), so the generator builds the next batch while the database writes
 * this one; at most `depth` in flight. The first failure is thrown at the next submit or drain.
 */
export class Pipeline {
  private inFlight: Promise<unknown>[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    private readonly client: ClientBase,
    private readonly depth = 4,
  ) {}

  /** One statement after those already queued; resolves with its rows (the caller may or may not wait). */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const run = this.tail.then(() => (this.failure ? Promise.reject(this.failure) : this.client.query(sql, params)));
    this.tail = run.catch(() => undefined);
    return run.then((result) => result.rows as T[]);
  }

  async submit(sql: string, params: unknown[], done?: () => void): Promise<void> {
    if (this.failure) throw this.failure;
    const promise = this.query(sql, params).then(
      () => done?.(),
      (error: unknown) => {
        this.failure ??= error;
      },
    );
    this.inFlight.push(promise);
    while (this.inFlight.length > this.depth) await this.inFlight.shift();
    if (this.failure) throw this.failure;
  }

  async drain(): Promise<void> {
    while (this.inFlight.length) await this.inFlight.shift();
    await this.tail;
    if (this.failure) throw this.failure;
  }
}

/** A column of a generated table: its name and its PostgreSQL type (rows pass it as text, cast on insert). */
export interface ColumnSpec {
  name: string;
  type: string;
}

export type Cell = string | number | bigint | boolean | null | readonly string[] | object;

/** PostgreSQL's text form of a cell (arrays as array literals, objects as JSON). */
function text(cell: Cell, type: string): string | null {
  if (cell === null || cell === undefined) return null;
  if (type.endsWith('[]')) {
    const items = cell as readonly string[];
    return `{${items.map((s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
  }
  if (type === 'jsonb') return JSON.stringify(cell);
  return String(cell);
}

/**
 * Buffers rows of one table and writes them in batches as one multi-row INSERT over unnest()
 * of text arrays (pg-copy-streams is not a dependency; this is within a small factor of COPY).
 * Rows are written through the product's own constraints and triggers.
 */
export class TableWriter {
  private columns: (string | null)[][];
  private pending = 0;
  written = 0;
  private readonly sql: string;

  constructor(
    readonly table: string,
    readonly specs: readonly ColumnSpec[],
    private readonly progress: Progress,
    readonly batchSize = 2000,
  ) {
    this.columns = specs.map(() => []);
    const names = specs.map((c) => c.name).join(', ');
    const params = specs.map((_, i) => `$${i + 1}::text[]`).join(', ');
    const casts = specs.map((c, i) => `c${i}::${c.type}`).join(', ');
    const aliases = specs.map((_, i) => `c${i}`).join(', ');
    this.sql = `INSERT INTO ${table} (${names}) SELECT ${casts} FROM unnest(${params}) WITH ORDINALITY AS u(${aliases}, n) ORDER BY n`;
  }

  get buffered(): number {
    return this.pending;
  }

  add(row: readonly Cell[]): void {
    if (row.length !== this.specs.length) throw new Error(`${this.table}: ${row.length} cells for ${this.specs.length} columns`);
    for (let i = 0; i < row.length; i++) this.columns[i].push(text(row[i], this.specs[i].type));
    this.pending++;
  }

  async flush(pipeline: Pipeline): Promise<void> {
    if (this.pending === 0) return;
    const columns = this.columns;
    const count = this.pending;
    this.columns = this.specs.map(() => []);
    this.pending = 0;
    await pipeline.submit(this.sql, columns, () => {
      this.written += count;
      this.progress.add(this.table, count);
    });
  }
}

/** Runs one UPDATE per batch over unnest()ed text arrays: `sql` sees them as u(c0, c1, …). */
export class BatchUpdate {
  private columns: (string | null)[][];
  private pending = 0;

  constructor(
    private readonly label: string,
    private readonly arity: number,
    private readonly sql: string,
    private readonly progress: Progress,
    private readonly batchSize = 5000,
  ) {
    this.columns = Array.from({ length: arity }, () => []);
  }

  add(values: readonly (string | number | null)[]): void {
    for (let i = 0; i < this.arity; i++) this.columns[i].push(values[i] === null ? null : String(values[i]));
    this.pending++;
  }

  get full(): boolean {
    return this.pending >= this.batchSize;
  }

  async flush(pipeline: Pipeline): Promise<void> {
    if (this.pending === 0) return;
    const columns = this.columns;
    const count = this.pending;
    this.columns = Array.from({ length: this.arity }, () => []);
    this.pending = 0;
    await pipeline.submit(this.sql, columns, () => this.progress.add(this.label, count));
  }
}
