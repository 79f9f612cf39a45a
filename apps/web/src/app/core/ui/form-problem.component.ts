import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { errorMessage } from '../api/api-error';
import { TranslatePipe } from '../i18n/translate.pipe';

/** What went wrong with a form as a whole, in translatable words (the api's error, or "check the fields"). */
export type FormProblem = ReturnType<typeof errorMessage>;

/**
 * The error banner of a form or dialog: a live region that is always there, so
 * a screen reader announces the problem the moment it appears.
 */
@Component({
  selector: 'mz-form-problem',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div aria-live="assertive">
      @if (problem(); as p) {
        <p
          class="mz-banner mz-banner-error"
          role="alert"
          [attr.data-testid]="testId()"
        >
          <mat-icon svgIcon="error" />
          <span>{{ p.key | t: p.params }}</span>
        </p>
      }
    </div>
  `,
})
export class FormProblemComponent {
  readonly problem = input.required<FormProblem | null>();
  readonly testId = input('dialog-error');
}
