import { signal, type WritableSignal } from '@angular/core';
import type { FormGroup, FormGroupDirective } from '@angular/forms';
import type { Observable } from 'rxjs';
import {
  applyFieldErrors,
  errorMessage,
  toWebError,
  type WebError,
} from '../api/api-error';

export type FormProblem = ReturnType<typeof errorMessage>;

/**
 * The submit cycle of every form and dialog (officer, grants, finance, users, applicant): send once, put each field
 * error on the control at the api's field path (shown by its mat-error), and show
 * the rest above the actions. `onError` sees the raw error first (e.g. a 409 that
 * deserves its own sentence) and returns true when it has dealt with it;
 * `afterFieldErrors` runs once field errors are on their controls (to focus the first).
 */
export class FormSubmission<T> {
  readonly busy = signal(false);
  readonly problem: WritableSignal<FormProblem | null> = signal(null);

  /**
   * `quiet`: no "check the marked fields" banner when the mat-errors already say
   * it (the short dialogs of the users and applicant pages).
   */
  constructor(private readonly options: { quiet?: boolean } = {}) {}

  /**
   * After a success that keeps the form on screen (the next assignment, the
   * next decision): new values, and nothing red left from the submit that just
   * succeeded. `form.reset` alone leaves the template's FormGroupDirective
   * "submitted", and Material's error state counts that: pass the directive
   * (`viewChild(FormGroupDirective)`) so its submitted flag clears too.
   */
  reset<F extends FormGroup>(form: F, directive: FormGroupDirective | null | undefined, value?: Parameters<F['reset']>[0]): void {
    if (directive && directive.form === form) directive.resetForm(value);
    else form.reset(value);
    this.problem.set(null);
  }

  run(
    form: FormGroup,
    request: () => Observable<T>,
    done: (result: T) => void,
    onError?: (error: WebError) => boolean,
    afterFieldErrors?: () => void,
  ): void {
    if (this.busy()) return;
    if (form.invalid) {
      form.markAllAsTouched();
      if (!this.options.quiet) this.problem.set({ key: 'errors.validation' });
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    request().subscribe({
      next: (result) => {
        this.busy.set(false);
        done(result);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const webError = toWebError(error);
        if (onError?.(webError)) return;
        const unmatched = applyFieldErrors(form, webError.fields);
        if (unmatched.length < webError.fields.length) afterFieldErrors?.();
        if (webError.fields.length === 0) {
          this.problem.set(errorMessage(webError));
        } else if (unmatched.length > 0) {
          this.problem.set({
            key: 'errors.generic',
            params: {
              message: unmatched
                .map((f) => `${f.field}: ${f.message}`)
                .join('; '),
            },
          });
        } else if (!this.options.quiet) {
          this.problem.set({ key: 'errors.validation' });
        }
      },
    });
  }
}
