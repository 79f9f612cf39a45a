import { canonicalJson, canonicalJsonOfSortedKeys } from './canonical-json';

/* ------------------------------------------------------------------ */
/* A tiny seeded PRNG (mulberry32) so the property runs are repeatable. */
/* ------------------------------------------------------------------ */

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, 0, items.length - 1)];

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(rng, 0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Keys never look like array indices, so the engine's own property order
// (integer-like keys first) cannot interfere with the JSON.stringify oracle.
const KEY_PARTS = ['a', 'B', 'z', 'Z', '_', 'id', 'name', 'مبلغ', 'اسم', 'é', 'ß', '😀', ' ', '-', '1', '9'];
const STRINGS = ['', 'plain', 'مرحبا بالعالم', 'منحة رقم ١٢٣', 'quote " and \\ backslash', 'line\nbreak\ttab', '😀 emoji', 'ï', '\u0000nul'];

function randomKey(rng: Rng): string {
  let key = pick(rng, ['k', 'x', 'م', 'Q', '_']);
  const extra = int(rng, 0, 3);
  for (let i = 0; i < extra; i++) key += pick(rng, KEY_PARTS);
  return key;
}

function randomScalar(rng: Rng): Json {
  switch (int(rng, 0, 5)) {
    case 0:
      return null;
    case 1:
      return rng() < 0.5;
    case 2:
      return int(rng, -1_000_000, 1_000_000);
    case 3:
      return Math.round((rng() - 0.5) * 1e6) / 1e3;
    default:
      return pick(rng, STRINGS);
  }
}

function randomJson(rng: Rng, depth: number): Json {
  const roll = rng();
  if (depth <= 0 || roll < 0.3) return randomScalar(rng);
  if (roll < 0.55) {
    const length = int(rng, 0, 5);
    return Array.from({ length }, () => randomJson(rng, depth - 1));
  }
  const obj: { [key: string]: Json } = {};
  const size = int(rng, 0, 6);
  for (let i = 0; i < size; i++) obj[randomKey(rng)] = randomJson(rng, depth - 1);
  return obj;
}

function randomObject(rng: Rng): { [key: string]: Json } {
  const obj: { [key: string]: Json } = {};
  const size = int(rng, 1, 8);
  for (let i = 0; i < size; i++) obj[randomKey(rng)] = randomJson(rng, 4);
  return obj;
}

/** Deep copy with every object's keys inserted in a random order. */
function reorderKeys(rng: Rng, value: Json): Json {
  if (Array.isArray(value)) return value.map((item) => reorderKeys(rng, item));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of shuffled(rng, Object.keys(value))) out[key] = reorderKeys(rng, value[key]);
    return out;
  }
  return value;
}

/** Deep copy with every object's keys inserted in code-unit order. */
function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

const SEEDS = Array.from({ length: 200 }, (_, i) => 0x5eed + i * 7919);

