import { Injectable, computed, inject, signal } from '@angular/core';
import type { EngagementView } from '@mizan/contracts';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import type { FormProblem } from '../../../core/ui/form-problem.component';
import { AuditApiService } from '../audit-api.service';

/**
 * The engagement the workspace shows, shared by its header and its tabs (provided by the workspace component, so
 * every tab in its router-outlet gets the same one): loaded once per id, replaced by what a change answers.
 */
// Deliberately not root: each workspace component provides its own store, so two engagements never share one.
// eslint-disable-next-line @angular-eslint/use-injectable-provided-in
@Injectable()
export class EngagementStore {
  private readonly api = inject(AuditApiService);
  private readonly current = signal<EngagementView | null>(null);
  private readonly loadedId = signal<string | null>(null);

  readonly engagement = this.current.asReadonly();
  readonly loading = signal(false);
  readonly problem = signal<FormProblem | null>(null);
  readonly id = computed(() => this.current()?.id ?? this.loadedId());

  load(id: string): void {
    this.loadedId.set(id);
    this.loading.set(true);
    this.api.engagement(id).subscribe({
      next: (view) => {
        if (this.loadedId() !== id) return;
        this.loading.set(false);
        this.problem.set(null);
        this.current.set(view);
      },
      error: (error: unknown) => {
        if (this.loadedId() !== id) return;
        this.loading.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
  }

  reload(): void {
    const id = this.loadedId();
    if (id) this.load(id);
  }

  /** What a change answered (a transition): the new state without asking again. */
  set(view: EngagementView): void {
    this.loadedId.set(view.id);
    this.current.set(view);
  }
}
