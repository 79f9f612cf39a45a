import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** The shape of an ICU message: `name:type` of every argument, and each plural's categories (exact `=n` cases left out). */
export interface IcuShape {
  args: string[];
  plurals: string[][];
}

/**
 * The shape of an ICU message, which every translation of it must share (the web's and the server's catalog specs).
 * For specs only: it parses with @formatjs/icu-messageformat-parser, which the contracts themselves do not depend on.
 */
export function icuShape(text: string): IcuShape {
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
