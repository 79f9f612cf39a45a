import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ApiErrorBody, ErrorCode } from '@mizan/contracts';
import { MizanException } from './mizan.exception';

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  removeHeader?(name: string): ReplyLike;
  send(body: unknown): void;
}

interface KnownError {
  statusCode: number;
  code: ErrorCode;
  message: string;
}

/**
 * Errors of the HTTP layer by their `code`: Fastify's `frameworkErrors` and
 * Node's parser (clientErrorHandler) hand them over as they are; those that
 * reach this filter through Nest arrive rewrapped by status and are mapped by
 * BY_STATUS. The messages are fixed: Fastify's own name the path, the content
 * type or a piece of the body, which must never be echoed back.
 */
export const HTTP_LAYER_ERRORS: Readonly<Record<string, KnownError>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { statusCode: 415, code: ErrorCode.UnsupportedMediaType, message: 'This route does not accept a body of this Content-Type' },
  FST_ERR_CTP_INVALID_CONTENT_TYPE: { statusCode: 415, code: ErrorCode.UnsupportedMediaType, message: 'The Content-Type header could not be read' },
  FST_ERR_CTP_BODY_TOO_LARGE: { statusCode: 413, code: ErrorCode.PayloadTooLarge, message: 'The body is larger than this route accepts' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { statusCode: 400, code: ErrorCode.MalformedRequest, message: 'The body does not match its Content-Length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { statusCode: 400, code: ErrorCode.MalformedJson, message: 'The body is empty but its Content-Type says JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { statusCode: 400, code: ErrorCode.MalformedJson, message: 'The body is not valid JSON' },
  FST_ERR_BAD_URL: { statusCode: 400, code: ErrorCode.BadUrl, message: 'The address could not be decoded' },
  FST_ERR_INVALID_URL: { statusCode: 400, code: ErrorCode.BadUrl, message: 'The address is not a valid URL' },
  FST_ERR_MAX_PARAM_LENGTH: { statusCode: 414, code: ErrorCode.ParameterTooLong, message: 'A part of the address is longer than any id the api knows' },
  FST_ERR_ASYNC_CONSTRAINT: { statusCode: 400, code: ErrorCode.BadUrl, message: 'The address could not be routed' },
  // Node's HTTP parser (Fastify's clientErrorHandler passes these on).
  HPE_HEADER_OVERFLOW: { statusCode: 431, code: ErrorCode.HeadersTooLarge, message: 'The request headers are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { statusCode: 408, code: ErrorCode.RequestTimeout, message: 'The request did not arrive in time' },
};

/** What a client error of a given status is called when nothing more specific is known. Messages never quote the request. */
const BY_STATUS: Readonly<Record<number, Omit<KnownError, 'statusCode'>>> = {
  400: { code: ErrorCode.MalformedRequest, message: 'The request could not be read' },
  401: { code: ErrorCode.NotAuthenticated, message: 'Sign in first' },
  403: { code: ErrorCode.Forbidden, message: 'You are not allowed to do this' },
  404: { code: ErrorCode.NotFound, message: 'There is nothing at this address' },
  405: { code: ErrorCode.NotFound, message: 'There is nothing at this address' },
  408: { code: ErrorCode.RequestTimeout, message: 'The request did not arrive in time' },
  409: { code: ErrorCode.Conflict, message: 'The request conflicts with the current state' },
  413: { code: ErrorCode.PayloadTooLarge, message: 'The body is larger than this route accepts' },
  414: { code: ErrorCode.ParameterTooLong, message: 'A part of the address is longer than any id the api knows' },
  415: { code: ErrorCode.UnsupportedMediaType, message: 'This route does not accept a body of this Content-Type' },
  429: { code: ErrorCode.RateLimited, message: 'Too many requests; try again later' },
  431: { code: ErrorCode.HeadersTooLarge, message: 'The request headers are too large' },
};

function clientError(statusCode: number): ApiErrorBody {
  const known = BY_STATUS[statusCode] ?? BY_STATUS[400];
  return { statusCode, ...known };
}

/**
 * The body of an error raised outside Mizan's own code (Fastify, Node's parser,
 * Nest's router), or undefined when it is not a client error.
 */
export function httpLayerErrorBody(exception: unknown): ApiErrorBody | undefined {
  const code = (exception as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && HTTP_LAYER_ERRORS[code]) return { ...HTTP_LAYER_ERRORS[code] };
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return clientError(statusCode);
  return undefined;
}

/** Maps every error to the one JSON error shape; unexpected errors become a logged 500 without internals. */
@Catch()
export class MizanErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const body = this.toBody(exception);
    if (body.retryAfterSeconds !== undefined) reply.header('Retry-After', String(body.retryAfterSeconds));
    // A download that failed after its headers were set must not answer JSON under a PDF's name and length.
    reply.removeHeader?.('content-length');
    reply.removeHeader?.('content-disposition');
    reply.header('Content-Type', 'application/json; charset=utf-8');
    reply.status(body.statusCode).send(body);
  }

  toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof MizanException) return exception.toBody();
    // Nest's own (a route that does not exist, a framework pipe): the status is kept, the wording is ours,
    // because Nest's messages quote the request ("Cannot GET /the/path").
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) return clientError(status);
    }
    const fromHttpLayer = httpLayerErrorBody(exception);
    if (fromHttpLayer) return fromHttpLayer;
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { statusCode: 500, code: ErrorCode.Internal, message: 'Something went wrong on our side; it has been logged.' };
  }
}
