import { IntlMessageFormat } from 'intl-messageformat';
import { isUserLanguage, type UserLanguage } from '@mizan/contracts';
import { SERVER_MESSAGES } from './server-catalog';

/** The language a reader without a choice gets: English (the agency's working language; see README "Languages"). */
export const FALLBACK_LANGUAGE: UserLanguage = 'en';

/** Locale of each language, as the web app uses it (digits, separators, dates). */
export const LOCALE_OF: Readonly<Record<UserLanguage, string>> = { en: 'en-GB', ar: 'ar', sv: 'sv-SE' };

export const DIRECTION_OF: Readonly<Record<UserLanguage, 'ltr' | 'rtl'>> = { en: 'ltr', ar: 'rtl', sv: 'ltr' };

/** An amount in minor units, formatted in the reader's locale. */
export interface MoneyParam {
  $money: { minor: string; currency: string };
}
/** A calendar date (YYYY-MM-DD), formatted in the reader's locale. */
export interface DateParam {
  $date: string;
}
/** A list of codes, each translated as `<prefix>.<code>` and written one per line as "- text". */
export interface CodesParam {
  $codes: { prefix: string; codes: string[] };
}
/**
 * An address (a link in a mail), written as it is: never wrapped in direction isolates, which a reader copying it
 * out of a right-to-left mail would carry along. Put it on a line of its own in the message.
 */
export interface LinkParam {
  $link: string;
}
export type MessageParam = string | number | boolean | null | MoneyParam | DateParam | CodesParam | LinkParam;
export type MessageParams = Readonly<Record<string, MessageParam>>;

/**
 * What a notification (and its email) says, as data: a key of the server catalog (without
 * `.title` / `.body`) and its parameters. Stored with the notification; rendered for each reader.
 */
export interface ServerMessage {
  key: string;
  params: MessageParams;
}

export function languageOrFallback(value: unknown): UserLanguage {
  return isUserLanguage(value) ? value : FALLBACK_LANGUAGE;
}

/** Whether the catalog knows `key` (a row written by an older version may carry a key since renamed). */
export function hasServerMessage(key: string): boolean {
  return key in SERVER_MESSAGES.en;
}

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

const compiled = new Map<string, IntlMessageFormat>();
function compile(text: string, locale: string): IntlMessageFormat {
  const id = `${locale}\u0000${text}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(text, locale, undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  return format;
}

/** Intl formatters are costly to build (a notification page formats dozens of amounts and dates): one per kind. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(id: string, make: () => T): T {
  let format = formatters.get(id) as T | undefined;
  if (!format) {
    format = make();
    formatters.set(id, format);
  }
  return format;
}

function formatMoney(param: MoneyParam['$money'], lang: UserLanguage): string {
  const { minor, currency } = param;
  const digits =
    cached(`currency\u0000${currency}`, () => new Intl.NumberFormat('en', { style: 'currency', currency })).resolvedOptions().maximumFractionDigits ?? 2;
  const negative = minor.startsWith('-');
  const magnitude = (negative ? minor.slice(1) : minor).padStart(digits + 1, '0');
  const decimal = digits === 0 ? magnitude : `${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
  // A decimal string keeps every digit of a bigint amount (Intl formats strings exactly since ES2023).
  // The code follows the number in every language ("600,000.00 SEK", "600 000,00 SEK"), as the emails always wrote it.
  const number = cached(
    `number\u0000${lang}\u0000${digits}`,
    () => new Intl.NumberFormat(LOCALE_OF[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  ).format(`${negative ? '-' : ''}${decimal}` as unknown as number);
  return `${number} ${currency}`;
}

function formatDate(date: string, lang: UserLanguage): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return cached(`date\u0000${lang}`, () => new Intl.DateTimeFormat(LOCALE_OF[lang], { dateStyle: 'long', timeZone: 'UTC' })).format(parsed);
}

function value(param: MessageParam, lang: UserLanguage): string | number {
  if (param === null) return '';
  if (typeof param === 'boolean') return String(param);
  if (typeof param === 'number') return param;
  if (typeof param === 'string') return lang === 'ar' && param ? `${FIRST_STRONG_ISOLATE}${param}${POP_DIRECTIONAL_ISOLATE}` : param;
  if ('$money' in param) return formatMoney(param.$money, lang);
  if ('$date' in param) return formatDate(param.$date, lang);
  if ('$link' in param) return param.$link;
  return param.$codes.codes.map((code) => `- ${renderServerText(lang, `${param.$codes.prefix}.${code}`, {})}`).join('\n');
}

/**
 * One message of the server catalog in `lang` (English when the language lacks it). Text
 * parameters are isolated for right-to-left readers (U+2068…U+2069) so a Latin title in an
 * Arabic sentence keeps its place; amounts and dates take the language's digits and separators.
 */
export function renderServerText(lang: UserLanguage, key: string, params: MessageParams): string {
  const text = SERVER_MESSAGES[lang][key] ?? SERVER_MESSAGES[FALLBACK_LANGUAGE][key];
  if (text === undefined) throw new Error(`no server message ${key}`);
  const values: Record<string, string | number> = {};
  for (const [name, param] of Object.entries(params)) values[name] = value(param, lang);
  const out = compile(text, LOCALE_OF[lang]).format(values);
  return typeof out === 'string' ? out : String(out);
}

/** Title and body of a notification (the title is also the email's subject). */
export function renderNotification(lang: UserLanguage, message: ServerMessage): { title: string; body: string } {
  return { title: renderServerText(lang, `${message.key}.title`, message.params), body: renderServerText(lang, `${message.key}.body`, message.params) };
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

export interface RenderedEmail {
  language: UserLanguage;
  subject: string;
  text: string;
  /** The HTML part: `lang` and `dir` set, so an Arabic email reads right to left. */
  html: string;
}

/** An email telling `message`, in `lang`: the notification's title as subject, its body, and the footer. */
export function renderEmail(lang: UserLanguage, message: ServerMessage): RenderedEmail {
  const { title, body } = renderNotification(lang, message);
  const footer = renderServerText(lang, 'email.footer', {});
  const text = `${body}\n\n—\n${footer}\n`;
  const dir = DIRECTION_OF[lang];
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${lang}" dir="${dir}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    `<body dir="${dir}" style="font-family: sans-serif; line-height: 1.5; text-align: ${dir === 'rtl' ? 'right' : 'left'}">`,
    paragraphs,
    `<hr><p style="color: #555">${escapeHtml(footer)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { language: lang, subject: title, text, html };
}
