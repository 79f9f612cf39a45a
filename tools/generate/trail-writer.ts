import { ClientBase } from 'pg';
import { GENESIS_HASH, HashVersion, chainHash } from '@mizan/domain';
import type { TrailAction } from '@mizan/contracts';
import { sha256Hex } from '@mizan/server/trail';
import { Progress } from './progress';
import { Pipeline, TableWriter } from './table-writer';
import { storedTime } from './random';

/** The hash version the generator writes: one chain per agency (issue 14). */
export const GENERATED_HASH_VERSION: HashVersion = 3;

export interface TrailEvent {
  agencyId: string;
  actorId: string | null;
  actorLabel: string;
  action: TrailAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface WrittenEvent {
  /** The deployment-wide seq (journal entries name it). */
  seq: number;
  /** Microseconds since the epoch. */
  micros: number;
  /** The stored time, `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
  at: string;
}

interface ChainHead {
  chainSeq: number;
  hash: string;
}

/**
 * Writes hash version 3 trail records, one chain per agency: chain_seq 1..n without gaps,
 * previous_hash the hash of the chain's record before (GENESIS_HASH for the first),
 * hash = chainHash(sha256, previous, content with seq = chain_seq). Time is one clock for
 * all chains, moving forward with every record, so each chain is monotonic in time and the
 * deployment-wide `seq` (taken from activity_record_seq_seq in blocks, so the runtime role
 * suffices and no setval is needed) increases in time order.
 *
 * Records are buffered and inserted in batches; callers flush the tables that reference
 * the trail (journal_entry.trail_seq) after `flush()`.
 */
export class TrailWriter {
  private readonly heads = new Map<string, ChainHead>();
  private readonly rows: TableWriter;
  private seqPool: number[] = [];
  private seqAt = 0;
  private clock: number;
  private readonly step: number;
  private rng: () => number;
  count = 0;

  constructor(
    progress: Progress,
    opts: { startMicros: number; stepMicros: number; random: () => number },
  ) {
    this.clock = opts.startMicros;
    this.step = opts.stepMicros;
    this.rng = opts.random;
    this.rows = new TableWriter(
      'activity_record',
      [
        { name: 'seq', type: 'bigint' },
        { name: 'occurred_at', type: 'timestamptz' },
        { name: 'agency_id', type: 'uuid' },
        { name: 'actor_id', type: 'uuid' },
        { name: 'actor_label', type: 'text' },
        { name: 'action', type: 'text' },
        { name: 'entity_type', type: 'text' },
        { name: 'entity_id', type: 'text' },
        { name: 'before', type: 'jsonb' },
        { name: 'after', type: 'jsonb' },
        { name: 'reason', type: 'text' },
        { name: 'previous_hash', type: 'char(64)' },
        { name: 'hash', type: 'char(64)' },
        { name: 'hash_version', type: 'smallint' },
        { name: 'chain_seq', type: 'bigint' },
      ],
      progress,
      4000,
    );
  }

  /** Refuses a database whose trail does not take hash version 3 records yet (the per-agency chains migration). */
  static async checkSchema(client: ClientBase): Promise<string | null> {
    const rows = (await client.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = 'activity_record'::regclass AND conname IN ('ck_activity_record_hash_version', 'uq_activity_record_previous_hash')`,
    )) as { rows: { conname: string; def: string }[] };
    for (const row of rows.rows) {
      if (row.conname === 'ck_activity_record_hash_version' && !/\b3\b|>=|<=/.test(row.def)) {
        return `the trail of this database does not accept hash version 3 records (${row.def}): it lacks the per-agency chains migration`;
      }
      if (row.conname === 'uq_activity_record_previous_hash' && row.def === 'UNIQUE (previous_hash)') {
        return 'the trail of this database has one chain only (previous_hash unique over all records): it lacks the per-agency chains migration';
      }
    }
    const column = await client.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'activity_record' AND column_name = 'chain_seq'`);
    return column.rowCount ? null : 'the trail of this database has no chain_seq column: run tools/mizan migrate first';
  }

  /** Starts after whatever the database already holds: later than its last record, each agency's chain from its head. */
  async prepare(client: ClientBase, agencyIds: readonly string[]): Promise<void> {
    const last = await client.query(`SELECT (extract(epoch FROM max(occurred_at)) * 1000000)::bigint::text AS at FROM activity_record`);
    const at = (last.rows[0] as { at: string | null }).at;
    if (at !== null && Number(at) >= this.clock) this.clock = Number(at) + 1_000_000;
    const heads = await client.query(
      `SELECT DISTINCT ON (agency_id) agency_id::text AS agency, chain_seq::text AS chain_seq, hash FROM activity_record
        WHERE chain_seq IS NOT NULL AND agency_id = ANY($1::uuid[]) ORDER BY agency_id, chain_seq DESC`,
      [agencyIds],
    );
    for (const row of heads.rows as { agency: string; chain_seq: string; hash: string }[]) {
      this.heads.set(row.agency, { chainSeq: Number(row.chain_seq), hash: row.hash });
    }
  }

  /** Reserves deployment-wide seqs in blocks (nextval in one statement: increasing, usually contiguous). */
  private async reserve(pipeline: Pipeline, count: number): Promise<void> {
    const rows = await pipeline.query<{ v: string }>(`SELECT nextval('activity_record_seq_seq')::text AS v FROM generate_series(1, $1::int)`, [count]);
    const values = rows.map((r) => Number(r.v)).sort((a, b) => a - b);
    this.seqPool = this.seqPool.slice(this.seqAt).concat(values);
    this.seqAt = 0;
  }

  get now(): number {
    return this.clock;
  }

  /** Moves the clock forward without writing (a pause between phases). */
  advance(micros: number): void {
    this.clock += Math.max(1, Math.round(micros));
  }

  /** Appends one record to its agency's chain; returns its seq and time. Call `flushIfFull` between entities. */
  emit(event: TrailEvent): WrittenEvent {
    if (this.seqAt >= this.seqPool.length) throw new Error('trail writer: seq pool empty (flushIfFull not called)');
    this.clock += 1 + Math.floor(this.step * (0.5 + this.rng()));
    const micros = this.clock;
    const at = storedTime(micros);
    const seq = this.seqPool[this.seqAt++];
    const head = this.heads.get(event.agencyId) ?? { chainSeq: 0, hash: GENESIS_HASH };
    const chainSeq = head.chainSeq + 1;
    const content = {
      seq: String(chainSeq),
      occurredAt: at,
      hashVersion: GENERATED_HASH_VERSION,
      actorId: event.actorId,
      actorLabel: event.actorLabel,
      agencyId: event.agencyId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: event.before ?? null,
      after: event.after ?? null,
      reason: event.reason ?? null,
    };
    const hash = chainHash(sha256Hex, head.hash, content);
    this.rows.add([
      seq,
      at,
      event.agencyId,
      event.actorId,
      event.actorLabel,
      event.action,
      event.entityType,
      event.entityId,
      content.before as Record<string, unknown> | null,
      content.after as Record<string, unknown> | null,
      content.reason,
      head.hash,
      hash,
      GENERATED_HASH_VERSION,
      chainSeq,
    ]);
    this.heads.set(event.agencyId, { chainSeq, hash });
    this.count++;
    return { seq, micros, at };
  }

  /** The heads of the chains written to (agency id → chain_seq and hash). */
  chainHeads(): Map<string, ChainHead> {
    return new Map(this.heads);
  }

  get buffered(): number {
    return this.rows.buffered;
  }

  /** Keeps at least `ahead` seqs reserved (in large blocks: the reservation waits for the statements in flight). */
  async ensure(pipeline: Pipeline, ahead = 4000): Promise<void> {
    if (this.seqPool.length - this.seqAt < ahead) await this.reserve(pipeline, Math.max(ahead * 25, 100_000));
  }

  async flush(pipeline: Pipeline): Promise<void> {
    await this.rows.flush(pipeline);
  }
}
