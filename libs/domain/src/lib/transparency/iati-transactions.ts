import type { AccountCode, JournalKind } from '../finance/ledger';

/**
 * Mizan's ledger → IATI transaction types (issue 16; IATI TransactionType codelist, embedded). Seen from the
 * grant's activity (the agency funds the diaspora organisation):
 *
 * | journal kind            | IATI type                      | amount (from the entry's postings)             |
 * |-------------------------|--------------------------------|------------------------------------------------|
 * | grant_committed         | 2 Outgoing Commitment          | grant_committed (negative when an amendment lowers it) |
 * | payment_paid            | 3 Disbursement / 7 Reimbursement (reimbursement modality) | advance_with_grantee     |
 * | expenditure_verified    | 4 Expenditure                  | verified_expenditure                           |
 * | audit_disallowed        | 4 Expenditure (negative)       | verified_expenditure (the audit overrules it)  |
 * | refund_repaid           | 1 Incoming Funds               | refunded (money back from the grantee)         |
 * | refund_offset           | 3 Disbursement + 1 Incoming Funds | advance_with_grantee and refunded (paid in kind, refund settled) |
 * | reversal                | as the reversed entry          | the reversal's own (negated) postings          |
 *
 * Not published: program_funded and envelope_allocated (the agency's own budget stages, no grant),
 * payment_requested and payment_released (internal stages: no money moved), expenditure_ineligible
 * (a finding, not a flow; the refund it causes is published when repaid).
 */
export const IATI_TRANSACTION_TYPES = {
  incomingFunds: '1',
  outgoingCommitment: '2',
  disbursement: '3',
  expenditure: '4',
  reimbursement: '7',
} as const;
export type IatiTransactionTypeCode =
  (typeof IATI_TRANSACTION_TYPES)[keyof typeof IATI_TRANSACTION_TYPES];

export interface IatiLedgerPosting {
  code: AccountCode;
  amountMinor: bigint;
}

export interface IatiLedgerEntry {
  id: string;
  kind: JournalKind | string;
  /** ISO date the entry takes effect (the transaction-date). */
  effectiveOn: string;
  /** For a reversal: the kind of the entry it reverses. */
  reversedKind?: JournalKind | string | null;
  /** The grant-scoped postings of the entry (program-scoped ones are ignored). */
  postings: readonly IatiLedgerPosting[];
}

export interface IatiTransactionDraft {
  type: IatiTransactionTypeCode;
  amountMinor: bigint;
  date: string;
  /** The journal entry it came from (the trace). */
  entryId: string;
  /** The account whose movement is the amount. */
  account: AccountCode;
}

type Rule = {
  type: IatiTransactionTypeCode;
  account: AccountCode;
  sign: 1n | -1n;
};

function rulesFor(kind: string, modality: string): Rule[] {
  switch (kind) {
    case 'grant_committed':
      return [{ type: '2', account: 'grant_committed', sign: 1n }];
    case 'payment_paid':
      return [
        {
          type: modality === 'reimbursement' ? '7' : '3',
          account: 'advance_with_grantee',
          sign: 1n,
        },
      ];
    case 'expenditure_verified':
      return [{ type: '4', account: 'verified_expenditure', sign: 1n }];
    case 'audit_disallowed':
      return [{ type: '4', account: 'verified_expenditure', sign: 1n }];
    case 'refund_repaid':
      return [{ type: '1', account: 'refunded', sign: 1n }];
    case 'refund_offset':
      return [
        {
          type: modality === 'reimbursement' ? '7' : '3',
          account: 'advance_with_grantee',
          sign: 1n,
        },
        { type: '1', account: 'refunded', sign: 1n },
      ];
    default:
      return [];
  }
}

/**
 * The IATI transactions of one journal entry of a grant (none for the kinds not published). The amount is the
 * sum of the entry's postings on the rule's account (debit > 0), so a reversal — the same postings negated —
 * publishes the same transaction negated, and an amendment that lowers a grant a negative commitment.
 */
export function iatiTransactionsOf(
  entry: IatiLedgerEntry,
  modality: string,
): IatiTransactionDraft[] {
  const kind =
    entry.kind === 'reversal' ? (entry.reversedKind ?? '') : entry.kind;
  const out: IatiTransactionDraft[] = [];
  for (const rule of rulesFor(kind, modality)) {
    let amount = 0n;
    for (const p of entry.postings)
      if (p.code === rule.account) amount += p.amountMinor;
    if (amount === 0n) continue;
    out.push({
      type: rule.type,
      amountMinor: amount * rule.sign,
      date: entry.effectiveOn,
      entryId: entry.id,
      account: rule.account,
    });
  }
  return out;
}
