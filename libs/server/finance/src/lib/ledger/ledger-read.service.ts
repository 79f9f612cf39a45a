import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  CashForecastMonth,
  CashForecastView,
  ErrorCode,
  GrantStatementPage,
  GrantStatementView,
  LedgerEntryView,
  LedgerPostingView,
  LedgerProgramView,
  StatementLine,
  TrialBalanceRow,
  TrialBalanceView,
} from '@mizan/contracts';
import {
  type AccountCode,
  type CurrencyCode,
  type PostingLine,
  reversalOf,
} from '@mizan/domain';
import { KeysetColumn, KeysetQueryDto, MizanException, cappedCountSql, readKeysetPage } from '@mizan/server/core';
import { auditGrantInScope } from '@mizan/server/identity';
import { TrailActor } from '@mizan/server/trail';
import { LedgerService } from './ledger.service';

type ScopeType = 'agency' | 'program' | 'call' | 'grant';

/** Who is reading: the caller's agency scopes every read (another agency's program, grant or entry is "not found"). */
export interface LedgerReader {
  agencyId: string;
  /**
   * Set for an auditor without `ledger.read` (issue 12): they read only the statement and entries of grants in the
   * scope of their open engagements (the `audit_scope_grant` view); everything else is "not found".
   */
  auditorUserId?: string | null;
}

/** 404 unless the reader reads the whole agency's ledger or, as an auditor, has the grant in scope. */
async function assertReaderReachesGrant(manager: EntityManager, reader: LedgerReader, grantId: string | null, what: string): Promise<void> {
  if (!reader.auditorUserId) return;
  if (!grantId) throw MizanException.notFound(what);
  const [row] = (await manager.query(`SELECT ${auditGrantInScope('$1', '$2::uuid')} AS ok`, [reader.auditorUserId, grantId])) as { ok: boolean }[];
  if (!row?.ok) throw MizanException.notFound(what);
}

const SCOPE_LABEL_SQL = `CASE a.scope_type
  WHEN 'agency' THEN (SELECT ag.name FROM agency ag WHERE ag.id = a.scope_id)
  WHEN 'program' THEN (SELECT pr.name FROM program pr WHERE pr.id = a.scope_id)
  WHEN 'call' THEN (SELECT c.title FROM grant_call c WHERE c.id = a.scope_id)
  ELSE (SELECT g.grant_number FROM grant_award g WHERE g.id = a.scope_id) END`;

/*
 * The reads' SQL, exported so the benchmark (tools/bench/ledger-bench.ts) runs
 * exactly what the api runs, straight through pg, for the ratio.
 */
/** $1 program, $2 agency: the program's accounts (balances kept by the database) and the appropriation as far as this program's entries moved it. */
export const TRIAL_BALANCE_SQL = `SELECT a.id, a.code, a.scope_type, a.scope_id::text AS scope_id, a.currency, ${SCOPE_LABEL_SQL} AS scope_label,
              b.debit_minor::text AS debit, b.credit_minor::text AS credit, b.balance_minor::text AS balance
         FROM ledger_account a
         -- One primary-key lookup per account, whatever the planner thinks of the balance table's size.
         CROSS JOIN LATERAL (SELECT debit_minor, credit_minor, balance_minor FROM account_balance WHERE account_id = a.id) b
        WHERE a.program_id = $1 AND a.agency_id = $2
       UNION ALL
       SELECT a.id, a.code, a.scope_type, a.scope_id::text, a.currency, ${SCOPE_LABEL_SQL},
              coalesce(sum(p.amount_minor) FILTER (WHERE p.amount_minor > 0), 0)::text,
              coalesce(-sum(p.amount_minor) FILTER (WHERE p.amount_minor < 0), 0)::text,
              coalesce(sum(p.amount_minor), 0)::text
         FROM ledger_account a
         JOIN posting p ON p.account_id = a.id
         JOIN journal_entry e ON e.id = p.entry_id AND e.program_id = $1
        WHERE a.scope_type = 'agency' AND a.agency_id = $2
        GROUP BY a.id`;
