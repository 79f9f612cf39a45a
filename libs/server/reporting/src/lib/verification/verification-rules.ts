import { CurrencyCode, convertMinorInverse, parseRate } from '@mizan/domain';

/** What a line's verification needs to know about the line (grant currency minor units; rate as stored). */
export interface LineForPosting {
  amountMinor: bigint;
  currency: CurrencyCode;
  grantCurrency: CurrencyCode;
  grantAmountMinor: bigint;
  rateSource: string;
}

/** The paid payment whose transfer was in the line's currency: 1 grant currency = rate transfer currency. */
export interface AdvanceRate {
  rate: string;
  paymentId: string;
  valueDate: string;
}

/**
 * What a line consumed of the advance, in the grant currency (docs/verification.md):
 * the line's amount at the rate the advance was received at — the rate of the
 * paid tranche whose transfer was in the line's currency. The same as the
 * line's grant amount (no exchange difference) when the line is in the grant
 * currency, when it used the tranche rate itself, or when no tranche was
 * received in its currency (the grantee converted the advance itself: its
 * own rate is the only one known).
 */
export function advanceConsumed(line: LineForPosting, advance: AdvanceRate | null): { advanceMinor: bigint; advanceRate: string | null } {
  if (line.currency === line.grantCurrency || line.rateSource === 'tranche' || line.rateSource === 'same_currency' || !advance) {
    return { advanceMinor: line.grantAmountMinor, advanceRate: null };
  }
  const advanceMinor = convertMinorInverse(line.amountMinor, line.currency, line.grantCurrency, parseRate(advance.rate));
  // A line too small to be worth a minor unit at the advance rate: nothing to split, no difference.
  if (advanceMinor === 0n) return { advanceMinor: line.grantAmountMinor, advanceRate: null };
  return { advanceMinor, advanceRate: advance.rate };
}

/** "1,2,3" of the first `max` numbers, with "…" when there are more. */
export function listOf(seqs: readonly number[], max = 20): string {
  return seqs.slice(0, max).join(', ') + (seqs.length > max ? ', …' : '');
}
