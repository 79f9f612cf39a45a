import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { DirectoryHeldView, DirectoryReleaseInput } from '@mizan/contracts';
import { filter, switchMap } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { askToConfirm } from '../../../core/ui/confirm-dialog.component';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { DirectoryApiService } from '../shared/directory-api.service';

/** The strongest screening match of a held registration, as a whole percentage (0 when none was kept). */
export function topScorePercent(held: Pick<DirectoryHeldView, 'screeningMatches'>): number {
  return Math.round(100 * Math.max(0, ...(held.screeningMatches ?? []).map((m) => m.score)));
}

/**
 * Registrations held after a potential sanctions match (issue 15): who, when, how close the match was; the officer
 * releases the account (it becomes active) or refuses it, with the reason that goes on the trail.
 */
@Component({
  selector: 'mz-directory-held-page',
  imports: [EmptyStateComponent, FormProblemComponent, LoadingBarComponent, MatButtonModule, MatIconModule, PageHeaderComponent, ReasonFieldComponent, TableFrameComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../shared/directory.scss',
  template: `
    <mz-page-header [title]="'directory.held.title' | t" [intro]="'directory.held.intro' | t" headingTestId="held-heading" />
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="held-error" />
    @if (loaded()) {
      <mz-table-frame [label]="'directory.held.caption' | t" [empty]="rows().length === 0">
        <table class="dir-table" data-testid="held-table">
          <caption class="mz-visually-hidden">{{ 'directory.held.caption' | t }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'directory.held.col.name' | t }}</th>
              <th scope="col">{{ 'directory.held.col.registered' | t }}</th>
              <th scope="col">{{ 'directory.held.col.screening' | t }}</th>
              <th scope="col">{{ 'directory.held.col.decision' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (h of rows(); track h.profileId) {
              <tr data-testid="held-row" [attr.data-profile-id]="h.profileId">
                <td>
                  <bdi>{{ h.name }}</bdi><br />
                  <span class="dir-muted"><bdi>{{ h.email }}</bdi></span>
                </td>
                <td>{{ date(h.registeredAt) }}</td>
                <td data-testid="held-screening">{{ 'directory.held.score' | t: { score: percent(h), count: h.screeningMatches.length } }}</td>
                <td>
                  <mz-reason-field [control]="reason(h.profileId)" testId="held-reason" [rows]="2" />
                  <div class="dir-actions">
                    <button mat-flat-button type="button" data-testid="held-release" [disabled]="busy()" (click)="decide(h, 'release')">
                      <mat-icon svgIcon="check" /> {{ 'directory.held.release' | t }}
                    </button>
                    <button mat-stroked-button type="button" data-testid="held-refuse" [disabled]="busy()" (click)="decide(h, 'refuse')">
                      <mat-icon svgIcon="close" /> {{ 'directory.held.refuse' | t }}
                    </button>
                  </div>
                </td>
              </tr>
            }
          </tbody>
        </table>
        <mz-empty-state mzEmpty icon="inbox" data-testid="held-empty" [title]="'directory.held.empty' | t" [body]="'directory.held.emptyBody' | t" />
      </mz-table-frame>
    }
  `,
})
export class HeldPage {
  private readonly api = inject(DirectoryApiService);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(Notifier);

  protected readonly rows = signal<DirectoryHeldView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  private readonly reasons = new Map<string, FormControl<string>>();

  constructor() {
    this.api.held().subscribe({
      next: (rows) => {
        this.rows.set(rows);
        this.loading.set(false);
        this.loaded.set(true);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.fail(error);
      },
    });
  }

  protected reason(profileId: string): FormControl<string> {
    let control = this.reasons.get(profileId);
    if (!control) {
      control = new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/\S/)] });
      this.reasons.set(profileId, control);
    }
    return control;
  }

  protected percent(held: DirectoryHeldView): number {
    return topScorePercent(held);
  }

  protected date(iso: string): string {
    return this.i18n.formatDate(iso);
  }

  protected decide(held: DirectoryHeldView, decision: DirectoryReleaseInput['decision']): void {
    const control = this.reason(held.profileId);
    if (control.invalid) {
      control.markAsTouched();
      return;
    }
    const release = decision === 'release';
    askToConfirm(this.dialog, {
      titleKey: release ? 'directory.held.releaseTitle' : 'directory.held.refuseTitle',
      bodyKey: release ? 'directory.held.releaseBody' : 'directory.held.refuseBody',
      params: { name: held.name },
      confirmKey: release ? 'directory.held.release' : 'directory.held.refuse',
    })
      .pipe(
        filter((ok) => ok),
        switchMap(() => {
          this.busy.set(true);
          return this.api.release(held.profileId, { decision, reason: control.value.trim() });
        }),
      )
      .subscribe({
        next: () => {
          this.busy.set(false);
          this.rows.update((list) => list.filter((r) => r.profileId !== held.profileId));
          this.reasons.delete(held.profileId);
          this.notifier.notify(this.i18n.t(release ? 'directory.held.released' : 'directory.held.refused', { name: held.name }));
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.fail(error);
        },
      });
  }

  private fail(error: unknown): void {
    this.problem.set(errorMessage(toWebError(error)));
  }
}
