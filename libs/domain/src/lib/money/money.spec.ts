import fc from 'fast-check';
import {
  CURRENCIES,
  CURRENCY_EXPONENT,
  CurrencyCode,
  MoneyError,
  formatBasisPoints,
  formatDecimal,
  isCurrency,
  parseDecimal,
  parseMinor,
  percentToBasisPoints,
  shareBasisPoints,
  sumMinor,
} from './money';

/** Fixed seed: a failure is reproducible on any machine. */
const RUNS = { seed: 20261204, numRuns: 500 };

const currency = fc.constantFrom(...CURRENCIES);
/** Any amount parseDecimal can read back: at most 15 whole digits. */
const amountIn = (c: CurrencyCode) => {
  const limit = 10n ** BigInt(15 + CURRENCY_EXPONENT[c]) - 1n;
  return fc.bigInt({ min: -limit, max: limit });
};
const currencyAndAmount = currency.chain((c) => fc.tuple(fc.constant(c), amountIn(c)));

describe('money: integer minor units per currency', () => {
  it('knows every currency and its minor units, IQD with three', () => {
    expect(CURRENCY_EXPONENT).toEqual({ SEK: 2, EUR: 2, GBP: 2, USD: 2, IQD: 3 });
    for (const c of CURRENCIES) expect(isCurrency(c)).toBe(true);
    for (const other of ['sek', 'XXX', 'toString', '__proto__', 'constructor', '', 42, null, undefined]) expect(isCurrency(other)).toBe(false);
  });

  it('parses and formats the examples people type', () => {
    expect(parseDecimal('12500.5', 'SEK')).toBe(1250050n);
    expect(parseDecimal('12 500.50', 'SEK')).toBe(1250050n);
    expect(parseDecimal('1,000,000.50', 'EUR')).toBe(100000050n);
    expect(parseDecimal('1\u00a0000\u00a0000', 'SEK')).toBe(100000000n);
    expect(parseDecimal('  -3.25 ', 'GBP')).toBe(-325n);
    expect(parseDecimal('1.001', 'IQD')).toBe(1001n);
    expect(parseDecimal('7', 'IQD')).toBe(7000n);
    expect(formatDecimal(1250050n, 'SEK')).toBe('12500.50');
    expect(formatDecimal(5n, 'USD')).toBe('0.05');
    expect(formatDecimal(-5n, 'IQD')).toBe('-0.005');
    expect(formatDecimal(0n, 'IQD')).toBe('0.000');
  });

  it('never goes through floating point: the classic float traps come out exact', () => {
    // 0.1 + 0.2 !== 0.3 and 1.005 * 100 === 100.49999… in binary floating point.
    expect(parseDecimal('0.1', 'SEK') + parseDecimal('0.2', 'SEK')).toBe(parseDecimal('0.3', 'SEK'));
    expect(parseDecimal('1.005', 'IQD')).toBe(1005n);
    expect(parseDecimal('19.99', 'EUR')).toBe(1999n);
    expect(parseDecimal('0.29', 'USD')).toBe(29n);
    expect(parseDecimal('999999999999999.99', 'SEK')).toBe(99999999999999999n);
    expect(formatDecimal(99999999999999999n, 'SEK')).toBe('999999999999999.99');
  });

  it('refuses what is not an amount, and more decimals than the currency has', () => {
    for (const bad of ['', ' ', 'abc', '1.', '.5', '1.2.3', '1,5', '1.000,50', '+5', '1e3', 'NaN', 'Infinity', '0x10', '1 0000', '1234567890123456']) {
      expect(() => parseDecimal(bad, 'SEK')).toThrow(MoneyError);
    }
    expect(() => parseDecimal('1.001', 'SEK')).toThrow(/SEK has 2 decimals/);
    expect(() => parseDecimal('1.0001', 'IQD')).toThrow(/IQD has 3 decimals/);
    for (const bad of ['1.0', '', '+1', ' 1', '1 ', '1234567890123456789', '--1']) expect(() => parseMinor(bad)).toThrow(MoneyError);
    expect(parseMinor('-42')).toBe(-42n);
  });

  it('property: format then parse gives back the same amount, for every currency and every amount it can hold', () => {
    fc.assert(
      fc.property(currencyAndAmount, ([c, amount]) => parseDecimal(formatDecimal(amount, c), c) === amount),
      RUNS,
    );
  });

  it('property: the formatted text has exactly the currency’s number of decimals', () => {
    fc.assert(
      fc.property(currencyAndAmount, ([c, amount]) => {
        const text = formatDecimal(amount, c);
        return new RegExp(`^-?\\d+\\.\\d{${CURRENCY_EXPONENT[c]}}$`).test(text) && (amount < 0n) === text.startsWith('-');
      }),
      RUNS,
    );
  });

  it('property: a typed amount with up to the allowed decimals is exactly whole × 10^e + fraction, with or without thousands separators', () => {
    const typed = currency.chain((c) =>
      fc.tuple(
        fc.constant(c),
        fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: CURRENCY_EXPONENT[c] }),
        fc.boolean(),
        fc.constantFrom(',', ' ', '\u00a0'),
      ),
    );
    fc.assert(
      fc.property(typed, ([c, whole, fraction, negative, separator]) => {
        const e = CURRENCY_EXPONENT[c];
        const expected = (whole * 10n ** BigInt(e) + BigInt(fraction.padEnd(e, '0') || '0')) * (negative ? -1n : 1n);
        const plain = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
        const grouped = `${negative ? '-' : ''}${whole.toString().replace(/\B(?=(\d{3})+$)/g, separator)}${fraction ? `.${fraction}` : ''}`;
        return parseDecimal(plain, c) === expected && parseDecimal(grouped, c) === expected;
      }),
      RUNS,
    );
  });

  it('property: one decimal too many is always refused', () => {
    fc.assert(
      fc.property(currency, fc.nat({ max: 10 ** 6 }), fc.integer({ min: 1, max: 9 }), (c, whole, last) => {
        const text = `${whole}.${'0'.repeat(CURRENCY_EXPONENT[c])}${last}`;
        try {
          parseDecimal(text, c);
          return false;
        } catch (error) {
          return error instanceof MoneyError;
        }
      }),
      RUNS,
    );
  });

  it('property: sums are exact — the sum of parsed amounts formats to the sum, and sumMinor is order-independent', () => {
    fc.assert(
      fc.property(
        currency.chain((c) => fc.tuple(fc.constant(c), fc.array(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), { maxLength: 30 }))),
        ([c, amounts]) => {
          const viaText = sumMinor(amounts.map((a) => parseDecimal(formatDecimal(a, c), c)));
          const reversed = sumMinor([...amounts].reverse());
          return viaText === reversed && viaText === amounts.reduce((s, a) => s + a, 0n);
        },
      ),
      RUNS,
    );
    expect(sumMinor([])).toBe(0n);
  });

  it('property: parseMinor reads back any whole number of minor units', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }), (n) => parseMinor(n.toString()) === n),
      RUNS,
    );
  });
});

