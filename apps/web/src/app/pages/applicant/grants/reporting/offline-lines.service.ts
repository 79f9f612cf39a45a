import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { ExpenditureLineInput, ExpenditureLineView } from '@mizan/contracts';
import { Subject, firstValueFrom } from 'rxjs';
import { toWebError } from '../../../../core/api/api-error';
import { newIdempotencyKey } from '../../../../core/api/idempotency';
import { PENDING_LINE_STORE, type PendingLine } from './pending-lines.store';
import { ReportingApiService } from './reporting-api.service';

/** What adding a line did: sent now, or kept on the device to be sent later. */
export type AddLineOutcome = { sent: true; line: ExpenditureLineView } | { sent: false; pending: PendingLine };

/** No answer from the api (offline, DNS, a proxy timing out): worth trying again later. */
function isConnectionProblem(error: unknown): boolean {
  return error instanceof HttpErrorResponse && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504);
}

/**
 * Lines typed offline. Every new line gets a client id and is written to the
 * device (IndexedDB) before it is sent; it leaves the device once the api has
 * stored it. What could not be sent is tried again when the browser says it
 * is back online and whenever the app loads; the same client id makes sending
 * twice store it once. A line the api refuses (a rule, not the connection)
 * stays, with the reason, until the user discards it.
 */
@Injectable({ providedIn: 'root' })
export class OfflineLinesService {
  private readonly api = inject(ReportingApiService);
  private readonly store = inject(PENDING_LINE_STORE);
  private syncing: Promise<void> | null = null;

  readonly pending = signal<PendingLine[]>([]);
  readonly waitingCount = computed(() => this.pending().filter((l) => !l.refusal).length);
  /** Report ids whose lines changed because pending ones were sent. */
  readonly sent = new Subject<string>();

  constructor() {
    const online = (): void => void this.sync();
    window.addEventListener('online', online);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('online', online));
    void this.sync();
  }

  forReport(reportId: string): PendingLine[] {
    return this.pending().filter((l) => l.reportId === reportId);
  }

  /** Keeps the line on the device, then tries to send it. */
  async add(reportId: string, input: ExpenditureLineInput): Promise<AddLineOutcome> {
    const line: PendingLine = {
      clientId: input.clientId ?? newIdempotencyKey(),
      reportId,
      input: { ...input, clientId: input.clientId ?? '' },
      savedAt: new Date().toISOString(),
      attempts: 0,
      refusal: null,
    };
    line.input.clientId = line.clientId;
    await this.store.put(line);
    await this.refresh();
    const result = await this.send(line);
    return result ? { sent: true, line: result } : { sent: false, pending: (await this.store.list()).find((l) => l.clientId === line.clientId) ?? line };
  }

  async discard(clientId: string): Promise<void> {
    await this.store.remove(clientId);
    await this.refresh();
  }

  /** Sends every line waiting (one pass at a time); stops at the first connection problem. */
  sync(): Promise<void> {
    this.syncing ??= this.syncAll().finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async syncAll(): Promise<void> {
    for (const line of await this.store.list()) {
      if (line.refusal) continue;
      const sent = await this.send(line);
      if (!sent && !(await this.store.list()).find((l) => l.clientId === line.clientId)?.refusal) break;
    }
    await this.refresh();
  }

  /** The stored line, or null when it could not be sent now (kept, with the refusal if the api gave one). */
  private async send(line: PendingLine): Promise<ExpenditureLineView | null> {
    try {
      const view = await firstValueFrom(this.api.addLine(line.reportId, line.input));
      await this.store.remove(line.clientId);
      await this.refresh();
      this.sent.next(line.reportId);
      return view;
    } catch (error) {
      const refusal = isConnectionProblem(error) ? null : toWebError(error).message || String((error as HttpErrorResponse).status);
      await this.store.put({ ...line, attempts: line.attempts + 1, refusal });
      await this.refresh();
      return null;
    }
  }

  private async refresh(): Promise<void> {
    this.pending.set(await this.store.list());
  }
}
