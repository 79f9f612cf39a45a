/**
 * Keyboard moves through a table's rows, as the officer's queues use them:
 * j / ArrowDown and k / ArrowUp step, Home and End jump. Returns the row to
 * focus, or null when the key is not a move (Enter and the rest are the
 * caller's).
 */
export function nextRowIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'j':
    case 'ArrowDown':
      return Math.min(count - 1, current + 1);
    case 'k':
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Focuses the row of `index` in the table around `from` (rows carry `data-row-index`). */
export function focusRow(from: HTMLElement, index: number): void {
  from.closest('table')?.querySelector<HTMLElement>(`tr[data-row-index="${index}"]`)?.focus();
}
