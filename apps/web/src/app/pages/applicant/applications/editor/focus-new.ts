/** After adding an item, moves focus to its first field (found by `data-focus-id`), once it is rendered. */
export function focusNew(host: HTMLElement, id: string): void {
  setTimeout(() => {
    const el = host.querySelector<HTMLElement>(
      `[data-focus-id="${CSS.escape(id)}"]`,
    );
    el?.focus();
  });
}
