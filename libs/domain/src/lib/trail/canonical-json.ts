/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined`
 * members dropped. Two equal values always give the same text, whatever order
 * their keys were built in, which is what makes a record's hash reproducible
 * after a round trip through PostgreSQL `jsonb` (which reorders keys).
 *
 * Written as plain loops that append to one string (no entries/filter/map/join
 * arrays per object): trail verification runs it over every record, and it was
 * most of verify's time (issue 14, docs/benchmarks.md "Trail verification").
 * `Array.prototype.sort()` without a comparator orders strings by UTF-16 code
 * units, the order this format defines. A string with none of the characters
 * JSON.stringify escapes (", \, U+0000–U+001F, surrogates) is written as itself
 * in quotes — JSON.stringify's own text, without its call (most keys and values).
 * Self-contained (no helper outside it): trail verification's worker threads run
 * it from its source text (chain-range.ts).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      // eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
      return /["\\\u0000-\u001f\ud800-\udfff]/.test(value) ? JSON.stringify(value) : `"${value}"`;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += (i === 0 ? '' : ',') + (item === undefined ? 'null' : canonicalJson(item));
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined || typeof member === 'function') continue;
    out += `${first ? '' : ','}${canonicalJson(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * canonicalJson of an object whose keys are known and already in code-unit
 * order (`keys` must be sorted): the same text without sorting them again.
 */
export function canonicalJsonOfSortedKeys(keys: readonly string[], object: Readonly<Record<string, unknown>>): string {
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined || typeof member === 'function') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return `${out}}`;
}
