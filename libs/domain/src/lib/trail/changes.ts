import { isCurrency, type CurrencyCode } from '../money/money';

/**
 * A trail record's before / after as a reader takes it in: field by field, each value typed so the page and the PDF
 * can write it for people — money from minor units with its currency, dates, user ids as names (the api resolves
 * them), nested content as compact JSON. Pure: the web app and the trail PDF both use it.
 */
export type TrailValue =
  | { kind: 'money'; minor: string; currency: CurrencyCode | null }
  | { kind: 'date'; iso: string; dateOnly: boolean }
  | { kind: 'id'; id: string }
  | { kind: 'text'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'empty' }
  | { kind: 'list'; items: TrailValue[] }
  | { kind: 'json'; text: string };

export interface TrailChange {
  /** Dotted path of the field (`rules.maxGrantMinor`); '' when before / after is a single value. */
  field: string;
  /** Absent when the field did not exist on that side. */
  before?: TrailValue;
  after?: TrailValue;
  /** The value differs between before and after (always true when only one side has the field). */
  changed: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const MINOR = /^-?\d{1,19}$/;
/** Lists of at most this many plain values are shown item by item; longer or nested ones as JSON. */
const LIST_MAX = 12;
const NEST_MAX = 2;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compactJson(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** The currency of `xMinor`: `xCurrency`, else `currency` in the same object, else in the fallback objects. */
function currencyFor(key: string, own: Json, fallbacks: readonly (Json | undefined)[]): CurrencyCode | null {
  const prefix = key.slice(0, -'Minor'.length);
  for (const source of [own, ...fallbacks]) {
    if (!source) continue;
    const specific = source[`${prefix}Currency`];
    if (isCurrency(specific)) return specific;
    if (isCurrency(source['currency'])) return source['currency'];
  }
  return null;
}

/** One value as the reader sees it; `key` tells money apart (`…Minor`), `context` finds its currency. */
export function trailValue(value: unknown, key = '', own: Json = {}, fallbacks: readonly (Json | undefined)[] = []): TrailValue {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (key.endsWith('Minor') && (typeof value === 'string' || typeof value === 'number') && MINOR.test(String(value))) {
    return { kind: 'money', minor: String(value), currency: currencyFor(key, own, fallbacks) };
  }
  if (typeof value === 'number' || typeof value === 'bigint') return { kind: 'number', text: String(value) };
  if (typeof value === 'string') {
    if (UUID.test(value)) return { kind: 'id', id: value.toLowerCase() };
    if (DATE_ONLY.test(value)) return { kind: 'date', iso: value, dateOnly: true };
    if (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return { kind: 'date', iso: value, dateOnly: false };
    return { kind: 'text', text: value };
  }
  if (Array.isArray(value)) {
    if (value.length <= LIST_MAX && value.every((item) => item === null || typeof item !== 'object')) {
      return { kind: 'list', items: value.map((item) => trailValue(item)) };
    }
    return { kind: 'json', text: compactJson(value) };
  }
  return { kind: 'json', text: compactJson(value) };
}

function flatten(value: Json, prefix: string, depth: number, out: Map<string, { value: unknown; key: string; own: Json }>): void {
  for (const [key, item] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(item) && depth < NEST_MAX && Object.keys(item).length > 0) flatten(item, path, depth + 1, out);
    else out.set(path, { value: item, key, own: value });
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return compactJson(a) === compactJson(b);
}

/**
 * Before and after, field by field: every field of either side in the order it first appears (before's, then the
 * new ones of after), nested objects flattened to dotted paths (two levels; deeper content as JSON).
 */
export function trailChanges(before: unknown, after: unknown): TrailChange[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return [];
  if ((hasBefore && !isObject(before)) || (hasAfter && !isObject(after))) {
    const change: TrailChange = { field: '', changed: !sameValue(before, after) };
    if (hasBefore) change.before = trailValue(before);
    if (hasAfter) change.after = trailValue(after);
    return [change];
  }
  const b = new Map<string, { value: unknown; key: string; own: Json }>();
  const a = new Map<string, { value: unknown; key: string; own: Json }>();
  const beforeObject = hasBefore ? (before as Json) : undefined;
  const afterObject = hasAfter ? (after as Json) : undefined;
  if (beforeObject) flatten(beforeObject, '', 0, b);
  if (afterObject) flatten(afterObject, '', 0, a);
  const fields = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))];
  return fields.map((field) => {
    const was = b.get(field);
    const is = a.get(field);
    const change: TrailChange = { field, changed: !was || !is || !sameValue(was.value, is.value) };
    if (was) change.before = trailValue(was.value, was.key, was.own, [is?.own, beforeObject, afterObject]);
    if (is) change.after = trailValue(is.value, is.key, is.own, [was?.own, afterObject, beforeObject]);
    return change;
  });
}

/** A field path for people: `rules.maxGrantMinor` → `rules › max grant`, `requiredApprovals` → `required approvals`. */
export function trailFieldLabel(field: string): string {
  return field
    .split('.')
    .map((part) =>
      part
        .replace(/Minor$/, '')
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/_/g, ' ')
        .toLowerCase(),
    )
    .join(' › ');
}
