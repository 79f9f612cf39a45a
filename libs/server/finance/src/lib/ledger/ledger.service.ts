import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ErrorCode } from '@mizan/contracts';
import {
  LEDGER_ACCOUNTS,
  accountKey,
  assertBalanced,
  envelopeAllocated,
  programFunded,
  type AccountCode,
  type CurrencyCode,
  type PostingLine,
} from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import { TRAIL_LOCK_KEY, TrailActor, TrailEntry, TrailService } from '@mizan/server/trail';

/** A line to post: an account (code at a scope, in a currency) and a signed amount (debit > 0, credit < 0); made by the recipes of @mizan/domain. */
export type LedgerLine = PostingLine;

export interface PostInput {
  agencyId: string;
  programId: string;
  grantId?: string | null;
  paymentId?: string | null;
  /** e.g. 'payment_requested'; names the recipe that made the lines. */
  kind: string;
  description: string;
  /** YYYY-MM-DD: the day the movement counts for (a payment's value date, a request's day). */
  effectiveOn: string;
  lines: LedgerLine[];
  details?: object;
  reversesEntryId?: string | null;
  /** The business event this entry books; appended to the trail in the same transaction, and named by the entry. */
  trail: TrailEntry;
}

export interface PostResult {
  entryId: string;
  trailSeq: string;
}

/**
 * Advisory-lock class of ledger accounts (the two-key form; its lock space does
 * not overlap the trail's one-key lock). Accounts are locked in ascending key
 * order, so two postings never wait on each other in a cycle.
 */
const LEDGER_LOCK_CLASS = 9_101;

