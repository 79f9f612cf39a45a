import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import type { TwoFactorEnabled, TwoFactorStatus } from '@mizan/contracts';
import { errorMessage, toWebError } from '../../core/api/api-error';
import { TwoFactorApiService } from '../../core/auth/two-factor-api.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  FormProblemComponent,
  type FormProblem,
} from '../../core/ui/form-problem.component';
import { RecoveryCodesComponent } from '../../core/ui/recovery-codes.component';
import { TwoFactorEnrolmentComponent } from '../../core/ui/two-factor-enrolment.component';
import { PageHeaderComponent } from '../../core/ui/page-header.component';

/** The user's own sign-in security: set up, renew recovery codes for, or turn off the second factor. */
@Component({
  selector: 'mz-security-page',
  imports: [
    PageHeaderComponent,
    FormProblemComponent,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    RecoveryCodesComponent,
    TranslatePipe,
    TwoFactorEnrolmentComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-block: 1rem;
    }
  `,
  template: `
    <mz-page-header [title]="'security.title' | t" [intro]="'security.intro' | t" />
    <mz-form-problem [problem]="problem()" testId="security-error" />
    @if (status(); as s) {
      <mat-card appearance="outlined">
        <mat-card-content>
          <h2>{{ 'security.twoFactor' | t }}</h2>
          @if (s.enabled) {
            <p data-testid="two-factor-status" data-enabled="true">
              {{ 'security.status.on' | t: { left: s.recoveryCodesLeft } }}
            </p>
            <div class="actions">
              <button
                mat-stroked-button
                type="button"
                data-testid="recovery-codes-regenerate"
                [disabled]="busy()"
                (click)="regenerate()"
              >
                {{ 'security.codes.regenerate' | t }}
              </button>
              @if (!s.required) {
                <button
                  mat-stroked-button
                  type="button"
                  data-testid="two-factor-disable"
                  [disabled]="busy()"
                  (click)="disable()"
                >
                  {{ 'security.disable' | t }}
                </button>
              } @else {
                <p>{{ 'security.status.requiredKeep' | t }}</p>
              }
            </div>
          } @else {
            <p data-testid="two-factor-status" data-enabled="false">
              {{ 'security.status.off' | t }}
            </p>
            @if (s.required) {
              <p class="mz-banner mz-banner-info">
                {{ 'security.signIn.enrolRequired' | t }}
              </p>
            }
            @if (enrolling()) {
              <mz-two-factor-enrolment (enabled)="enrolled($event)" />
            } @else {
              <button
                mat-flat-button
                type="button"
                data-testid="two-factor-start"
                (click)="enrolling.set(true)"
              >
                {{ 'security.enrol.start' | t }}
              </button>
            }
          }
          @if (codes().length > 0) {
            <mz-recovery-codes [codes]="codes()" />
          }
        </mat-card-content>
      </mat-card>
    }
  `,
})
export class SecurityPageComponent {
  private readonly api = inject(TwoFactorApiService);
  protected readonly status = signal<TwoFactorStatus | null>(null);
  protected readonly enrolling = signal(false);
  protected readonly busy = signal(false);
  protected readonly codes = signal<string[]>([]);
  protected readonly problem = signal<FormProblem | null>(null);

  constructor() {
    this.load();
  }

  private load(): void {
    this.api.status().subscribe({
      next: (status) => this.status.set(status),
      error: (error: unknown) =>
        this.problem.set(errorMessage(toWebError(error))),
    });
  }

  protected enrolled(result: TwoFactorEnabled): void {
    this.enrolling.set(false);
    this.codes.set(result.recoveryCodes);
    this.load();
  }

  protected regenerate(): void {
    this.run(this.api.regenerateRecoveryCodes(), (result) => {
      this.codes.set(result.recoveryCodes);
      this.load();
    });
  }

  protected disable(): void {
    this.run(this.api.disable(), () => {
      this.codes.set([]);
      this.load();
    });
  }

  private run<T>(
    request: import('rxjs').Observable<T>,
    done: (result: T) => void,
  ): void {
    this.busy.set(true);
    this.problem.set(null);
    request.subscribe({
      next: (result) => {
        this.busy.set(false);
        done(result);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
  }
}
