/*
 * `nx run web:compress` (after `web:build`): first the sign-in page's scripts named in index.html as modulepreload
 * (modulepreload.ts) and the sign-in page's shell (sign-in-shell.ts), then the brotli and gzip copies of the built web app's text files, which the
 * api serves to browsers that accept them (apps/api/src/app/http/web-static.ts). Usage: precompress.ts <dir>.
 */
import { resolve } from 'node:path';
import { precompressDir } from '../../apps/api/src/app/http/precompress';
import { addModulePreloads } from './modulepreload';
import { addSignInShell } from './sign-in-shell';

const dir = resolve(process.argv[2] ?? 'dist/apps/web/browser');
const started = Date.now();
const preloaded = addModulePreloads(dir);
console.log(`modulepreload ${dir}/index.html: ${preloaded.length} scripts added`);
console.log(`sign-in shell ${dir}/index.html: ${addSignInShell(dir) ? 'added' : 'there already'}`);
precompressDir(dir)
  .then((r) => {
    const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
    console.log(`precompress ${dir}: ${r.files} files, ${kb(r.raw)} → brotli ${kb(r.br)}, gzip ${kb(r.gzip)} (${Date.now() - started} ms)`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
