/** What a key press on the verification page asks for. */
export type VerifyCommand = 'next' | 'previous' | 'accept' | 'question' | 'ineligible';

/** The shortcuts, as shown in the legend (the keys are the same in every language and layout: `event.key`, lower-cased). */
export const VERIFY_SHORTCUTS: ReadonlyArray<{ keys: readonly string[]; command: VerifyCommand }> = [
  { keys: ['j', 'ArrowDown'], command: 'next' },
  { keys: ['k', 'ArrowUp'], command: 'previous' },
  { keys: ['a'], command: 'accept' },
  { keys: ['q'], command: 'question' },
  { keys: ['i'], command: 'ineligible' },
];

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The focused element's tag and role: typing in a field or a menu is never a shortcut. */
  target?: { tagName?: string; isContentEditable?: boolean; getAttribute?(name: string): string | null } | null;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * The command of a key press, or null: none with a modifier (the browser's and
 * the screen reader's own shortcuts stay theirs), none while typing in a field,
 * a dialog open or a composition (IME) in progress.
 */
export function verifyCommand(event: KeyLike, options: { dialogOpen?: boolean; composing?: boolean } = {}): VerifyCommand | null {
  if (options.dialogOpen || options.composing) return null;
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target;
  if (target && (TYPING.has((target.tagName ?? '').toUpperCase()) || target.isContentEditable)) return null;
  const role = target?.getAttribute?.('role');
  if (role === 'textbox' || role === 'combobox' || role === 'menuitem') return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return VERIFY_SHORTCUTS.find((s) => s.keys.includes(key))?.command ?? null;
}

/** Where the selection goes: within the loaded page, or to the neighbouring page (1-based pages). */
export function step(
  position: { index: number; page: number; pageCount: number; itemsOnPage: number },
  direction: 1 | -1,
): { index: number; page: number } | null {
  const { index, page, pageCount, itemsOnPage } = position;
  const next = index + direction;
  if (next >= 0 && next < itemsOnPage) return { index: next, page };
  if (direction === 1 && page < pageCount) return { index: 0, page: page + 1 };
  if (direction === -1 && page > 1) return { index: -1, page: page - 1 };
  return null;
}

/** A receipt the page shows inline (an image decoded by the browser), or offers as a link (PDF and the rest). */
export function previewKind(contentType: string): 'image' | 'link' {
  return contentType === 'image/jpeg' || contentType === 'image/png' ? 'image' : 'link';
}
