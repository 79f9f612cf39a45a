import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  inject,
  input,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink } from '@angular/router';
import { ErrorCode, type SessionInfo, type SessionStage } from '@mizan/contracts';
import { TwoFactorApiService } from '../../core/auth/two-factor-api.service';
import { RecoveryCodesComponent } from '../../core/ui/recovery-codes.component';
import { TwoFactorEnrolmentComponent } from '../../core/ui/two-factor-enrolment.component';
import {
  applyFieldErrors,
  errorMessage,
  toWebError,
} from '../../core/api/api-error';
import { safeReturnUrl } from '../../core/auth/return-url';
import { SessionService } from '../../core/auth/session.service';
import type { TranslationKey } from '../../core/i18n/catalog';
import type { TranslationParams } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { LanguageMenuComponent } from '../../layout/language-menu.component';
import { FieldErrorDirective } from '../../core/ui/field-error.directive';
import { takeSignInShell } from './sign-in-shell';

interface Problem {
  key: TranslationKey;
  params?: TranslationParams;
}

@Component({
  selector: 'mz-sign-in',
  imports: [
    FieldErrorDirective,
    LanguageMenuComponent,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatToolbarModule,
    ReactiveFormsModule,
    RecoveryCodesComponent,
    RouterLink,
    TranslatePipe,
    TwoFactorEnrolmentComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in.component.html',
  styleUrl: './sign-in.component.scss',
})
export class SignInComponent {
  private readonly sessions = inject(SessionService);
  private readonly router = inject(Router);
  private readonly twoFactor = inject(TwoFactorApiService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly document = inject(DOCUMENT);

  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string | undefined>();
  readonly reason = input<string | undefined>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly submitting = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** Which step is showing: the password, the code, or setting up the second factor the agency requires. */
  protected readonly step = signal<SessionStage | 'password' | 'codes'>(
    this.sessions.pendingSession()?.stage ?? 'password',
  );
  protected readonly useRecoveryCode = signal(false);
  protected readonly recoveryCodes = signal<string[]>([]);
  private finished: SessionInfo | null = null;
  protected readonly codeForm = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required]],
  });

  constructor() {
    afterNextRender(() => this.adoptShell());
  }

  /**
   * The form index.html showed while the scripts were loading (sign-in-shell.ts), taken over in the task of this
   * page's first render: what was typed, the focus and caret, and a "Sign in" already pressed, which is sent now.
   */
  private adoptShell(): void {
    const shell = takeSignInShell(this.document);
    if (!shell || this.step() !== 'password') return;
    if (shell.email !== '' || shell.password !== '') this.form.setValue({ email: shell.email, password: shell.password });
    if (shell.focus) {
      const target = this.host.nativeElement.querySelector<HTMLElement>(`[data-testid="sign-in-${shell.focus.field}"]`);
      target?.focus();
      if (target instanceof HTMLInputElement && target.type !== 'email' && shell.focus.start !== null) {
        target.setSelectionRange(shell.focus.start, shell.focus.end ?? shell.focus.start);
      }
    }
    if (shell.submitted) this.submit();
  }

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.problem.set(null);
    this.sessions.signIn(this.form.getRawValue()).subscribe({
      next: (session) => {
        this.submitting.set(false);
        if (session.stage === 'full') this.done();
        else this.step.set(session.stage);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        const webError = toWebError(error);
        const unmatched = applyFieldErrors(this.form, webError.fields);
        if (webError.fields.length === 0 || unmatched.length > 0) {
          this.problem.set(errorMessage(webError));
        }
        this.form.controls.password.reset();
      },
    });
  }

  protected submitCode(): void {
    if (this.submitting()) return;
    if (this.codeForm.invalid) {
      this.codeForm.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.problem.set(null);
    this.twoFactor.verify(this.codeForm.getRawValue().code.trim()).subscribe({
      next: (session) => {
        this.sessions.accept(session);
        this.done();
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        const webError = toWebError(error);
        this.problem.set(errorMessage(webError));
        this.codeForm.controls.code.reset();
        // Locked out or expired: the pending session is gone, start again.
        if (webError.code !== ErrorCode.InvalidSecondFactor) this.restart();
      },
    });
  }

  protected toggleRecoveryCode(): void {
    this.useRecoveryCode.update((v) => !v);
    this.codeForm.controls.code.reset();
  }

  /** Enrolment the agency required is done: show the recovery codes once, then go on. */
  protected enrolled(result: { recoveryCodes: string[]; session: SessionInfo }): void {
    this.finished = result.session;
    this.recoveryCodes.set(result.recoveryCodes);
    this.step.set('codes');
  }

  protected continueAfterCodes(): void {
    if (this.finished) this.sessions.accept(this.finished);
    this.done();
  }

  protected cancel(): void {
    this.sessions.signOut().subscribe({
      next: () => this.restart(),
      error: () => this.restart(),
    });
  }

  private restart(): void {
    this.sessions.clear();
    this.step.set('password');
    this.form.controls.password.reset();
  }

  private done(): void {
    void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
  }
}
