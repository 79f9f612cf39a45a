import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, from, of, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import type { ApiErrorBody } from '@mizan/contracts';
import { MizanErrorFilter, MizanException } from '@mizan/server/core';
import { IdempotencyService, parseIdempotencyKey } from '@mizan/server/finance';
import type { MizanRequest } from '@mizan/server/identity';

export const IDEMPOTENT = 'mizan:idempotent';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on an answer that is a replay of a stored one. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * A money-moving POST: honours an optional `Idempotency-Key` header (the
 * interceptor below). Without the header the route still cannot move money
 * twice (the database's uniqueness rules), but a client that retries with the
 * same key gets the first answer back instead of a conflict.
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    // On these routes only: a global interceptor would put every request of the api through Nest's interceptor chain.
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: '1–200 visible ASCII characters, unique per intended operation. Same key and body: the first answer again; another body: 409.',
    }),
  );

/** A stored 4xx answer, given again exactly as it was first given. */
class StoredAnswer extends MizanException {
  constructor(private readonly stored: ApiErrorBody) {
    super(stored.code, stored.message);
  }
  override getStatus(): number {
    return this.stored.statusCode;
  }
  override toBody(): ApiErrorBody {
    return this.stored;
  }
}

const errorBodies = new MizanErrorFilter();

function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  return 500;
}

/**
 * Runs after the access guard (so the caller is known): keys are scoped per
 * user. Mounted by `@Idempotent()` on the routes it marks, nowhere else.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: IdempotencyService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & MizanRequest>();
    const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]);
    const userId = request.mizan?.user.id;
    if (key === null || !userId) return next.handle();
    const reply = http.getResponse<FastifyReply>();
    this.keys.purgeOccasionally();

    return from(
      this.keys.claim({
        userId,
        key,
        method: request.method,
        route: request.routeOptions.url ?? request.url.split('?')[0],
        params: request.params,
        body: request.body,
      }),
    ).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'replay') {
          void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
          if (claim.status >= 400) return throwError(() => new StoredAnswer(claim.body as ApiErrorBody));
          return of(claim.body);
        }
        return next.handle().pipe(
          mergeMap((result: unknown) => {
            const status = defaultStatus(request.method, context, this.reflector);
            return from(this.keys.complete(userId, key, status, result).then(() => result));
          }),
          catchError((error: unknown) => {
            const status = statusOf(error);
            const settle =
              status >= 500 ? this.keys.release(userId, key) : this.keys.complete(userId, key, status, errorBodies.toBody(error));
            return from(settle.catch(() => undefined)).pipe(mergeMap(() => throwError(() => error)));
          }),
        );
      }),
    );
  }
}

/** The status Nest will answer with: the route's @HttpCode, else 201 for POST and 200 otherwise. */
function defaultStatus(method: string, context: ExecutionContext, reflector: Reflector): number {
  const code = reflector.get<number | undefined>('__httpCode__', context.getHandler());
  if (code !== undefined) return code;
  return method.toUpperCase() === 'POST' ? 201 : 200;
}
