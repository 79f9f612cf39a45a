import { InjectionToken } from '@angular/core';
import type { ExpenditureLineInput } from '@mizan/contracts';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** A line typed while the api could not be reached, waiting on this device to be sent. */
export interface PendingLine {
  /** The line's client id: sending it again stores it once. */
  clientId: string;
  reportId: string;
  input: ExpenditureLineInput & { clientId: string };
  savedAt: string;
  attempts: number;
  /** The api refused it (not a connection problem): the words to show; it waits until the user changes or discards it. */
  refusal: string | null;
}

/** Where pending lines are kept: IndexedDB in the browser, memory in specs (and where IndexedDB is missing). */
export interface PendingLineStore {
  list(): Promise<PendingLine[]>;
  put(line: PendingLine): Promise<void>;
  remove(clientId: string): Promise<void>;
}

/** A copy, as IndexedDB keeps one (plain data only). */
const clone = (line: PendingLine): PendingLine => JSON.parse(JSON.stringify(line)) as PendingLine;

export class MemoryPendingLineStore implements PendingLineStore {
  private readonly lines = new Map<string, PendingLine>();

  async list(): Promise<PendingLine[]> {
    return [...this.lines.values()].map((l) => clone(l)).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  }

  async put(line: PendingLine): Promise<void> {
    this.lines.set(line.clientId, clone(line));
  }

  async remove(clientId: string): Promise<void> {
    this.lines.delete(clientId);
  }
}

interface OfflineDb extends DBSchema {
  'pending-lines': { key: string; value: PendingLine };
}

/** The IndexedDB store (package `idb`): one object store of pending lines keyed by client id. Kept thin. */
export class IdbPendingLineStore implements PendingLineStore {
  private db: Promise<IDBPDatabase<OfflineDb>> | null = null;

  private open(): Promise<IDBPDatabase<OfflineDb>> {
    this.db ??= openDB<OfflineDb>('mizan-offline', 1, {
      upgrade(db) {
        db.createObjectStore('pending-lines', { keyPath: 'clientId' });
      },
    });
    return this.db;
  }

  async list(): Promise<PendingLine[]> {
    const lines = await (await this.open()).getAll('pending-lines');
    return lines.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  }

  async put(line: PendingLine): Promise<void> {
    await (await this.open()).put('pending-lines', line);
  }

  async remove(clientId: string): Promise<void> {
    await (await this.open()).delete('pending-lines', clientId);
  }
}

export const PENDING_LINE_STORE = new InjectionToken<PendingLineStore>('PENDING_LINE_STORE', {
  providedIn: 'root',
  factory: () => (typeof indexedDB === 'undefined' ? new MemoryPendingLineStore() : new IdbPendingLineStore()),
});
