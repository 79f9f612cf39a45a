import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TranslationKey } from '../i18n/catalog';
import { TranslatePipe } from '../i18n/translate.pipe';

/**
 * The "why" of a change that goes on the activity trail: a required text with
 * the same label, hint and errors everywhere (the api's own message for the
 * field when it refused it).
 */
@Component({
  selector: 'mz-reason-field',
  imports: [MatFormFieldModule, MatInputModule, ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
      <mat-label>{{ labelKey() | t }}</mat-label>
      <textarea
        matInput
        [formControl]="control()"
        [rows]="rows()"
        required
        [attr.data-testid]="testId()"
      ></textarea>
      <mat-hint>{{ hintKey() | t }}</mat-hint>
      @if (control().hasError('server')) {
        <mat-error>{{ control().getError('server') }}</mat-error>
      } @else if (control().invalid) {
        <mat-error>{{ 'common.reasonRequired' | t }}</mat-error>
      }
    </mat-form-field>
  `,
})
export class ReasonFieldComponent {
  readonly control = input.required<FormControl<string>>();
  readonly testId = input.required<string>();
  readonly rows = input(3);
  readonly labelKey = input<TranslationKey>('common.reason');
  readonly hintKey = input<TranslationKey>('common.reasonHint');
}