describe('money: shares in basis points', () => {
  it('examples', () => {
    expect(shareBasisPoints(1n, 3n)).toBe(3333);
    expect(shareBasisPoints(2n, 3n)).toBe(6666);
    expect(shareBasisPoints(5n, 0n)).toBe(0);
    expect(percentToBasisPoints('7.5')).toBe(750);
    expect(percentToBasisPoints('100')).toBe(10000);
    expect(percentToBasisPoints(' 0.05 ')).toBe(5);
    expect(formatBasisPoints(750)).toBe('7.5 %');
    expect(formatBasisPoints(705)).toBe('7.05 %');
    expect(formatBasisPoints(10000)).toBe('100 %');
    for (const bad of ['100.01', '101', '-1', '7.555', '7,5', '', 'abc']) expect(() => percentToBasisPoints(bad)).toThrow(MoneyError);
  });

  it('property: a share is rounded down, exactly, and lies in 0–10,000 when the part is within the whole', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 17n }), fc.bigInt({ min: 0n, max: 10n ** 17n }), (whole, rawPart) => {
        const part = rawPart % (whole + 1n);
        const share = BigInt(shareBasisPoints(part, whole));
        return share >= 0n && share <= 10_000n && share * whole <= part * 10_000n && part * 10_000n < (share + 1n) * whole;
      }),
      RUNS,
    );
  });

  it('property: formatting a share and reading it back as a percentage gives the same basis points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => percentToBasisPoints(formatBasisPoints(bp).replace(' %', '')) === bp),
      RUNS,
    );
  });
});
