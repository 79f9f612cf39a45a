import { Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ErrorCode } from '@mizan/contracts';
import { MizanException } from './mizan.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the text is a UUID (any case): ids are checked before a query sees them (a malformed uuid is a 500 in PostgreSQL). */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/**
 * Refuses a path id that is not a UUID before any query sees it: PostgreSQL
 * would answer `invalid input syntax for type uuid` (a 500). The answer is the
 * same 404 an id out of reach gets, so a malformed id reveals nothing, and it
 * names the parameter.
 */
export class ParseIdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name: string) {}

  transform(value: unknown): string {
    if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
    throw new MizanException(ErrorCode.NotFound, 'Nothing was found with this id', [{ field: this.name, message: `${this.name} must be an id (a UUID)` }]);
  }
}

/** `@IdParam('id')`: the route parameter, checked to be a UUID and documented as one. */
export function IdParam(name = 'id'): ParameterDecorator {
  const param = Param(name, new ParseIdPipe(name));
  const document = ApiParam({ name, type: String, format: 'uuid' });
  return (target, key, index) => {
    param(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) document(target, key, descriptor);
  };
}
