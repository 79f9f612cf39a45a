import type { AbstractControl, ValidationErrors } from '@angular/forms';

/** The period ends on or after it starts (ISO dates compare as text): the plan form and the plan's edit dialog. */
export function periodOrder(group: AbstractControl): ValidationErrors | null {
  const from = group.get('periodFrom')?.value as string;
  const to = group.get('periodTo')?.value as string;
  return from && to && to < from ? { periodOrder: true } : null;
}
