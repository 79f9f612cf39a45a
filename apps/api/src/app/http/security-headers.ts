import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';

/**
 * Helmet's security headers with Mizan's Content-Security-Policy (ARCHITECTURE "How a request flows"). Scripts come
 * from the api's own origin only, plus the inline scripts named by their hash in `scriptHashes` (the sign-in page's
 * shell in the built index.html: inlineScriptHashes); never 'unsafe-inline'.
 */
export function securityHeaders(scriptHashes: readonly string[] = []): Readonly<HelmetOptions> {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Angular and Material set inline styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", ...scriptHashes],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * The CSP source (`'sha256-…'`) of each inline `<script>` (one without `src`) of an HTML page: the exact text
 * between the tags, as the browser hashes it. Read from the index.html the api serves, at start-up, so the policy
 * always allows exactly the scripts of the build being served.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(match[1] ?? '') || match[2] === '') continue;
    hashes.add(`'sha256-${createHash('sha256').update(match[2], 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/**
 * Helmet's headers on every reply. The middleware (and with it the CSP header's text) is built once, here;
 * @fastify/helmet built it again for every request (helmet(options) per request, directives parsed each time).
 */
export function installSecurityHeaders(fastify: FastifyInstance, scriptHashes: readonly string[] = []): void {
  const apply = helmet(securityHeaders(scriptHashes));
  fastify.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
}
