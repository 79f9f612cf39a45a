import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { ErrorCode } from '@mizan/contracts';
import { MizanErrorFilter, httpLayerErrorBody } from './error.filter';
import { MizanException } from './mizan.exception';

describe('MizanErrorFilter.toBody', () => {
  const filter = new MizanErrorFilter();

  it('keeps a MizanException’s code, fields and retry hint', () => {
    const body = filter.toBody(new MizanException(ErrorCode.TooManyAttempts, 'slow down', [{ field: 'email', message: 'locked' }], 60));
    expect(body).toEqual({ statusCode: 429, code: ErrorCode.TooManyAttempts, message: 'slow down', fields: [{ field: 'email', code: 'INVALID', message: 'locked' }], retryAfterSeconds: 60 });
  });

  it('maps framework exceptions to the same shape, in our words: theirs quote the request', () => {
    expect(filter.toBody(new NotFoundException('Cannot GET /nope<script>'))).toEqual({ statusCode: 404, code: ErrorCode.NotFound, message: 'There is nothing at this address' });
    expect(filter.toBody(new BadRequestException(['a', 'b']))).toEqual({ statusCode: 400, code: ErrorCode.MalformedRequest, message: 'The request could not be read' });
    // How Nest hands over a Fastify error: rewrapped with its message and status only.
    expect(filter.toBody(new HttpException("Unsupported Media Type: application/x-evil", 415))).toEqual({
      statusCode: 415,
      code: ErrorCode.UnsupportedMediaType,
      message: 'This route does not accept a body of this Content-Type',
    });
    expect(filter.toBody(new HttpException('Request body is too large', 413))).toMatchObject({ statusCode: 413, code: ErrorCode.PayloadTooLarge });
  });

  it('maps errors of the HTTP layer by their code, never by their message', () => {
    const badUrl = Object.assign(new Error("'/api/v1/%E0' is not a valid url component"), { code: 'FST_ERR_BAD_URL', statusCode: 400 });
    expect(filter.toBody(badUrl)).toEqual({ statusCode: 400, code: ErrorCode.BadUrl, message: 'The address could not be decoded' });
    const longParam = Object.assign(new Error("'/api/v1/aaaa' is exceeding the max param length"), { code: 'FST_ERR_MAX_PARAM_LENGTH', statusCode: 414 });
    expect(filter.toBody(longParam)).toMatchObject({ statusCode: 414, code: ErrorCode.ParameterTooLong });
    expect(httpLayerErrorBody(Object.assign(new Error('x'), { code: 'HPE_HEADER_OVERFLOW' }))).toMatchObject({ statusCode: 431, code: ErrorCode.HeadersTooLarge });
    expect(httpLayerErrorBody(Object.assign(new Error('x'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }))).toMatchObject({ statusCode: 408, code: ErrorCode.RequestTimeout });
    expect(httpLayerErrorBody(Object.assign(new Error('secret'), { statusCode: 400 }))).toEqual({ statusCode: 400, code: ErrorCode.MalformedRequest, message: 'The request could not be read' });
    expect(httpLayerErrorBody(new Error('a programming error'))).toBeUndefined();
  });

  it('every ErrorCode the HTTP layer answers has the status it is documented with', () => {
    for (const [code, status] of [
      [ErrorCode.MalformedJson, 400],
      [ErrorCode.JsonTooDeep, 400],
      [ErrorCode.WrongBodyShape, 400],
      [ErrorCode.InvalidText, 400],
      [ErrorCode.MalformedUpload, 400],
      [ErrorCode.BadUrl, 400],
      [ErrorCode.RequestTimeout, 408],
      [ErrorCode.PayloadTooLarge, 413],
      [ErrorCode.ParameterTooLong, 414],
      [ErrorCode.UnsupportedMediaType, 415],
      [ErrorCode.HeadersTooLarge, 431],
    ] as const) {
      expect({ code, status: new MizanException(code, 'm').getStatus() }).toEqual({ code, status });
    }
  });

  it('hides internals of unexpected errors behind a 500', () => {
    jest.spyOn(filter['logger'], 'error').mockImplementation(() => undefined);
    const body = filter.toBody(new Error('password=hunter2 leaked in a stack'));
    expect(body).toEqual({ statusCode: 500, code: ErrorCode.Internal, message: expect.not.stringContaining('hunter2') });
  });
});