/** 32-bit FNV-1a of an account id: the advisory lock's second key. */
function lockKey(accountId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < accountId.length; i++) {
    hash ^= accountId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * Writes the double-entry ledger. Lock order everywhere in Mizan:
 * business rows (grant, tranche, payment… FOR UPDATE; program then call in
 * ensureFunded) → ledger accounts (advisory, ascending) → the trail (taken
 * last, by TrailService.append). The database checks again what this service
 * checks (balanced per currency at COMMIT, stage accounts never below zero),
 * so a bug here cannot unbalance the books.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly trail: TrailService) {}

  async post(manager: EntityManager, input: PostInput): Promise<PostResult> {
    const [result] = await this.postAll(manager, [input]);
    return result;
  }

  /**
   * Posts several entries in one go: every account of every entry is locked
   * first (ascending), then each entry's trail record and postings are
   * written. A transaction must post all its entries in ONE call: a second
   * call would take ledger locks while holding the trail's lock (trail →
   * ledger), the reverse of the order every other transaction takes them in,
   * so it is refused as a programming error before it can deadlock.
   */
  async postAll(manager: EntityManager, inputs: readonly PostInput[]): Promise<PostResult[]> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('LedgerService.post must run inside the transaction of the change it books');
    if (inputs.length === 0) return [];
    const [held] = (await manager.query(
      // Any chain's lock: pg_advisory_xact_lock(TRAIL_LOCK_KEY, hashtext(chain)) shows as classid = TRAIL_LOCK_KEY, objsubid = 2.
      `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND classid = $1 AND objsubid = 2) AS held`,
      [TRAIL_LOCK_KEY],
    )) as { held: boolean }[];
    if (held.held) throw new Error('LedgerService: post every entry of a transaction in one call, before anything else is appended to the trail (lock order)');
    const prepared = inputs.map((input) => {
      const lines = mergeLines(input.lines);
      if (lines.length < 2) throw new Error(`journal entry ${input.kind} needs at least two postings`);
      assertBalanced(lines);
      return { input, lines };
    });
    const accounts = new Map<string, string>();
    for (const { input, lines } of prepared) {
      for (const [key, id] of await this.accountsFor(manager, input.agencyId, input.programId, lines)) accounts.set(key, id);
    }
    const idOf = (line: LedgerLine) => accounts.get(accountKey(line)) as string;

    const keys = [...new Set([...accounts.values()].map(lockKey))].sort((a, b) => a - b);
    await manager.query(`SELECT count(pg_advisory_xact_lock($1::int, k)) FROM unnest($2::int[]) AS k`, [LEDGER_LOCK_CLASS, keys]);

    const rows = (await manager.query(
      `SELECT account_id, balance_minor::text AS balance, non_negative FROM account_balance WHERE account_id = ANY($1::uuid[])`,
      [[...accounts.values()]],
    )) as { account_id: string; balance: string; non_negative: boolean }[];
    const balances = new Map(rows.map((row) => [row.account_id, { balance: BigInt(row.balance), nonNegative: row.non_negative }]));
    // The entries in order, as the database will apply them: each must leave every stage at or above zero.
    for (const { lines } of prepared) {
      for (const line of lines) {
        const balance = balances.get(idOf(line));
        if (!balance) throw new Error(`ledger account ${idOf(line)} has no balance row`);
        const after = balance.balance + line.amountMinor;
        if (balance.nonNegative && after < 0n) {
          throw MizanException.withParams(
            ErrorCode.LedgerInsufficientFunds,
            `Not enough in ${line.code} (${line.scope.type}): ${balance.balance.toString()} available, ${(-line.amountMinor).toString()} needed (${line.currency} minor units)`,
            {
              account: line.code,
              scopeType: line.scope.type,
              scopeId: line.scope.id,
              currency: line.currency,
              availableMinor: balance.balance.toString(),
              neededMinor: (-line.amountMinor).toString(),
            },
          );
        }
        balance.balance = after;
      }
    }

    const results: PostResult[] = [];
    for (const { input, lines } of prepared) {
      const record = await this.trail.append(manager, input.trail);
      const [entry] = (await manager.query(
        `INSERT INTO journal_entry (agency_id, program_id, grant_id, payment_id, kind, description, effective_on, reverses_entry_id, trail_seq, details, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10::jsonb, $11) RETURNING id`,
        [
          input.agencyId,
          input.programId,
          input.grantId ?? null,
          input.paymentId ?? null,
          input.kind,
          input.description,
          input.effectiveOn,
          input.reversesEntryId ?? null,
          record.seq,
          input.details ? JSON.stringify(input.details) : null,
          input.trail.actor.id,
        ],
      )) as { id: string }[];
      // In lock order, so the balance rows the trigger updates are taken in the same order as the advisory locks.
      const ordered = lines
        .map((line) => ({ line, accountId: idOf(line) }))
        .sort((a, b) => lockKey(a.accountId) - lockKey(b.accountId) || a.accountId.localeCompare(b.accountId));
      await manager.query(
        `INSERT INTO posting (entry_id, account_id, currency, amount_minor)
         SELECT $1, a, c, m FROM unnest($2::uuid[], $3::char(3)[], $4::bigint[]) WITH ORDINALITY AS t(a, c, m, n) ORDER BY n`,
        [entry.id, ordered.map((o) => o.accountId), ordered.map((o) => o.line.currency), ordered.map((o) => o.line.amountMinor.toString())],
      );
      results.push({ entryId: entry.id, trailSeq: String(record.seq) });
    }
    return results;
  }

  /**
   * Books the program's budget and the call's envelope the first time money of
   * the call is committed, and tops them up when they grew since. A budget or
   * envelope that shrank below what was booked is not taken back here (that
   * would be a reversal decided by finance).
   */
  async ensureFunded(
    manager: EntityManager,
    args: { agencyId: string; programId: string; callId: string; actor: TrailActor },
    then: readonly PostInput[] = [],
  ): Promise<PostResult[]> {
    const [program] = (await manager.query(`SELECT id, name, budget_minor::text AS budget, currency FROM program WHERE id = $1 AND agency_id = $2 FOR UPDATE`, [
      args.programId,
      args.agencyId,
    ])) as { id: string; name: string; budget: string; currency: CurrencyCode }[];
    const [call] = (await manager.query(
      `SELECT id, title, envelope_minor::text AS envelope, currency FROM grant_call WHERE id = $1 AND program_id = $2 FOR UPDATE`,
      [args.callId, args.programId],
    )) as { id: string; title: string; envelope: string; currency: CurrencyCode }[];
    if (!program || !call) throw MizanException.notFound('The program or call');
    if (call.currency !== program.currency) {
      throw MizanException.withParams(ErrorCode.ValidationFailed, `The call is in ${call.currency} but its program in ${program.currency}`, {
        callCurrency: call.currency,
        programCurrency: program.currency,
      });
    }
    const currency = program.currency;
    const fundedProgram = await this.bookedBy(manager, 'program_funded', 'program_budget', program.id);
    const programGap = BigInt(program.budget) - fundedProgram;
    const funding: PostInput[] = [];
    if (programGap > 0n) {
      funding.push({
        agencyId: args.agencyId,
        programId: program.id,
        kind: 'program_funded',
        description: fundedProgram === 0n ? 'Program budget' : 'Program budget increased',
        effectiveOn: today(),
        lines: programFunded({ agencyId: args.agencyId, programId: program.id, currency }, programGap),
        trail: {
          actor: args.actor,
          agencyId: args.agencyId,
          action: 'ledger.program_funded',
          entityType: 'program',
          entityId: program.id,
          after: { budgetMinor: program.budget, bookedMinor: programGap.toString(), currency },
        },
      });
    }
    const allocated = await this.bookedBy(manager, 'envelope_allocated', 'call_envelope', call.id);
    const envelopeGap = BigInt(call.envelope) - allocated;
    if (envelopeGap > 0n) {
      funding.push({
        agencyId: args.agencyId,
        programId: program.id,
        kind: 'envelope_allocated',
        description: allocated === 0n ? 'Call envelope' : 'Call envelope increased',
        effectiveOn: today(),
        lines: envelopeAllocated({ programId: program.id, callId: call.id, currency }, envelopeGap),
        trail: {
          actor: args.actor,
          agencyId: args.agencyId,
          action: 'ledger.envelope_allocated',
          entityType: 'call',
          entityId: call.id,
          after: { envelopeMinor: call.envelope, bookedMinor: envelopeGap.toString(), currency },
        },
      });
    }
    const results = await this.postAll(manager, [...funding, ...then]);
    return results.slice(funding.length);
  }

  /** Balances of every account at one scope (a grant, call or program), by code; absent accounts are 0. */
  async balances(manager: EntityManager, scopeId: string): Promise<Partial<Record<AccountCode, bigint>>> {
    const rows = (await manager.query(
      `SELECT a.code, sum(b.balance_minor)::text AS balance FROM ledger_account a JOIN account_balance b ON b.account_id = a.id
       WHERE a.scope_id = $1 GROUP BY a.code`,
      [scopeId],
    )) as { code: AccountCode; balance: string }[];
    return Object.fromEntries(rows.map((row) => [row.code, BigInt(row.balance)]));
  }

  /** What entries of one kind booked into one account (by its scope), net of their reversals. */
  private async bookedBy(manager: EntityManager, kind: string, code: AccountCode, scopeId: string): Promise<bigint> {
    const [row] = (await manager.query(
      `SELECT coalesce(sum(p.amount_minor), 0)::text AS total FROM posting p
       JOIN journal_entry e ON e.id = p.entry_id JOIN ledger_account a ON a.id = p.account_id
       WHERE (e.kind = $1 OR e.reverses_entry_id IN (SELECT r.id FROM journal_entry r WHERE r.kind = $1)) AND a.code = $2 AND a.scope_id = $3`,
      [kind, code, scopeId],
    )) as { total: string }[];
    return BigInt(row.total);
  }

  /** Finds or opens the accounts of the lines; returns account key → id. */
  private async accountsFor(manager: EntityManager, agencyId: string, programId: string, lines: LedgerLine[]): Promise<Map<string, string>> {
    const unique = new Map(lines.map((line) => [accountKey(line), line]));
    const wanted = [...unique.values()];
    for (const line of wanted) {
      const rule = LEDGER_ACCOUNTS[line.code];
      if (!rule) throw new Error(`unknown ledger account code ${line.code}`);
      if (rule.scope !== line.scope.type) throw new Error(`ledger account ${line.code} is kept per ${rule.scope}, not per ${line.scope.type}`);
    }
    await manager.query(
      `INSERT INTO ledger_account (agency_id, code, scope_type, scope_id, program_id, currency, non_negative)
       SELECT $1, c, t, s, CASE WHEN t = 'agency' THEN NULL ELSE $2::uuid END, cur, nn
       FROM unnest($3::text[], $4::text[], $5::uuid[], $6::char(3)[], $7::boolean[]) AS u(c, t, s, cur, nn)
       ON CONFLICT ON CONSTRAINT uq_ledger_account DO NOTHING`,
      [
        agencyId,
        programId,
        wanted.map((l) => l.code),
        wanted.map((l) => l.scope.type),
        wanted.map((l) => l.scope.id),
        wanted.map((l) => l.currency),
        wanted.map((l) => LEDGER_ACCOUNTS[l.code].nonNegative),
      ],
    );
    const rows = (await manager.query(
      `SELECT id, code, scope_type, scope_id, currency FROM ledger_account
       WHERE agency_id = $1 AND (code, scope_id, currency) IN (SELECT * FROM unnest($2::text[], $3::uuid[], $4::char(3)[]))`,
      [agencyId, wanted.map((l) => l.code), wanted.map((l) => l.scope.id), wanted.map((l) => l.currency)],
    )) as { id: string; code: AccountCode; scope_type: LedgerLine['scope']['type']; scope_id: string; currency: CurrencyCode }[];
    const ids = new Map(rows.map((row) => [accountKey({ code: row.code, scope: { type: row.scope_type, id: row.scope_id }, currency: row.currency }), row.id]));
    for (const key of unique.keys()) if (!ids.has(key)) throw new Error(`ledger account ${key} could not be opened`);
    return ids;
  }
}

/** Lines on the same account are summed (an entry touches each account once); zero results are dropped. */
function mergeLines(lines: LedgerLine[]): LedgerLine[] {
  const merged = new Map<string, LedgerLine>();
  for (const line of lines) {
    const key = accountKey(line);
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, amountMinor: seen.amountMinor + line.amountMinor } : { ...line });
  }
  return [...merged.values()].filter((line) => line.amountMinor !== 0n);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
