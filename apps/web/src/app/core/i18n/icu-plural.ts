/*
 * ICU plural messages for the dictionaries: `{count, plural, =0 {No payments} one {# payment} other {# payments}}`.
 * Languages differ in how many forms they have (Arabic: zero, one, two, few, many, other);
 * Intl.PluralRules picks the form for the locale, `=n` matches an exact number first, and
 * `#` is the number written for the locale. Simple `{name}` placeholders are left to translate().
 */

const PLURAL_START = /\{\s*(\w+)\s*,\s*plural\s*,/g;

/** The text between the brace at `open` and its matching closing brace, and where that brace is. */
function balanced(text: string, open: number): { body: string; end: number } | null {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      depth--;
      if (depth === 0) return { body: text.slice(open + 1, i), end: i };
    }
  }
  return null;
}

/** `=0 {…} one {…} other {…}` → { '=0': '…', one: '…', other: '…' }. */
function parseOptions(source: string): Map<string, string> {
  const options = new Map<string, string>();
  let i = 0;
  while (i < source.length) {
    const match = /^\s*(=\d+|zero|one|two|few|many|other)\s*/.exec(source.slice(i));
    if (!match) break;
    const open = i + match[0].length;
    if (source[open] !== '{') break;
    const option = balanced(source, open);
    if (!option) break;
    options.set(match[1], option.body);
    i = option.end + 1;
  }
  return options;
}

/** Resolves every `{name, plural, …}` block of `text` with the number `params[name]`. */
export function formatPlurals(
  text: string,
  params: Readonly<Record<string, string | number>> | undefined,
  locale: string,
): string {
  if (!params || !text.includes('plural')) return text;
  let out = '';
  let from = 0;
  PLURAL_START.lastIndex = 0;
  for (let m = PLURAL_START.exec(text); m; m = PLURAL_START.exec(text)) {
    const block = balanced(text, m.index);
    if (!block) break;
    const raw = params[m[1]];
    const count = typeof raw === 'number' ? raw : Number(raw);
    const options = parseOptions(text.slice(m.index + m[0].length, block.end));
    let chosen = options.get('other') ?? '';
    if (Number.isFinite(count)) {
      const exact = options.get(`=${count}`);
      const category = new Intl.PluralRules(locale).select(count);
      // A chosen branch may hold a plural of its own: resolve it before `#` means this count.
      chosen = formatPlurals(exact ?? options.get(category) ?? chosen, params, locale);
      chosen = chosen.replace(/#/g, new Intl.NumberFormat(locale).format(count));
    }
    out += text.slice(from, m.index) + chosen;
    from = block.end + 1;
    PLURAL_START.lastIndex = from;
  }
  return out + text.slice(from);
}
