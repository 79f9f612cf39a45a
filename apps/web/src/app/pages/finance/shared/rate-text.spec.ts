import { convertWithRate, parseRateText, type ParsedRate } from './rate-text';

function rate(text: string): ParsedRate {
  const parsed = parseRateText(text);
  if (!parsed) throw new Error(`not a rate: ${text}`);
  return parsed;
}

describe('parseRateText', () => {
  it('takes exact decimals and refuses zero, negatives, words and too many decimals', () => {
    expect(parseRateText('10.9525')).toEqual({ units: 109525n, scale: 4 });
    expect(parseRateText(' 1 ')).toEqual({ units: 1n, scale: 0 });
    expect(parseRateText('0')).toBeNull();
    expect(parseRateText('0.000')).toBeNull();
    expect(parseRateText('-1.2')).toBeNull();
    expect(parseRateText('abc')).toBeNull();
    expect(parseRateText('1.1234567890123')).toBeNull();
    expect(parseRateText('1e3')).toBeNull();
  });
});

describe('convertWithRate', () => {
  it('converts across exponents and rounds half to even', () => {
    // 1,000.00 SEK at 0.0952 USD = 95.20 USD
    expect(convertWithRate(100000n, 'SEK', 'USD', rate('0.0952'))).toBe(9520n);
    // 1.00 USD at 1310.5 IQD = 1310.500 IQD (3 decimals)
    expect(convertWithRate(100n, 'USD', 'IQD', rate('1310.5'))).toBe(1310500n);
    // 1.000 IQD at 0.00075 USD = 0.00075 USD → 0.00 (half-even: 0.075 cents → 0)
    expect(convertWithRate(1000n, 'IQD', 'USD', rate('0.00075'))).toBe(0n);
    // 0.05 × 0.5 = 0.025 → 0.02 ; 0.15 × 0.5 = 0.075 → 0.08
    expect(convertWithRate(5n, 'EUR', 'USD', rate('0.5'))).toBe(2n);
    expect(convertWithRate(15n, 'EUR', 'USD', rate('0.5'))).toBe(8n);
  });
});
