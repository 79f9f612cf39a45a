import fc from 'fast-check';
import {
  ACCOUNT_CODES,
  LEDGER_ACCOUNTS,
  LedgerError,
  LedgerScopes,
  PostingLine,
  accountKey,
  applyToBalances,
  assertBalanced,
  entryProblem,
  envelopeAllocated,
  grantCommitted,
  paymentPaid,
  paymentReleased,
  paymentRequested,
  programFunded,
  reversalOf,
  sortForLocking,
  trialBalance,
} from './ledger';

const S: LedgerScopes = { agencyId: 'ag', programId: 'pr', callId: 'ca', grantId: 'gr', currency: 'SEK' };

const simple = (lines: PostingLine[]) => lines.map((l) => [l.code, l.scope.type, l.scope.id, l.amountMinor]);

function ledgerError(fn: () => unknown): LedgerError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected a LedgerError');
}

describe('LEDGER_ACCOUNTS', () => {
  it('matches the decided table', () => {
    expect(ACCOUNT_CODES).toHaveLength(12);
    expect(ACCOUNT_CODES.filter((c) => !LEDGER_ACCOUNTS[c].nonNegative).sort()).toEqual(['appropriation', 'fx_difference']);
    expect(LEDGER_ACCOUNTS.appropriation.scope).toBe('agency');
    expect(LEDGER_ACCOUNTS.call_envelope.scope).toBe('call');
    expect(ACCOUNT_CODES.filter((c) => LEDGER_ACCOUNTS[c].scope === 'program').sort()).toEqual(['bank_fees', 'fx_difference', 'program_budget']);
    for (const c of ACCOUNT_CODES) expect(LEDGER_ACCOUNTS[c].labelKey).toBe(`ledger.account.${c}`);
  });
});

describe('recipes', () => {
  it('move money from one stage to the next', () => {
    expect(simple(programFunded(S, 500n))).toEqual([
      ['program_budget', 'program', 'pr', 500n],
      ['appropriation', 'agency', 'ag', -500n],
    ]);
    expect(simple(envelopeAllocated(S, 400n))).toEqual([
      ['call_envelope', 'call', 'ca', 400n],
      ['program_budget', 'program', 'pr', -400n],
    ]);
    expect(simple(grantCommitted(S, 300n))).toEqual([
      ['grant_committed', 'grant', 'gr', 300n],
      ['call_envelope', 'call', 'ca', -300n],
    ]);
    expect(simple(paymentRequested(S, 100n))).toEqual([
      ['payment_requested', 'grant', 'gr', 100n],
      ['grant_committed', 'grant', 'gr', -100n],
    ]);
    expect(simple(paymentReleased(S, 100n))).toEqual([
      ['grant_committed', 'grant', 'gr', 100n],
      ['payment_requested', 'grant', 'gr', -100n],
    ]);
  });

  it('every line carries the currency', () => {
    const lines = grantCommitted({ ...S, currency: 'IQD' }, 7n);
    expect(lines.every((l) => l.currency === 'IQD')).toBe(true);
  });

  it('budget and commitment adjustments may be negative (the mirror entry)', () => {
    expect(simple(programFunded(S, -50n))).toEqual([
      ['program_budget', 'program', 'pr', -50n],
      ['appropriation', 'agency', 'ag', 50n],
    ]);
    expect(simple(grantCommitted(S, -20n))[1]).toEqual(['call_envelope', 'call', 'ca', 20n]);
  });

  it('paid at the requested amount without fees: two lines', () => {
    expect(simple(paymentPaid(S, { requestedMinor: 1000n, debitedMinor: 1000n, feesMinor: 0n }))).toEqual([
      ['advance_with_grantee', 'grant', 'gr', 1000n],
      ['payment_requested', 'grant', 'gr', -1000n],
    ]);
  });

  it('paid with an exchange loss and fees: the loss and fees come out of the program budget in one line', () => {
    expect(simple(paymentPaid(S, { requestedMinor: 1000n, debitedMinor: 1030n, feesMinor: 15n }))).toEqual([
      ['advance_with_grantee', 'grant', 'gr', 1000n],
      ['payment_requested', 'grant', 'gr', -1000n],
      ['fx_difference', 'program', 'pr', 30n],
      ['bank_fees', 'program', 'pr', 15n],
      ['program_budget', 'program', 'pr', -45n],
    ]);
  });

  it('paid with an exchange gain: the gain is a credit to fx_difference and goes back to the program budget', () => {
    expect(simple(paymentPaid(S, { requestedMinor: 1000n, debitedMinor: 980n, feesMinor: 0n }))).toEqual([
      ['advance_with_grantee', 'grant', 'gr', 1000n],
      ['payment_requested', 'grant', 'gr', -1000n],
      ['fx_difference', 'program', 'pr', -20n],
      ['program_budget', 'program', 'pr', 20n],
    ]);
    // gain equal to the fees: the budget is untouched
    expect(simple(paymentPaid(S, { requestedMinor: 1000n, debitedMinor: 990n, feesMinor: 10n })).map((l) => l[0])).toEqual([
      'advance_with_grantee',
      'payment_requested',
      'fx_difference',
      'bank_fees',
    ]);
  });

  it('refuses zero and negative amounts where they make no sense', () => {
    expect(ledgerError(() => programFunded(S, 0n)).code).toBe('LEDGER_BAD_AMOUNT');
    expect(ledgerError(() => paymentRequested(S, 0n)).params).toEqual({ what: 'paymentRequested', amountMinor: '0' });
    expect(ledgerError(() => paymentReleased(S, -1n)).code).toBe('LEDGER_BAD_AMOUNT');
    expect(ledgerError(() => paymentPaid(S, { requestedMinor: 1n, debitedMinor: 0n, feesMinor: 0n })).params['what']).toBe('debitedMinor');
    expect(ledgerError(() => paymentPaid(S, { requestedMinor: 1n, debitedMinor: 1n, feesMinor: -1n })).params['what']).toBe('feesMinor');
  });

  it('a reversal negates every posting and leaves the original alone', () => {
    const original = paymentPaid(S, { requestedMinor: 1000n, debitedMinor: 1030n, feesMinor: 15n });
    const copy = original.map((l) => ({ ...l }));
    const reversal = reversalOf(original);
    expect(reversal.map((l) => l.amountMinor)).toEqual(original.map((l) => -l.amountMinor));
    expect(original).toEqual(copy);
    expect(trialBalance([...original, ...reversal]).rows.every((r) => r.balanceMinor === 0n)).toBe(true);
  });
});