/** $1 grant, $2 agency: every posting on the grant's accounts, in entry order (the running balances are summed as the lines are read). */
export const GRANT_STATEMENT_SQL = `SELECT e.id AS entry_id, e.seq::text AS seq, to_char(e.effective_on, 'YYYY-MM-DD') AS effective_on, e.kind, e.description,
              a.code, p.amount_minor::text AS amount, e.trail_seq::text AS trail_seq, e.payment_id
         FROM ledger_account a
         JOIN posting p ON p.account_id = a.id
         JOIN journal_entry e ON e.id = p.entry_id
        WHERE a.scope_id = $1 AND a.scope_type = 'grant' AND a.agency_id = $2
        ORDER BY e.seq, p.id`;
/**
 * $1 grant, $2 agency: the statement's lines with each account's running balance (a window in posting order), for
 * a keyset page (`l.seq`, `l.posting_id`).
 */
export const GRANT_STATEMENT_RUNNING_SQL = `SELECT e.id AS entry_id, e.seq, p.id AS posting_id, to_char(e.effective_on, 'YYYY-MM-DD') AS effective_on, e.kind, e.description,
              a.code, p.amount_minor::text AS amount, e.trail_seq::text AS trail_seq, e.payment_id,
              (sum(p.amount_minor) OVER (PARTITION BY a.code ORDER BY e.seq, p.id))::text AS balance
         FROM ledger_account a
         JOIN posting p ON p.account_id = a.id
         JOIN journal_entry e ON e.id = p.entry_id
        WHERE a.scope_id = $1 AND a.scope_type = 'grant' AND a.agency_id = $2`;
const STATEMENT_ORDER: KeysetColumn[] = [
  { sql: 'l.seq', direction: 'asc', type: 'bigint' },
  { sql: 'l.posting_id', direction: 'asc', type: 'bigint' },
];
/** A posting of a grant's statement as GRANT_STATEMENT_SQL reads it. */
interface StatementRow {
  entry_id: string;
  seq: string;
  effective_on: string;
  kind: string;
  description: string;
  code: string;
  amount: string;
  trail_seq: string;
  payment_id: string | null;
}
interface StatementPageRow extends StatementRow {
  posting_id: string;
  balance: string;
}

/** One statement line: the posting as debit or credit, and its account's running balance after it. */
function statementLine(r: StatementRow, balanceMinor: string): StatementLine {
  const amount = BigInt(r.amount);
  return {
    entryId: r.entry_id,
    seq: r.seq,
    effectiveOn: r.effective_on,
    kind: r.kind,
    description: r.description,
    account: r.code,
    debitMinor: amount > 0n ? amount.toString() : '0',
    creditMinor: amount < 0n ? (-amount).toString() : '0',
    balanceMinor,
    trailSeq: r.trail_seq,
    paymentId: r.payment_id,
  };
}
/** $1 program, $2 agency. */
export const PROGRAM_SQL = `SELECT id, name, currency FROM program WHERE id = $1 AND agency_id = $2`;
/** $1 grant, $2 agency. */
export const GRANT_SQL = `SELECT id, grant_number, currency FROM grant_award WHERE id = $1 AND agency_id = $2`;

/** Order of the accounts in a trial balance: down the stages money flows through. */
const SCOPE_ORDER: Record<ScopeType, number> = {
  agency: 0,
  program: 1,
  call: 2,
  grant: 3,
};

/**
 * The ledger's reads (trial balance, grant statement, cash forecast, entry
 * detail) and its one correction (a reversing entry). Balances come from
 * account_balance, which the database keeps in the same transaction as every
 * posting; statements read the postings themselves.
 */
/**
 * Entries that book a business state: reversing one would make the books
 * disagree with the grant or payment it records (a payment still requested
 * or paid while its money is back), so it is refused, naming the business
 * action that moves the money instead. Funding entries (program_funded,
 * envelope_allocated) and manual entries stay reversible.
 */
