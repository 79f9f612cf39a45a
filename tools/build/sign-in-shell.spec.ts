/**
 * @jest-environment jsdom
 * @jest-environment-options {"url": "http://localhost/sign-in?returnUrl=%2Ftrail"}
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineScriptHashes } from '../../apps/api/src/app/http/security-headers';
import { SIGN_IN_SHELL_ID } from '../../apps/web/src/app/pages/sign-in/sign-in-shell';
import { SHELL_KEYS, addSignInShell, shellMarkup, shellTexts } from './sign-in-shell';

/** Puts the shell in this document and runs its script, as the browser does while parsing index.html. */
function render(markup = shellMarkup()): HTMLElement {
  document.body.innerHTML = markup;
  const script = document.body.querySelector('script')?.textContent ?? '';
  new Function(script)();
  return document.getElementById(SIGN_IN_SHELL_ID) as HTMLElement;
}

describe("index.html's sign-in shell", () => {
  afterEach(() => {
    localStorage.clear();
    document.body.innerHTML = '';
    document.documentElement.removeAttribute('dir');
    document.documentElement.removeAttribute('lang');
  });

  it('has each language its own texts, from the catalogs', () => {
    const texts = shellTexts();
    for (const key of SHELL_KEYS) {
      expect(texts.ar[key]).not.toBe(texts.en[key]);
      expect(texts.sv[key]).toBeTruthy();
    }
    expect(texts.ar['$dir']).toBe('rtl');
    expect(texts.en['signIn.heading']).toBe('Sign in to Mizan');
  });

  it('is one inline script the api can name by its hash, with the form the app takes over (email, password, submit)', () => {
    const markup = shellMarkup();
    expect(markup).not.toContain('{{');
    expect(markup).not.toContain('MZS_TEXTS');
    expect(inlineScriptHashes(markup)).toHaveLength(1);
    document.body.innerHTML = markup;
    const shell = document.getElementById(SIGN_IN_SHELL_ID) as HTMLElement;
    expect(shell.hidden).toBe(true);
    expect(shell.querySelector('input[name="email"]')?.getAttribute('data-testid')).toBe('sign-in-email');
    expect(shell.querySelector('input[name="password"]')?.getAttribute('autocomplete')).toBe('current-password');
    // Until the script runs, nothing can be submitted: a browser never posts the password as a form.
    expect(shell.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled).toBe(true);
  });

  it('shows the form on /sign-in in the stored language, right to left in Arabic, and only marks a submit', () => {
    localStorage.setItem('mizan.lang', 'ar');
    const shell = render();
    expect(shell.hidden).toBe(false);
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    const texts = shellTexts();
    expect(shell.querySelector('h1')?.textContent).toBe(texts.ar['signIn.heading']);
    expect(document.title).toBe(`${texts.ar['signIn.title']} · ${texts.ar['app.name']}`);
    const submit = shell.querySelector<HTMLButtonElement>('button[type="submit"]') as HTMLButtonElement;
    expect(submit.disabled).toBe(false);

    const event = new Event('submit', { cancelable: true });
    shell.querySelector('form')?.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(shell.getAttribute('data-submitted')).toBe('1');
    expect(submit.textContent).toBe(texts.ar['signIn.submitting']);
    expect(submit.getAttribute('aria-disabled')).toBe('true');
  });

  it("follows the browser's language when none is stored, English when it has none of the app's", () => {
    const language = jest.spyOn(navigator, 'language', 'get');
    language.mockReturnValue('sv-SE');
    expect(render().querySelector('h1')?.textContent).toBe(shellTexts().sv['signIn.heading']);
    expect(document.documentElement.dir).toBe('ltr');
    language.mockReturnValue('fr-FR');
    expect(render().querySelector('h1')?.textContent).toBe('Sign in to Mizan');
    language.mockRestore();
  });

  it('removes itself on any other page', () => {
    history.pushState({}, '', '/home');
    try {
      render();
      expect(document.getElementById(SIGN_IN_SHELL_ID)).toBeNull();
    } finally {
      history.pushState({}, '', '/sign-in');
    }
  });

  it("is written into index.html once, at the start of <body>, with the service worker's hash of it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'mizan-shell-'));
    try {
      writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head><body class="x"><mz-root></mz-root></body></html>');
      writeFileSync(join(dir, 'ngsw.json'), JSON.stringify({ hashTable: { '/index.html': 'old' } }));
      expect(addSignInShell(dir)).toBe(true);
      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      expect(html.indexOf('<body class="x"><style>')).toBeGreaterThan(0);
      expect(html.indexOf(`id="${SIGN_IN_SHELL_ID}"`)).toBeLessThan(html.indexOf('<mz-root>'));
      const ngsw = JSON.parse(readFileSync(join(dir, 'ngsw.json'), 'utf8')) as { hashTable: Record<string, string> };
      expect(ngsw.hashTable['/index.html']).toBe(createHash('sha1').update(html).digest('hex'));
      expect(addSignInShell(dir)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
