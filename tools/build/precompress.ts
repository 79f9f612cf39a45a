/*
 * `nx run web:compress` (after `web:build`): the brotli and gzip copies of the built web app's text files, which the
 * api serves to browsers that accept them (apps/api/src/app/http/web-static.ts). Usage: precompress.ts <dir>.
 */
import { resolve } from 'node:path';
import { precompressDir } from '../../apps/api/src/app/http/precompress';

const dir = resolve(process.argv[2] ?? 'dist/apps/web/browser');
const started = Date.now();
precompressDir(dir)
  .then((r) => {
    const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
    console.log(`precompress ${dir}: ${r.files} files, ${kb(r.raw)} → brotli ${kb(r.br)}, gzip ${kb(r.gzip)} (${Date.now() - started} ms)`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
