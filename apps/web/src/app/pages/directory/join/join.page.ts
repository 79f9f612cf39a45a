import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink } from '@angular/router';
import { DIRECTORY_LIMITS } from '@mizan/contracts';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { LanguageMenuComponent } from '../../../layout/language-menu.component';
import { DirectoryApiService } from '../shared/directory-api.service';

/**
 * Public: a diaspora professional registers as an expert (name, email, password, in the language on show). The api
 * answers the same whether or not the address is known; the page then says to open the mailed link.
 */
@Component({
  selector: 'mz-join-page',
  imports: [
    FieldErrorDirective,
    FormProblemComponent,
    LanguageMenuComponent,
    LoadingBarComponent,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatToolbarModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../../sign-in/sign-in.component.scss',
  template: `
    <header>
      <mat-toolbar class="mz-toolbar">
        <span class="brand">{{ 'app.name' | t }}</span>
        <span class="spacer"></span>
        <mz-language-menu />
      </mat-toolbar>
    </header>
    <main id="main" class="sign-in-main" tabindex="-1">
      <mat-card appearance="outlined" class="sign-in-card">
        <mat-card-content>
          <h1 class="sign-in-heading" data-testid="join-heading">{{ 'directory.join.title' | t }}</h1>
          @if (sent()) {
            <div class="mz-banner mz-banner-success" role="status" data-testid="join-sent">
              <mat-icon svgIcon="mail" />
              <p class="mz-banner-text">{{ 'directory.join.sent' | t: { email: sentTo() } }}</p>
            </div>
          } @else {
            <p class="sign-in-intro">{{ 'directory.join.intro' | t }}</p>
            <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
              <mat-form-field class="full-width">
                <mat-label>{{ 'directory.join.name' | t }}</mat-label>
                <input matInput formControlName="name" autocomplete="name" dir="auto" required [maxlength]="limits.nameMax" data-testid="join-name" />
                <mat-error [mzFieldError]="form.controls.name" />
              </mat-form-field>
              <mat-form-field class="full-width">
                <mat-label>{{ 'directory.join.email' | t }}</mat-label>
                <input matInput type="email" formControlName="email" autocomplete="email" dir="ltr" required data-testid="join-email" />
                <mat-error [mzFieldError]="form.controls.email" />
              </mat-form-field>
              <mat-form-field class="full-width">
                <mat-label>{{ 'directory.join.password' | t }}</mat-label>
                <input matInput type="password" formControlName="password" autocomplete="new-password" required data-testid="join-password" />
                <mat-hint>{{ 'directory.join.passwordHint' | t: { min: limits.passwordMin } }}</mat-hint>
                <mat-error [mzFieldError]="form.controls.password" />
              </mat-form-field>
              <p class="note">{{ 'directory.join.privacy' | t }}</p>
              <mz-loading-bar [loading]="submission.busy()" />
              <mz-form-problem [problem]="submission.problem()" testId="join-error" />
              <button mat-flat-button type="submit" class="full-width submit" [disabled]="submission.busy()" data-testid="join-submit">
                {{ 'directory.join.submit' | t }}
              </button>
            </form>
          }
          <p class="note"><a routerLink="/sign-in" data-testid="join-sign-in">{{ 'directory.join.haveAccount' | t }}</a></p>
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    .note {
      color: var(--mat-sys-on-surface-variant);
      margin-block: 12px;
    }
    .note a {
      display: inline-block;
      min-height: 24px;
    }
  `,
})
export class JoinPage {
  private readonly api = inject(DirectoryApiService);
  private readonly i18n = inject(I18nService);
  protected readonly limits = DIRECTORY_LIMITS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(DIRECTORY_LIMITS.nameMax)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(DIRECTORY_LIMITS.passwordMin), Validators.maxLength(DIRECTORY_LIMITS.passwordMax)]],
  });
  protected readonly submission = new FormSubmission<unknown>();
  protected readonly sent = signal(false);
  protected readonly sentTo = signal('');

  protected submit(): void {
    const value = this.form.getRawValue();
    this.submission.run(
      this.form,
      () => this.api.register({ name: value.name.trim(), email: value.email.trim(), password: value.password, language: this.i18n.lang() }),
      () => {
        this.sentTo.set(value.email.trim());
        this.sent.set(true);
      },
    );
  }
}