describe('assertBalanced / entryProblem', () => {
  it('accepts every recipe', () => {
    expect(() => assertBalanced(paymentPaid(S, { requestedMinor: 7n, debitedMinor: 9n, feesMinor: 3n }))).not.toThrow();
  });

  it('names the currency that does not balance', () => {
    const lines = [...grantCommitted(S, 5n), ...grantCommitted({ ...S, currency: 'IQD' }, 5n).slice(0, 1)];
    const error = ledgerError(() => assertBalanced(lines));
    expect(error.code).toBe('LEDGER_UNBALANCED');
    expect(error.params).toEqual({ currency: 'IQD', differenceMinor: '5' });
  });

  it('balances per currency, not across them', () => {
    const lines: PostingLine[] = [
      { code: 'grant_committed', scope: { type: 'grant', id: 'g' }, currency: 'SEK', amountMinor: 5n },
      { code: 'call_envelope', scope: { type: 'call', id: 'c' }, currency: 'IQD', amountMinor: -5n },
    ];
    expect(entryProblem(lines)).toEqual({ code: 'LEDGER_UNBALANCED', params: { currency: 'IQD', differenceMinor: '-5' } });
  });

  it('refuses empty entries, zero postings and accounts in the wrong scope', () => {
    expect(entryProblem([])?.code).toBe('LEDGER_EMPTY_ENTRY');
    const zero = grantCommitted(S, 5n).map((l) => ({ ...l, amountMinor: 0n }));
    expect(entryProblem(zero)?.code).toBe('LEDGER_ZERO_POSTING');
    const wrong = grantCommitted(S, 5n).map((l, i) => (i === 0 ? { ...l, scope: { type: 'program' as const, id: 'pr' } } : l));
    expect(entryProblem(wrong)).toEqual({ code: 'LEDGER_WRONG_SCOPE', params: { account: 'grant_committed', scopeType: 'program' } });
  });
});

