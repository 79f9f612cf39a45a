import { computed, Directive, effect, inject, input, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import type { TranslationKey } from '../i18n/catalog';
import { I18nService } from '../i18n/i18n.service';

/**
 * A form field's error line: the message of the first error in `messages` the control has (in their order), else
 * the server's message for the field (FormSubmission puts it in the control's `server` error), else nothing.
 * Sits on the field's own `<mat-error>` so Material places and announces it:
 *
 *   <mat-error [mzFieldError]="form.controls.email" [messages]="{ required: 'users.dialog.required' }" />
 */
@Directive({
  selector: '[mzFieldError]',
  host: { '[textContent]': 'text()' },
})
export class FieldErrorDirective {
  private readonly i18n = inject(I18nService);

  readonly control = input.required<AbstractControl>({ alias: 'mzFieldError' });
  readonly messages = input<Readonly<Partial<Record<string, TranslationKey>>>>({});

  /** Bumped on every change of the control: its errors are not signals. */
  private readonly changes = signal(0);

  protected readonly text = computed(() => {
    this.changes();
    const control = this.control();
    for (const [error, key] of Object.entries(this.messages())) {
      if (key && control.hasError(error)) return this.i18n.t(key);
    }
    const server: unknown = control.getError('server');
    return typeof server === 'string' ? server : '';
  });

  constructor() {
    effect((onCleanup) => {
      const subscription = this.control().events.subscribe(() => this.changes.update((n) => n + 1));
      onCleanup(() => subscription.unsubscribe());
    });
  }
}
