import { signal, type WritableSignal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import type { Observable } from 'rxjs';
import {
  applyFieldErrors,
  errorMessage,
  toWebError,
} from '../../core/api/api-error';

export type DialogProblem = ReturnType<typeof errorMessage>;

/**
 * The submit cycle every user dialog shares: send once, put field errors on their
 * controls, show the rest above the actions, close with the api's answer.
 */
export class DialogSubmission<T> {
  readonly busy = signal(false);
  readonly problem: WritableSignal<DialogProblem | null> = signal(null);

  run(
    form: FormGroup,
    request: () => Observable<T>,
    done: (result: T) => void,
  ): void {
    if (this.busy()) return;
    if (form.invalid) {
      form.markAllAsTouched();
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
        const unmatched = applyFieldErrors(form, webError.fields);
        if (webError.fields.length === 0 || unmatched.length > 0) {
          this.problem.set(
            unmatched.length > 0
              ? {
                  key: 'errors.generic',
                  params: {
                    message: unmatched
                      .map((f) => `${f.field}: ${f.message}`)
                      .join('; '),
                  },
                }
              : errorMessage(webError),
          );
        }
      },
    });
  }
}
