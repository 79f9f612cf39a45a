import { parseRate } from './fx';
import { PaymentRecordInput, checkPaymentRecord } from './payment-checks';

const SEK_TO_USD: PaymentRecordInput = {
  valueDate: '2025-05-09',
  today: '2025-05-12',
  grantStartsOn: '2025-01-01',
  // 1 250 000.00 SEK debited, 128 800.37 USD sent at the ECB cross rate of 2025-05-09
  debitedMinor: 125_000_000n,
  transferMinor: 12_880_037n,
  rate: '0.10304029304',
  feesMinor: 15_000n,
  currency: 'SEK',
  transferCurrency: 'USD',
  requestedMinor: 125_000_000n,
};

describe('checkPaymentRecord', () => {
  it('accepts a consistent record', () => {
    expect(checkPaymentRecord(SEK_TO_USD)).toEqual([]);
    expect(checkPaymentRecord({ ...SEK_TO_USD, rate: parseRate('0.10304029304') })).toEqual([]);
  });

  it('accepts a payment in the grant currency at rate 1', () => {
    expect(checkPaymentRecord({ ...SEK_TO_USD, transferCurrency: 'SEK', transferMinor: 125_000_000n, rate: '1' })).toEqual([]);
  });

  it('refuses a value date in the future, before the grant, or not a date', () => {
    expect(checkPaymentRecord({ ...SEK_TO_USD, valueDate: '2025-05-13' })).toEqual([{ code: 'PAYMENT_VALUE_DATE_IN_FUTURE', params: { valueDate: '2025-05-13', today: '2025-05-12' } }]);
    expect(checkPaymentRecord({ ...SEK_TO_USD, valueDate: '2024-12-31' })).toEqual([{ code: 'PAYMENT_VALUE_DATE_BEFORE_GRANT', params: { valueDate: '2024-12-31', startsOn: '2025-01-01' } }]);
    expect(checkPaymentRecord({ ...SEK_TO_USD, valueDate: '2025-02-29' })).toEqual([{ code: 'PAYMENT_VALUE_DATE_INVALID', params: { valueDate: '2025-02-29' } }]);
    expect(checkPaymentRecord({ ...SEK_TO_USD, valueDate: '2025-05-12' })).toEqual([]);
  });

  it('refuses zero and negative amounts', () => {
    expect(checkPaymentRecord({ ...SEK_TO_USD, debitedMinor: 0n, transferMinor: -1n, feesMinor: -1n })).toEqual([
      { code: 'PAYMENT_DEBITED_NOT_POSITIVE', params: { debitedMinor: '0' } },
      { code: 'PAYMENT_TRANSFER_NOT_POSITIVE', params: { transferMinor: '-1' } },
      { code: 'PAYMENT_FEES_NEGATIVE', params: { feesMinor: '-1' } },
    ]);
  });

  it.each([
    ['0', 'RATE_ZERO'],
    ['-0.1', 'RATE_NEGATIVE'],
    ['0,1', 'RATE_NOT_A_NUMBER'],
    ['0.1030402930401', 'RATE_TOO_MANY_DECIMALS'],
  ])('reports the rate problem of %p as %s', (rate, code) => {
    expect(checkPaymentRecord({ ...SEK_TO_USD, rate }).map((p) => p.code)).toEqual([code]);
  });

  it('refuses an unknown transfer currency', () => {
    expect(checkPaymentRecord({ ...SEK_TO_USD, transferCurrency: 'XAU' })).toEqual([{ code: 'PAYMENT_CURRENCY_UNKNOWN', params: { currency: 'XAU' } }]);
  });

  it('same currency: rate 1 and the same amount', () => {
    expect(checkPaymentRecord({ ...SEK_TO_USD, transferCurrency: 'SEK', transferMinor: 125_000_000n, rate: '1.01' })).toEqual([{ code: 'PAYMENT_RATE_NOT_ONE', params: { rate: '1.01', currency: 'SEK' } }]);
    expect(checkPaymentRecord({ ...SEK_TO_USD, transferCurrency: 'SEK', transferMinor: 124_000_000n, rate: '1' })).toEqual([
      { code: 'PAYMENT_TRANSFER_MISMATCH', params: { transferMinor: '124000000', debitedMinor: '125000000' } },
    ]);
  });

  it('catches a rate entered the wrong way round or a missing zero', () => {
    expect(checkPaymentRecord({ ...SEK_TO_USD, rate: '9.704941343761' }).map((p) => p.code)).toEqual(['PAYMENT_RATE_IMPLAUSIBLE']);
    expect(checkPaymentRecord({ ...SEK_TO_USD, transferMinor: 1_288_004n })).toEqual([
      { code: 'PAYMENT_RATE_IMPLAUSIBLE', params: { rate: '0.10304029304', expectedTransferMinor: '12880037', transferMinor: '1288004', maxDeviationPercent: '10' } },
    ]);
    // a bank rate 3 % off the reference is an exchange difference, not a typo
    expect(checkPaymentRecord({ ...SEK_TO_USD, transferMinor: 12_493_636n })).toEqual([]);
  });

  it('catches a debited amount far from the payment', () => {
    expect(checkPaymentRecord({ ...SEK_TO_USD, debitedMinor: 12_500_000n, transferMinor: 1_288_004n })).toEqual([
      { code: 'PAYMENT_DEBITED_FAR_FROM_REQUESTED', params: { debitedMinor: '12500000', requestedMinor: '125000000', maxDeviationPercent: '10' } },
    ]);
  });

  it('IQD grant paid in USD (3 → 2 decimals)', () => {
    // 13 000 000.000 IQD at 1 IQD = 0.000769230769 USD → 10 000.00 USD
    expect(checkPaymentRecord({ ...SEK_TO_USD, currency: 'IQD', debitedMinor: 13_000_000_000n, requestedMinor: 13_000_000_000n, transferMinor: 1_000_000n, rate: '0.000769230769' })).toEqual([]);
  });
});
