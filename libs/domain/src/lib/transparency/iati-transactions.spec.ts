import {
  grantCommitted,
  paymentPaid,
  paymentRequested,
  paymentReleased,
  expenditureVerified,
  refundRepaid,
  refundOffset,
  auditDisallowed,
  reversalOf,
  programFunded,
  type PostingLine,
} from '../finance/ledger';
import { iatiTransactionsOf } from './iati-transactions';

const s = {
  agencyId: 'a',
  programId: 'p',
  callId: 'c',
  grantId: 'g',
  currency: 'SEK' as const,
};
const entry = (kind: string, lines: PostingLine[], reversedKind?: string) => ({
  id: `e-${kind}`,
  kind,
  effectiveOn: '2027-03-01',
  reversedKind: reversedKind ?? null,
  postings: lines
    .filter((l) => l.scope.type === 'grant')
    .map((l) => ({ code: l.code, amountMinor: l.amountMinor })),
});
const types = (
  kind: string,
  lines: PostingLine[],
  modality = 'advance',
  reversedKind?: string,
) =>
  iatiTransactionsOf(entry(kind, lines, reversedKind), modality).map((t) => [
    t.type,
    t.amountMinor,
  ]);

describe('iatiTransactionsOf (ledger → IATI TransactionType)', () => {
  it('a commitment is 2 Outgoing Commitment; an amendment that lowers the grant a negative one', () => {
    expect(types('grant_committed', grantCommitted(s, 100_000n))).toEqual([
      ['2', 100_000n],
    ]);
    expect(types('grant_committed', grantCommitted(s, -20_000n))).toEqual([
      ['2', -20_000n],
    ]);
  });

  it('a payment paid is 3 Disbursement (fees and exchange differences stay out: program-scoped)', () => {
    expect(
      types(
        'payment_paid',
        paymentPaid(s, {
          requestedMinor: 50_000n,
          debitedMinor: 50_500n,
          feesMinor: 300n,
        }),
      ),
    ).toEqual([['3', 50_000n]]);
  });

  it('a payment paid on a reimbursement grant is 7 Reimbursement', () => {
    expect(
      types(
        'payment_paid',
        paymentPaid(s, {
          requestedMinor: 50_000n,
          debitedMinor: 50_000n,
          feesMinor: 0n,
        }),
        'reimbursement',
      ),
    ).toEqual([['7', 50_000n]]);
  });

  it('verified expenditure is 4 Expenditure (the ineligible share is not)', () => {
    expect(
      types(
        'expenditure_verified',
        expenditureVerified(s, {
          grantAmountMinor: 10_000n,
          ineligibleMinor: 2_000n,
          advanceMinor: 10_000n,
        }),
      ),
    ).toEqual([['4', 8_000n]]);
  });

  it('an audit disallowance takes expenditure back (negative 4)', () => {
    expect(
      types(
        'audit_disallowed',
        auditDisallowed(s, { amountMinor: 3_000n, verifiedMinor: 5_000n }),
      ),
    ).toEqual([['4', -3_000n]]);
  });

  it('a refund repaid is 1 Incoming Funds', () => {
    expect(types('refund_repaid', refundRepaid(s, 4_000n))).toEqual([
      ['1', 4_000n],
    ]);
  });

  it('a refund offset is a disbursement in kind and the refund coming in', () => {
    expect(types('refund_offset', refundOffset(s, 1_500n))).toEqual([
      ['3', 1_500n],
      ['1', 1_500n],
    ]);
  });

  it('a reversal publishes the reversed transaction negated', () => {
    expect(
      types(
        'reversal',
        reversalOf(
          paymentPaid(s, {
            requestedMinor: 9_000n,
            debitedMinor: 9_000n,
            feesMinor: 0n,
          }),
        ),
        'advance',
        'payment_paid',
      ),
    ).toEqual([['3', -9_000n]]);
    expect(
      types(
        'reversal',
        reversalOf(grantCommitted(s, 7_000n)),
        'advance',
        'grant_committed',
      ),
    ).toEqual([['2', -7_000n]]);
  });

  it('internal stages publish nothing: requested, released, program funding', () => {
    expect(types('payment_requested', paymentRequested(s, 5_000n))).toEqual([]);
    expect(types('payment_released', paymentReleased(s, 5_000n))).toEqual([]);
    expect(types('program_funded', programFunded(s, 5_000n))).toEqual([]);
    expect(types('expenditure_ineligible', [])).toEqual([]);
  });
});
