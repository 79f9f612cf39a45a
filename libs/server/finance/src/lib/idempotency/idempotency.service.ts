import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';

/** 1–200 visible ASCII characters (RFC 9110 token-ish; no spaces, no controls). */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Keys are kept this long; a retry after that runs again (and is stopped by the database's uniqueness rules). */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
/** A claim still `in_progress` after this long belongs to a request that died (process killed): it is taken over. */
export const IDEMPOTENCY_STALE_SECONDS = 300;
/** How often (per process) the interceptor purges expired keys. */
const PURGE_INTERVAL_MS = 10 * 60_000;

export interface IdempotentRequest {
  userId: string;
  key: string;
  method: string;
  /** The route pattern, e.g. `/api/ledger/entries/:id/reverse`. */
  route: string;
  params: unknown;
  body: unknown;
}

export type IdempotencyClaim =
  | { kind: 'run'; requestHash: string }
  | { kind: 'replay'; status: number; body: unknown };

/** JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** sha256 over method, route pattern and the canonical JSON of the path parameters and body. */
export function idempotencyHash(req: Pick<IdempotentRequest, 'method' | 'route' | 'params' | 'body'>): string {
  return createHash('sha256')
    .update(`${req.method.toUpperCase()}\n${req.route}\n${canonicalJson({ params: req.params ?? {}, body: req.body ?? null })}`)
    .digest('hex');
}

/** The header's value, checked: a missing header is `null` (the key is optional), anything malformed a 400. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (Array.isArray(header) || !KEY_PATTERN.test(header)) {
    throw new MizanException(ErrorCode.IdempotencyKeyInvalid, 'The Idempotency-Key header must be 1 to 200 visible ASCII characters, sent once');
  }
  return header;
}

interface KeyRow {
  request_hash: string;
  state: 'in_progress' | 'done';
  response_status: number | null;
  response_body: unknown;
  stale: boolean;
}

/**
 * Idempotency-Key storage (table idempotency_key, one row per user and key).
 *
 * A request claims its key with an INSERT committed on its own before the
 * handler runs, so a duplicate arriving meanwhile sees `in_progress` (409).
 * The answer (2xx or 4xx) is stored when the handler returns; a 5xx removes
 * the claim so a retry runs again. See docs/finance.md "Idempotency" for the
 * guarantee and its one window.
 */
@Injectable()
export class IdempotencyService {
  private lastPurge = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(req: IdempotentRequest): Promise<IdempotencyClaim> {
    const requestHash = idempotencyHash(req);
    // Two attempts: a row seen between our INSERT and SELECT may vanish (its request failed with a 5xx).
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_key (user_id, idem_key, method, route, request_hash)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, idem_key) DO NOTHING RETURNING 1`,
        [req.userId, req.key, req.method.toUpperCase(), req.route, requestHash],
      );
      if (inserted.length === 1) return { kind: 'run', requestHash };
      const rows: KeyRow[] = await this.dataSource.query(
        `SELECT request_hash, state, response_status, response_body,
                (state = 'in_progress' AND created_at < now() - make_interval(secs => $3)) AS stale
           FROM idempotency_key WHERE user_id = $1 AND idem_key = $2`,
        [req.userId, req.key, IDEMPOTENCY_STALE_SECONDS],
      );
      const row = rows[0];
      if (!row) continue;
      if (row.request_hash !== requestHash) {
        throw new MizanException(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was already used for a different request');
      }
      if (row.state === 'done') return { kind: 'replay', status: row.response_status ?? 200, body: row.response_body };
      if (row.stale) {
        // The first request died without an answer: take its claim over (compare-and-set on the state).
        const taken: unknown[] = await this.dataSource.query(
          `UPDATE idempotency_key SET created_at = now() WHERE user_id = $1 AND idem_key = $2 AND state = 'in_progress'
             AND created_at < now() - make_interval(secs => $3) RETURNING 1`,
          [req.userId, req.key, IDEMPOTENCY_STALE_SECONDS],
        );
        // UPDATE ... RETURNING through TypeORM's query gives [rows, count].
        if (Array.isArray(taken[0]) ? (taken[0] as unknown[]).length === 1 : taken.length === 1) return { kind: 'run', requestHash };
      }
      throw new MizanException(ErrorCode.IdempotencyInProgress, 'The first request with this Idempotency-Key is still running; try again in a moment');
    }
    throw new MizanException(ErrorCode.IdempotencyInProgress, 'The first request with this Idempotency-Key is still running; try again in a moment');
  }

  /** Stores the answer a replay will give (a success or a 4xx failure). */
  async complete(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_key SET state = 'done', response_status = $3, response_body = $4::jsonb, completed_at = now()
        WHERE user_id = $1 AND idem_key = $2 AND state = 'in_progress'`,
      [userId, key, status, JSON.stringify(body === undefined ? null : body)],
    );
  }

  /** A 5xx (or a lost connection) is not an answer: the claim goes, so a retry runs again. */
  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_key WHERE user_id = $1 AND idem_key = $2 AND state = 'in_progress'`, [userId, key]);
  }

  /** Removes keys older than the retention; returns how many went. */
  async purgeExpired(): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM idempotency_key WHERE created_at < now() - make_interval(hours => $1)`,
      [IDEMPOTENCY_RETENTION_HOURS],
    );
    return result[1];
  }

  /** At most once per PURGE_INTERVAL_MS per process, in the background; failures only delay the next purge. */
  purgeOccasionally(now = Date.now()): void {
    if (now - this.lastPurge < PURGE_INTERVAL_MS) return;
    this.lastPurge = now;
    void this.purgeExpired().catch(() => undefined);
  }
}
