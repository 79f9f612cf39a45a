import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { AREAS, FILES } from './catalog';

type Lang = keyof typeof FILES;
const LANGS: Lang[] = ['en', 'ar', 'sv'];
const ARABIC_PLURALS = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** `name:type` of every argument of a message, and each plural's categories. */
function shape(text: string): { args: string[]; plurals: string[][] } {
  const args = new Set<string>();
  const plurals: string[][] = [];
  const walk = (elements: MessageFormatElement[]): void => {
    for (const e of elements) {
      if (e.type === TYPE.literal || e.type === TYPE.pound) continue;
      if (e.type === TYPE.tag) {
        walk(e.children);
        continue;
      }
      const kind = e.type === TYPE.plural ? 'plural' : e.type === TYPE.select ? 'select' : 'value';
      args.add(`${e.value}:${kind}`);
      if (e.type === TYPE.plural) plurals.push(Object.keys(e.options).filter((o) => !o.startsWith('=')));
      if (e.type === TYPE.plural || e.type === TYPE.select) for (const option of Object.values(e.options)) walk(option.value);
    }
  };
  walk(parse(text, { ignoreTag: true }));
  return { args: [...args].sort(), plurals };
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

  it('has every key in Arabic, non-empty', () => {
    for (const area of AREAS) {
      const missing = Object.keys(FILES.en[area]).filter((key) => !FILES.ar[area][key]?.trim());
      expect({ area, missing }).toEqual({ area, missing: [] });
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
        const reference = shape(english).args;
        for (const lang of LANGS) {
          const text = FILES[lang][area][key];
          if (text === undefined) continue;
          let args: string[] | string;
          try {
            args = shape(text).args;
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
        for (const categories of shape(text).plurals) {
          const lacking = ARABIC_PLURALS.filter((c) => !categories.includes(c));
          expect({ key, lacking }).toEqual({ key, lacking: [] });
        }
      }
    }
  });
});
