import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompressDir } from './precompress';

describe('precompressDir (the built web app\'s brotli and gzip copies)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mizan-precompress-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const exists = (path: string) => stat(path).then(() => true, () => false);

  it('writes a .br and a .gz copy of each text file that decompress to the file, and leaves images, fonts and small files alone', async () => {
    const text = 'const a = "hello";\n'.repeat(200);
    await writeFile(join(dir, 'main-AAAA1111.js'), text);
    await writeFile(join(dir, 'tiny.js'), 'x=1');
    await writeFile(join(dir, 'font.woff2'), Buffer.alloc(4000, 1));
    const result = await precompressDir(dir);
    expect(brotliDecompressSync(await readFile(join(dir, 'main-AAAA1111.js.br'))).toString()).toBe(text);
    expect(gunzipSync(await readFile(join(dir, 'main-AAAA1111.js.gz'))).toString()).toBe(text);
    expect(await exists(join(dir, 'tiny.js.br'))).toBe(false);
    expect(await exists(join(dir, 'font.woff2.br'))).toBe(false);
    expect(result.files).toBe(1);
    expect(result.br).toBeLessThan(result.raw);
  });

  it('replaces a copy older than its file and removes one that no longer saves anything', async () => {
    const file = join(dir, 'index.html');
    await writeFile(file, '<p>first</p>'.repeat(100));
    await precompressDir(dir);
    const later = new Date(Date.now() + 60_000);
    await writeFile(file, '<p>second</p>'.repeat(100));
    await utimes(file, later, later);
    await precompressDir(dir);
    expect(brotliDecompressSync(await readFile(`${file}.br`)).toString()).toBe('<p>second</p>'.repeat(100));

    // Random bytes do not compress: a copy would be larger than the file, so none is kept.
    const { randomBytes } = await import('node:crypto');
    await writeFile(file, randomBytes(3000));
    const latest = new Date(Date.now() + 120_000);
    await utimes(file, latest, latest);
    await precompressDir(dir);
    expect(await exists(`${file}.br`)).toBe(false);
    expect(await exists(`${file}.gz`)).toBe(false);
  });
});
