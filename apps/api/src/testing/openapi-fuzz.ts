import fc from 'fast-check';
import { ErrorCode } from '@mizan/contracts';

/*
 * Request generators for the OpenAPI fuzz spec: from the api's own OpenAPI
 * document, a roughly valid request per operation, then one to three
 * mutations that make it invalid in a way an attacker or a broken client
 * would. Every sample records the kinds of mutation it carries, so a failure
 * says what provoked it.
 */

export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  example?: unknown;
  nullable?: boolean;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: OpenApiSchema;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<'get' | 'head' | 'post' | 'put' | 'patch' | 'delete', OpenApiOperation>>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

/** A JSON text emitted as is: numbers JSON.stringify cannot write (-0, 1e308 beyond a double's exactness, 2^53 + 1) and deep nesting. */
export class RawJson {
  constructor(readonly text: string) {}
}

export type JsonLike = null | boolean | number | string | RawJson | JsonLike[] | { [key: string]: JsonLike };

export function serialize(value: JsonLike): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`)
      .join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/**
 * Kinds of mutation. Those marked global are handled once for every route by
 * the HTTP layer (not by a DTO): a failure carrying one of them is reported
 * under that name.
 */
export type MutationKind =
  | 'number'
  | 'wrong-type'
  | 'text'
  | 'long-text'
  | 'extra-field'
  | 'missing-field'
  | 'array-for-object'
  | 'object-for-array'
  | 'path-id'
  | 'query'
  | 'nul'
  | 'surrogate'
  | 'bidi'
  | 'deep-nesting'
  | 'top-level-shape'
  | 'content-type';

export const GLOBAL_KINDS: ReadonlySet<MutationKind> = new Set<MutationKind>(['nul', 'surrogate', 'bidi', 'deep-nesting', 'top-level-shape', 'content-type']);

type Tagged = [MutationKind, JsonLike];

function deepArray(levels: number): RawJson {
  return new RawJson(`${'['.repeat(levels)}1${']'.repeat(levels)}`);
}

function deepObject(levels: number): RawJson {
  return new RawJson(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);
}

/** Values that have broken JSON apis before: each is wrong for almost every field. */
const BAD_VALUES: Tagged[] = [
  ['number', new RawJson('1e308')],
  ['number', new RawJson('-1e308')],
  ['number', new RawJson('1e-320')],
  ['number', 3_000_000_000],
  ['number', 2_147_483_648],
  ['number', new RawJson('9007199254740993')],
  ['number', new RawJson('-9007199254740993')],
  ['number', new RawJson('-0')],
  ['number', 0.5],
  ['number', -1],
  ['number', 0],
  ['number', new RawJson('123456789012345678901234567890')],
  ['text', 'NaN'],
  ['text', 'Infinity'],
  ['text', '-Infinity'],
  ['text', '1e308'],
  ['text', '-0'],
  ['text', '0x1F'],
  ['text', ' 12 '],
  ['text', ''],
  ['text', '99999999999999999999999'],
  ['text', '9007199254740993'],
  ['text', '12.50'],
  ['text', '-100'],
  ['text', 'not-a-uuid'],
  ['text', '00000000-0000-0000-0000-00000000000g'],
  ['text', "'; DROP TABLE app_user; --"],
  ['text', '2027-02-30'],
  ['text', 'ميزان'],
  ['wrong-type', true],
  ['wrong-type', false],
  ['wrong-type', null],
  ['wrong-type', {}],
  ['wrong-type', []],
  ['wrong-type', [1, 'a', null]],
  ['wrong-type', { toString: 'x', constructor: { prototype: { polluted: true } } }],
  ['long-text', 'x'.repeat(70_000)],
  ['long-text', 'ي'.repeat(20_000)],
  ['nul', 'a\u0000b'],
  ['surrogate', 'a\ud800b'],
  ['surrogate', '\udfff'],
  ['bidi', '\u202eevil\u202c'],
  ['bidi', 'a\u2066b\u2069'],
  ['deep-nesting', deepArray(300)],
  ['deep-nesting', deepObject(300)],
];

const badValue: fc.Arbitrary<Tagged> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...BAD_VALUES) },
  { weight: 1, arbitrary: fc.double().map((d): Tagged => ['number', d]) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }).map((n): Tagged => ['number', n]) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s): Tagged => ['text', s]) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s): Tagged => [/[\ud800-\udfff]/.test(s) ? 'surrogate' : s.includes('\u0000') ? 'nul' : 'text', s]),
  },
);

export class SchemaResolver {
  constructor(private readonly document: OpenApiDocument) {}

  resolve(schema: OpenApiSchema | undefined): OpenApiSchema {
    let current = schema ?? {};
    for (let i = 0; i < 20 && current.$ref; i++) {
      const name = current.$ref.split('/').pop() ?? '';
      current = this.document.components?.schemas?.[name] ?? {};
    }
    if (current.allOf?.length) {
      const parts = current.allOf.map((s) => this.resolve(s));
      return {
        type: 'object',
        properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
        required: parts.flatMap((p) => p.required ?? []),
      };
    }
    return current;
  }

  /** A value of the schema's shape, as valid as the document allows us to know: the starting point mutations break. */
  sample(schema: OpenApiSchema | undefined, idFor: (format: string | undefined) => string, depth = 0): JsonLike {
    const s = this.resolve(schema);
    if (s.example !== undefined && s.type !== 'object') return s.example as JsonLike;
    if (s.enum?.length) return s.enum[0] as JsonLike;
    const type = s.type ?? (s.properties ? 'object' : undefined);
    switch (type) {
      case 'object': {
        if (depth > 8) return {};
        const out: Record<string, JsonLike> = {};
        for (const [key, prop] of Object.entries(s.properties ?? {})) out[key] = this.sample(prop, idFor, depth + 1);
        return out;
      }
      case 'array':
        return depth > 8 ? [] : [this.sample(s.items, idFor, depth + 1)];
      case 'integer':
      case 'number':
        return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 1, 1));
      case 'boolean':
        return true;
      case 'string':
        if (s.format === 'uuid') return idFor(s.format);
        if (s.pattern === '^\\d{1,16}$') return '1000';
        return 'x'.repeat(Math.max(s.minLength ?? 0, 12));
      default:
        return 'x'.repeat(12);
    }
  }
}

type PathStep = string | number;

/** Every place in a value, with the path to it: where a mutation may land. */
function places(value: JsonLike, path: PathStep[] = [], out: { path: PathStep[]; value: JsonLike }[] = []): { path: PathStep[]; value: JsonLike }[] {
  out.push({ path, value });
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...path, i], out));
  else if (value !== null && typeof value === 'object' && !(value instanceof RawJson)) for (const [k, v] of Object.entries(value)) places(v, [...path, k], out);
  return out;
}

function setAt(root: JsonLike, path: PathStep[], replacement: JsonLike | undefined): JsonLike {
  if (path.length === 0) return replacement === undefined ? null : replacement;
  const clone = structuredCloneJson(root);
  let node = clone as Record<string | number, JsonLike>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, JsonLike>;
  const last = path[path.length - 1];
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = replacement;
  return clone;
}

function structuredCloneJson(value: JsonLike): JsonLike {
  if (value instanceof RawJson) return value;
  if (Array.isArray(value)) return value.map(structuredCloneJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneJson(v)]));
  return value;
}

export interface BodySample {
  kinds: MutationKind[];
  /** The payload text, or undefined for no body. */
  payload?: string;
  contentType?: string;
}

/** One mutation of a JSON body; `choice` values come from fast-check so every sample replays from the seed. */
const bodyMutation = fc.record({
  // Numbers and nested shapes are where a DTO most often falls short: they get most of the draws.
  kind: fc.constantFrom('numeric', 'numeric', 'numeric', 'money', 'money', 'leaf', 'leaf', 'leaf', 'extra', 'missing', 'flip', 'flip', 'flip', 'top', 'deep'),
  numeric: fc.constantFrom<JsonLike>(
    new RawJson('1e308'),
    new RawJson('-0'),
    new RawJson('9007199254740993'),
    3_000_000_000,
    2_147_483_648,
    32_768,
    -1,
    0.5,
    1.000001,
    new RawJson('1e-320'),
  ),
  money: fc.constantFrom<JsonLike>('9007199254740993', '99999999999999999999', '9223372036854775808', '-1', '1e9', '12.50', ' 100', '１００', 1000),
  where: fc.nat(),
  bad: badValue,
  extraKey: fc.constantFrom('isAdmin', '__proto__', 'constructor', 'agencyId', 'id', 'version2', '$where', 'roles'),
  top: fc.constantFrom<JsonLike>([], [{}], 'text', 42, null, true),
});

export function bodyArbitrary(base: JsonLike | undefined, maxMutations = 3): fc.Arbitrary<BodySample> {
  const mutations = fc.array(bodyMutation, { minLength: 1, maxLength: maxMutations });
  return fc.tuple(mutations, fc.nat(19)).map(([list, contentTypeRoll]) => {
    let value: JsonLike = base === undefined ? {} : structuredCloneJson(base);
    const kinds: MutationKind[] = [];
    for (const m of list) {
      const all = places(value);
      const objects = all.filter((p) => p.value !== null && typeof p.value === 'object' && !Array.isArray(p.value) && !(p.value instanceof RawJson));
      const arrays = all.filter((p) => Array.isArray(p.value));
      switch (m.kind) {
        case 'numeric': {
          const numbers = all.filter((p) => typeof p.value === 'number');
          if (!numbers.length) break;
          value = setAt(value, numbers[m.where % numbers.length].path, m.numeric);
          kinds.push('number');
          break;
        }
        case 'money': {
          const digits = all.filter((p) => typeof p.value === 'string' && /^\d+$/.test(p.value));
          if (!digits.length) break;
          value = setAt(value, digits[m.where % digits.length].path, m.money);
          kinds.push('number');
          break;
        }
        case 'leaf': {
          const target = all[m.where % all.length];
          value = setAt(value, target.path, m.bad[1]);
          kinds.push(target.path.length === 0 ? 'top-level-shape' : m.bad[0]);
          break;
        }
        case 'extra': {
          const target = objects.length ? objects[m.where % objects.length] : undefined;
          if (!target) break;
          const node = { ...(target.value as Record<string, JsonLike>) };
          // Assigned as an own property, so "__proto__" is sent as a key, not a prototype change.
          Object.defineProperty(node, m.extraKey, { value: m.bad[1], enumerable: true, configurable: true, writable: true });
          value = setAt(value, target.path, node);
          kinds.push('extra-field');
          break;
        }
        case 'missing': {
          const candidates = all.filter((p) => p.path.length > 0);
          if (!candidates.length) break;
          value = setAt(value, candidates[m.where % candidates.length].path, undefined);
          kinds.push('missing-field');
          break;
        }
        case 'flip': {
          const pool = [...objects.filter((p) => p.path.length > 0), ...arrays];
          if (!pool.length) break;
          const target = pool[m.where % pool.length];
          if (Array.isArray(target.value)) {
            value = setAt(value, target.path, Object.fromEntries(target.value.map((v, i) => [String(i), v])));
            kinds.push('object-for-array');
          } else {
            value = setAt(value, target.path, [target.value]);
            kinds.push('array-for-object');
          }
          break;
        }
        case 'top':
          value = m.top;
          kinds.push('top-level-shape');
          break;
        case 'deep': {
          const target = all[m.where % all.length];
          value = setAt(value, target.path, m.where % 2 ? deepArray(300) : deepObject(300));
          kinds.push('deep-nesting');
          break;
        }
      }
    }
    if (kinds.length === 0) {
      value = setAt(value, [], { unexpected: 1 });
      kinds.push('extra-field');
    }
    const payload = serialize(value);
    // One body in twenty goes out with a content type the api does not read.
    if (contentTypeRoll === 0) return { kinds: [...kinds, 'content-type'], payload, contentType: 'text/plain' };
    if (contentTypeRoll === 1) return { kinds: [...kinds, 'content-type'], payload: 'a=1&b=%00', contentType: 'application/x-www-form-urlencoded' };
    return { kinds, payload, contentType: 'application/json' };
  });
}

/** A path segment that is a real id (or, when none is known, a well-formed one). */
export function realPathValue(realIds: readonly string[]): fc.Arbitrary<{ kinds: MutationKind[]; text: string }> {
  return fc.constantFrom(...(realIds.length ? realIds : ['00000000-0000-4000-8000-000000000000'])).map((text) => ({ kinds: [] as MutationKind[], text }));
}

/** Path segments: a real id, a random UUID, or something that is not an id at all. */
export function pathValueArbitrary(realIds: readonly string[]): fc.Arbitrary<{ kinds: MutationKind[]; text: string }> {
  const bad = fc.constantFrom(
    'not-a-uuid',
    '1e308',
    '-1',
    '0',
    '9007199254740993',
    'a'.repeat(3000),
    '00000000-0000-0000-0000-0000000000001',
    '00000000-0000-0000-0000-00000000000G',
    '%00',
    '%C0%AF',
    '%ED%A0%80',
    '%E2%80%AE',
    '..',
    '%2e%2e%2f',
    "'%20OR%201=1",
    'ميزان',
    '%20',
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(realIds.length ? realIds : ['00000000-0000-4000-8000-000000000000'])).map((text) => ({ kinds: [] as MutationKind[], text })) },
    { weight: 1, arbitrary: fc.uuid().map((text) => ({ kinds: [] as MutationKind[], text })) },
    { weight: 4, arbitrary: bad.map((text) => ({ kinds: ['path-id'] as MutationKind[], text: encodePathSegment(text) })) },
  );
}

function encodePathSegment(text: string): string {
  // Already percent-encoded probes go out as written; the rest is encoded.
  return /%[0-9A-Fa-f]{2}/.test(text) ? text : encodeURIComponent(text);
}

/** Percent-encodes like encodeURIComponent, but lone surrogates go out as the invalid UTF-8 an attacker would send. */
export function encodeQueryValue(text: string): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (ch) => {
    if (ch.length === 1 && ch >= '\ud800' && ch <= '\udfff') return '%ED%A0%80';
    return encodeURIComponent(ch);
  });
}

const QUERY_BAD = fc.constantFrom(
  '1e308',
  '-1',
  '0',
  '1.5',
  '-0',
  'NaN',
  'Infinity',
  'abc',
  '',
  '9007199254740993',
  '3000000000',
  '99999999999999999999999999',
  'x'.repeat(5000),
  'a\u0000b',
  'a\ud800b',
  '\u202eabc',
  "' OR 1=1 --",
  'not-a-uuid',
  '2027-13-45',
);

const queryValue = fc.oneof({ weight: 4, arbitrary: QUERY_BAD }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) });

function queryKind(value: string): MutationKind {
  if (value.includes('\u0000')) return 'nul';
  if (/[\ud800-\udfff]/.test(value)) return 'surrogate';
  return /[\u202a-\u202e\u2066-\u2069]/.test(value) ? 'bidi' : 'query';
}

/** Exactly one documented query parameter with a bad value (unknown ones when the route documents none). */
export function oneBadQueryArbitrary(params: readonly OpenApiParameter[]): fc.Arbitrary<{ kinds: MutationKind[]; query: string }> {
  const names = params.length ? params.map((p) => p.name) : ['unknownParam'];
  return fc.tuple(fc.constantFrom(...names), queryValue).map(([name, value]) => ({ kinds: [queryKind(value)], query: `?${encodeQueryValue(name)}=${encodeQueryValue(value)}` }));
}

/** Up to three query parameters, documented or not, with bad values, some repeated. */
export function queryArbitrary(params: readonly OpenApiParameter[]): fc.Arbitrary<{ kinds: MutationKind[]; query: string }> {
  const names = params.map((p) => p.name);
  const one = fc.record({
    name: names.length ? fc.oneof(fc.constantFrom(...names), fc.constantFrom('unknownParam', '__proto__', 'page[]', 'constructor')) : fc.constantFrom('unknownParam', '__proto__'),
    value: queryValue,
    repeat: fc.boolean(),
  });
  return fc.array(one, { minLength: 0, maxLength: 3 }).map((list) => {
    const kinds: MutationKind[] = [];
    const parts: string[] = [];
    for (const q of list) {
      const pair = `${encodeQueryValue(q.name)}=${encodeQueryValue(q.value)}`;
      parts.push(pair);
      if (q.repeat) parts.push(pair);
      kinds.push(queryKind(q.value));
    }
    return { kinds, query: parts.length ? `?${parts.join('&')}` : '' };
  });
}

const ERROR_CODES = new Set<string>(Object.values(ErrorCode));

/** Why a response breaks the contract ("never a 5xx; a 4xx in the one error shape"), or null when it keeps it. */
export function contractViolation(statusCode: number, body: string): string | null {
  if (statusCode >= 500) return `status ${statusCode}`;
  if (statusCode < 400) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `status ${statusCode} with a body that is not JSON`;
  }
  const b = parsed as { statusCode?: unknown; code?: unknown; message?: unknown; fields?: unknown };
  if (b.statusCode !== statusCode) return `statusCode ${String(b.statusCode)} in a ${statusCode} body`;
  if (typeof b.code !== 'string' || !ERROR_CODES.has(b.code)) return `code ${String(b.code)} is not an ErrorCode`;
  if (typeof b.message !== 'string' || b.message.length === 0) return 'no message';
  if (b.fields !== undefined) {
    if (!Array.isArray(b.fields) || !b.fields.every((f: { field?: unknown; message?: unknown }) => typeof f?.field === 'string' && typeof f?.message === 'string')) {
      return 'fields not a list of { field, message }';
    }
  }
  return null;
}
