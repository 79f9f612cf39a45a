import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type TestEnvironment, createTestEnvironment } from '@mizan/server/testing';
import { createApiApp } from '../create-app';
import { precompressDir } from './precompress';

/**
 * The api serving a built web app: a small fake dist folder with the Angular build's names (a full build takes
 * minutes), precompressed by the same step as `nx run web:compress`.
 */
describe('the web app served by the api (compressed copies, caching)', () => {
  let env: TestEnvironment | undefined;
  let app: NestFastifyApplication | undefined;
  let dist: string;
  const script = `export const messages = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `message number ${i}`))};\n`;
  // The inline script stands for the sign-in page's shell (tools/build/sign-in-shell.ts).
  const inline = `(function () { document.title = 'Sign in'; })();`;
  const index = `<!doctype html><html lang="en"><head><title>Mizan</title>${'<meta name="x" content="y">'.repeat(40)}</head><body><script>${inline}</script><mz-root></mz-root><script src="main-ABCD2345.js" type="module"></script></body></html>`;

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'mizan-web-dist-'));
    await mkdir(join(dist, 'media'));
    await writeFile(join(dist, 'index.html'), index);
    await writeFile(join(dist, 'main-ABCD2345.js'), script);
    await writeFile(join(dist, 'styles-WXYZ6789.css'), `${'.a { color: red; }\n'.repeat(100)}`);
    await writeFile(join(dist, 'ngsw.json'), JSON.stringify({ hashTable: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`/chunk-${i}.js`, 'abc'])) }));
    await writeFile(join(dist, 'media', 'font-QWER7654.woff2'), Buffer.alloc(2000, 7));
    await writeFile(join(dist, 'chunk-B-uI_Nt7.js'), script);
    await writeFile(join(dist, 'ngsw-worker.js'), script);
    await precompressDir(dist);
    env = await createTestEnvironment('web_static', { webDistDir: dist });
    app = await createApiApp(env.config, { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    try {
      await app?.close();
    } finally {
      await env?.teardown();
      await rm(dist, { recursive: true, force: true });
    }
  });

  const get = (url: string, headers: Record<string, string> = {}) => (app as NestFastifyApplication).inject({ method: 'GET', url, headers });

  it('sends a hashed script as brotli when the browser accepts it, cached for a year', async () => {
    const response = await get('/main-ABCD2345.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['vary']).toMatch(/accept-encoding/i);
    expect(response.headers['etag']).toBeTruthy();
    const body = brotliDecompressSync(response.rawPayload).toString('utf8');
    expect(body).toBe(script);
    expect(response.rawPayload.length).toBeLessThan(script.length);
  });

  it("allows index.html's inline script by its hash in the Content-Security-Policy, and no other inline script", async () => {
    for (const url of ['/sign-in', '/api/v1/health']) {
      const policy = String((await get(url)).headers['content-security-policy']).split(';');
      const hash = createHash('sha256').update(inline).digest('base64');
      expect({ url, scriptSrc: policy.find((d) => d.startsWith('script-src ')) }).toEqual({ url, scriptSrc: `script-src 'self' 'sha256-${hash}'` });
      expect(policy).toContain("script-src-attr 'none'");
    }
  });

  it('sends gzip to a browser without brotli, and the file itself to one that accepts neither', async () => {
    const gzipped = await get('/main-ABCD2345.js', { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(script);
    const plain = await get('/main-ABCD2345.js', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has index.html revalidated on every use, also as the page of an app route, and answers 304 when unchanged', async () => {
    for (const url of ['/', '/index.html', '/sign-in', '/my-applications/123']) {
      const response = await get(url, { 'accept-encoding': 'br' });
      expect({ url, status: response.statusCode, cache: response.headers['cache-control'], encoding: response.headers['content-encoding'] }).toEqual({ url, status: 200, cache: 'no-cache', encoding: 'br' });
      expect(brotliDecompressSync(response.rawPayload).toString('utf8')).toBe(index);
    }
    const first = await get('/index.html', { 'accept-encoding': 'br' });
    const again = await get('/index.html', { 'accept-encoding': 'br', 'if-none-match': String(first.headers['etag']) });
    expect(again.statusCode).toBe(304);
  });

  it('caches the other hashed files for a year and the service worker manifest not at all', async () => {
    const font = await get('/media/font-QWER7654.woff2', { 'accept-encoding': 'br, gzip' });
    expect(font.statusCode).toBe(200);
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const styles = await get('/styles-WXYZ6789.css', { 'accept-encoding': 'br' });
    expect(styles.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const merged = await get('/chunk-B-uI_Nt7.js', { 'accept-encoding': 'br' });
    expect(merged.statusCode).toBe(200);
    expect(merged.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const worker = await get('/ngsw-worker.js', { 'accept-encoding': 'br' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['cache-control']).toBe('no-cache');
    const manifest = await get('/ngsw.json', { 'accept-encoding': 'gzip' });
    expect(manifest.headers['cache-control']).toBe('no-cache');
    expect(manifest.headers['content-encoding']).toBe('gzip');
  });

  it('does not serve the compressed copies as files of their own, and leaves the api uncompressed', async () => {
    expect((await get('/main-ABCD2345.js.br')).statusCode).toBe(404);
    const health = await get('/api/v1/health', { 'accept-encoding': 'br' });
    expect(health.statusCode).toBe(200);
    expect(health.headers['cache-control']).not.toBe('public, max-age=31536000, immutable');
  });
});
