import { CurrencyCode, isCurrency } from '../money/money';
import { FxError, Rate, convertMinor, formatRate, parseRate } from './fx';
import { FinanceProblem, isIsoDate, financeProblem } from './problem';
import { bpToPercentText } from './risk-policy';

/**
 * Checks on what finance records when a payment is paid (the bank's value date,
 * what was debited, what was sent in which currency at which rate, the fees).
 * The rate is the transfer currency per 1 unit of the grant currency (base =
 * the grant's currency, quote = the transfer currency): a SEK grant paid in
 * USD has a rate near 0.1. Amounts in minor units: debited and fees in the
 * grant currency, transfer in the transfer currency.
 */
export interface PaymentRecordInput {
  valueDate: string;
  /** The agency's today (ISO date). */
  today: string;
  grantStartsOn: string;
  debitedMinor: bigint;
  transferMinor: bigint;
  /** Decimal text as entered (or as stored), or a parsed rate. */
  rate: string | Rate;
  feesMinor: bigint;
  currency: CurrencyCode;
  transferCurrency: string;
  /** When given: the payment's amount, to catch a debited amount far from it (a typo books a huge exchange difference). */
  requestedMinor?: bigint;
}

/** Beyond this deviation (basis points) an amount is taken for a typo, not an exchange difference. */
export const PAYMENT_MAX_DEVIATION_BP = 1_000;

function deviates(actual: bigint, expected: bigint): boolean {
  const diff = actual > expected ? actual - expected : expected - actual;
  return diff * 10_000n > BigInt(PAYMENT_MAX_DEVIATION_BP) * (expected < 0n ? -expected : expected);
}

/** Every problem of a payment record, as codes with params (an empty list: it can be booked). */
export function checkPaymentRecord(input: PaymentRecordInput): FinanceProblem[] {
  const problems: FinanceProblem[] = [];
  const { valueDate, today, grantStartsOn, debitedMinor, transferMinor, feesMinor, currency, transferCurrency } = input;

  if (!isIsoDate(valueDate)) problems.push(financeProblem('PAYMENT_VALUE_DATE_INVALID', { valueDate: String(valueDate).slice(0, 20) }));
  else {
    if (valueDate > today) problems.push(financeProblem('PAYMENT_VALUE_DATE_IN_FUTURE', { valueDate, today }));
    if (valueDate < grantStartsOn) problems.push(financeProblem('PAYMENT_VALUE_DATE_BEFORE_GRANT', { valueDate, startsOn: grantStartsOn }));
  }
  if (debitedMinor <= 0n) problems.push(financeProblem('PAYMENT_DEBITED_NOT_POSITIVE', { debitedMinor: debitedMinor.toString() }));
  if (transferMinor <= 0n) problems.push(financeProblem('PAYMENT_TRANSFER_NOT_POSITIVE', { transferMinor: transferMinor.toString() }));
  if (feesMinor < 0n) problems.push(financeProblem('PAYMENT_FEES_NEGATIVE', { feesMinor: feesMinor.toString() }));
  if (!isCurrency(transferCurrency)) problems.push(financeProblem('PAYMENT_CURRENCY_UNKNOWN', { currency: String(transferCurrency).slice(0, 10) }));

  let rate: Rate | null = null;
  try {
    // A Rate object is checked again from its units and scale: it may not come from parseRate.
    rate = parseRate(typeof input.rate === 'string' ? input.rate : formatRate(input.rate));
  } catch (e) {
    if (!(e instanceof FxError)) throw e;
    problems.push(financeProblem(e.code, e.params));
  }

  if (rate && isCurrency(transferCurrency)) {
    if (transferCurrency === currency) {
      if (rate.text !== '1') problems.push(financeProblem('PAYMENT_RATE_NOT_ONE', { rate: rate.text, currency }));
      else if (debitedMinor > 0n && transferMinor !== debitedMinor) {
        problems.push(financeProblem('PAYMENT_TRANSFER_MISMATCH', { transferMinor: transferMinor.toString(), debitedMinor: debitedMinor.toString() }));
      }
    } else if (debitedMinor > 0n && transferMinor > 0n) {
      const expected = convertMinor(debitedMinor, currency, transferCurrency, rate);
      if (deviates(transferMinor, expected)) {
        problems.push(financeProblem('PAYMENT_RATE_IMPLAUSIBLE', { rate: rate.text, expectedTransferMinor: expected.toString(), transferMinor: transferMinor.toString(), maxDeviationPercent: bpToPercentText(PAYMENT_MAX_DEVIATION_BP) }));
      }
    }
  }
  if (input.requestedMinor !== undefined && input.requestedMinor > 0n && debitedMinor > 0n && deviates(debitedMinor, input.requestedMinor)) {
    problems.push(financeProblem('PAYMENT_DEBITED_FAR_FROM_REQUESTED', { debitedMinor: debitedMinor.toString(), requestedMinor: input.requestedMinor.toString(), maxDeviationPercent: bpToPercentText(PAYMENT_MAX_DEVIATION_BP) }));
  }
  return problems;
}
