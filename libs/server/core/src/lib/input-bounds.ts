import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/*
 * The numeric bounds every request field is held to. `Number.isInteger`
 * alone lets 1e308, 3000000000 and 9007199254740993 through, and PostgreSQL
 * answers those with "integer out of range" — a 500. Each bound here is the
 * column's (or the domain's, when tighter), so what passes validation fits.
 */

/** PostgreSQL `integer` (int4). */
export const INT4_MAX = 2_147_483_647;
/** PostgreSQL `smallint` (int2). */
export const INT2_MAX = 32_767;
/**
 * Money in minor units, written as digits. The columns are `bigint`, but the
 * web reads amounts into JavaScript numbers for charts and sums: past 2^53 − 1
 * they would silently round. 90 trillion SEK is still far above any program.
 */
export const MINOR_UNITS_MAX = BigInt(Number.MAX_SAFE_INTEGER);
/** Highest page number a list accepts: (page − 1) × pageSize stays an exact int4 offset. */
export const PAGE_MAX = 100_000;
/** Largest page a list returns. */
export const PAGE_SIZE_MAX = 200;

function assertSafeBounds(min: number, max: number): void {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) throw new Error(`bad integer bounds ${min}..${max}`);
}

/**
 * A whole number from min to max, both inclusive: a JSON number that is a safe
 * integer (no fraction, no 1e308, no -0). Also documents the field in the
 * OpenAPI document as an integer with these bounds.
 */
export function IsBoundedInt(min: number, max: number, options: ValidationOptions = {}): PropertyDecorator {
  assertSafeBounds(min, max);
  const validate = ValidateBy(
    {
      name: 'isBoundedInt',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0) && value >= min && value <= max,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} must be a whole number from ${min} to ${max}`,
      },
    },
    options,
  );
  if (options.each) return validate;
  const document = ApiProperty({ type: 'integer', minimum: min, maximum: max });
  return (target, key) => {
    validate(target, key);
    document(target, key);
  };
}

/**
 * A number from min to max with at most `decimals` decimals (1.5, not 1.234):
 * finite, not -0, and equal to itself rounded to those decimals. class-validator's
 * `maxDecimalPlaces` reads the number's text and throws on `1e-320` (a 500).
 */
export function IsBoundedDecimal(min: number, max: number, decimals: number, options: ValidationOptions = {}): PropertyDecorator {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max || !Number.isInteger(decimals) || decimals < 0 || decimals > 10) throw new Error(`bad decimal bounds ${min}..${max}/${decimals}`);
  const validate = ValidateBy(
    {
      name: 'isBoundedDecimal',
      constraints: [min, max, decimals],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0) && value >= min && value <= max && Number(value.toFixed(decimals)) === value,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} must be a number from ${min} to ${max} with at most ${decimals} decimals`,
      },
    },
    options,
  );
  const document = ApiProperty({ type: 'number', minimum: min, maximum: max, multipleOf: 10 ** -decimals });
  return (target, key) => {
    validate(target, key);
    document(target, key);
  };
}

const DIGITS = /^\d{1,16}$/;

/** True for "0"…"9007199254740991" written as plain digits (no sign, point, exponent or spaces). */
export function isMinorUnits(value: unknown, max: bigint = MINOR_UNITS_MAX): value is string {
  return typeof value === 'string' && DIGITS.test(value) && BigInt(value) <= max;
}

/**
 * Money in whole minor units as a string of digits, at most `max`
 * (default 2^53 − 1): strings, because a JSON number cannot carry a bigint
 * exactly. Documents the field as such.
 */
export function IsMinorUnits(options: ValidationOptions & { max?: bigint } = {}): PropertyDecorator {
  const { max = MINOR_UNITS_MAX, ...validationOptions } = options;
  const validate = ValidateBy(
    {
      name: 'isMinorUnits',
      constraints: [max.toString()],
      validator: {
        validate: (value: unknown) => isMinorUnits(value, max),
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} must be a whole number of minor units written as digits, from 0 to ${max}`,
      },
    },
    validationOptions,
  );
  if (validationOptions.each) return validate;
  const document = ApiProperty({ type: 'string', pattern: DIGITS.source, maxLength: max.toString().length });
  return (target, key) => {
    validate(target, key);
    document(target, key);
  };
}

/**
 * Query strings carry text: turns "12" into 12 and leaves anything else
 * ("1.5", "1e308", "", "abc", a repeated key's array) as it came, so the
 * integer check beside it refuses it by name instead of seeing NaN or a float.
 */
export function QueryInt(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value));
}
