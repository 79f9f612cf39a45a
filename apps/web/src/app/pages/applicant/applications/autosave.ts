import { signal } from '@angular/core';
import { ErrorCode, type ApplicationView } from '@mizan/contracts';
import type { ApplicationContent } from '@mizan/domain';
import type { Observable, Subscription } from 'rxjs';
import { toWebError, type WebError } from '../../../core/api/api-error';
import type { IconName } from '../../../core/icons/icons';
import { currentVersionIn } from '../shared/problem';

/** What the editor says about saving, in the status line and banners. */
export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline'; retryAt: Date }
  | { kind: 'invalid' }
  | { kind: 'rejected'; error: WebError }
  | { kind: 'conflict'; currentVersion: number | null; message: string }
  | { kind: 'locked'; message: string };

export const AUTOSAVE_QUIET_MS = 1_500;
/** Waits before retrying after a lost connection or a server error; the last one repeats. */
export const AUTOSAVE_RETRY_MS = [2_000, 5_000, 10_000, 30_000] as const;

/** Generic so other editors (a reviewer's scores) reuse it; the defaults are the application editor's. */
export interface AutosaveOptions<
  C = ApplicationContent,
  V extends { version: number } = ApplicationView,
> {
  version: number;
  save: (version: number, content: C) => Observable<V>;
  onSaved: (view: V) => void;
  /** Called when the server refuses the content (400): the editor puts field errors on its controls. */
  onRejected?: (error: WebError) => void;
  quietMs?: number;
  retryMs?: readonly number[];
  now?: () => Date;
}

/**
 * Autosave with a version check: every change is sent ~1.5 s after the user
 * stops typing, one request at a time, with the version the content was edited
 * from. Lost connections are retried; a conflict (someone else saved first)
 * stops saving until the user reloads, so nothing is overwritten silently.
 */
export class Autosave<
  C = ApplicationContent,
  V extends { version: number } = ApplicationView,
> {
  private readonly state = signal<SaveStatus>({ kind: 'idle' });
  readonly status = this.state.asReadonly();

  private version: number;
  /** The newest content not yet acknowledged by the server. */
  private pending: C | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Subscription | null = null;
  private attempt = 0;
  private waiters: ((saved: boolean) => void)[] = [];
  private readonly quietMs: number;
  private readonly retryMs: readonly number[];
  private readonly now: () => Date;

  constructor(private readonly options: AutosaveOptions<C, V>) {
    this.version = options.version;
    this.quietMs = options.quietMs ?? AUTOSAVE_QUIET_MS;
    this.retryMs = options.retryMs ?? AUTOSAVE_RETRY_MS;
    this.now = options.now ?? (() => new Date());
  }

  get currentVersion(): number {
    return this.version;
  }

  /** True while something is waiting to be saved or being saved. */
  get dirty(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  /** The user changed something; `valid` false means the form has errors and is not sent. */
  changed(content: C, valid = true): void {
    if (this.stopped()) {
      this.pending = content;
      return;
    }
    this.pending = content;
    this.clearTimer();
    if (!valid) {
      this.state.set({ kind: 'invalid' });
      return;
    }
    if (this.inFlight) return; // sent again once the running save answers
    this.state.set({ kind: 'pending' });
    this.timer = setTimeout(() => this.run(), this.quietMs);
  }

  /** Saves now (e.g. before submitting); resolves true once everything is saved. */
  flush(): Promise<boolean> {
    if (this.stopped()) return Promise.resolve(false);
    if (!this.dirty) return Promise.resolve(true);
    const done = new Promise<boolean>((resolve) => this.waiters.push(resolve));
    if (!this.inFlight && this.state().kind !== 'invalid') {
      this.clearTimer();
      this.run();
    }
    return done;
  }

  /** The connection is back: try at once instead of waiting for the next retry. */
  retryNow(): void {
    if (this.state().kind === 'offline' && !this.inFlight) {
      this.clearTimer();
      this.run();
    }
  }

  /** After a reload from the server: start over from its version, forgetting what was pending. */
  reset(version: number): void {
    this.clearTimer();
    this.inFlight?.unsubscribe();
    this.inFlight = null;
    this.pending = null;
    this.version = version;
    this.attempt = 0;
    this.state.set({ kind: 'idle' });
    this.settle(false);
  }

  destroy(): void {
    this.clearTimer();
    this.inFlight?.unsubscribe();
    this.inFlight = null;
    this.settle(false);
  }

  private stopped(): boolean {
    const kind = this.state().kind;
    return kind === 'conflict' || kind === 'locked';
  }

  private run(): void {
    this.timer = null;
    const content = this.pending;
    if (content === null) return;
    this.pending = null;
    this.state.set({ kind: 'saving' });
    this.inFlight = this.options.save(this.version, content).subscribe({
      next: (view) => {
        this.inFlight = null;
        this.attempt = 0;
        this.version = view.version;
        this.options.onSaved(view);
        if (this.pending !== null) {
          this.state.set({ kind: 'pending' });
          this.timer = setTimeout(() => this.run(), this.quietMs);
        } else {
          this.state.set({ kind: 'saved', at: this.now() });
          this.settle(true);
        }
      },
      error: (error: unknown) => {
        this.inFlight = null;
        // Keep what failed unless the user has typed something newer meanwhile.
        this.pending ??= content;
        this.failed(toWebError(error));
      },
    });
  }

  private failed(error: WebError): void {
    if (error.code === ErrorCode.Conflict) {
      const current = currentVersionIn(error.message);
      this.state.set(
        /is current/.test(error.message) || current !== null
          ? {
              kind: 'conflict',
              currentVersion: current,
              message: error.message,
            }
          : { kind: 'locked', message: error.message },
      );
      this.settle(false);
      return;
    }
    if (error.status === 0 || error.status >= 500 || error.status === 429) {
      const wait =
        this.retryMs[Math.min(this.attempt, this.retryMs.length - 1)];
      this.attempt++;
      this.state.set({
        kind: 'offline',
        retryAt: new Date(this.now().getTime() + wait),
      });
      this.timer = setTimeout(() => this.run(), wait);
      return;
    }
    // 400 and the like: the content itself is refused; wait for the user's next change.
    this.state.set({ kind: 'rejected', error });
    this.options.onRejected?.(error);
    this.settle(false);
  }

  private settle(saved: boolean): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve(saved));
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The icon beside a save status: saved, offline, a problem, or on the way. */
export function saveStatusIcon(status: SaveStatus): IconName {
  switch (status.kind) {
    case 'saved':
    case 'idle':
      return 'cloud_done';
    case 'offline':
      return 'cloud_off';
    case 'invalid':
    case 'rejected':
    case 'conflict':
    case 'locked':
      return 'warning';
    default:
      return 'schedule';
  }
}
