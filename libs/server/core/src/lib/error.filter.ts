import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ApiErrorBody, ErrorCode } from '@mizan/contracts';
import { MizanException } from './mizan.exception';

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.MalformedRequest,
  401: ErrorCode.NotAuthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.MalformedRequest,
  415: ErrorCode.MalformedRequest,
  429: ErrorCode.RateLimited,
};

/** Maps every error to the one JSON error shape; unexpected errors become a logged 500 without internals. */
@Catch()
export class MizanErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const body = this.toBody(exception);
    if (body.retryAfterSeconds !== undefined) reply.header('Retry-After', String(body.retryAfterSeconds));
    reply.status(body.statusCode).send(body);
  }

  toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof MizanException) return exception.toBody();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? String(Array.isArray((response as { message: unknown }).message) ? (response as { message: string[] }).message.join('; ') : (response as { message: unknown }).message)
          : exception.message;
      return { statusCode: status, code: CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.MalformedRequest), message };
    }
    // Fastify raises plain errors with a statusCode for malformed bodies, oversize payloads, etc.
    const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return {
        statusCode,
        code: CODE_BY_STATUS[statusCode] ?? ErrorCode.MalformedRequest,
        message: (exception as Error).message || 'The request could not be read',
      };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { statusCode: 500, code: ErrorCode.Internal, message: 'Something went wrong on our side; it has been logged.' };
  }
}
