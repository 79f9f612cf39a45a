import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';

const NOT_DTOS: ReadonlySet<unknown> = new Set([String, Number, Boolean, Object, Array, Buffer]);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function wrongShape(expected: string, value: unknown): MizanException {
  const message = `the body must be ${expected}, not ${describe(value)}`;
  return new MizanException(ErrorCode.WrongBodyShape, `The body must be ${expected}`, [{ field: 'body', message }]);
}

/**
 * Runs before the validation pipe: a body bound to a DTO class must be a
 * JSON object, a body bound to an array must be an array. Without it
 * class-transformer turns `[…]` into a DTO with fields "0", "1"… and `null`
 * or `"x"` into a list of every missing field, which say nothing useful.
 * A missing body is left to the validation pipe (DTOs whose fields are all
 * optional accept it).
 */
@Injectable()
export class BodyShapePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // `@Body('name')` binds one property, not the body.
    if (metadata.type !== 'body' || metadata.data !== undefined || value === undefined || !metadata.metatype) return value;
    if (metadata.metatype === Array) {
      if (!Array.isArray(value)) throw wrongShape('a JSON array', value);
    } else if (!NOT_DTOS.has(metadata.metatype)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw wrongShape('a JSON object', value);
    }
    return value;
  }
}