describe('sortForLocking', () => {
  it('orders by account key, stable for equal keys', () => {
    const a = { code: 'program_budget' as const, scope: { type: 'program' as const, id: 'p' }, currency: 'SEK' as const, amountMinor: 1n };
    const b = { ...a, amountMinor: 2n };
    const c = { code: 'bank_fees' as const, scope: { type: 'program' as const, id: 'p' }, currency: 'SEK' as const, amountMinor: -3n };
    expect(sortForLocking([a, c, b])).toEqual([c, a, b]);
    expect(sortForLocking([b, c, a])).toEqual([c, b, a]);
  });

  it('sorts by the key the caller gives (the account id)', () => {
    const lines = grantCommitted(S, 5n).map((l, i) => ({ ...l, accountId: i === 0 ? 'ffff' : '0000' }));
    expect(sortForLocking(lines, (l) => l.accountId).map((l) => l.accountId)).toEqual(['0000', 'ffff']);
  });
});

describe('trialBalance', () => {
  it('sums debits, credits and balances per account and per currency', () => {
    const postings = [...programFunded(S, 1000n), ...envelopeAllocated(S, 600n), ...programFunded({ ...S, currency: 'IQD' }, 9n)];
    const tb = trialBalance(postings);
    const budget = tb.rows.find((r) => r.key === 'program_budget|program|pr|SEK');
    expect(budget).toMatchObject({ debitMinor: 1000n, creditMinor: 600n, balanceMinor: 400n });
    expect(tb.totals).toEqual([
      { currency: 'IQD', debitMinor: 9n, creditMinor: 9n },
      { currency: 'SEK', debitMinor: 1600n, creditMinor: 1600n },
    ]);
    expect(tb.balanced).toBe(true);
    expect(tb.rows.map((r) => r.key)).toEqual([...tb.rows.map((r) => r.key)].sort());
  });

  it('says when it does not balance', () => {
    expect(trialBalance(programFunded(S, 5n).slice(0, 1)).balanced).toBe(false);
  });
});

describe('applyToBalances', () => {
  it('returns new balances and leaves the old ones alone', () => {
    const before = new Map<string, bigint>();
    const result = applyToBalances(before, programFunded(S, 100n));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.balances.get('program_budget|program|pr|SEK')).toBe(100n);
    expect(before.size).toBe(0);
  });

  it('refuses a commitment beyond the envelope, naming the account', () => {
    const funded = applyToBalances(new Map(), [...programFunded(S, 100n)]);
    if (!funded.ok) throw new Error('funding failed');
    const allocated = applyToBalances(funded.balances, envelopeAllocated(S, 80n));
    if (!allocated.ok) throw new Error('allocation failed');
    expect(applyToBalances(allocated.balances, grantCommitted(S, 81n))).toEqual({
      ok: false,
      problem: {
        code: 'LEDGER_BALANCE_BELOW_ZERO',
        params: { account: 'call_envelope', scopeType: 'call', scopeId: 'ca', currency: 'SEK', balanceMinor: '80', amountMinor: '-81' },
      },
    });
    expect(applyToBalances(allocated.balances, grantCommitted(S, 80n)).ok).toBe(true);
  });

  it('lets the credit-normal appropriation and fx_difference go below zero', () => {
    const result = applyToBalances(new Map(), programFunded(S, 100n));
    expect(result.ok && result.balances.get('appropriation|agency|ag|SEK')).toBe(-100n);
  });

  it('refuses an entry that dips below zero midway, even if it ends at zero', () => {
    const lines: PostingLine[] = [
      { code: 'program_budget', scope: { type: 'program', id: 'pr' }, currency: 'SEK', amountMinor: -5n },
      { code: 'program_budget', scope: { type: 'program', id: 'pr' }, currency: 'SEK', amountMinor: 5n },
    ];
    expect(applyToBalances(new Map(), lines)).toMatchObject({ ok: false, problem: { code: 'LEDGER_BALANCE_BELOW_ZERO' } });
  });

  it('refuses a malformed entry', () => {
    expect(applyToBalances(new Map(), programFunded(S, 5n).slice(0, 1))).toMatchObject({ ok: false, problem: { code: 'LEDGER_UNBALANCED' } });
  });
});

/**
 * Property: any sequence of the operations the services perform — funding,
 * envelopes, commitments (and amendments down), payment requests, releases,
 * payments with exchange differences and fees, reversals of earlier entries —
 * in two currencies keeps: every accepted entry balanced per currency; no
 * non-negative account below zero (applyToBalances refuses exactly the
 * operations that would break it); the trial balance equal to the sum of the
 * accepted postings and balanced.
 */
