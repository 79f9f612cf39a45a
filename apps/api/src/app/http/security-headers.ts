import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';

/** Helmet's security headers with Mizan's Content-Security-Policy (ARCHITECTURE "How a request flows"). */
export const SECURITY_HEADERS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      // Angular and Material set inline styles at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginEmbedderPolicy: false,
};

/**
 * Helmet's headers on every reply. The middleware (and with it the CSP header's text) is built once, here;
 * @fastify/helmet built it again for every request (helmet(options) per request, directives parsed each time).
 */
export function installSecurityHeaders(fastify: FastifyInstance): void {
  const apply = helmet(SECURITY_HEADERS);
  fastify.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
}
