import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode, FieldError } from '@mizan/contracts';
import { MizanException } from './mizan.exception';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {});
    for (const message of own) out.push({ field, message });
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
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const unknown = fields.filter((f) => f.message.includes('should not exist'));
      if (unknown.length > 0) {
        return new MizanException(
          ErrorCode.UnknownFields,
          `Unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.map((f) => f.field).join(', ')}`,
          unknown.map((f) => ({ field: f.field, message: 'This field is not accepted here' })),
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
