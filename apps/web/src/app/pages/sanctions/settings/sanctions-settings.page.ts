import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors, type ValidatorFn } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { ErrorCode, type ScreeningSettingsView } from '@mizan/contracts';
import { map, startWith } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { SanctionsApiService } from '../shared/sanctions-api.service';
import { SanctionsTabsComponent } from '../shared/sanctions-tabs.component';
import { formatScore } from '../shared/score-bar.component';
import { WesternDigitsDirective } from '../../../core/ui/western-digits.directive';

export const SCORE_MIN = 0.5;
export const SCORE_MAX = 1;

/** A number with at most two decimals (0.85, 1, 0.9), as the fields take them. */
export const twoDecimals: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const value: unknown = control.value;
  if (value === null || value === '' || value === undefined) return null;
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(Math.round(value * 100) - value * 100) < 1e-6 ? null : { decimals: true };
};

/** The high score cannot be below the threshold: put `belowThreshold` on the high score's field. */
export const highAtLeastThreshold: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const threshold = group.get('threshold');
  const high = group.get('highScore');
  if (!threshold || !high) return null;
  const below = typeof threshold.value === 'number' && typeof high.value === 'number' && high.value < threshold.value;
  if (below && !high.hasError('belowThreshold')) high.setErrors({ ...(high.errors ?? {}), belowThreshold: true });
  if (!below && high.hasError('belowThreshold')) {
    const { belowThreshold: _gone, ...rest } = high.errors ?? {};
    void _gone;
    high.setErrors(Object.keys(rest).length > 0 ? rest : null);
  }
  return below ? { belowThreshold: true } : null;
};

/** The api's stale-version answers: this code, or a conflict of any `STALE_…` code. */
export function isStale(code: string, status: number): boolean {
  return code.startsWith('STALE_') || (status === 409 && code === ErrorCode.Conflict);
}

const scoreValidators = [Validators.required, Validators.min(SCORE_MIN), Validators.max(SCORE_MAX), twoDecimals];
const scoreMessages = {
  required: 'sanctions.settings.required',
  min: 'sanctions.settings.range',
  max: 'sanctions.settings.range',
  decimals: 'sanctions.settings.decimals',
} as const;

/**
 * The agency's screening settings: the threshold (a score at or above it raises a potential match) and the high
 * score (at or above it, clearing a match needs a second officer), two decimals between 0.50 and 1.00, with what
 * they mean and their defaults, saved with the version read (someone else's change meanwhile is said, not
 * overwritten), and who changed them last.
 */
