import fc from 'fast-check';
import { LedgerError, LedgerScopes, PostingLine, accountKey, applyToBalances, assertBalanced, auditDisallowed, JOURNAL_KINDS } from './ledger';

const S: LedgerScopes = { agencyId: 'ag', programId: 'pr', callId: 'ca', grantId: 'gr', currency: 'EUR' };
const simple = (lines: PostingLine[]) => lines.map((l) => [l.code, l.scope.type, l.scope.id, l.amountMinor]);
const key = (code: PostingLine['code']) => accountKey({ code, scope: { type: 'grant', id: 'gr' }, currency: 'EUR' });

describe('auditDisallowed (issue 12: an audit finding’s ineligible amount confirmed as a refund receivable)', () => {
  it('is a journal kind', () => {
    expect(JOURNAL_KINDS).toContain('audit_disallowed');
  });

  it('out of verified expenditure when it covers the amount', () => {
    expect(simple(auditDisallowed(S, { amountMinor: 25_000n, verifiedMinor: 100_000n }))).toEqual([
      ['refund_receivable', 'grant', 'gr', 25_000n],
      ['verified_expenditure', 'grant', 'gr', -25_000n],
    ]);
  });

  it('the rest out of the advance when verified expenditure is smaller', () => {
    expect(simple(auditDisallowed(S, { amountMinor: 25_000n, verifiedMinor: 10_000n }))).toEqual([
      ['refund_receivable', 'grant', 'gr', 25_000n],
      ['verified_expenditure', 'grant', 'gr', -10_000n],
      ['advance_with_grantee', 'grant', 'gr', -15_000n],
    ]);
  });

  it('all out of the advance when nothing is verified yet (a negative balance counts as none)', () => {
    expect(simple(auditDisallowed(S, { amountMinor: 700n, verifiedMinor: 0n }))).toEqual([
      ['refund_receivable', 'grant', 'gr', 700n],
      ['advance_with_grantee', 'grant', 'gr', -700n],
    ]);
    expect(simple(auditDisallowed(S, { amountMinor: 700n, verifiedMinor: -5n }))).toEqual(simple(auditDisallowed(S, { amountMinor: 700n, verifiedMinor: 0n })));
  });

  it('refuses zero and negative amounts', () => {
    expect(() => auditDisallowed(S, { amountMinor: 0n, verifiedMinor: 10n })).toThrow(LedgerError);
    expect(() => auditDisallowed(S, { amountMinor: -1n, verifiedMinor: 10n })).toThrow(LedgerError);
  });

  it('always balances, never takes verified expenditure below zero, and leaves the grantee owing exactly the amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.bigInt({ min: 0n, max: 10n ** 15n }), (amount, verified) => {
        const lines = auditDisallowed(S, { amountMinor: amount, verifiedMinor: verified });
        assertBalanced(lines);
        expect(lines.every((l) => l.amountMinor !== 0n)).toBe(true);
        const start = new Map([
          [key('verified_expenditure'), verified],
          [key('advance_with_grantee'), amount],
        ]);
        const applied = applyToBalances(start, lines);
        expect(applied.ok).toBe(true);
        if (!applied.ok) return;
        expect(applied.balances.get(key('refund_receivable'))).toBe(amount);
        const v = applied.balances.get(key('verified_expenditure')) ?? 0n;
        const a = applied.balances.get(key('advance_with_grantee')) ?? 0n;
        expect(v >= 0n && a >= 0n).toBe(true);
        expect(verified - v + (amount - a)).toBe(amount);
      }),
    );
  });
});
