/*
 * Part of `nx run web:compress`, after the modulepreload links: writes the sign-in page's shell into index.html —
 * the page's form as plain HTML with its own small stylesheet and script (apps/web/src/sign-in-shell/), so that on a
 * slow link a visitor can read and fill the form before the app's ~190 kB of scripts have arrived (docs/benchmarks.md,
 * "Web on a slow link"). The script shows it only on /sign-in, in the language the app will choose, and the app's
 * sign-in page takes it over once it has started (apps/web/src/app/pages/sign-in/sign-in-shell.ts).
 *
 * Texts: the three languages' messages for the shell's keys, from the web's catalogs (i18n/<lang>/core.json). The
 * script is inline, so the api allows it by its SHA-256 in the Content-Security-Policy, computed from the served
 * index.html at start-up (apps/api/src/app/http/security-headers.ts): no 'unsafe-inline' for scripts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIGN_IN_SHELL_ID } from '../../apps/web/src/app/pages/sign-in/sign-in-shell';
import { updateIndexHtml } from './modulepreload';

const SOURCE_DIR = join(__dirname, '../../apps/web/src/sign-in-shell');
const I18N_DIR = join(__dirname, '../../apps/web/src/i18n');

/** The app's languages (core/i18n/i18n.service.ts LANGUAGES): direction and the name the language menu shows. */
export const SHELL_LANGUAGES = {
  en: { dir: 'ltr', name: 'English' },
  ar: { dir: 'rtl', name: 'العربية' },
  sv: { dir: 'ltr', name: 'Svenska' },
} as const;
type ShellLanguage = keyof typeof SHELL_LANGUAGES;

/** The catalog keys the shell shows. */
export const SHELL_KEYS = ['app.name', 'lang.menu', 'signIn.title', 'signIn.heading', 'signIn.intro', 'signIn.email', 'signIn.password', 'signIn.submit', 'signIn.submitting'] as const;

export type ShellTexts = Record<ShellLanguage, Record<string, string>>;

/** Each language's texts for the shell (plus `$dir`, `$name`), read from its core catalog. */
export function shellTexts(i18nDir = I18N_DIR): ShellTexts {
  const out = {} as ShellTexts;
  for (const lang of Object.keys(SHELL_LANGUAGES) as ShellLanguage[]) {
    const catalog = JSON.parse(readFileSync(join(i18nDir, lang, 'core.json'), 'utf8')) as Record<string, string>;
    const texts: Record<string, string> = { $dir: SHELL_LANGUAGES[lang].dir, $name: SHELL_LANGUAGES[lang].name };
    for (const key of SHELL_KEYS) {
      const text = catalog[key];
      if (typeof text !== 'string' || text.includes('{')) throw new Error(`i18n/${lang}/core.json: ${key} is missing or has placeholders`);
      texts[key] = text;
    }
    out[lang] = texts;
  }
  return out;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON safe inside a <script>: no `</script>` or `<!--` can close or confuse it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The comments and indentation of the shell's sources dropped (they are written for reading; a few hundred bytes). */
function compact(source: string, comments: RegExp): string {
  return source
    .replace(comments, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** The markup, stylesheet and script to put in index.html: English in the markup, every language in the script. */
export function shellMarkup(texts: ShellTexts = shellTexts(), sourceDir = SOURCE_DIR): string {
  const html = readFileSync(join(sourceDir, 'shell.html'), 'utf8').replace(/\{\{([\w.]+)\}\}/g, (_, key: string) => {
    const text = texts.en[key];
    if (text === undefined) throw new Error(`shell.html: {{${key}}} is not one of SHELL_KEYS`);
    return escapeHtml(text);
  });
  if (!html.includes(`id="${SIGN_IN_SHELL_ID}"`)) throw new Error(`shell.html has no #${SIGN_IN_SHELL_ID}`);
  const css = compact(readFileSync(join(sourceDir, 'shell.css'), 'utf8'), /\/\*[\s\S]*?\*\//g);
  const js = compact(readFileSync(join(sourceDir, 'shell.js'), 'utf8'), /^\s*\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm);
  if (!js.includes('MZS_TEXTS')) throw new Error('shell.js does not read MZS_TEXTS');
  return `<style>${css}</style>${compact(html, /<!--[\s\S]*?-->/g)}<script>${js.replace('MZS_TEXTS', scriptJson(texts))}</script>`;
}

/** Puts the shell at the start of <body> (before <mz-root>); returns false when it is there already. */
export function addSignInShell(browserDir: string): boolean {
  return updateIndexHtml(browserDir, (html) => {
    if (html.includes(`id="${SIGN_IN_SHELL_ID}"`)) return html;
    const body = html.match(/<body[^>]*>/);
    if (!body || body.index === undefined) throw new Error('index.html has no <body>');
    const at = body.index + body[0].length;
    return `${html.slice(0, at)}${shellMarkup()}${html.slice(at)}`;
  });
}
