import fc from 'fast-check';
import { convertMinor, convertMinorInverse, parseRate } from './fx';
import { LedgerError, LedgerScopes, PostingLine, applyToBalances, assertBalanced, expenditureVerified, refundOffset, refundRepaid, paymentPaid, accountKey } from './ledger';

const S: LedgerScopes = { agencyId: 'ag', programId: 'pr', callId: 'ca', grantId: 'gr', currency: 'EUR' };
const simple = (lines: PostingLine[]) => lines.map((l) => [l.code, l.scope.type, l.scope.id, l.amountMinor]);
const balanceOf = (balances: ReadonlyMap<string, bigint>, code: PostingLine['code'], scope: 'gr' | 'pr' = 'gr') =>
  balances.get(accountKey({ code, scope: { type: scope === 'gr' ? 'grant' : 'program', id: scope }, currency: 'EUR' })) ?? 0n;

function ledgerError(fn: () => unknown): LedgerError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected a LedgerError');
}

describe('expenditureVerified (issue 11)', () => {
  it('a line at the advance rate: advance → verified expenditure, no exchange difference', () => {
    expect(simple(expenditureVerified(S, { grantAmountMinor: 10_000n, ineligibleMinor: 0n, advanceMinor: 10_000n }))).toEqual([
      ['verified_expenditure', 'grant', 'gr', 10_000n],
      ['advance_with_grantee', 'grant', 'gr', -10_000n],
    ]);
  });

  it('worked example of docs/verification.md: 1,300,000 IQD, advance received at 1 EUR = 1,300 IQD, line rate 1 IQD = 0.000714285714 EUR', () => {
    const iqd = 1_300_000_000n; // 1,300,000.000 IQD
    const advance = convertMinorInverse(iqd, 'IQD', 'EUR', parseRate('1300'));
    const atLineRate = convertMinor(iqd, 'IQD', 'EUR', parseRate('0.000714285714'));
    expect(advance).toBe(100_000n); // 1,000.00 EUR of the advance
    expect(atLineRate).toBe(92_857n); // 928.57 EUR at the line's rate
    expect(simple(expenditureVerified(S, { grantAmountMinor: atLineRate, ineligibleMinor: 0n, advanceMinor: advance }))).toEqual([
      ['verified_expenditure', 'grant', 'gr', 92_857n],
      ['fx_difference', 'program', 'pr', 7_143n],
      ['advance_with_grantee', 'grant', 'gr', -100_000n],
    ]);
    // Partly ineligible (200.00 EUR): that share becomes a refund receivable.
    expect(simple(expenditureVerified(S, { grantAmountMinor: atLineRate, ineligibleMinor: 20_000n, advanceMinor: advance }))).toEqual([
      ['verified_expenditure', 'grant', 'gr', 72_857n],
      ['refund_receivable', 'grant', 'gr', 20_000n],
      ['fx_difference', 'program', 'pr', 7_143n],
      ['advance_with_grantee', 'grant', 'gr', -100_000n],
    ]);
  });

  it('a line worth more at its rate than the advance it used books a gain (a credit to fx_difference)', () => {
    expect(simple(expenditureVerified(S, { grantAmountMinor: 10_500n, ineligibleMinor: 0n, advanceMinor: 10_000n }))).toContainEqual(['fx_difference', 'program', 'pr', -500n]);
  });

  it('a wholly ineligible line posts no verified expenditure', () => {
    expect(simple(expenditureVerified(S, { grantAmountMinor: 5_000n, ineligibleMinor: 5_000n, advanceMinor: 5_000n }))).toEqual([
      ['refund_receivable', 'grant', 'gr', 5_000n],
      ['advance_with_grantee', 'grant', 'gr', -5_000n],
    ]);
  });

  it('refuses an ineligible share above the line, negative amounts and an empty advance', () => {
    expect(ledgerError(() => expenditureVerified(S, { grantAmountMinor: 10n, ineligibleMinor: 11n, advanceMinor: 10n })).params['what']).toBe('ineligibleMinor');
    expect(ledgerError(() => expenditureVerified(S, { grantAmountMinor: 10n, ineligibleMinor: -1n, advanceMinor: 10n })).params['what']).toBe('ineligibleMinor');
    expect(ledgerError(() => expenditureVerified(S, { grantAmountMinor: -1n, ineligibleMinor: 0n, advanceMinor: 10n })).params['what']).toBe('grantAmountMinor');
    expect(ledgerError(() => expenditureVerified(S, { grantAmountMinor: 10n, ineligibleMinor: 0n, advanceMinor: 0n })).params['what']).toBe('advanceMinor');
  });

  it('property: balances, moves exactly A out of the advance and V into verified + receivable', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.double({ min: 0, max: 1, noNaN: true }), (v, a, share) => {
        const i = (v * BigInt(Math.floor(share * 1000))) / 1000n;
        const lines = expenditureVerified(S, { grantAmountMinor: v, ineligibleMinor: i, advanceMinor: a });
        assertBalanced(lines);
        const sum = (code: PostingLine['code']) => lines.filter((l) => l.code === code).reduce((s, l) => s + l.amountMinor, 0n);
        expect(sum('advance_with_grantee')).toBe(-a);
        expect(sum('verified_expenditure') + sum('refund_receivable')).toBe(v);
        expect(sum('refund_receivable')).toBe(i);
        expect(sum('fx_difference')).toBe(a - v);
        expect(lines.every((l) => l.amountMinor !== 0n)).toBe(true);
      }),
    );
  });
});

