/**
 * Transliteration of name tokens into one phonetic key space shared by Latin and Arabic script (issue 13,
 * docs/screening.md): a consonant skeleton per token, so that "Izzat" / "Ezzat" / "عزت" and "Al-Douri" / "Al Duri" /
 * "الدوري" get the same key.
 *
 * The classes follow Iraqi transliteration habits: q / k / g / ق / ك → K; dh / z / th / ذ / ظ / ث / ز → Z;
 * kh / خ → X; gh / غ → G; sh / ch / ش → C; s / ص / س → S; d / د / ض → D; t / ت / ط → T. Short vowels are not written
 * in Arabic, so vowels are dropped in both scripts (w / y / و / ي too, unless they begin a word); a word that begins
 * with a vowel (or alef / ayn) keeps one marker V, so "Ahmad" (VHMD) and "Hamid" (HMD) stay apart. Doubled letters
 * are read once. A final ta marbuta (ة) and a final "-at" may go either way: they give an alternate key.
 */

/** One token's keys: the primary first, then alternates (a final -at / ة, an attached "al"). */
export interface TokenKeys {
  primary: string;
  alternates: string[];
}

const ARABIC_KEY: Record<string, string> = {
  ب: 'B',
  ت: 'T',
  ث: 'Z',
  ج: 'J',
  ح: 'H',
  خ: 'X',
  د: 'D',
  ذ: 'Z',
  ر: 'R',
  ز: 'Z',
  س: 'S',
  ش: 'C',
  ص: 'S',
  ض: 'D',
  ط: 'T',
  ظ: 'Z',
  غ: 'G',
  ف: 'F',
  ق: 'K',
  ك: 'K',
  ل: 'L',
  م: 'M',
  ن: 'N',
  ه: 'H',
};

function arabicPartKey(part: string, first: boolean): string[] {
  let key = '';
  const letters = [...part];
  let taMarbuta = false;
  let finalHa = false;
  letters.forEach((c, i) => {
    const initial = i === 0;
    if (c === 'ا' || c === 'ع' || c === 'ء') {
      if (initial && first) key += 'V';
      return;
    }
    if (c === 'و' || c === 'ي') {
      if (initial) key += c === 'و' ? 'W' : 'Y';
      return;
    }
    if (c === 'ة') {
      if (i === letters.length - 1) taMarbuta = true;
      return;
    }
    if (c === 'ه' && i === letters.length - 1 && i > 0) finalHa = true;
    const k = ARABIC_KEY[c];
    if (k && !(k === key[key.length - 1] && i > 0 && letters[i - 1] === c)) key += k;
  });
  if (taMarbuta) return [key, `${key}T`];
  if (finalHa) return [key, key.slice(0, -1)];
  return [key];
}

const LATIN_DIGRAPHS: [RegExp, string][] = [
  [/sch/g, 'C'],
  [/kh/g, 'X'],
  [/gh/g, 'G'],
  [/sh/g, 'C'],
  [/ch/g, 'C'],
  [/th/g, 'Z'],
  [/dh/g, 'Z'],
  [/zh/g, 'J'],
  [/dj/g, 'J'],
  [/ph/g, 'F'],
  [/ck/g, 'K'],
];

const LATIN_KEY: Record<string, string> = {
  b: 'B',
  p: 'B',
  c: 'K',
  d: 'D',
  f: 'F',
  v: 'F',
  g: 'K',
  h: 'H',
  j: 'J',
  k: 'K',
  q: 'K',
  l: 'L',
  m: 'M',
  n: 'N',
  r: 'R',
  s: 'S',
  t: 'T',
  x: 'KS',
  z: 'Z',
};

const VOWEL = /[aeiou]/;

function latinPartKey(part: string, first: boolean): string[] {
  let s = part.replace(/[^a-z]/g, '').replace(/(.)\1+/g, '$1');
  // A final h after a vowel is not pronounced ("Abdullah", "Hamzah").
  s = s.replace(/([aeiou])h$/, '$1');
  const endsWithAt = /[ae]t$/.test(s) && s.length > 3;
  for (const [re, to] of LATIN_DIGRAPHS) s = s.replace(re, to);
  let key = '';
  [...s].forEach((c, i) => {
    const initial = i === 0;
    if (VOWEL.test(c)) {
      if (initial && first) key += 'V';
      return;
    }
    if (c === 'w' || c === 'y') {
      if (initial) key += c === 'w' ? 'W' : 'Y';
      return;
    }
    const k = c >= 'A' && c <= 'Z' ? c : LATIN_KEY[c];
    if (k) key += k;
  });
  return endsWithAt ? [key, key.slice(0, -1)] : [key];
}

/** The phonetic keys of one normalized token (see normalize.ts); compound parts are separated by "|". */
export function tokenKeys(norm: string, script: 'latin' | 'arabic' | 'other'): TokenKeys {
  const parts = norm.split('|').filter(Boolean);
  if (script === 'other') return { primary: norm.replace(/\|/g, ''), alternates: [] };
  let keys = [''];
  parts.forEach((part, i) => {
    const partKeys = script === 'arabic' ? arabicPartKey(part, i === 0) : latinPartKey(part, i === 0);
    // Alternates of a part only matter at the end of the token ("Izzat" vs "عزة").
    const use = i === parts.length - 1 ? partKeys : partKeys.slice(0, 1);
    keys = keys.flatMap((k) => use.map((p) => k + p));
  });
  const alternates = keys.slice(1);
  // "Aldouri", "Elsayed": an article written into the word.
  if (script === 'latin' && parts.length === 1 && /^(al|el)[^aeiouy]/.test(parts[0]) && parts[0].length >= 6) {
    for (const k of latinPartKey(parts[0].slice(2), true)) alternates.push(k);
  }
  const primary = keys[0] || `_${norm.replace(/\|/g, '')}`;
  return { primary, alternates: alternates.filter((a) => a && a !== primary) };
}

/** Cost of substituting one key letter for another: near for the letters Iraqi spellings confuse. */
function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  const pair = a < b ? a + b : b + a;
  switch (pair) {
    case 'DZ':
    case 'GK':
    case 'HX':
      return 0.35;
    case 'SZ':
    case 'TZ':
    case 'CS':
    case 'KX':
    case 'JK':
      return 0.5;
    case 'DT':
    case 'BF':
    case 'GJ':
    case 'WY':
      return 0.6;
    default:
      return 1;
  }
}

function indelCost(c: string): number {
  return c === 'V' || c === 'H' ? 0.5 : 1;
}

const row: number[] = [];
const prevRow: number[] = [];

/** Similarity of two keys (0..1): one minus a weighted edit distance over the longer key's length. */
export function keySimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  prevRow.length = 0;
  prevRow.push(0);
  for (let j = 1; j <= b.length; j++) prevRow.push(prevRow[j - 1] + indelCost(b[j - 1]));
  for (let i = 1; i <= a.length; i++) {
    row.length = 0;
    row.push(prevRow[0] + indelCost(a[i - 1]));
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(prevRow[j] + indelCost(a[i - 1]), row[j - 1] + indelCost(b[j - 1]), prevRow[j - 1] + substitutionCost(a[i - 1], b[j - 1])));
    }
    for (let j = 0; j <= b.length; j++) prevRow[j] = row[j];
  }
  const distance = prevRow[b.length];
  return Math.max(0, 1 - distance / Math.max(a.length, b.length));
}
