import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { COMPRESSIBLE } from './precompress';

/**
 * A file the Angular build names after its content (`main-HX4ZQ2AB.js`, `chunk-…`, `styles-…css`, `media/…-….woff2`):
 * a new build gives changed content a new name, so a browser may keep such a file for a year without asking again.
 * The chunks merged by the chunk optimizer (apps/web/.env.build) carry a base64url hash: `chunk-B-uI_NTh.js`.
 */
export const CONTENT_HASHED = /-[A-Za-z0-9_-]{8}\.(?:js|css|woff2?|ttf|otf|eot|svg|png|jpe?g|gif|webp|avif)$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Kept, but checked with the server (ETag / Last-Modified, a 304 when unchanged) before each use. */
export const REVALIDATE = 'no-cache';

/** The caching of a served file, by its name: `path` may be the precompressed copy (`….js.br`). */
export function cacheControlFor(path: string): string {
  return CONTENT_HASHED.test(path.replace(/\.(?:br|gz)$/, '')) ? IMMUTABLE : REVALIDATE;
}

/**
 * Serves the built web app from `root`: the brotli or gzip copy written at build time (`nx run web:compress`,
 * precompress.ts) when the browser accepts it, else the file itself; content-hashed files cached for a year
 * (immutable), index.html, ngsw.json and every other file revalidated on each use.
 */
export async function registerWebStatic(fastify: FastifyInstance, root: string): Promise<void> {
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per file, found at start-up; the compressed copies are not routes of their own.
    wildcard: false,
    globIgnore: ['**/*.br', '**/*.gz'],
    index: ['index.html'],
    preCompressed: true,
    // `send` would set `public, max-age=0` itself, after setHeaders: the header is set here instead.
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', cacheControlFor(path));
      if (COMPRESSIBLE.test(path.replace(/\.(?:br|gz)$/, ''))) res.setHeader('vary', 'accept-encoding');
    },
  });
}