describe('refunds (issue 11)', () => {
  it('repaid: refund_receivable → refunded', () => {
    expect(simple(refundRepaid(S, 700n))).toEqual([
      ['refunded', 'grant', 'gr', 700n],
      ['refund_receivable', 'grant', 'gr', -700n],
    ]);
    expect(ledgerError(() => refundRepaid(S, 0n)).code).toBe('LEDGER_BAD_AMOUNT');
  });

  it('offset: the tranche part paid in kind leaves the commitment for the advance, the refund is settled', () => {
    expect(simple(refundOffset(S, 700n))).toEqual([
      ['advance_with_grantee', 'grant', 'gr', 700n],
      ['grant_committed', 'grant', 'gr', -700n],
      ['refunded', 'grant', 'gr', 700n],
      ['refund_receivable', 'grant', 'gr', -700n],
    ]);
    expect(ledgerError(() => refundOffset(S, -1n)).code).toBe('LEDGER_BAD_AMOUNT');
  });

  it('property: paid tranche, verification, repayment and offset never take a stage below zero when amounts stay within what stands there', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n, max: 10n ** 12n }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (tranche, spentShare, ineligibleShare) => {
        let balances = new Map<string, bigint>([[accountKey({ code: 'payment_requested', scope: { type: 'grant', id: 'gr' }, currency: 'EUR' }), tranche]]);
        balances.set(accountKey({ code: 'grant_committed', scope: { type: 'grant', id: 'gr' }, currency: 'EUR' }), tranche);
        balances.set(accountKey({ code: 'program_budget', scope: { type: 'program', id: 'pr' }, currency: 'EUR' }), tranche);
        const apply = (lines: PostingLine[]) => {
          const r = applyToBalances(balances, lines);
          if (!r.ok) throw new Error(JSON.stringify(r.problem));
          balances = r.balances;
        };
        apply(paymentPaid(S, { requestedMinor: tranche, debitedMinor: tranche, feesMinor: 0n }));
        const spent = 1n + ((tranche - 1n) * BigInt(Math.floor(spentShare * 1000))) / 1000n;
        const ineligible = (spent * BigInt(Math.floor(ineligibleShare * 1000))) / 1000n;
        apply(expenditureVerified(S, { grantAmountMinor: spent, ineligibleMinor: ineligible, advanceMinor: spent }));
        expect(balanceOf(balances, 'advance_with_grantee')).toBe(tranche - spent);
        expect(balanceOf(balances, 'refund_receivable')).toBe(ineligible);
        const repaid = ineligible / 2n;
        const offset = ineligible - repaid;
        if (repaid > 0n) apply(refundRepaid(S, repaid));
        if (offset > 0n) apply(refundOffset(S, offset));
        expect(balanceOf(balances, 'refund_receivable')).toBe(0n);
        expect(balanceOf(balances, 'refunded')).toBe(ineligible);
        expect(balanceOf(balances, 'grant_committed')).toBe(tranche - offset);
        expect(balanceOf(balances, 'advance_with_grantee')).toBe(tranche - spent + offset);
      }),
    );
  });
});

describe('convertMinorInverse', () => {
  it('converts at a rate quoted the other way round, exactly, half to even', () => {
    expect(convertMinorInverse(1_250_000n, 'IQD', 'SEK', parseRate('125'))).toBe(1_000n); // 1,250.000 IQD = 10.00 SEK
    expect(convertMinorInverse(1_000n, 'SEK', 'SEK', parseRate('1'))).toBe(1_000n);
    expect(convertMinorInverse(5n, 'SEK', 'EUR', parseRate('10'))).toBe(0n); // 0.05 SEK / 10 = 0.005 → 0.00 (half to even)
    expect(convertMinorInverse(15n, 'SEK', 'EUR', parseRate('10'))).toBe(2n); // 0.015 → 0.02
  });

  it('property: inverse of convertMinor within one minor unit', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: 1, max: 5000 }), (eur, r) => {
        const rate = parseRate(String(r));
        const iqd = convertMinor(eur, 'EUR', 'IQD', rate);
        const back = convertMinorInverse(iqd, 'IQD', 'EUR', rate);
        expect(back).toBe(eur);
      }),
    );
  });
});
