import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Files worth compressing: text. Images and fonts (woff2 is already compressed) are left alone. */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|txt|xml|webmanifest|ico)$/;

/** The copies next to each file, by the Content-Encoding they are served with (@fastify/static `preCompressed`). */
export const ENCODED_COPIES = [
  { encoding: 'br', extension: '.br' },
  { encoding: 'gzip', extension: '.gz' },
] as const;

export interface PrecompressResult {
  files: number;
  raw: number;
  br: number;
  gzip: number;
}

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) next to every text file of `dir` of at least
 * `minBytes`, once, at build time: the api then sends the copy the browser accepts without compressing per
 * request. A copy is written only when it is smaller than the file (else an older copy is removed, so a stale
 * one is never served) and only when older than the file (a second run is cheap).
 */
export async function precompressDir(dir: string, minBytes = 512): Promise<PrecompressResult> {
  const result: PrecompressResult = { files: 0, raw: 0, br: 0, gzip: 0 };
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
  await Promise.all(
    names.map(async (file) => {
      const info = await stat(file);
      if (info.size < minBytes) return;
      const body = await readFile(file);
      result.files++;
      result.raw += body.length;
      for (const { encoding, extension } of ENCODED_COPIES) {
        const copy = file + extension;
        const existing = await stat(copy).catch(() => undefined);
        if (existing && existing.mtimeMs >= info.mtimeMs && existing.size < body.length) {
          result[encoding === 'br' ? 'br' : 'gzip'] += existing.size;
          continue;
        }
        const packed =
          encoding === 'br'
            ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
            : await gzipAsync(body, { level: 9 });
        if (packed.length < body.length) {
          await writeFile(copy, packed);
          result[encoding === 'br' ? 'br' : 'gzip'] += packed.length;
        } else {
          await rm(copy, { force: true });
          result[encoding === 'br' ? 'br' : 'gzip'] += body.length;
        }
      }
    }),
  );
  return result;
}
