import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { ErrorCode, FieldErrorCode, FieldProblem } from '@mizan/contracts';
import { MizanException } from './mizan.exception';

/** The code of each class-validator constraint; anything else is INVALID. */
const CODE_OF: Readonly<Record<string, FieldErrorCode>> = {
  isNotEmpty: FieldErrorCode.Required,
  isDefined: FieldErrorCode.Required,
  minLength: FieldErrorCode.TooShort,
  maxLength: FieldErrorCode.TooLong,
  min: FieldErrorCode.TooSmall,
  max: FieldErrorCode.TooLarge,
  arrayMinSize: FieldErrorCode.TooFew,
  arrayNotEmpty: FieldErrorCode.TooFew,
  arrayMaxSize: FieldErrorCode.TooMany,
  arrayUnique: FieldErrorCode.Duplicates,
  isIn: FieldErrorCode.NotOneOf,
  isEnum: FieldErrorCode.NotOneOf,
  isString: FieldErrorCode.NotText,
  isInt: FieldErrorCode.NotInteger,
  isNumber: FieldErrorCode.NotNumber,
  isNumberString: FieldErrorCode.NotNumber,
  isBoolean: FieldErrorCode.NotBoolean,
  isArray: FieldErrorCode.NotList,
  isObject: FieldErrorCode.NotObject,
  nestedValidation: FieldErrorCode.NotObject,
  isUuid: FieldErrorCode.NotId,
  isEmail: FieldErrorCode.NotEmail,
  isDateString: FieldErrorCode.NotDate,
  isIso8601: FieldErrorCode.NotDate,
  isDate: FieldErrorCode.NotDate,
  matches: FieldErrorCode.WrongFormat,
  noDirectionControls: FieldErrorCode.InvalidCharacter,
  whitelistValidation: FieldErrorCode.NotAccepted,
};

/** The arguments a decorator was given (`@MaxLength(200)` → [200]), from class-validator's own metadata. */
function constraintsOf(error: ValidationError, key: string): unknown[] {
  const target = error.target?.constructor;
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name === key || m.type === key));
  return (metadata?.constraints as unknown[] | undefined) ?? [];
}

function codeOf(error: ValidationError, key: string, message: string): Pick<FieldProblem, 'code' | 'params'> {
  const code = CODE_OF[key] ?? (key.toLowerCase() === 'isuuid' ? FieldErrorCode.NotId : FieldErrorCode.Invalid);
  const [first] = constraintsOf(error, key);
  switch (code) {
    case FieldErrorCode.TooShort:
      // @MinLength(1) means "not empty".
      return typeof first === 'number' ? (first <= 1 ? { code: FieldErrorCode.Required } : { code, params: { min: first } }) : { code };
    case FieldErrorCode.TooSmall:
    case FieldErrorCode.TooFew:
      return typeof first === 'number' ? { code, params: { min: first } } : { code };
    case FieldErrorCode.TooLong:
    case FieldErrorCode.TooLarge:
    case FieldErrorCode.TooMany:
      return typeof first === 'number' ? { code, params: { max: first } } : { code };
    case FieldErrorCode.NotOneOf: {
      const values = Array.isArray(first) ? first : first && typeof first === 'object' ? Object.values(first) : [];
      return values.length ? { code, params: { values: values.map(String).join(', ') } } : { code };
    }
    case FieldErrorCode.InvalidCharacter: {
      const found = /\((U\+[0-9A-F]{4,6} [^)]+)\) at position (\d+)/.exec(message);
      return found ? { code, params: { character: found[1], position: Number(found[2]) } } : { code };
    }
    default:
      return { code };
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {});
    for (const [key, message] of own) out.push({ field, message, ...codeOf(error, key, message) });
    // A value of the wrong shape (an object where a list belongs) has no meaningful contents: name it, not its keys as unknown fields.
    if (own.length === 0 && error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/**
 * Validates every body and query against its DTO, rejecting unknown fields
 * with a 400 that names them (code UNKNOWN_FIELDS) and bad values with
 * VALIDATION_FAILED naming each field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The target lets a field problem name its limit (class-validator's metadata); it never leaves the server.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const unknown = fields.filter((f) => f.code === FieldErrorCode.NotAccepted || f.message.includes('should not exist'));
      if (unknown.length > 0) {
        return new MizanException(
          ErrorCode.UnknownFields,
          `Unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.map((f) => f.field).join(', ')}`,
          unknown.map((f) => ({ field: f.field, code: FieldErrorCode.NotAccepted, message: 'This field is not accepted here' })),
        );
      }
      return new MizanException(
        ErrorCode.ValidationFailed,
        `Invalid ${[...new Set(fields.map((f) => f.field))].join(', ')}`,
        fields,
      );
    },
  });
}
