import { link, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type SignedCheckpoint, parseSignedCheckpoint } from '@mizan/domain';

/** One file per checkpoint: `checkpoint-00000007.json`, so a listing is also the order of signing. */
// At most 15 digits: the number stays a safe integer (a longer name is not one of ours and is ignored).
const FILE = /^checkpoint-(\d{8,15})\.json$/;

export type StoredCheckpoint =
  | { fileName: string; number: number; ok: true; checkpoint: SignedCheckpoint }
  | { fileName: string; number: number; ok: false; reason: string };

export function checkpointFileName(number: number): string {
  return `checkpoint-${String(number).padStart(8, '0')}.json`;
}

/**
 * Signed checkpoints kept outside the database, under STORAGE_DIR/checkpoints.
 * Append-only by construction: a file is created once under its number and
 * never rewritten (a second writer of the same number fails).
 */
export class CheckpointStore {
  readonly folder: string;

  constructor(storageDir: string) {
    this.folder = join(storageDir, 'checkpoints');
  }

  private async fileNames(): Promise<{ fileName: string; number: number }[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .map((fileName) => ({ fileName, match: FILE.exec(fileName) }))
      .filter((f): f is { fileName: string; match: RegExpExecArray } => f.match !== null)
      .map(({ fileName, match }) => ({ fileName, number: Number(match[1]) }))
      .sort((a, b) => a.number - b.number);
  }

  /** The number the next checkpoint gets. Callers hold the trail lock, so two writers never pick the same one. */
  async nextNumber(): Promise<number> {
    const names = await this.fileNames();
    return names.length === 0 ? 1 : names[names.length - 1].number + 1;
  }

  async write(checkpoint: SignedCheckpoint): Promise<string> {
    await mkdir(this.folder, { recursive: true });
    const fileName = checkpointFileName(checkpoint.number);
    const target = join(this.folder, fileName);
    const temporary = `${target}.${process.pid}.partial`;
    await writeFile(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o444 });
    try {
      // link() refuses an existing target: an earlier checkpoint is never overwritten.
      await link(temporary, target);
    } finally {
      await rm(temporary, { force: true });
    }
    return fileName;
  }

  /** Every checkpoint file in number order; an unreadable one is returned with the reason, not skipped. */
  async list(): Promise<StoredCheckpoint[]> {
    const out: StoredCheckpoint[] = [];
    for (const { fileName, number } of await this.fileNames()) {
      let value: unknown;
      try {
        value = JSON.parse(await readFile(join(this.folder, fileName), 'utf8'));
      } catch (error) {
        out.push({ fileName, number, ok: false, reason: `not readable JSON (${(error as Error).message})` });
        continue;
      }
      const parsed = parseSignedCheckpoint(value);
      if (!parsed.ok) out.push({ fileName, number, ok: false, reason: parsed.reason });
      else if (parsed.checkpoint.number !== number) out.push({ fileName, number, ok: false, reason: `it says it is checkpoint #${parsed.checkpoint.number}` });
      else out.push({ fileName, number, ok: true, checkpoint: parsed.checkpoint });
    }
    return out;
  }
}
