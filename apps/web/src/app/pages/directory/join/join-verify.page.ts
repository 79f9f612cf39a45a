import { ChangeDetectionStrategy, Component, inject, input, signal, type OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink } from '@angular/router';
import type { DirectoryVerificationResult } from '@mizan/contracts';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { LanguageMenuComponent } from '../../../layout/language-menu.component';
import { DirectoryApiService } from '../shared/directory-api.service';

/**
 * The token as the link carries it, without the invisible direction marks a mail client may have taken into the
 * link from an Arabic message (the server isolates the link with U+2068…U+2069 in right-to-left text).
 */
export function cleanToken(token: string | undefined): string {
  return (token ?? '').replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\s]/g, '');
}

/** Public: the mailed link (`/directory/verify?token=…`) verifies the address; then the expert signs in (or waits, when held). */
@Component({
  selector: 'mz-join-verify-page',
  imports: [FormProblemComponent, LanguageMenuComponent, LoadingBarComponent, MatButtonModule, MatCardModule, MatIconModule, MatToolbarModule, RouterLink, TranslatePipe],
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
          <h1 class="sign-in-heading">{{ 'directory.verify.title' | t }}</h1>
          <mz-loading-bar [loading]="busy()" />
          @if (result(); as r) {
            <div class="mz-banner mz-banner-success" role="status" data-testid="verify-done" [attr.data-status]="r.status">
              <mat-icon svgIcon="check_circle" />
              <p class="mz-banner-text">{{ (r.status === 'active' ? 'directory.verify.active' : 'directory.verify.held') | t }}</p>
            </div>
            @if (r.status === 'active') {
              <a mat-flat-button class="full-width submit" routerLink="/sign-in" data-testid="verify-sign-in">{{ 'directory.verify.signIn' | t }}</a>
            }
          } @else if (!token()) {
            <p class="mz-banner mz-banner-error" role="alert" data-testid="verify-no-token">
              <mat-icon svgIcon="error" />
              <span>{{ 'directory.verify.noToken' | t }}</span>
            </p>
          }
          <mz-form-problem [problem]="problem()" testId="verify-error" />
        </mat-card-content>
      </mat-card>
    </main>
  `,
})
export class JoinVerifyPage implements OnInit {
  private readonly api = inject(DirectoryApiService);
  /** Query parameter, bound by the router. */
  readonly token = input<string | undefined>();
  protected readonly busy = signal(false);
  protected readonly result = signal<DirectoryVerificationResult | null>(null);
  protected readonly problem = signal<FormProblem | null>(null);

  ngOnInit(): void {
    const token = cleanToken(this.token());
    if (!token) return;
    this.busy.set(true);
    this.api.verify(token).subscribe({
      next: (result) => {
        this.busy.set(false);
        this.result.set(result);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
  }
}
