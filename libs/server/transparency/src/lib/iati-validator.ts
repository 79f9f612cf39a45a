import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'xmlbuilder2';
import { validateXML } from 'xmllint-wasm';
import type {
  IatiValidationError,
  IatiValidationResult,
} from '@mizan/contracts';
import { repositoryDataFile } from '@mizan/server/screening';

/** The IATI 2.03 schema and codelists kept in the repository (data/iati-2.03/, see its README). */
export const IATI_DATA = 'iati-2.03';
const SCHEMA_FILES = [
  'iati-activities-schema.xsd',
  'iati-common.xsd',
  'xml.xsd',
] as const;
/** The most errors a result keeps (a broken builder would otherwise list one per activity). */
export const MAX_VALIDATION_ERRORS = 50;
/** xmllint's WebAssembly memory, in 64 KiB pages: 1 GiB, room for the file of a few thousand grants. */
const MAX_MEMORY_PAGES = 16_384;

interface CodelistRule {
  /** Element names from iati-activity down, e.g. ['iati-activity', 'transaction', 'transaction-type']. */
  elements: string[];
  attribute: string | null;
  codelist: string;
  codes: ReadonlySet<string>;
}

interface IatiReference {
  schema: { fileName: string; contents: string }[];
  rules: CodelistRule[];
  checked: string[];
}

let reference: IatiReference | undefined;

function dataFile(name: string): string {
  return repositoryDataFile(`${IATI_DATA}/${name}`);
}

/** The codes of an embedded codelist file (`<codelist-item><code>…</code>`). */
function codesOf(xml: string): Set<string> {
  const codes = new Set<string>();
  for (const m of xml.matchAll(/<code>\s*([^<\s]+)\s*<\/code>/g))
    codes.add(m[1]);
  return codes;
}

/**
 * The codelist rules of mapping.xml for activity files whose codelist is in the repository (the embedded ones).
 * A mapping with a condition is left to the condition's own codelist (none of the embedded ones has one).
 */
function loadReference(): IatiReference {
  if (reference) return reference;
  const schema = SCHEMA_FILES.map((fileName) => ({
    fileName,
    contents: readFileSync(dataFile(fileName), 'utf8'),
  }));
  const mapping = readFileSync(dataFile('codelists/mapping.xml'), 'utf8');
  const folder = join(dataFile('codelists/mapping.xml'), '..');
  const rules: CodelistRule[] = [];
  const checked = new Set<string>();
  for (const m of mapping.matchAll(/<mapping>([\s\S]*?)<\/mapping>/g)) {
    const body = m[1];
    const path = /<path>([^<]+)<\/path>/.exec(body)?.[1]?.trim();
    const codelist = /<codelist ref="([^"]+)"/.exec(body)?.[1];
    if (
      !path ||
      !codelist ||
      /<condition>/.test(body) ||
      !path.startsWith('//iati-activity/')
    )
      continue;
    const file = join(folder, `${codelist}.xml`);
    if (!existsSync(file)) continue;
    const steps = path.slice(2).split('/');
    const last = steps[steps.length - 1];
    const attribute = last.startsWith('@') ? last.slice(1) : null;
    const elements =
      attribute || last === 'text()' ? steps.slice(0, -1) : steps;
    rules.push({
      elements,
      attribute,
      codelist,
      codes: codesOf(readFileSync(file, 'utf8')),
    });
    checked.add(codelist);
  }
  reference = { schema, rules, checked: [...checked].sort() };
  return reference;
}

/** XPath-like path (1-based positions) of the element open at a line of the file, for a schema error. */
export function pathAtLine(xml: string, line: number): string {
  const stack: { name: string; counts: Map<string, number>; index: number }[] =
    [];
  const root = { name: '', counts: new Map<string, number>(), index: 1 };
  let currentLine = 1;
  let last = '/';
  const tag = /<(\/?)([A-Za-z][\w:.-]*)([^>]*?)(\/?)>|\n/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m[0] === '\n') {
      currentLine++;
      if (currentLine > line) break;
      continue;
    }
    const [, closing, name, , selfClosing] = m;
    const parent = stack[stack.length - 1] ?? root;
    if (closing) {
      stack.pop();
      continue;
    }
    const n = (parent.counts.get(name) ?? 0) + 1;
    parent.counts.set(name, n);
    const frame = { name, counts: new Map<string, number>(), index: n };
    const path = [...stack, frame]
      .map((f) =>
        f.name === 'iati-activities' ? f.name : `${f.name}[${f.index}]`,
      )
      .join('/');
    last = path;
    if (!selfClosing) stack.push(frame);
  }
  return last;
}