@Component({
  selector: 'mz-sanctions-settings-page',
  imports: [
    WesternDigitsDirective,
    FieldErrorDirective,
    FormProblemComponent,
    LoadingBarComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    PageHeaderComponent,
    ReactiveFormsModule,
    SanctionsTabsComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../shared/sanctions.scss'],
  template: `
    <mz-page-header [title]="'sanctions.page.title' | t" [intro]="'sanctions.settings.intro' | t" headingTestId="sanctions-heading" />
    <mz-sanctions-tabs>
      <mz-loading-bar [loading]="loading()" />
      <mz-form-problem [problem]="loadProblem()" testId="sanctions-settings-load-error" />

      @if (settings(); as s) {
        <section class="panel" aria-labelledby="sanctions-settings-meaning">
          <h2 class="panel-title" id="sanctions-settings-meaning">{{ 'sanctions.settings.meaningTitle' | t }}</h2>
          <p>{{ 'sanctions.settings.thresholdMeaning' | t: { value: score(s.defaults.threshold) } }}</p>
          <p>{{ 'sanctions.settings.highMeaning' | t: { value: score(s.defaults.highScore) } }}</p>
          <p class="muted">{{ 'sanctions.settings.tradeOff' | t }}</p>
        </section>

        <form class="settings-form" [formGroup]="form" (ngSubmit)="save()" data-testid="sanctions-settings-form" novalidate>
          <mat-form-field>
            <mat-label>{{ 'sanctions.settings.threshold' | t }}</mat-label>
            <input matInput type="number" mzWesternDigits inputmode="decimal" step="0.01" [min]="scoreMin" [max]="scoreMax" dir="ltr" formControlName="threshold" data-testid="sanctions-settings-threshold" />
            <mat-hint>{{ 'sanctions.settings.defaultHint' | t: { value: score(s.defaults.threshold) } }}</mat-hint>
            <mat-error [mzFieldError]="form.controls.threshold" [messages]="messages" data-testid="sanctions-settings-threshold-error" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'sanctions.settings.highScore' | t }}</mat-label>
            <input matInput type="number" mzWesternDigits inputmode="decimal" step="0.01" [min]="scoreMin" [max]="scoreMax" dir="ltr" formControlName="highScore" data-testid="sanctions-settings-high" />
            <mat-hint>{{ 'sanctions.settings.defaultHint' | t: { value: score(s.defaults.highScore) } }}</mat-hint>
            <mat-error [mzFieldError]="form.controls.highScore" [messages]="highMessages" data-testid="sanctions-settings-high-error" />
          </mat-form-field>
          <div class="row actions">
            <button mat-flat-button type="submit" data-testid="sanctions-settings-save" [disabled]="submission.busy() || !dirty()">
              <mat-icon svgIcon="check" /> {{ 'sanctions.settings.save' | t }}
            </button>
            <button mat-stroked-button type="button" data-testid="sanctions-settings-defaults" [disabled]="submission.busy()" (click)="useDefaults(s)">
              <mat-icon svgIcon="undo" /> {{ 'sanctions.settings.useDefaults' | t }}
            </button>
          </div>
        </form>
        <mz-form-problem [problem]="submission.problem()" testId="sanctions-settings-error" />
        @if (stale()) {
          <button mat-stroked-button type="button" data-testid="sanctions-settings-reload" (click)="load()"><mat-icon svgIcon="refresh" /> {{ 'sanctions.settings.reload' | t }}</button>
        }
        <p class="muted" role="status" aria-live="polite" data-testid="sanctions-settings-changed">
          @if (s.updatedBy && s.updatedAt) {
            {{ 'sanctions.settings.changedBy' | t: { who: s.updatedBy.name, when: i18n.formatDateTime(s.updatedAt) } }}
          } @else {
            {{ 'sanctions.settings.neverChanged' | t }}
          }
        </p>
      }
    </mz-sanctions-tabs>
  `,
  styles: `
    .settings-form {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      align-items: flex-start;
    }
    .settings-form mat-form-field {
      flex: 1 1 220px;
      max-inline-size: 320px;
    }
    .actions {
      flex-basis: 100%;
    }
  `,
})
export class SanctionsSettingsPage {
  private readonly api = inject(SanctionsApiService);
  protected readonly i18n = inject(I18nService);
  private readonly notifier = inject(Notifier);
  protected readonly scoreMin = SCORE_MIN;
  protected readonly scoreMax = SCORE_MAX;
  protected readonly messages = scoreMessages;
  protected readonly highMessages = { ...scoreMessages, belowThreshold: 'sanctions.settings.belowThreshold' } as const;

  protected readonly settings = signal<ScreeningSettingsView | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadProblem = signal<FormProblem | null>(null);
  protected readonly stale = signal(false);
  protected readonly submission = new FormSubmission<ScreeningSettingsView>();
  protected readonly form = new FormGroup(
    {
      threshold: new FormControl<number | null>(null, { validators: scoreValidators }),
      highScore: new FormControl<number | null>(null, { validators: scoreValidators }),
    },
    { validators: highAtLeastThreshold },
  );
  private readonly value = toSignal(this.form.valueChanges.pipe(startWith(null), map(() => this.form.getRawValue())), { requireSync: true });
  protected readonly dirty = computed(() => {
    const s = this.settings();
    const v = this.value();
    return s !== null && (v.threshold !== s.threshold || v.highScore !== s.highScore);
  });

  constructor() {
    this.load();
  }

  protected score(value: number): string {
    return formatScore(value, this.i18n.locale());
  }

  protected load(): void {
    this.loading.set(true);
    this.api.settings().subscribe({
      next: (settings) => {
        this.loading.set(false);
        this.loadProblem.set(null);
        this.show(settings);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.loadProblem.set(errorMessage(toWebError(error)));
      },
    });
  }

  protected useDefaults(settings: ScreeningSettingsView): void {
    this.form.setValue({ threshold: settings.defaults.threshold, highScore: settings.defaults.highScore });
    this.form.markAllAsTouched();
  }

  protected save(): void {
    const settings = this.settings();
    if (!settings) return;
    const { threshold, highScore } = this.form.getRawValue();
    this.submission.run(
      this.form,
      () => this.api.saveSettings({ threshold: threshold ?? 0, highScore: highScore ?? 0, rowVersion: settings.rowVersion }),
      (saved) => {
        this.show(saved);
        this.notifier.notify(this.i18n.t('sanctions.settings.saved'));
      },
      (error) => {
        if (!isStale(error.code, error.status)) return false;
        this.submission.problem.set({ key: 'sanctions.settings.stale' });
        this.stale.set(true);
        return true;
      },
    );
  }

  private show(settings: ScreeningSettingsView): void {
    this.stale.set(false);
    this.submission.problem.set(null);
    this.settings.set(settings);
    this.form.reset({ threshold: settings.threshold, highScore: settings.highScore });
  }
}
