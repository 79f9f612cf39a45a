import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ApiErrorBody, ErrorCode } from '@mizan/contracts';
import { MizanException, httpLayerErrorBody } from '@mizan/server/core';
import { MAX_JSON_DEPTH, jsonNestingExceeds } from './json-depth';
import { findUnstorableText } from './text-check';

/** The largest JSON body the api reads. */
export const JSON_BODY_LIMIT = 1_048_576;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by @AcceptsUpload(): the route takes multipart/form-data and nothing else. */
    mizanUpload?: boolean;
    /** Set by @TusRoute(): a tus route (resumable upload); its PATCH body is application/offset+octet-stream, read by the tus server. */
    mizanTus?: boolean;
  }
}

/** Marks a route as an upload: it takes multipart/form-data (read by readSingleUpload) and refuses every other body with 415. */
export const AcceptsUpload = (): MethodDecorator => applyDecorators(RouteConfig({ mizanUpload: true }), ApiConsumes('multipart/form-data'));

/** The media type of a tus PATCH body. */
export const TUS_BODY_TYPE = 'application/offset+octet-stream';

/** Marks a tus route: bodies are application/offset+octet-stream, left unread for the tus server (the reply is hijacked). */
export const TusRoute = (): MethodDecorator => applyDecorators(RouteConfig({ mizanTus: true }), ApiConsumes(TUS_BODY_TYPE), ApiBody({ required: true, schema: { type: 'string', format: 'binary' } }));

function mediaType(header: string | undefined): string | undefined {
  const type = header?.split(';')[0].trim().toLowerCase();
  return type ? type : undefined;
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isUploadRoute(request: FastifyRequest): boolean {
  return request.routeOptions.config?.mizanUpload === true;
}

/**
 * How every request is checked before a guard or the validation pipe sees it
 * (ARCHITECTURE "How a request is checked before the validation pipe"):
 *
 * 1. onRequest: a body's Content-Type must be the route's: multipart/form-data
 *    on upload routes, application/json everywhere else (415, body unread).
 * 2. Parsing: only those two parsers exist (Nest's urlencoded parser and
 *    Fastify's text/plain one are gone). JSON is refused if it nests deeper
 *    than MAX_JSON_DEPTH before it is parsed, and parsed with prototype
 *    poisoning refused. Multipart is left unread for readSingleUpload, so a
 *    caller without access to the route never has their upload read.
 * 3. preValidation: no NUL and no lone surrogate in any body field, query
 *    parameter or route parameter, keys included (400 INVALID_TEXT naming each).
 */
export function installInputChecks(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonNestingExceeds(text, MAX_JSON_DEPTH)) {
      done(new MizanException(ErrorCode.JsonTooDeep, `The body nests more than ${MAX_JSON_DEPTH} levels deep`), undefined);
      return;
    }
    // Refused here in our own words: Nest rewraps Fastify's errors by status, losing their code.
    parseJson(request, text, (error, value) => {
      if (!error) done(null, value);
      else {
        const empty = (error as { code?: string }).code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
        done(new MizanException(ErrorCode.MalformedJson, empty ? 'The body is empty but its Content-Type says JSON' : 'The body is not valid JSON'), undefined);
      }
    });
  });
  // Left unread here: readSingleUpload reads it, with its own limit, once the route allows the caller.
  fastify.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null));
  // Left unread too: the tus server streams it to disk once the route has allowed the caller and the upload's owner.
  fastify.addContentTypeParser(TUS_BODY_TYPE, (_request, _payload, done) => done(null));

  fastify.addHook('onRequest', async (request) => {
    if (request.is404 || !hasBody(request)) return;
    const type = mediaType(request.headers['content-type']);
    if (request.routeOptions.config?.mizanTus === true) {
      if (type !== TUS_BODY_TYPE) throw new MizanException(ErrorCode.UnsupportedMediaType, `This route takes ${TUS_BODY_TYPE}`);
    } else if (isUploadRoute(request)) {
      if (type !== 'multipart/form-data') {
        const message = 'send the file as multipart/form-data with a field named "file"';
        throw new MizanException(ErrorCode.UnsupportedMediaType, 'This route takes multipart/form-data', [{ field: 'file', message }]);
      }
    } else if (type !== 'application/json') {
      throw new MizanException(ErrorCode.UnsupportedMediaType, 'This route takes application/json');
    }
  });

  fastify.addHook('preValidation', async (request) => {
    const fields = [...findUnstorableText(request.params, 'params'), ...findUnstorableText(request.query, 'query'), ...findUnstorableText(request.body, 'body')];
    if (fields.length > 0) {
      throw new MizanException(ErrorCode.InvalidText, `Text that cannot be stored in ${[...new Set(fields.map((f) => f.field))].join(', ')}`, fields);
    }
  });
}

const UNREADABLE: ApiErrorBody = { statusCode: 400, code: ErrorCode.MalformedRequest, message: 'The request could not be read' };

/** Fastify's `frameworkErrors`: a URL it cannot decode or route, answered in the one error shape (its own answer quotes the path). */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const body = httpLayerErrorBody(error) ?? UNREADABLE;
  void reply.status(body.statusCode).header('Content-Type', 'application/json; charset=utf-8').send(body);
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before
 * Fastify sees a request (malformed head, headers too large, a body cut short
 * of its Content-Length, a timeout), answered in the one error shape.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body = httpLayerErrorBody(error) ?? UNREADABLE;
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode] ?? 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}
