/**
 * The sign-in page's shell: the form as plain HTML in index.html (apps/web/src/sign-in-shell/, written in by
 * tools/build/sign-in-shell.ts), shown on /sign-in while the app's scripts are still on their way. The app takes it
 * over once its own sign-in page has rendered: what was typed, where the focus and the caret were, and whether the
 * visitor already pressed "Sign in" (the shell only marks that; the app sends the request). No Angular here: the
 * build step reads the id too.
 */
export const SIGN_IN_SHELL_ID = 'mz-sign-in-shell';

export type ShellField = 'email' | 'password' | 'submit';

export interface ShellState {
  email: string;
  password: string;
  /** The visitor pressed "Sign in" (or Enter) in the shell. */
  submitted: boolean;
  /** The shell's control that had the focus, with the caret or selection in a text field. */
  focus: { field: ShellField; start: number | null; end: number | null } | null;
}

function shellOf(document: Document): HTMLElement | null {
  return document.getElementById(SIGN_IN_SHELL_ID);
}

/**
 * Reads the shell and removes it from the page (null when there is none, or it was never shown). Call it in the
 * same task that puts the app's form on screen, so no keystroke falls between the two.
 */
export function takeSignInShell(document: Document): ShellState | null {
  const shell = shellOf(document);
  if (!shell) return null;
  const shown = !shell.hidden;
  const field = (name: string) => shell.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  const email = field('email');
  const password = field('password');
  const submit = shell.querySelector<HTMLButtonElement>('button[type="submit"]');
  let focus: ShellState['focus'] = null;
  const active = document.activeElement;
  if (active && shell.contains(active)) {
    const which: ShellField | null = active === email ? 'email' : active === password ? 'password' : active === submit ? 'submit' : null;
    if (which) focus = { field: which, start: selection(active, 'start'), end: selection(active, 'end') };
  }
  const state: ShellState = {
    email: email?.value ?? '',
    password: password?.value ?? '',
    submitted: shell.getAttribute('data-submitted') === '1',
    focus,
  };
  shell.remove();
  return shown ? state : null;
}

/** An input's caret; `type="email"` has none (the DOM throws on it). */
function selection(element: Element, end: 'start' | 'end'): number | null {
  if (!(element instanceof HTMLInputElement)) return null;
  try {
    return end === 'start' ? element.selectionStart : element.selectionEnd;
  } catch {
    return null;
  }
}

/** Removes the shell when the app opens another page than sign-in (a signed-in visitor is sent home). */
export function dropSignInShell(document: Document): void {
  shellOf(document)?.remove();
}
