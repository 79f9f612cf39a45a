import fastifyCookie from '@fastify/cookie';
import { Logger, LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { API_PREFIX } from '@mizan/contracts';
import { MizanConfig, MizanErrorFilter, createValidationPipe } from '@mizan/server/core';
import { AppModule } from './app.module';
import { buildApiDocument } from './openapi/api-document';
import { BodyShapePipe } from './http/body-shape.pipe';
import { JSON_BODY_LIMIT, clientErrorHandler, frameworkErrors, installInputChecks } from './http/http-input';
import { registerWebStatic } from './http/web-static';
import { inlineScriptHashes, installSecurityHeaders } from './http/security-headers';

/** The largest file Mizan accepts (due-diligence documents, attachments). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Paths without a file extension outside /api are the web app's routes: serve its index.html. */
function spaRewrite(webAvailable: boolean) {
  return (req: IncomingMessage): string => {
    const url = req.url ?? '/';
    if (!webAvailable || req.method !== 'GET' || url.startsWith('/api')) return url;
    const path = url.split('?')[0];
    const last = path.split('/').pop() ?? '';
    return last.includes('.') ? url : '/index.html';
  };
}

export interface ApiAppOptions {
  logger?: LoggerService | false;
  /** Modules mounted beside the app's own: only specs use it (a controller without an access rule, to prove it stays closed). */
  extraModules?: Type[];
}

export async function createApiApp(config: MizanConfig, options: ApiAppOptions = {}): Promise<NestFastifyApplication> {
  const webAvailable = existsSync(join(config.webDistDir, 'index.html'));
  const adapter = new FastifyAdapter({
    // Whose X-Forwarded-For names the client (the sign-in throttle's address, the trail's): TRUST_PROXY, docs/SCALING.md.
    trustProxy: config.trustProxy ?? (config.env === 'production' ? 1 : false),
    bodyLimit: JSON_BODY_LIMIT,
    rewriteUrl: spaRewrite(webAvailable),
    // The HTTP layer's own refusals (undecodable URL, malformed request head) in the one error shape.
    frameworkErrors,
    clientErrorHandler,
  });
  const root = AppModule.forRoot(config);
  if (options.extraModules?.length) root.imports = [...(root.imports ?? []), ...options.extraModules];
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    logger: options.logger === undefined ? new Logger() : options.logger,
    bufferLogs: false,
    // Nest's parsers (JSON, urlencoded) are replaced by installInputChecks.
    bodyParser: false,
  });
  app.setGlobalPrefix(API_PREFIX.slice(1));
  app.useGlobalPipes(new BodyShapePipe(), createValidationPipe());
  app.useGlobalFilters(new MizanErrorFilter());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyCookie);
  installInputChecks(fastify);
  // The built index.html's inline script (the sign-in page's shell) is allowed by its hash, read from the file served.
  installSecurityHeaders(fastify, webAvailable ? inlineScriptHashes(readFileSync(join(config.webDistDir, 'index.html'), 'utf8')) : []);

  const openApi = buildApiDocument(app);
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/docs/openapi.json' });

  if (webAvailable) {
    await registerWebStatic(fastify, config.webDistDir);
  }
  return app;
}
