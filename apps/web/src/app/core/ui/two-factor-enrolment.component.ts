import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  output,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TwoFactorEnabled, TwoFactorEnrolment } from '@mizan/contracts';
import { errorMessage, toWebError } from '../api/api-error';
import { TwoFactorApiService } from '../auth/two-factor-api.service';
import { TranslatePipe } from '../i18n/translate.pipe';
import { FormProblemComponent, type FormProblem } from './form-problem.component';

/**
 * Setting up the second factor: a new secret as a QR code and as text for
 * typing by hand, then the first code from the app. Used on the security page
 * and, when the agency requires it, in the middle of signing in.
 */
@Component({
  selector: 'mz-two-factor-enrolment',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .qr {
      display: block;
      width: 200px;
      height: 200px;
      image-rendering: pixelated;
      background: #fff;
    }
    .code-field {
      width: min(100%, 24rem);
    }
    .secret {
      font-family: monospace;
      font-size: 1.1rem;
      word-break: break-all;
    }
  `,
  template: `
    <section data-testid="two-factor-enrolment">
      @if (enrolment(); as e) {
        <ol>
          <li>
            <p>{{ 'security.enrol.scan' | t }}</p>
            <img
              class="qr"
              [src]="e.qrCodeDataUrl"
              [alt]="'security.enrol.qrAlt' | t"
              data-testid="two-factor-qr"
            />
          </li>
          <li>
            <p>{{ 'security.enrol.manual' | t }}</p>
            <p class="secret" dir="ltr" data-testid="two-factor-secret" [attr.data-secret]="e.secret">
              {{ grouped() }}
            </p>
          </li>
          <li>
            <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
              <mat-form-field class="code-field">
                <mat-label>{{ 'security.enrol.codeLabel' | t }}</mat-label>
                <input
                  matInput
                  type="text"
                  formControlName="code"
                  autocomplete="one-time-code"
                  inputmode="numeric"
                  dir="ltr"
                  required
                  data-testid="two-factor-enrol-code"
                />
                @if (form.controls.code.invalid) {
                  <mat-error>{{ 'security.code.required' | t }}</mat-error>
                }
              </mat-form-field>
              <mz-form-problem [problem]="problem()" testId="two-factor-enrol-error" />
              <button
                mat-flat-button
                type="submit"
                data-testid="two-factor-enrol-confirm"
                [disabled]="busy()"
              >
                {{ 'security.enrol.confirm' | t }}
              </button>
            </form>
          </li>
        </ol>
      } @else {
        <mz-form-problem [problem]="problem()" testId="two-factor-enrol-error" />
      }
    </section>
  `,
})
export class TwoFactorEnrolmentComponent {
  private readonly api = inject(TwoFactorApiService);
  readonly enabled = output<TwoFactorEnabled>();

  protected readonly enrolment = signal<TwoFactorEnrolment | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly grouped = computed(
    () => this.enrolment()?.secret.match(/.{1,4}/g)?.join(' ') ?? '',
  );
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required]],
  });

  constructor() {
    this.api.startEnrolment().subscribe({
      next: (enrolment) => this.enrolment.set(enrolment),
      error: (error: unknown) =>
        this.problem.set(errorMessage(toWebError(error))),
    });
  }

  protected confirm(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.api.confirmEnrolment(this.form.getRawValue().code.trim()).subscribe({
      next: (result) => {
        this.busy.set(false);
        this.enabled.emit(result);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problem.set(errorMessage(toWebError(error)));
        this.form.controls.code.reset();
      },
    });
  }
}
