import 'reflect-metadata';
import fc from 'fast-check';
import { validateSync } from 'class-validator';
import { INT4_MAX, IsBoundedDecimal, IsBoundedInt, IsMinorUnits, isMinorUnits } from './input-bounds';

class Probe {
  @IsBoundedInt(1, INT4_MAX)
  version!: unknown;

  @IsMinorUnits()
  amountMinor!: unknown;

  @IsBoundedDecimal(0, 5, 2)
  threshold!: unknown;
}

function errorsOf(values: Partial<Record<keyof Probe, unknown>>): string[] {
  const probe = Object.assign(new Probe(), { version: 1, amountMinor: '0', threshold: 0, ...values });
  return validateSync(probe).map((e) => e.property);
}

describe('input bounds', () => {
  it('accepts every whole number within the bounds', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: INT4_MAX }), (n) => errorsOf({ version: n }).length === 0));
  });

  it('refuses whole numbers outside them, fractions, -0, non-finite numbers and numbers as text', () => {
    const outside = fc.oneof(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: 0 }), fc.integer({ min: INT4_MAX + 1, max: Number.MAX_SAFE_INTEGER }), fc.double({ noInteger: true }), fc.constantFrom(-0, 1e308, 2 ** 53 + 2, NaN, Infinity, '7', null, true));
    fc.assert(fc.property(outside, (v) => errorsOf({ version: v }).includes('version')));
  });

  it('names the field and the bounds in its message', () => {
    const [error] = validateSync(Object.assign(new Probe(), { version: 3_000_000_000, amountMinor: '0', threshold: 0 }));
    expect(Object.values(error.constraints ?? {})).toEqual(['version must be a whole number from 1 to 2147483647']);
  });

  it('takes money as digits up to 2^53 − 1 and nothing else', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }), (n) => isMinorUnits(n.toString())));
    fc.assert(fc.property(fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + 1n, max: 10n ** 30n }), (n) => !isMinorUnits(n.toString())));
    for (const bad of ['', '-1', '1.5', '1e9', ' 1', '１', '0x10', 1000, null]) expect(errorsOf({ amountMinor: bad })).toEqual(['amountMinor']);
  });

  it('takes decimals with at most the allowed places, and refuses 1e-320 without throwing', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 500 }), (hundredths) => errorsOf({ threshold: hundredths / 100 }).length === 0));
    for (const bad of [1e-320, 5e-324, -0, 1.234, 5.01, -0.01, 0.1 + 0.2, NaN, '1.5']) expect(errorsOf({ threshold: bad })).toEqual(['threshold']);
  });
});
