import type { ApplicationDraft } from './application-form';

/** What this browser keeps of an application's unsaved edits. */
export interface DraftBackup {
  applicationId: string;
  /** The server version the edits were made on. */
  version: number;
  savedAt: string;
  draft: ApplicationDraft;
}

export const BACKUP_PREFIX = 'mizan.draft.';

/**
 * A copy of the editor's unsaved work in localStorage, so a closed tab, a
 * crash or a lost connection loses at most a few seconds. Cleared once the
 * server has everything.
 */
export class DraftBackupStore {
  constructor(private readonly storage: Storage | null | undefined) {}

  read(applicationId: string): DraftBackup | null {
    try {
      const raw = this.storage?.getItem(BACKUP_PREFIX + applicationId);
      if (!raw) return null;
      const value = JSON.parse(raw) as Partial<DraftBackup>;
      if (
        value.applicationId !== applicationId ||
        typeof value.version !== 'number' ||
        typeof value.savedAt !== 'string' ||
        typeof value.draft !== 'object' ||
        value.draft === null
      ) {
        return null;
      }
      return value as DraftBackup;
    } catch {
      return null;
    }
  }

  write(backup: DraftBackup): void {
    try {
      this.storage?.setItem(
        BACKUP_PREFIX + backup.applicationId,
        JSON.stringify(backup),
      );
    } catch {
      // Full or disabled storage: the server copy (autosave) still protects the work.
    }
  }

  clear(applicationId: string): void {
    try {
      this.storage?.removeItem(BACKUP_PREFIX + applicationId);
    } catch {
      // Nothing to do.
    }
  }
}

/** Same content, ignoring key order: JSON of a normalized copy. */
export function sameDraft(a: ApplicationDraft, b: ApplicationDraft): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map(
        (k) =>
          `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
