/** Moves keyboard focus to the first field with an error, once the view shows it. */
export function focusFirstInvalid(root: ParentNode = document): void {
  setTimeout(() => {
    const field = root.querySelector<HTMLElement>(
      'input.ng-invalid, textarea.ng-invalid, mat-select.ng-invalid',
    );
    field?.focus();
  });
}
