import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

export interface StoredFile {
  storageKey: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Files on the local filesystem under one root folder (STORAGE_DIR). Writes go
 * to a temporary name first and are renamed into place, so a crash never
 * leaves a half-written file under a final name.
 */
export class FileStore {
  constructor(private readonly root: string) {}

  async put(buffer: Buffer, folder: string, extension: string): Promise<StoredFile> {
    const now = new Date();
    const key = [folder, String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), `${randomUUID()}.${extension}`].join('/');
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.partial`;
    await writeFile(temporary, buffer);
    await rename(temporary, target);
    return { storageKey: key, sha256: createHash('sha256').update(buffer).digest('hex'), sizeBytes: buffer.length };
  }

  /**
   * Stores what a stream yields without holding it in memory: written to a temporary name while its SHA-256 and
   * size are counted, renamed into place once the stream ended. A failed stream leaves nothing under any name.
   */
  async putStream(source: AsyncIterable<Buffer | string> | Readable, folder: string, extension: string): Promise<StoredFile> {
    const now = new Date();
    const key = [folder, String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), `${randomUUID()}.${extension}`].join('/');
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.partial`;
    const hash = createHash('sha256');
    let sizeBytes = 0;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer | string>) {
          for await (const chunk of chunks) {
            const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
            hash.update(buffer);
            sizeBytes += buffer.length;
            yield buffer;
          }
        },
        createWriteStream(temporary),
      );
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await rename(temporary, target);
    return { storageKey: key, sha256: hash.digest('hex'), sizeBytes };
  }

  async size(storageKey: string): Promise<number> {
    return (await stat(this.pathOf(storageKey))).size;
  }

  /**
   * Opened before it is returned: a missing or unreadable file is a rejected
   * promise the caller's error handling sees, not an 'error' event on a
   * stream that nobody may be listening to yet (it answered a download with
   * a broken body instead of an error).
   */
  async open(storageKey: string): Promise<Readable> {
    const handle = await open(this.pathOf(storageKey), 'r');
    return handle.createReadStream();
  }

  pathOf(storageKey: string): string {
    const root = resolve(this.root);
    const full = resolve(join(root, storageKey));
    if (!full.startsWith(root + sep)) throw new Error(`storage key escapes the storage folder: ${storageKey}`);
    return full;
  }
}