describe('ledger properties', () => {
  const GRANTS = ['g1', 'g2'];
  const scopesFor = (grant: string, currency: 'SEK' | 'IQD'): LedgerScopes => ({
    agencyId: 'agency',
    programId: `program-${currency}`,
    callId: `call-${currency}`,
    grantId: `${grant}-${currency}`,
    currency,
  });

  /**
   * Amounts are drawn as a share (1..100 %) of what the source stage holds, so
   * most operations go through; `over` asks for more than there is (refused);
   * `down` turns funding, envelopes and commitments into downward adjustments.
   */
  type Op =
    | { kind: 'fund' | 'allocate' | 'commit' | 'request' | 'release'; grant: string; currency: 'SEK' | 'IQD'; pct: number; over: boolean; down: boolean }
    | { kind: 'pay'; grant: string; currency: 'SEK' | 'IQD'; pct: number; over: boolean; down: boolean; differencePct: number; fees: bigint }
    | { kind: 'reverse'; index: number };

  const base = fc.record({
    grant: fc.constantFrom(...GRANTS),
    currency: fc.constantFrom('SEK' as const, 'IQD' as const),
    pct: fc.integer({ min: 1, max: 100 }),
    over: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
    down: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
  });
  // Weighted towards the flow of money down the stages, so runs get as far as payments.
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 2, arbitrary: base.map((b) => ({ ...b, kind: 'fund' as const })) },
    { weight: 3, arbitrary: base.map((b) => ({ ...b, kind: 'allocate' as const })) },
    { weight: 4, arbitrary: base.map((b) => ({ ...b, kind: 'commit' as const })) },
    { weight: 4, arbitrary: base.map((b) => ({ ...b, kind: 'request' as const })) },
    { weight: 2, arbitrary: base.map((b) => ({ ...b, kind: 'release' as const })) },
    {
      weight: 4,
      arbitrary: fc
        .record({ b: base, differencePct: fc.integer({ min: -10, max: 10 }), fees: fc.bigInt({ min: 0n, max: 5_000n }) })
        .map(({ b, differencePct, fees }) => ({ ...b, kind: 'pay' as const, differencePct, fees })),
    },
    { weight: 2, arbitrary: fc.nat(80).map((index) => ({ kind: 'reverse' as const, index })) },
  );

  const SOURCE = { fund: 'program_budget', allocate: 'program_budget', commit: 'call_envelope', request: 'grant_committed', release: 'payment_requested', pay: 'payment_requested' } as const;
  const TARGET = { fund: 'program_budget', allocate: 'call_envelope', commit: 'grant_committed' } as const;

  function linesFor(o: Op, entries: PostingLine[][], reversed: Set<number>, balances: ReadonlyMap<string, bigint>): PostingLine[] | null {
    try {
      if (o.kind === 'reverse') {
        if (entries.length === 0) return null;
        const i = o.index % entries.length;
        if (reversed.has(i)) return null; // one reversal per entry (the database's unique constraint)
        reversed.add(i);
        return reversalOf(entries[i]);
      }
      const s = scopesFor(o.grant, o.currency);
      const held = (code: keyof typeof LEDGER_ACCOUNTS) => {
        const scopeId = { agency: s.agencyId, program: s.programId, call: s.callId, grant: s.grantId }[LEDGER_ACCOUNTS[code].scope];
        return balances.get(accountKey({ code, scope: { type: LEDGER_ACCOUNTS[code].scope, id: scopeId }, currency: s.currency })) ?? 0n;
      };
      const share = (code: keyof typeof LEDGER_ACCOUNTS) => {
        if (o.over) return held(code) + BigInt(o.pct);
        const a = (held(code) * BigInt(o.pct)) / 100n;
        return a > 0n ? a : BigInt(o.pct);
      };
      const k = o.kind;
      const amount = (k === 'fund' || k === 'allocate' || k === 'commit') && o.down ? -share(TARGET[k]) : k === 'fund' ? BigInt(o.pct) * 100_000n : share(SOURCE[k]);
      switch (o.kind) {
        case 'fund':
          return programFunded(s, amount);
        case 'allocate':
          return envelopeAllocated(s, amount);
        case 'commit':
          return grantCommitted(s, amount);
        case 'request':
          return paymentRequested(s, amount);
        case 'release':
          return paymentReleased(s, amount);
        case 'pay':
          return paymentPaid(s, { requestedMinor: amount, debitedMinor: amount + (amount * BigInt(o.differencePct)) / 100n, feesMinor: o.fees });
      }
    } catch (e) {
      // Recipes refuse bad amounts with a LedgerError and nothing else.
      expect(e).toBeInstanceOf(LedgerError);
      return null;
    }
  }

  it('balanced entries, no stage below zero, trial balance = sum of postings', () => {
    // What the runs exercised: a generator that never got a payment through would prove little.
    const acceptedKinds = new Map<string, number>();
    const refusedKinds = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 80, size: 'medium' }), (ops) => {
        let balances = new Map<string, bigint>();
        const accepted: PostingLine[][] = [];
        const reversed = new Set<number>();
        for (const o of ops) {
          const lines = linesFor(o, accepted, reversed, balances);
          if (!lines) continue;
          expect(entryProblem(lines)).toBeNull();
          const result = applyToBalances(balances, lines);
          // Oracle: naive application, line by line.
          const naive = new Map(balances);
          let breaks = false;
          for (const l of lines) {
            const after = (naive.get(accountKey(l)) ?? 0n) + l.amountMinor;
            if (after < 0n && LEDGER_ACCOUNTS[l.code].nonNegative) breaks = true;
            naive.set(accountKey(l), after);
          }
          expect(result.ok).toBe(!breaks);
          const tally = result.ok ? acceptedKinds : refusedKinds;
          tally.set(o.kind, (tally.get(o.kind) ?? 0) + 1);
          if (result.ok) {
            balances = result.balances;
            accepted.push(lines);
          } else {
            expect(result.problem.code).toBe('LEDGER_BALANCE_BELOW_ZERO');
            if (o.kind === 'reverse') reversed.delete(o.index % accepted.length);
          }
        }
        for (const [key, value] of balances) {
          const code = key.split('|')[0] as keyof typeof LEDGER_ACCOUNTS;
          if (LEDGER_ACCOUNTS[code].nonNegative) expect(value >= 0n).toBe(true);
        }
        const postings = accepted.flat();
        const tb = trialBalance(postings);
        expect(tb.balanced).toBe(true);
        for (const row of tb.rows) {
          const sum = postings.filter((p) => accountKey(p) === row.key).reduce((t, p) => t + p.amountMinor, 0n);
          expect(row.balanceMinor).toBe(sum);
          expect(row.debitMinor - row.creditMinor).toBe(sum);
          expect(balances.get(row.key) ?? 0n).toBe(sum);
        }
        // Every account with a balance appears in the trial balance.
        for (const [key, value] of balances) if (value !== 0n) expect(tb.rows.some((r) => r.key === key)).toBe(true);
      }),
      { numRuns: 300 },
    );
    for (const kind of ['fund', 'allocate', 'commit', 'request', 'release', 'pay', 'reverse']) {
      expect(acceptedKinds.get(kind) ?? 0).toBeGreaterThan(10);
    }
    for (const kind of ['allocate', 'commit', 'request', 'release', 'pay', 'reverse']) {
      expect(refusedKinds.get(kind) ?? 0).toBeGreaterThan(10);
    }
  });

  it('a full grant life ends with everything with the grantee and nothing stuck in between', () => {
    const s = scopesFor('g1', 'IQD');
    const entries = [
      programFunded(s, 10_000_000n),
      envelopeAllocated(s, 6_000_000n),
      grantCommitted(s, 3_000_000n),
      paymentRequested(s, 1_000_000n),
      paymentReleased(s, 1_000_000n),
      paymentRequested(s, 1_500_000n),
      paymentPaid(s, { requestedMinor: 1_500_000n, debitedMinor: 1_512_500n, feesMinor: 2_000n }),
      paymentRequested(s, 1_500_000n),
      paymentPaid(s, { requestedMinor: 1_500_000n, debitedMinor: 1_490_000n, feesMinor: 0n }),
    ];
    let balances = new Map<string, bigint>();
    for (const e of entries) {
      const r = applyToBalances(balances, e);
      if (!r.ok) throw new Error(r.problem.code);
      balances = r.balances;
    }
    const get = (code: string, id: string) => balances.get(`${code}|${LEDGER_ACCOUNTS[code as keyof typeof LEDGER_ACCOUNTS].scope}|${id}|IQD`) ?? 0n;
    expect(get('grant_committed', s.grantId)).toBe(0n);
    expect(get('payment_requested', s.grantId)).toBe(0n);
    expect(get('advance_with_grantee', s.grantId)).toBe(3_000_000n);
    expect(get('fx_difference', s.programId)).toBe(2_500n); // 12 500 loss − 10 000 gain
    expect(get('bank_fees', s.programId)).toBe(2_000n);
    expect(get('program_budget', s.programId)).toBe(4_000_000n - 4_500n);
    expect(get('call_envelope', s.callId)).toBe(3_000_000n);
  });
});
