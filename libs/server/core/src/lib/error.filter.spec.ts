import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ErrorCode } from '@mizan/contracts';
import { MizanErrorFilter } from './error.filter';
import { MizanException } from './mizan.exception';

describe('MizanErrorFilter.toBody', () => {
  const filter = new MizanErrorFilter();

  it('keeps a MizanException’s code, fields and retry hint', () => {
    const body = filter.toBody(new MizanException(ErrorCode.TooManyAttempts, 'slow down', [{ field: 'email', message: 'locked' }], 60));
    expect(body).toEqual({ statusCode: 429, code: ErrorCode.TooManyAttempts, message: 'slow down', fields: [{ field: 'email', message: 'locked' }], retryAfterSeconds: 60 });
  });

  it('maps framework exceptions to the same shape', () => {
    expect(filter.toBody(new NotFoundException('Cannot GET /nope'))).toMatchObject({ statusCode: 404, code: ErrorCode.NotFound });
    expect(filter.toBody(new BadRequestException(['a', 'b']))).toMatchObject({ statusCode: 400, code: ErrorCode.MalformedRequest, message: 'a; b' });
  });

  it('maps Fastify client errors (bad JSON, too large) to a 4xx', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(filter.toBody(tooLarge)).toMatchObject({ statusCode: 413, code: ErrorCode.MalformedRequest });
  });

  it('hides internals of unexpected errors behind a 500', () => {
    jest.spyOn(filter['logger'], 'error').mockImplementation(() => undefined);
    const body = filter.toBody(new Error('password=hunter2 leaked in a stack'));
    expect(body).toEqual({ statusCode: 500, code: ErrorCode.Internal, message: expect.not.stringContaining('hunter2') });
  });
});
