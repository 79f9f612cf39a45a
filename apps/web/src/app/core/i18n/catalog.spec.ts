import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { icuShape } from '@mizan/contracts/testing';
import { sourceFiles } from '../../testing/source-files.node';
import { AREAS, FILES } from './catalog';

type Lang = keyof typeof FILES;
const LANGS: Lang[] = ['en', 'ar', 'sv'];
const ARABIC_PLURALS = ['zero', 'one', 'two', 'few', 'many', 'other'];

/**
 * Words a translation may keep as English has them: names and codes (Mizan, IBAN, BIC, SHA-256), and Swedish
 * words spelled as in English (Status, Version, Budget, Program, Period, Partner, Administration, Hash, Risk, and the
 * loan "due diligence" Swedish grant-makers use). A text of only arguments and punctuation ("{label}: {count}")
 * has no words and passes.
 */
const SAME_IN_EVERY_LANGUAGE = new Set(['Mizan', 'IBAN', 'BIC', 'SHA', 'Status', 'Version', 'Budget', 'Program', 'Period', 'Partner', 'Administration', 'Hash', 'Risk', 'ID', 'Due', 'diligence']);

/** The words of a message's own text, outside its arguments (plural and select branches included). */
function words(text: string): string[] {
  const literals: string[] = [];
  const walk = (elements: MessageFormatElement[]): void => {
    for (const e of elements) {
      if (e.type === TYPE.literal) literals.push(e.value);
      if (e.type === TYPE.tag) walk(e.children);
      if (e.type === TYPE.plural || e.type === TYPE.select) for (const option of Object.values(e.options)) walk(option.value);
    }
  };
  walk(parse(text, { ignoreTag: true }));
  return literals.join(' ').match(/\p{L}+/gu) ?? [];
}

describe('the message catalog (apps/web/src/i18n/<lang>/<area>.json)', () => {
  it('has every area in every language and no key English lacks', () => {
    for (const lang of LANGS) {
      for (const area of AREAS) {
        const unknown = Object.keys(FILES[lang][area]).filter((key) => !(key in FILES.en[area]));
        expect({ lang, area, unknown }).toEqual({ lang, area, unknown: [] });
      }
    }
  });

  it('has every key in every language, non-empty', () => {
    for (const lang of LANGS) {
      for (const area of AREAS) {
        const missing = Object.keys(FILES.en[area]).filter((key) => !FILES[lang][area][key]?.trim());
        expect({ lang, area, missing }).toEqual({ lang, area, missing: [] });
      }
    }
  });

  it('translates: no Arabic or Swedish text is the English one copied, but for names and terms both languages use', () => {
    for (const lang of ['ar', 'sv'] as const) {
      for (const area of AREAS) {
        const copied = Object.entries(FILES[lang][area])
          .filter(([key, text]) => text === FILES.en[area][key])
          .filter(([, text]) => !words(text).every((word) => SAME_IN_EVERY_LANGUAGE.has(word)))
          .map(([key]) => key);
        expect({ lang, area, copied }).toEqual({ lang, area, copied: [] });
      }
    }
  });

  it('has no key in two areas', () => {
    const seen = new Map<string, string>();
    for (const area of AREAS) {
      for (const key of Object.keys(FILES.en[area])) {
        expect({ key, also: seen.get(key) }).toEqual({ key, also: undefined });
        seen.set(key, area);
      }
    }
  });

  it('parses every message as ICU and uses the same arguments in every language', () => {
    for (const area of AREAS) {
      for (const [key, english] of Object.entries(FILES.en[area])) {
        const reference = icuShape(english).args;
        for (const lang of LANGS) {
          const text = FILES[lang][area][key];
          if (text === undefined) continue;
          let args: string[] | string;
          try {
            args = icuShape(text).args;
          } catch (error) {
            args = `does not parse: ${String(error)}`;
          }
          expect({ lang, key, args }).toEqual({ lang, key, args: reference });
        }
      }
    }
  });

  it('gives every Arabic plural the six categories Arabic has', () => {
    for (const area of AREAS) {
      for (const [key, text] of Object.entries(FILES.ar[area])) {
        for (const categories of icuShape(text).plurals) {
          const lacking = ARABIC_PLURALS.filter((c) => !categories.includes(c));
          expect({ key, lacking }).toEqual({ key, lacking: [] });
        }
      }
    }
  });

  it('has no key that the web app does not use', () => {
    const sources = sourceFiles(join(__dirname, '../../..')).map((file) => readFileSync(file, 'utf8'));
    const literals = new Set<string>();
    const prefixes = new Set<string>(DYNAMIC_PREFIXES);
    for (const source of sources) {
      for (const match of source.matchAll(/['"`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"`]/g)) literals.add(match[1]);
      for (const match of source.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)) prefixes.add(match[1]);
    }
    const unused = AREAS.flatMap((area) => Object.keys(FILES.en[area])).filter(
      (key) => !literals.has(key) && ![...prefixes].some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });
});

/**
 * Keys the sources build in a way the scan cannot see. A key built in a template literal (`fin.reason.${code}`)
 * needs no entry: the scan takes the literal's head as a prefix. Keep this list short, each entry with its reason.
 */
const DYNAMIC_PREFIXES: readonly string[] = [];