describe('canonicalJson', () => {
  it('writes every UTF-16 code unit of a string or key as JSON.stringify does (itself in quotes only when JSON.stringify leaves it so)', () => {
    const differ: string[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const c = String.fromCharCode(unit);
      for (const text of [c, `a${c}b`, `${c}\u00e9😀`]) {
        if (canonicalJson(text) !== JSON.stringify(text)) differ.push(text);
        if (canonicalJson({ [text]: text }) !== `{${JSON.stringify(text)}:${JSON.stringify(text)}}`) differ.push(`key ${text}`);
      }
    }
    expect(differ).toEqual([]);
  });

  describe('key order independence (property)', () => {
    it('gives identical text for many random nested objects built with shuffled key orders', () => {
      for (const seed of SEEDS) {
        const rng = mulberry32(seed);
        const value = randomObject(rng);
        const expected = canonicalJson(value);
        for (let round = 0; round < 5; round++) {
          expect(canonicalJson(reorderKeys(rng, value))).toBe(expected);
        }
      }
    });

    it('equals JSON.stringify of a deep key-sorted copy (sorted keys, no whitespace)', () => {
      for (const seed of SEEDS) {
        const value = randomObject(mulberry32(seed));
        expect(canonicalJson(value)).toBe(JSON.stringify(sortKeys(value)));
      }
    });

    it('is a fixed point of a JSON.parse round trip', () => {
      for (const seed of SEEDS) {
        const text = canonicalJson(randomObject(mulberry32(seed)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }
    });

    it('parses back to a value deep-equal to the input', () => {
      for (const seed of SEEDS) {
        const value = randomObject(mulberry32(seed));
        expect(JSON.parse(canonicalJson(value))).toEqual(value);
      }
    });

    it('survives a JSON.parse round trip of a reordered copy (the jsonb case)', () => {
      for (const seed of SEEDS) {
        const rng = mulberry32(seed);
        const value = randomObject(rng);
        const stored = JSON.parse(JSON.stringify(reorderKeys(rng, value)));
        expect(canonicalJson(stored)).toBe(canonicalJson(value));
      }
    });
  });

  describe('objects', () => {
    it('sorts keys at every depth', () => {
      expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 3 } })).toBe('{"a":{"c":3,"d":[{"y":2,"z":1}]},"b":1}');
    });

    it('sorts by UTF-16 code unit, not by locale or code point', () => {
      // 'B' (0x42) < '_' (0x5f) < 'a' (0x61) < 'é' (0xe9) < 'م' (0x645) < '😀' (0xd83d…) < '\uffff'
      const value = { '\uffff': 7, 'a': 3, '😀': 6, 'é': 4, '_': 2, 'م': 5, 'B': 1 };
      expect(canonicalJson(value)).toBe('{"B":1,"_":2,"a":3,"é":4,"م":5,"😀":6,"\uffff":7}');
    });

    it('sorts integer-like keys as strings ("10" before "2")', () => {
      expect(canonicalJson({ 2: 'two', 10: 'ten', 1: 'one' })).toBe('{"1":"one","10":"ten","2":"two"}');
    });

    it('gives the empty object as {}', () => {
      expect(canonicalJson({})).toBe('{}');
    });

    it('drops undefined members at every depth', () => {
      expect(canonicalJson({ a: undefined, b: 1, c: { d: undefined, e: null } })).toBe('{"b":1,"c":{"e":null}}');
      expect(canonicalJson({ only: undefined })).toBe('{}');
    });

    it('treats an undefined member exactly like an absent one', () => {
      expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    });

    it('keeps null members (null is not the same as absent)', () => {
      expect(canonicalJson({ a: null })).toBe('{"a":null}');
      expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
    });

    it('drops function members, like JSON.stringify', () => {
      expect(canonicalJson({ a: 1, f: () => 1 })).toBe('{"a":1}');
    });

    it('escapes keys as JSON strings', () => {
      expect(canonicalJson({ 'say "hi"': 1, 'back\\slash': 2 })).toBe('{"back\\\\slash":2,"say \\"hi\\"":1}');
    });
  });

  describe('arrays', () => {
    it('keeps element order', () => {
      expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
      expect(canonicalJson(['b', 'a'])).not.toBe(canonicalJson(['a', 'b']));
    });

    it('encodes undefined elements as null', () => {
      expect(canonicalJson([1, undefined, 2])).toBe('[1,null,2]');
      expect(canonicalJson([undefined])).toBe('[null]');
      expect(canonicalJson({ list: [undefined, { a: undefined }] })).toBe('{"list":[null,{}]}');
    });

    it('keeps element order in random arrays while sorting the keys inside them', () => {
      for (const seed of SEEDS.slice(0, 50)) {
        const rng = mulberry32(seed);
        const items = Array.from({ length: int(rng, 1, 8) }, () => randomObject(rng));
        const parsed = JSON.parse(canonicalJson(items)) as Json[];
        expect(parsed).toEqual(items);
        expect(canonicalJson(items)).toBe(`[${items.map((item) => canonicalJson(item)).join(',')}]`);
      }
    });

    it('gives the empty array as []', () => {
      expect(canonicalJson([])).toBe('[]');
    });
  });

  describe('scalars', () => {
    it('encodes null and top-level undefined as null', () => {
      expect(canonicalJson(null)).toBe('null');
      expect(canonicalJson(undefined)).toBe('null');
    });

    it('encodes booleans, numbers and strings like JSON.stringify', () => {
      expect(canonicalJson(true)).toBe('true');
      expect(canonicalJson(false)).toBe('false');
      expect(canonicalJson(0)).toBe('0');
      expect(canonicalJson(-12.5)).toBe('-12.5');
      expect(canonicalJson(1e21)).toBe('1e+21');
      expect(canonicalJson(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
      expect(canonicalJson('text')).toBe('"text"');
    });

    it('encodes -0 as 0', () => {
      expect(canonicalJson(-0)).toBe('0');
      expect(canonicalJson({ n: -0 })).toBe(canonicalJson({ n: 0 }));
    });

    it('encodes Dates as ISO strings, also when nested', () => {
      const date = new Date(Date.UTC(2024, 0, 31, 23, 59, 58, 123));
      expect(canonicalJson(date)).toBe('"2024-01-31T23:59:58.123Z"');
      expect(canonicalJson({ at: date, list: [date] })).toBe(
        '{"at":"2024-01-31T23:59:58.123Z","list":["2024-01-31T23:59:58.123Z"]}',
      );
      expect(canonicalJson({ at: date })).toBe(canonicalJson({ at: date.toISOString() }));
    });

    it('throws on an invalid Date', () => {
      expect(() => canonicalJson(new Date(Number.NaN))).toThrow(RangeError);
    });

    it('encodes bigint as a decimal string, also beyond 2^53 and when nested', () => {
      expect(canonicalJson(123n)).toBe('"123"');
      expect(canonicalJson(-5n)).toBe('"-5"');
      expect(canonicalJson(0n)).toBe('"0"');
      expect(canonicalJson(2n ** 64n + 1n)).toBe('"18446744073709551617"');
      expect(canonicalJson({ seq: 9007199254740993n, list: [1n] })).toBe('{"list":["1"],"seq":"9007199254740993"}');
      expect(canonicalJson({ seq: 42n })).toBe(canonicalJson({ seq: '42' }));
    });

    it.each([
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['-Infinity', Number.NEGATIVE_INFINITY],
    ])('throws a TypeError on %s, at top level, in objects and in arrays', (_name, n) => {
      expect(() => canonicalJson(n)).toThrow(TypeError);
      expect(() => canonicalJson(n)).toThrow(/non-finite/);
      expect(() => canonicalJson({ a: { b: n } })).toThrow(TypeError);
      expect(() => canonicalJson([1, [2, n]])).toThrow(TypeError);
    });

    it('throws on values it cannot encode (symbol, function at top level)', () => {
      expect(() => canonicalJson(Symbol('s'))).toThrow(TypeError);
      expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    });
  });

  describe('unicode', () => {
    it('preserves Arabic text verbatim (no \\u escaping) and round-trips it', () => {
      const value = { 'الاسم': 'مؤسسة الخير للتنمية', 'المبلغ': '١٬٢٥٠٫٧٥', 'ملاحظة': 'تمت المراجعة ✓' };
      const text = canonicalJson(value);
      expect(text).toContain('"مؤسسة الخير للتنمية"');
      expect(text).toContain('"الاسم"');
      expect(text).not.toMatch(/\\u/);
      expect(JSON.parse(text)).toEqual(value);
    });

    it('preserves strings with combining marks, RTL marks and astral characters', () => {
      for (const s of ['مُحَمَّد', '\u200fرقم\u200f 42', '𝒜😀🇸🇦', 'café', 'cafe\u0301']) {
        expect(canonicalJson(s)).toBe(`"${s}"`);
        expect(JSON.parse(canonicalJson(s))).toBe(s);
      }
    });

    it('does not normalize: composed and decomposed forms stay distinct', () => {
      expect(canonicalJson('caf\u00e9')).not.toBe(canonicalJson('cafe\u0301'));
    });

    it('escapes control characters, quotes and backslashes like JSON.stringify', () => {
      const s = 'a"b\\c\nd\te\u0001';
      expect(canonicalJson(s)).toBe(JSON.stringify(s));
      expect(JSON.parse(canonicalJson(s))).toBe(s);
    });
  });
});

describe('canonicalJsonOfSortedKeys', () => {
  it('gives the text canonicalJson gives, undefined and function members dropped', () => {
    const keys = ['a', 'b', 'c', 'd', 'e'] as const;
    const value = { a: 1, b: undefined, c: { z: [1, undefined, 'x'], y: null }, d: () => 1, e: 'é"\n' };
    expect(canonicalJsonOfSortedKeys(keys, value)).toBe(canonicalJson(value));
    expect(canonicalJsonOfSortedKeys(['x'], { x: undefined })).toBe('{}');
  });
});
