import { CurrencyCode } from '../money/money';

/**
 * The grant ledger (docs/DESIGN.md, "Money"; issue 9): double entry, one set
 * of accounts per stage of the money's way from the appropriation to the
 * grantee. Money moves by crediting the stage it leaves and debiting the one it
 * enters, so each stage account's balance is what stands at that stage, and a
 * stage can never hand on more than it holds (non_negative; the database
 * refuses it too, under concurrency). Sign: debit > 0, credit < 0.
 */
export type AccountScopeType = 'agency' | 'program' | 'call' | 'grant';

export interface AccountScope {
  type: AccountScopeType;
  id: string;
}

export interface LedgerAccountDefinition {
  scope: AccountScopeType;
  /** Stage accounts: the balance may never go below zero. */
  nonNegative: boolean;
  /** Translation key of the account's name (the web translates). */
  labelKey: string;
}

export const LEDGER_ACCOUNTS = {
  /** Source of funds, credit-normal: its balance is minus what the agency has put into programs. */
  appropriation: { scope: 'agency', nonNegative: false, labelKey: 'ledger.account.appropriation' },
  program_budget: { scope: 'program', nonNegative: true, labelKey: 'ledger.account.program_budget' },
  call_envelope: { scope: 'call', nonNegative: true, labelKey: 'ledger.account.call_envelope' },
  grant_committed: { scope: 'grant', nonNegative: true, labelKey: 'ledger.account.grant_committed' },
  payment_requested: { scope: 'grant', nonNegative: true, labelKey: 'ledger.account.payment_requested' },
  advance_with_grantee: { scope: 'grant', nonNegative: true, labelKey: 'ledger.account.advance_with_grantee' },
  verified_expenditure: { scope: 'grant', nonNegative: true, labelKey: 'ledger.account.verified_expenditure' },
  ineligible: { scope: 'grant', nonNegative: true, labelKey: 'ledger.account.ineligible' },
  refund_receivable: { scope: 'grant', nonNegative: true, labelKey: 'ledger.account.refund_receivable' },
  refunded: { scope: 'grant', nonNegative: true, labelKey: 'ledger.account.refunded' },
  /** Exchange losses (debit) and gains (credit): either sign is legitimate. */
  fx_difference: { scope: 'program', nonNegative: false, labelKey: 'ledger.account.fx_difference' },
  bank_fees: { scope: 'program', nonNegative: true, labelKey: 'ledger.account.bank_fees' },
} as const satisfies Record<string, LedgerAccountDefinition>;

export type AccountCode = keyof typeof LEDGER_ACCOUNTS;
export const ACCOUNT_CODES = Object.keys(LEDGER_ACCOUNTS) as AccountCode[];

export function isAccountCode(value: unknown): value is AccountCode {
  return typeof value === 'string' && Object.hasOwn(LEDGER_ACCOUNTS, value);
}

/** One line of a journal entry: the account (code + scope + currency) and the signed amount (debit > 0). */
export interface PostingLine {
  code: AccountCode;
  scope: AccountScope;
  currency: CurrencyCode;
  amountMinor: bigint;
}

