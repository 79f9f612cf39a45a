import type { AbstractControl, ValidationErrors } from '@angular/forms';

/** Like Validators.required, but spaces alone do not count as an answer. */
export function notBlank(control: AbstractControl): ValidationErrors | null {
  const value: unknown = control.value;
  return typeof value === 'string' && value.trim() === '' ? { required: true } : null;
}
