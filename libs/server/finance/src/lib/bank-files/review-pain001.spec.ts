import { buildPain001 } from './pain001';

/*
 * Review of issue 9 (branch i9-review): the PmtInfId of every real bank file.
 * BankFilesService makes message ids of 34 characters ("MZ" + 32 hex), so
 * `${messageId}-1`.slice(0, 35) cuts the batch number off and leaves a
 * trailing "-". Fails on main (430f46a).
 */
describe('review i9: pain.001 PmtInfId', () => {
  it('keeps the batch suffix for a 34-character message id as BankFilesService makes them', () => {
    const messageId = `MZ${'0123456789abcdef0123456789abcdef'.toUpperCase()}`;
    expect(messageId).toHaveLength(34);
    const xml = buildPain001({
      messageId,
      createdAt: new Date('2026-12-04T10:15:30Z'),
      executionDate: '2026-12-07',
      debtorName: 'Agency',
      debtorIban: 'SE4550000000058398257466',
      debtorBic: 'ESSESESS',
      transactions: [
        { paymentId: '0b9e6f8e-3f7a-4a53-9c55-8c1a1d1e2f30', amountMinor: 1n, currency: 'SEK', creditorName: 'X', creditorIban: 'IQ98NBIQ850123456789012', creditorBic: null, remittance: 'G-1 t1' },
      ],
    });
    const id = /<PmtInfId>([^<]*)<\/PmtInfId>/.exec(xml)?.[1] ?? '';
    expect(id.length).toBeLessThanOrEqual(35);
    expect(id).not.toMatch(/-$/);
    expect(id).not.toBe(messageId + '-');
  });
});