/** The journal entry kinds (journal_entry.kind) of the recipes below. */
export const JOURNAL_KINDS = [
  'program_funded',
  'envelope_allocated',
  'grant_committed',
  'payment_requested',
  'payment_released',
  'payment_paid',
  'reversal',
  // issue 11: verification and refunds
  'expenditure_verified',
  'expenditure_ineligible',
  'refund_repaid',
  'refund_offset',
  // issue 12: an audit finding's ineligible amount confirmed as a refund receivable
  'audit_disallowed',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export const LEDGER_PROBLEMS = ['LEDGER_EMPTY_ENTRY', 'LEDGER_ZERO_POSTING', 'LEDGER_WRONG_SCOPE', 'LEDGER_UNBALANCED', 'LEDGER_BALANCE_BELOW_ZERO', 'LEDGER_BAD_AMOUNT'] as const;
export type LedgerProblemCode = (typeof LEDGER_PROBLEMS)[number];

export interface LedgerProblem {
  code: LedgerProblemCode;
  params: Readonly<Record<string, string>>;
}

/** A malformed entry: a programming error upstream (the server maps it to 500 unless the input caused it; recipes check inputs first). */
export class LedgerError extends Error {
  constructor(
    readonly code: LedgerProblemCode,
    readonly params: Readonly<Record<string, string>>,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'LedgerError';
  }
}

/** The identity of an account: the database's unique (code, scope_id, currency) per agency. */
export function accountKey(line: Pick<PostingLine, 'code' | 'scope' | 'currency'>): string {
  return `${line.code}|${line.scope.type}|${line.scope.id}|${line.currency}`;
}

function line(code: AccountCode, scopeId: string, currency: CurrencyCode, amountMinor: bigint): PostingLine {
  return { code, scope: { type: LEDGER_ACCOUNTS[code].scope, id: scopeId }, currency, amountMinor };
}

/** A debit/credit pair moving `amount` from `from` to `to`; a negative amount moves it back. */
function move(to: PostingLine['code'], toScope: string, from: PostingLine['code'], fromScope: string, currency: CurrencyCode, amountMinor: bigint): PostingLine[] {
  return [line(to, toScope, currency, amountMinor), line(from, fromScope, currency, -amountMinor)];
}

function requireNonZero(amountMinor: bigint, what: string): void {
  if (amountMinor === 0n) throw new LedgerError('LEDGER_BAD_AMOUNT', { what, amountMinor: '0' });
}

function requirePositive(amountMinor: bigint, what: string): void {
  if (amountMinor <= 0n) throw new LedgerError('LEDGER_BAD_AMOUNT', { what, amountMinor: amountMinor.toString() });
}

/** The ids a recipe needs; pass the grant's whole context, each recipe picks what it uses. */
export interface LedgerScopes {
  agencyId: string;
  programId: string;
  callId: string;
  grantId: string;
  currency: CurrencyCode;
}

/**
 * Dr program_budget / Cr appropriation. Posted lazily when the program's first
 * grant is created; later budget changes post the difference (negative when
 * the budget shrank: the mirror entry, refused if already passed on).
 */
export function programFunded(s: Pick<LedgerScopes, 'agencyId' | 'programId' | 'currency'>, amountMinor: bigint): PostingLine[] {
  requireNonZero(amountMinor, 'programFunded');
  return move('program_budget', s.programId, 'appropriation', s.agencyId, s.currency, amountMinor);
}

/** Dr call_envelope / Cr program_budget (per call, lazily; a difference when the envelope changed). */
export function envelopeAllocated(s: Pick<LedgerScopes, 'programId' | 'callId' | 'currency'>, amountMinor: bigint): PostingLine[] {
  requireNonZero(amountMinor, 'envelopeAllocated');
  return move('call_envelope', s.callId, 'program_budget', s.programId, s.currency, amountMinor);
}

/** Dr grant_committed / Cr call_envelope; negative when an amendment lowers the grant (the commitment goes back to the envelope). */
export function grantCommitted(s: Pick<LedgerScopes, 'callId' | 'grantId' | 'currency'>, amountMinor: bigint): PostingLine[] {
  requireNonZero(amountMinor, 'grantCommitted');
  return move('grant_committed', s.grantId, 'call_envelope', s.callId, s.currency, amountMinor);
}

/** Dr payment_requested / Cr grant_committed. */
export function paymentRequested(s: Pick<LedgerScopes, 'grantId' | 'currency'>, amountMinor: bigint): PostingLine[] {
  requirePositive(amountMinor, 'paymentRequested');
  return move('payment_requested', s.grantId, 'grant_committed', s.grantId, s.currency, amountMinor);
}

/** A rejected or cancelled payment: Dr grant_committed / Cr payment_requested. */
export function paymentReleased(s: Pick<LedgerScopes, 'grantId' | 'currency'>, amountMinor: bigint): PostingLine[] {
  requirePositive(amountMinor, 'paymentReleased');
  return move('grant_committed', s.grantId, 'payment_requested', s.grantId, s.currency, amountMinor);
}

export interface PaidAmounts {
  /** The payment's amount in the grant currency (what stands in payment_requested). */
  requestedMinor: bigint;
  /** What the bank debited, in the grant currency (≠ requested when the transfer was in another currency). */
  debitedMinor: bigint;
  /** Bank fees in the grant currency (0 when none). */
  feesMinor: bigint;
}

/**
 * Dr advance_with_grantee R / Cr payment_requested R; the exchange difference
 * D − R to fx_difference (a loss is a debit, a gain a credit) and the fees to
 * bank_fees, both against program_budget. program_budget gets ONE line (the
 * net of difference and fees), so no intermediate balance can dip below zero
 * whatever order the postings are inserted in.
 */
export function paymentPaid(s: Pick<LedgerScopes, 'programId' | 'grantId' | 'currency'>, amounts: PaidAmounts): PostingLine[] {
  const { requestedMinor, debitedMinor, feesMinor } = amounts;
  requirePositive(requestedMinor, 'requestedMinor');
  requirePositive(debitedMinor, 'debitedMinor');
  if (feesMinor < 0n) throw new LedgerError('LEDGER_BAD_AMOUNT', { what: 'feesMinor', amountMinor: feesMinor.toString() });
  const lines = move('advance_with_grantee', s.grantId, 'payment_requested', s.grantId, s.currency, requestedMinor);
  const difference = debitedMinor - requestedMinor;
  if (difference !== 0n) lines.push(line('fx_difference', s.programId, s.currency, difference));
  if (feesMinor > 0n) lines.push(line('bank_fees', s.programId, s.currency, feesMinor));
  const fromBudget = difference + feesMinor;
  if (fromBudget !== 0n) lines.push(line('program_budget', s.programId, s.currency, -fromBudget));
  return lines;
}

export interface VerifiedLineAmounts {
  /** The line in the grant currency at the line's own rate (expenditure_line.grant_amount_minor). */
  grantAmountMinor: bigint;
  /** The share of it found ineligible (0 … grantAmountMinor), in the grant currency. */
  ineligibleMinor: bigint;
  /**
   * What the line consumed of the advance: the line's amount converted at the
   * rate at which the advance was received (= grantAmountMinor when the line
   * used that rate or is in the grant currency).
   */
  advanceMinor: bigint;
}

/**
 * A verified expenditure line (issue 11), in the grant currency. With V the
 * line at its own rate, I the ineligible share and A what the line consumed of
 * the advance (its amount at the rate the advance was received at):
 * Cr advance_with_grantee A; Dr verified_expenditure V − I; Dr refund_receivable I;
 * Dr fx_difference A − V (a loss when the line's rate makes it worth less than
 * the advance it used, a credit — a gain — when worth more). Zero lines are left
 * out; the entry balances by construction.
 */
export function expenditureVerified(s: Pick<LedgerScopes, 'programId' | 'grantId' | 'currency'>, amounts: VerifiedLineAmounts): PostingLine[] {
  const { grantAmountMinor: v, ineligibleMinor: i, advanceMinor: a } = amounts;
  requirePositive(a, 'advanceMinor');
  if (v < 0n) throw new LedgerError('LEDGER_BAD_AMOUNT', { what: 'grantAmountMinor', amountMinor: v.toString() });
  if (i < 0n || i > v) throw new LedgerError('LEDGER_BAD_AMOUNT', { what: 'ineligibleMinor', amountMinor: i.toString() });
  const lines: PostingLine[] = [];
  if (v - i > 0n) lines.push(line('verified_expenditure', s.grantId, s.currency, v - i));
  if (i > 0n) lines.push(line('refund_receivable', s.grantId, s.currency, i));
  if (a - v !== 0n) lines.push(line('fx_difference', s.programId, s.currency, a - v));
  lines.push(line('advance_with_grantee', s.grantId, s.currency, -a));
  return lines;
}

/** A refund repaid by the grantee: Dr refunded P / Cr refund_receivable P. */
export function refundRepaid(s: Pick<LedgerScopes, 'grantId' | 'currency'>, amountMinor: bigint): PostingLine[] {
  requirePositive(amountMinor, 'refundRepaid');
  return move('refunded', s.grantId, 'refund_receivable', s.grantId, s.currency, amountMinor);
}

/**
 * A refund offset against a tranche not yet requested: the grantee keeps O of
 * money it owes as part of that tranche, which is then paid net (T − O).
 * Dr advance_with_grantee O / Cr grant_committed O (that part of the tranche is
 * paid in kind) and Dr refunded O / Cr refund_receivable O (the refund is settled).
 */
export function refundOffset(s: Pick<LedgerScopes, 'grantId' | 'currency'>, amountMinor: bigint): PostingLine[] {
  requirePositive(amountMinor, 'refundOffset');
  return [
    ...move('advance_with_grantee', s.grantId, 'grant_committed', s.grantId, s.currency, amountMinor),
    ...move('refunded', s.grantId, 'refund_receivable', s.grantId, s.currency, amountMinor),
  ];
}

export interface AuditDisallowedAmounts {
  /** The ineligible amount the officer confirms (> 0), in the grant currency. */
  amountMinor: bigint;
  /** The grant's verified_expenditure balance now: how much of the amount can come out of expenditure already verified. */
  verifiedMinor: bigint;
}

/**
 * An audit finding's ineligible amount confirmed as a refund receivable (issue 12).
 * The money was spent and found ineligible by the auditor: the grantee owes it back.
 * It comes first out of expenditure already verified (Dr refund_receivable / Cr
 * verified_expenditure: the verification is overruled by the audit); what the grant's
 * verified expenditure cannot cover comes out of the advance still with the grantee
 * (Dr refund_receivable / Cr advance_with_grantee: spent but not yet reported).
 * Whether the advance covers the rest is the caller's check (the database refuses a
 * stage account below zero anyway).
 */
export function auditDisallowed(s: Pick<LedgerScopes, 'grantId' | 'currency'>, amounts: AuditDisallowedAmounts): PostingLine[] {
  const { amountMinor: amount, verifiedMinor } = amounts;
  requirePositive(amount, 'auditDisallowed');
  const verified = verifiedMinor > 0n ? verifiedMinor : 0n;
  const fromVerified = amount < verified ? amount : verified;
  const fromAdvance = amount - fromVerified;
  const lines: PostingLine[] = [line('refund_receivable', s.grantId, s.currency, amount)];
  if (fromVerified > 0n) lines.push(line('verified_expenditure', s.grantId, s.currency, -fromVerified));
  if (fromAdvance > 0n) lines.push(line('advance_with_grantee', s.grantId, s.currency, -fromAdvance));
  return lines;
}

/** The reversal of an entry: every posting negated (the entry gets reverses_entry_id; the database allows one per entry). */
export function reversalOf(lines: readonly PostingLine[]): PostingLine[] {
  return lines.map((l) => ({ ...l, scope: { ...l.scope }, amountMinor: -l.amountMinor }));
}

/** The first thing wrong with an entry, or null: empty, a zero posting, an account in the wrong kind of scope, a currency that does not balance. */
export function entryProblem(lines: readonly PostingLine[]): LedgerProblem | null {
  if (lines.length === 0) return { code: 'LEDGER_EMPTY_ENTRY', params: {} };
  const sums = new Map<CurrencyCode, bigint>();
  for (const l of lines) {
    if (l.amountMinor === 0n) return { code: 'LEDGER_ZERO_POSTING', params: { account: l.code, scopeId: l.scope.id, currency: l.currency } };
    if (!isAccountCode(l.code) || LEDGER_ACCOUNTS[l.code].scope !== l.scope.type) {
      return { code: 'LEDGER_WRONG_SCOPE', params: { account: String(l.code), scopeType: l.scope.type } };
    }
    sums.set(l.currency, (sums.get(l.currency) ?? 0n) + l.amountMinor);
  }
  for (const [currency, sum] of [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (sum !== 0n) return { code: 'LEDGER_UNBALANCED', params: { currency, differenceMinor: sum.toString() } };
  }
  return null;
}

/** Throws LedgerError (LEDGER_UNBALANCED names the currency) unless debits equal credits in every currency. */
export function assertBalanced(lines: readonly PostingLine[]): void {
  const problem = entryProblem(lines);
  if (problem) throw new LedgerError(problem.code, problem.params);
}

/**
 * A stable order for locking balance rows: every writer locks in the same order,
 * so two transactions touching the same accounts wait rather than deadlock.
 * By default by accountKey; the service passes the account id it resolved.
 * Lines with equal keys keep their order.
 */
export function sortForLocking<T extends Pick<PostingLine, 'code' | 'scope' | 'currency'>>(lines: readonly T[], keyOf: (line: T) => string = accountKey): T[] {
  return lines
    .map((l, i) => ({ l, i, k: keyOf(l) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map((x) => x.l);
}

export interface TrialBalanceRow {
  key: string;
  code: AccountCode;
  scope: AccountScope;
  currency: CurrencyCode;
  debitMinor: bigint;
  /** Positive: the sum of credits. */
  creditMinor: bigint;
  balanceMinor: bigint;
}

export interface TrialBalance {
  /** One row per account, ordered by key. */
  rows: TrialBalanceRow[];
  /** Per currency, ordered by currency: total debits and credits (equal when every entry balanced). */
  totals: { currency: CurrencyCode; debitMinor: bigint; creditMinor: bigint }[];
  balanced: boolean;
}

/** Sums postings per account: debits, credits and balance (debit − credit), with per-currency totals. */
export function trialBalance(postings: readonly PostingLine[]): TrialBalance {
  const rows = new Map<string, TrialBalanceRow>();
  const totals = new Map<CurrencyCode, { currency: CurrencyCode; debitMinor: bigint; creditMinor: bigint }>();
  for (const p of postings) {
    const key = accountKey(p);
    let row = rows.get(key);
    if (!row) {
      row = { key, code: p.code, scope: { ...p.scope }, currency: p.currency, debitMinor: 0n, creditMinor: 0n, balanceMinor: 0n };
      rows.set(key, row);
    }
    let total = totals.get(p.currency);
    if (!total) {
      total = { currency: p.currency, debitMinor: 0n, creditMinor: 0n };
      totals.set(p.currency, total);
    }
    if (p.amountMinor > 0n) {
      row.debitMinor += p.amountMinor;
      total.debitMinor += p.amountMinor;
    } else {
      row.creditMinor -= p.amountMinor;
      total.creditMinor -= p.amountMinor;
    }
    row.balanceMinor += p.amountMinor;
  }
  const byKey = <T>(k: (x: T) => string) => (a: T, b: T) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0);
  const totalList = [...totals.values()].sort(byKey((t) => t.currency));
  return {
    rows: [...rows.values()].sort(byKey((r) => r.key)),
    totals: totalList,
    balanced: totalList.every((t) => t.debitMinor === t.creditMinor),
  };
}

/** Balances by accountKey (absent = 0). */
export type Balances = ReadonlyMap<string, bigint>;

export type ApplyResult = { ok: true; balances: Map<string, bigint> } | { ok: false; problem: LedgerProblem };

/**
 * Applies an entry to balances without touching them: the new balances, or the
 * first problem — a malformed entry, or the first non-negative account that
 * would fall below zero (LEDGER_BALANCE_BELOW_ZERO with account, scope,
 * currency, the balance and the amount). Lines are applied in the order given,
 * as the database's row trigger does, so an entry that dips below zero midway
 * is refused even if it ends positive.
 */
export function applyToBalances(balances: Balances, lines: readonly PostingLine[]): ApplyResult {
  const malformed = entryProblem(lines);
  if (malformed) return { ok: false, problem: malformed };
  const next = new Map(balances);
  for (const l of lines) {
    const key = accountKey(l);
    const before = next.get(key) ?? 0n;
    const after = before + l.amountMinor;
    if (after < 0n && LEDGER_ACCOUNTS[l.code].nonNegative) {
      return {
        ok: false,
        problem: {
          code: 'LEDGER_BALANCE_BELOW_ZERO',
          params: { account: l.code, scopeType: l.scope.type, scopeId: l.scope.id, currency: l.currency, balanceMinor: before.toString(), amountMinor: l.amountMinor.toString() },
        },
      };
    }
    next.set(key, after);
  }
  return { ok: true, balances: next };
}