export const BUSINESS_STATE_KINDS: Readonly<Record<string, string>> = {
  grant_committed: 'grant.amend',
  payment_requested: 'payment.reject,payment.cancel',
  payment_released: 'tranche.release',
  payment_paid: 'refund',
  // issue 11: a verified line, a repayment and an offset record the line's and the refund's state.
  expenditure_verified: 'report.return',
  expenditure_ineligible: 'report.return',
  refund_repaid: 'refund',
  refund_offset: 'refund',
  // issue 12: an audit finding's refund receivable, confirmed once.
  audit_disallowed: 'audit.refund',
};

@Injectable()
export class LedgerReadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async programs(reader: LedgerReader): Promise<LedgerProgramView[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, name, currency, budget_minor::text AS budget FROM program WHERE agency_id = $1 ORDER BY period_start DESC, name, id`,
      [reader.agencyId],
    )) as {
      id: string;
      name: string;
      currency: CurrencyCode;
      budget: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      currency: r.currency,
      budgetMinor: r.budget,
    }));
  }

  private async program(
    reader: LedgerReader,
    programId: string,
  ): Promise<{ id: string; name: string; currency: CurrencyCode }> {
    const [program] = (await this.dataSource.query(PROGRAM_SQL, [
      programId,
      reader.agencyId,
    ])) as {
      id: string;
      name: string;
      currency: CurrencyCode;
    }[];
    if (!program) throw MizanException.notFound('The program');
    return program;
  }

  /**
   * Every account of the program, its calls and grants (from the balances the
   * database keeps), plus the agency's appropriation as far as this program's
   * entries moved it. Debit and credit are the totals posted; per currency
   * they are equal because every entry is.
   */
  async trialBalance(
    reader: LedgerReader,
    programId: string,
    asOf = new Date(),
  ): Promise<TrialBalanceView> {
    const program = await this.program(reader, programId);
    const rows = (await this.dataSource.query(TRIAL_BALANCE_SQL, [
      program.id,
      reader.agencyId,
    ])) as {
      id: string;
      code: string;
      scope_type: ScopeType;
      scope_id: string;
      currency: CurrencyCode;
      scope_label: string | null;
      debit: string;
      credit: string;
      balance: string;
    }[];
    const out: TrialBalanceRow[] = rows
      .map((r) => ({
        accountId: r.id,
        code: r.code,
        scopeType: r.scope_type,
        scopeId: r.scope_id,
        scopeLabel: r.scope_label ?? '',
        currency: r.currency,
        debitMinor: r.debit,
        creditMinor: r.credit,
        balanceMinor: r.balance,
      }))
      .sort(
        (a, b) =>
          a.currency.localeCompare(b.currency) ||
          SCOPE_ORDER[a.scopeType] - SCOPE_ORDER[b.scopeType] ||
          a.scopeLabel.localeCompare(b.scopeLabel) ||
          a.scopeId.localeCompare(b.scopeId) ||
          a.code.localeCompare(b.code),
      );
    const totals = new Map<CurrencyCode, { debit: bigint; credit: bigint }>();
    for (const r of out) {
      const t = totals.get(r.currency) ?? { debit: 0n, credit: 0n };
      t.debit += BigInt(r.debitMinor);
      t.credit += BigInt(r.creditMinor);
      totals.set(r.currency, t);
    }
    return {
      programId: program.id,
      programName: program.name,
      asOf: asOf.toISOString(),
      rows: out,
      totals: [...totals.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, t]) => ({
          currency,
          debitMinor: t.debit.toString(),
          creditMinor: t.credit.toString(),
        })),
    };
  }

  /** The grant of the reader's agency, when the reader reaches it (assertReaderReachesGrant); otherwise "not found". */
  private async readableGrant(reader: LedgerReader, grantId: string): Promise<{ id: string; grant_number: string; currency: CurrencyCode }> {
    const [grant] = (await this.dataSource.query(GRANT_SQL, [grantId, reader.agencyId])) as { id: string; grant_number: string; currency: CurrencyCode }[];
    if (!grant) throw MizanException.notFound('The grant');
    await assertReaderReachesGrant(this.dataSource.manager, reader, grant.id, 'The grant');
    return grant;
  }

  /**
   * Like a bank statement: every posting on the grant's accounts in entry
   * order, with the running balance of the line's account after it.
   */
  async grantStatement(
    reader: LedgerReader,
    grantId: string,
  ): Promise<GrantStatementView> {
    const grant = await this.readableGrant(reader, grantId);
    const rows = (await this.dataSource.query(GRANT_STATEMENT_SQL, [
      grant.id,
      reader.agencyId,
    ])) as StatementRow[];
    // An account of the grant exists only through its postings, so the last running sum is its balance (the one account_balance keeps).
    const running = new Map<string, bigint>();
    const lines: StatementLine[] = rows.map((r) => {
      const balance = (running.get(r.code) ?? 0n) + BigInt(r.amount);
      running.set(r.code, balance);
      return statementLine(r, balance.toString());
    });
    return {
      grantId: grant.id,
      grantNumber: grant.grant_number,
      currency: grant.currency,
      lines,
      balances: [...running.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, balance]) => ({ code, balanceMinor: balance.toString() })),
    };
  }

  /**
   * One keyset page of the statement: lines in posting order (entry seq, then posting id; one row comparison on
   * the two), each with its account's running balance after it. The running balance is a window sum over the
   * grant's postings in the same order, so it is exact (bigint minor units, summed as numeric) on any page; the
   * page's cost is the grant's postings, not the page's depth. Closing balances per account beside it.
   */
  async grantStatementPage(reader: LedgerReader, grantId: string, page: KeysetQueryDto): Promise<GrantStatementPage> {
    const grant = await this.readableGrant(reader, grantId);
    const params = [grant.id, reader.agencyId];
    const result = await readKeysetPage<StatementPageRow, StatementLine>({
      columns: STATEMENT_ORDER,
      query: page,
      defaultPageSize: 50,
      firstParam: params.length + 1,
      select: async (condition, order, limit, keysetParams) =>
        (await this.dataSource.query(`SELECT * FROM (${GRANT_STATEMENT_RUNNING_SQL}) l WHERE ${condition} ORDER BY ${order} LIMIT ${limit}`, [
          ...params,
          ...keysetParams,
        ])) as StatementPageRow[],
      keyOf: (r) => [r.seq, r.posting_id],
      toItem: (r) => statementLine(r, r.balance),
      count: async (cap) => {
        const [row] = (await this.dataSource.query(
          cappedCountSql(`FROM ledger_account a JOIN posting p ON p.account_id = a.id WHERE a.scope_id = $1 AND a.scope_type = 'grant' AND a.agency_id = $2`, cap),
          params,
        )) as { n: number }[];
        return row.n;
      },
    });
    const balances = (await this.dataSource.query(
      `SELECT a.code, sum(p.amount_minor)::text AS balance FROM ledger_account a JOIN posting p ON p.account_id = a.id
        WHERE a.scope_id = $1 AND a.scope_type = 'grant' AND a.agency_id = $2 GROUP BY a.code ORDER BY a.code`,
      params,
    )) as { code: string; balance: string }[];
    return {
      ...result,
      grantId: grant.id,
      grantNumber: grant.grant_number,
      currency: grant.currency,
      balances: balances.map((b) => ({ code: b.code, balanceMinor: b.balance })),
    };
  }

  /**
   * Cash forecast by month of the program's live grants: tranches planned and
   * not yet requested (by their planned month), requested (a live payment not
   * yet paid, by the tranche's planned month), and paid (by value date).
   */
  async cashForecast(
    reader: LedgerReader,
    programId: string,
  ): Promise<CashForecastView> {
    const program = await this.program(reader, programId);
    const rows = (await this.dataSource.query(
      `WITH live AS (
         SELECT id FROM grant_award WHERE program_id = $1 AND agency_id = $2 AND state NOT IN ('cancelled', 'draft')
       ), moves AS (
         SELECT to_char(t.planned_on, 'YYYY-MM') AS month, t.currency, t.amount_minor AS planned, 0::bigint AS requested, 0::bigint AS paid
           FROM tranche t JOIN live g ON g.id = t.grant_id WHERE t.state = 'planned'
         UNION ALL
         SELECT to_char(t.planned_on, 'YYYY-MM'), p.currency, 0, p.amount_minor, 0
           FROM payment p JOIN tranche t ON t.id = p.tranche_id JOIN live g ON g.id = p.grant_id
          WHERE p.state IN ('requested', 'approved', 'sent_to_bank')
         UNION ALL
         SELECT to_char(p.value_date, 'YYYY-MM'), p.currency, 0, 0, coalesce(p.debited_minor, p.amount_minor)
           FROM payment p JOIN live g ON g.id = p.grant_id WHERE p.state = 'paid'
       )
       SELECT month, currency, sum(planned)::text AS planned, sum(requested)::text AS requested, sum(paid)::text AS paid
         FROM moves GROUP BY month, currency ORDER BY month, currency`,
      [program.id, reader.agencyId],
    )) as {
      month: string;
      currency: CurrencyCode;
      planned: string;
      requested: string;
      paid: string;
    }[];
    const months: CashForecastMonth[] = rows.map((r) => ({
      month: r.month,
      currency: r.currency,
      plannedMinor: r.planned,
      requestedMinor: r.requested,
      paidMinor: r.paid,
    }));
    return { programId: program.id, months };
  }

  async entry(
    reader: LedgerReader,
    entryId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LedgerEntryView> {
    const [e] = (await manager.query(
      `SELECT e.id, e.seq::text AS seq, e.kind, e.description, to_char(e.effective_on, 'YYYY-MM-DD') AS effective_on, e.program_id, e.grant_id, e.payment_id,
              e.reverses_entry_id, r.id AS reversed_by, e.details, e.created_at, u.display_name AS created_by,
              t.seq::text AS t_seq, t.occurred_at, t.actor_id, t.actor_label, t.action, t.entity_type, t.entity_id::text AS entity_id,
              t.before, t.after, t.reason, t.previous_hash, t.hash
         FROM journal_entry e
         JOIN activity_record t ON t.seq = e.trail_seq
         LEFT JOIN journal_entry r ON r.reverses_entry_id = e.id
         LEFT JOIN app_user u ON u.id = e.created_by
        WHERE e.id = $1 AND e.agency_id = $2`,
      [entryId, reader.agencyId],
    )) as EntryRow[];
    if (!e) throw MizanException.notFound('The journal entry');
    await assertReaderReachesGrant(manager, reader, e.grant_id, 'The journal entry');
    const postings = (await manager.query(
      `SELECT p.id::text AS id, a.id AS account_id, a.code, a.scope_type, a.scope_id::text AS scope_id, ${SCOPE_LABEL_SQL} AS scope_label, p.currency, p.amount_minor::text AS amount
         FROM posting p JOIN ledger_account a ON a.id = p.account_id WHERE p.entry_id = $1 ORDER BY p.id`,
      [entryId],
    )) as {
      id: string;
      account_id: string;
      code: string;
      scope_type: ScopeType;
      scope_id: string;
      scope_label: string | null;
      currency: CurrencyCode;
      amount: string;
    }[];
    return {
      id: e.id,
      seq: e.seq,
      kind: e.kind,
      description: e.description,
      effectiveOn: e.effective_on,
      programId: e.program_id,
      grantId: e.grant_id,
      paymentId: e.payment_id,
      reversesEntryId: e.reverses_entry_id,
      reversedByEntryId: e.reversed_by,
      details: e.details ?? null,
      createdAt: new Date(e.created_at).toISOString(),
      createdBy: e.created_by,
      postings: postings.map(
        (p): LedgerPostingView => ({
          postingId: p.id,
          accountId: p.account_id,
          code: p.code,
          scopeType: p.scope_type,
          scopeId: p.scope_id,
          scopeLabel: p.scope_label ?? '',
          currency: p.currency,
          amountMinor: p.amount,
        }),
      ),
      trail: {
        seq: e.t_seq,
        occurredAt: new Date(e.occurred_at).toISOString(),
        actorId: e.actor_id,
        actorLabel: e.actor_label,
        action: e.action,
        entityType: e.entity_type,
        entityId: e.entity_id,
        before: e.before ?? null,
        after: e.after ?? null,
        reason: e.reason,
        previousHash: e.previous_hash,
        hash: e.hash,
      },
    };
  }

  /**
   * Undoes an entry with its mirror image (every posting negated), naming it
   * (reverses_entry_id, unique in the database: one reversal per entry). Only
   * funding and manual entries: one booking a business state is refused
   * (BUSINESS_STATE_KINDS, 409 LEDGER_ENTRY_NOT_REVERSIBLE). A
   * reversal is itself never reversed: book the movement again instead. The
   * reversal is refused like any entry when it would take a stage account
   * below zero (money already moved on: reverse the later entries first).
   */
  async reverse(
    reader: LedgerReader & { actor: TrailActor },
    entryId: string,
    reason: string,
    today = new Date(),
  ): Promise<LedgerEntryView> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const original = await this.entry(reader, entryId, manager);
        if (original.reversedByEntryId) {
          throw MizanException.withParams(
            ErrorCode.LedgerEntryAlreadyReversed,
            `Entry #${original.seq} was already reversed`,
            {
              entrySeq: original.seq,
              reversedBy: original.reversedByEntryId,
            },
          );
        }
        if (original.reversesEntryId) {
          throw MizanException.withParams(
            ErrorCode.LedgerEntryAlreadyReversed,
            `Entry #${original.seq} is itself a reversal; book the movement again instead`,
            {
              entrySeq: original.seq,
            },
          );
        }
        if (!original.programId)
          throw MizanException.notFound('The journal entry');
        const instead = BUSINESS_STATE_KINDS[original.kind];
        if (instead) {
          throw MizanException.withParams(
            ErrorCode.LedgerEntryNotReversible,
            `Entry #${original.seq} (${original.kind}) books the state of its ${original.paymentId ? 'payment' : 'grant'}: use ${instead} instead`,
            {
              entrySeq: original.seq,
              kind: original.kind,
              ...(original.grantId ? { grantId: original.grantId } : {}),
              ...(original.paymentId ? { paymentId: original.paymentId } : {}),
              instead,
            },
          );
        }
        const lines: PostingLine[] = original.postings.map((p) => ({
          code: p.code as AccountCode,
          scope: { type: p.scopeType, id: p.scopeId },
          currency: p.currency,
          amountMinor: BigInt(p.amountMinor),
        }));
        const posted = await this.ledger.post(manager, {
          agencyId: reader.agencyId,
          programId: original.programId,
          grantId: original.grantId,
          paymentId: original.paymentId,
          kind: 'reversal',
          description: `Reversal of entry #${original.seq} (${original.kind})`,
          effectiveOn: today.toISOString().slice(0, 10),
          lines: reversalOf(lines),
          reversesEntryId: original.id,
          details: {
            reversedEntrySeq: original.seq,
            reversedKind: original.kind,
          },
          trail: {
            actor: reader.actor,
            agencyId: reader.agencyId,
            action: 'ledger.entry_reversed',
            entityType: 'journal_entry',
            entityId: original.id,
            before: {
              seq: original.seq,
              kind: original.kind,
              postings: original.postings.map((p) => ({
                code: p.code,
                scopeId: p.scopeId,
                currency: p.currency,
                amountMinor: p.amountMinor,
              })),
            },
            reason,
          },
        });
        return this.entry(reader, posted.entryId, manager);
      });
    } catch (error) {
      // Two reversals of the same entry at once: the database's unique reverses_entry_id lets one through.
      if (
        error instanceof QueryFailedError &&
        (error as QueryFailedError & { constraint?: string }).constraint ===
          'uq_journal_entry_reverses'
      ) {
        throw MizanException.withParams(
          ErrorCode.LedgerEntryAlreadyReversed,
          'This entry was reversed meanwhile',
          { entryId },
        );
      }
      throw error;
    }
  }
}

interface EntryRow {
  id: string;
  seq: string;
  kind: string;
  description: string;
  effective_on: string;
  program_id: string | null;
  grant_id: string | null;
  payment_id: string | null;
  reverses_entry_id: string | null;
  reversed_by: string | null;
  details: unknown;
  created_at: string | Date;
  created_by: string | null;
  t_seq: string;
  occurred_at: string | Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  previous_hash: string;
  hash: string;
}