interface DomElement {
  nodeType: number;
  nodeName: string;
  childNodes: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  textContent: string | null;
}

/** The codelist checks: every attribute (or text) that mapping.xml governs by an embedded codelist holds one of its codes. */
function codelistErrors(
  xml: string,
  rules: readonly CodelistRule[],
): IatiValidationError[] {
  const errors: IatiValidationError[] = [];
  const byPath = new Map<string, CodelistRule[]>();
  for (const r of rules) {
    const key = r.elements.join('/');
    byPath.set(key, [...(byPath.get(key) ?? []), r]);
  }
  const doc = create(xml).node as unknown as { documentElement: DomElement };
  const walk = (el: DomElement, names: string[], path: string): void => {
    const key = names.join('/');
    for (const rule of byPath.get(key) ?? []) {
      const value = rule.attribute
        ? el.getAttribute(rule.attribute)
        : (el.textContent ?? '').trim();
      if (value === null) continue;
      if (!rule.codes.has(value) && errors.length < MAX_VALIDATION_ERRORS) {
        errors.push({
          path: rule.attribute ? `${path}/@${rule.attribute}` : path,
          line: null,
          kind: 'codelist',
          message: `'${value}' is not a code of the ${rule.codelist} codelist`,
        });
      }
    }
    const counts = new Map<string, number>();
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType !== 1) continue;
      const n = (counts.get(child.nodeName) ?? 0) + 1;
      counts.set(child.nodeName, n);
      walk(
        child,
        [...names, child.nodeName],
        `${path}/${child.nodeName}[${n}]`,
      );
    }
  };
  const root = doc.documentElement;
  const counts = new Map<string, number>();
  for (const activity of Array.from(root.childNodes)) {
    if (activity.nodeType !== 1) continue;
    const n = (counts.get(activity.nodeName) ?? 0) + 1;
    counts.set(activity.nodeName, n);
    walk(
      activity,
      [activity.nodeName],
      `iati-activities/${activity.nodeName}[${n}]`,
    );
  }
  return errors;
}

/**
 * Validates an IATI activity file against the 2.03 schema (libxml2's xmllint in WebAssembly, with the schema's
 * include and import) and the embedded codelists named by mapping.xml. Schema errors carry xmllint's message, the
 * line and the path of the element at that line; codelist errors the attribute's path.
 */
export async function validateIatiFile(
  xml: string,
): Promise<IatiValidationResult> {
  const ref = loadReference();
  const [main, ...preload] = ref.schema;
  const result = await validateXML({
    xml: [{ fileName: 'iati-activities.xml', contents: xml }],
    schema: [main],
    preload,
    maxMemoryPages: MAX_MEMORY_PAGES,
  });
  const errors: IatiValidationError[] = result.errors
    .slice(0, MAX_VALIDATION_ERRORS)
    .map((e) => {
      const line = e.loc?.lineNumber ?? null;
      const message = (e.message ?? e.rawMessage ?? 'not valid')
        .replace(/^[^:]*:\d+:\s*/, '')
        .trim();
      return {
        path: line ? pathAtLine(xml, line) : '/',
        line,
        kind: 'schema' as const,
        message,
      };
    });
  // The codelists are checked only on a file the parser reads (a schema error may be a file that is not XML at all).
  if (result.valid || errors.every((e) => e.line !== null)) {
    try {
      errors.push(
        ...codelistErrors(xml, ref.rules).slice(
          0,
          Math.max(0, MAX_VALIDATION_ERRORS - errors.length),
        ),
      );
    } catch {
      /* not well-formed: the schema errors say so */
    }
  }
  return { valid: errors.length === 0, errors, codelistsChecked: ref.checked };
}
