import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from './file-store';

async function files(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
}

describe('FileStore.putStream', () => {
  it('stores what the stream yields with its SHA-256 and size, under a final name only once it ended', async () => {
    const root = await mkdtemp(join(tmpdir(), 'file-store-'));
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.from(`chunk ${i} `.repeat(1000)));
    const stored = await new FileStore(root).putStream(
      (async function* () {
        for (const c of chunks) yield c;
      })(),
      'audit-reports',
      'pdf',
    );
    const whole = Buffer.concat(chunks);
    expect(stored.sha256).toBe(createHash('sha256').update(whole).digest('hex'));
    expect(stored.sizeBytes).toBe(whole.length);
    expect(await readFile(new FileStore(root).pathOf(stored.storageKey))).toEqual(whole);
    expect((await files(root)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('a stream that fails leaves no file under any name', async () => {
    const root = await mkdtemp(join(tmpdir(), 'file-store-'));
    await expect(
      new FileStore(root).putStream(
        (async function* () {
          yield Buffer.from('half a report');
          throw new Error('renderer failed');
        })(),
        'audit-reports',
        'pdf',
      ),
    ).rejects.toThrow('renderer failed');
    expect(await files(root)).toEqual([]);
  });
});
