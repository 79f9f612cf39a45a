import { advanceConsumed, listOf } from './verification-rules';

describe('advanceConsumed', () => {
  const line = { amountMinor: 1_300_000_000n, currency: 'IQD' as const, grantCurrency: 'EUR' as const, grantAmountMinor: 92_857n, rateSource: 'reference' };
  it('converts the line amount at the advance rate when a tranche was received in the line currency', () => {
    expect(advanceConsumed(line, { rate: '1300', paymentId: 'p', valueDate: '2025-02-01' })).toEqual({ advanceMinor: 100_000n, advanceRate: '1300' });
  });
  it('no difference for the grant currency, the tranche rate itself, or without a tranche in that currency', () => {
    expect(advanceConsumed({ ...line, currency: 'EUR', amountMinor: 92_857n }, { rate: '1300', paymentId: 'p', valueDate: '2025-02-01' }).advanceMinor).toBe(92_857n);
    expect(advanceConsumed({ ...line, rateSource: 'tranche' }, { rate: '1300', paymentId: 'p', valueDate: '2025-02-01' }).advanceMinor).toBe(92_857n);
    expect(advanceConsumed(line, null)).toEqual({ advanceMinor: 92_857n, advanceRate: null });
  });
  it('a line below one minor unit at the advance rate keeps its own amount', () => {
    expect(advanceConsumed({ ...line, amountMinor: 1n, grantAmountMinor: 0n }, { rate: '1300', paymentId: 'p', valueDate: '2025-02-01' }).advanceMinor).toBe(0n);
  });
});

describe('helpers', () => {
  it('listOf caps the list', () => {
    expect(listOf([1, 2, 3], 2)).toBe('1, 2, …');
    expect(listOf([4])).toBe('4');
  });
});
