/*
 * Part of `nx run web:compress`, before the compressed copies are written: every script the sign-in page needs is
 * named in index.html as <link rel="modulepreload">, so the browser asks for all of them at once instead of finding
 * them one import level at a time (on a 400 ms link each level costs a round trip; docs/benchmarks.md). Angular
 * itself preloads at most 10 of main's imports and none of a route's.
 *
 * Read from the build's esbuild metafile (stats.json, the production build has `statsJson`): main's static imports,
 * then each chunk holding one of PRELOADED_SOURCES and its static imports. The service worker's manifest (ngsw.json)
 * keeps index.html's hash, so it is updated too.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The routes a first visit opens before anything else: the sign-in page. */
export const PRELOADED_SOURCES = ['apps/web/src/app/pages/sign-in/sign-in.routes.ts'];

interface Metafile {
  outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
}

/** Chunks reachable from `start` through static imports (the chunk itself included). */
function staticClosure(meta: Metafile, start: string, into: Set<string>): void {
  if (into.has(start) || !meta.outputs[start]) return;
  into.add(start);
  for (const i of meta.outputs[start].imports) if (i.kind === 'import-statement') staticClosure(meta, i.path, into);
}

/** The script files index.html should preload, main's imports first. */
export function preloadList(meta: Metafile, sources: readonly string[] = PRELOADED_SOURCES): string[] {
  const main = Object.keys(meta.outputs).find((k) => /^main-[^/]+\.js$/.test(k));
  if (!main) throw new Error('no main-*.js in the metafile');
  const fromMain = new Set<string>();
  staticClosure(meta, main, fromMain);
  const all = new Set(fromMain);
  for (const source of sources) {
    const holders = Object.keys(meta.outputs).filter((k) => k.endsWith('.js') && Object.keys(meta.outputs[k].inputs).some((i) => i.endsWith(source)));
    if (holders.length === 0) throw new Error(`no chunk holds ${source}`);
    for (const chunk of holders) staticClosure(meta, chunk, all);
  }
  all.delete(main);
  return [...all];
}

/**
 * Rewrites `<browserDir>/index.html` through `change` and keeps its hash in the service worker's manifest (ngsw.json)
 * true; returns whether the file changed.
 */
export function updateIndexHtml(browserDir: string, change: (html: string) => string): boolean {
  const indexFile = join(browserDir, 'index.html');
  const html = readFileSync(indexFile, 'utf8');
  const updated = change(html);
  if (updated === html) return false;
  writeFileSync(indexFile, updated);
  const ngswFile = join(browserDir, 'ngsw.json');
  if (existsSync(ngswFile)) {
    const ngsw = JSON.parse(readFileSync(ngswFile, 'utf8')) as { hashTable?: Record<string, string> };
    if (ngsw.hashTable && '/index.html' in ngsw.hashTable) {
      ngsw.hashTable['/index.html'] = createHash('sha1').update(updated).digest('hex');
      writeFileSync(ngswFile, JSON.stringify(ngsw, null, 2));
    }
  }
  return true;
}

/** Adds the missing <link rel="modulepreload"> to `<browserDir>/index.html` (and its hash in ngsw.json); returns the files added. */
export function addModulePreloads(browserDir: string, statsFile = join(browserDir, '..', 'stats.json')): string[] {
  if (!existsSync(statsFile)) throw new Error(`${statsFile} is missing: build the web with statsJson (the production configuration has it)`);
  const meta = JSON.parse(readFileSync(statsFile, 'utf8')) as Metafile;
  let missing: string[] = [];
  updateIndexHtml(browserDir, (html) => {
    missing = preloadList(meta).filter((file) => !html.includes(`href="${file}"`));
    if (missing.length === 0) return html;
    const links = missing.map((file) => `<link rel="modulepreload" href="${file}">`).join('');
    if (!html.includes('</head>')) throw new Error('index.html has no </head>');
    return html.replace('</head>', `${links}</head>`);
  });
  return missing;
}
