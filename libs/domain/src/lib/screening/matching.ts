import { distance as levenshtein } from 'fastest-levenshtein';
import type { ListEntry, ListName, ListNameType, PartyNameKind } from './list-entry';
import { NameToken, normalizedNameKey, tokenizeName } from './normalize';
import { keySimilarity, tokenKeys } from './transliterate';

/**
 * Name matching for sanctions screening (issue 13, docs/screening.md). Pure functions:
 * normalization of Latin and Arabic script, transliteration between them, token-level
 * fuzzy scoring with an explanation of every score.
 */

/**
 * The agency's default threshold (score ≥ threshold = potential match). Chosen on the evaluation set
 * (data/sanctions/evaluation-set.json, docs/benchmarks.md "Sanctions screening"): the lowest score of a true variant
 * was 0.79, the highest of a name that must not match 0.68; 0.74 is the middle of that gap.
 */
export const DEFAULT_SCREENING_THRESHOLD = 0.74;
/** Above this score, clearing a match as a false positive needs a second officer (84 % of the evaluation set's true variants score ≥ 0.92). */
export const DEFAULT_HIGH_SCORE = 0.92;

/** One name part of the screened name paired with one of the list name's. */
export interface TokenPair {
  /** As written in the screened name. */
  query: string;
  /** As written in the list name. */
  entry: string;
  /** 0..1 */
  similarity: number;
  /** same: compared in one script; transliterated: one side was transliterated to the other's script first. */
  script: 'same' | 'transliterated';
}

export interface MatchExplanation {
  /** The list name (primary, alias or original script) that scored best. */
  matchedName: string;
  matchedNameType: ListNameType;
  pairs: TokenPair[];
  /** Parts of the screened name that found no partner. */
  unpairedQuery: string[];
  /** Parts of the list name that found no partner. */
  unpairedEntry: string[];
  /** What lowered the score, e.g. { code: 'kind_mismatch', amount: 0.05 }. */
  adjustments: { code: string; amount: number }[];
}

export interface ScreeningCandidate {
  /** Index of the entry in the array the index was built from. */
  entryIndex: number;
  reference: string;
  /** 0..1, four decimals. */
  score: number;
  explanation: MatchExplanation;
}


/** A token of a list name or a screened name, with what scoring needs. */
export interface PreparedToken extends NameToken {
  /** Phonetic keys: primary first (see transliterate.ts). */
  keys: string[];
  /** Latin tokens: vowels folded (ou / oo / o → u, ee / y → i), doubled letters once; Arabic: the normalized letters. */
  folded: string;
}

export interface PreparedName {
  entryIndex: number;
  name: ListName;
  tokens: PreparedToken[];
  /** Ids of the tokens in the index's table of distinct tokens (similarities are cached by id). */
  tokenIds: number[];
  /** Token weights (rarity across the list), parallel to tokens. */
  weights: number[];
  strongTokens: number;
  /** Sum of the weights of its tokens that are not weak. */
  strongWeight: number;
  /** Whether a token has a short key (see isShort). */
  hasShort: boolean;
}

/** Whatever the matcher precomputes from a list (normalized and transliterated names, a candidate index). Build once per list version. */
export interface ScreeningIndex {
  readonly entries: readonly ListEntry[];
  readonly size: number;
  /** Every name of every entry, tokenized and keyed. */
  readonly names: readonly PreparedName[];
  /** Phonetic key and its one-deletion variants → the distinct tokens (ids) with that key. */
  readonly postings: ReadonlyMap<string, readonly number[]>;
  /** Distinct tokens by id. */
  readonly tokens: readonly PreparedToken[];
  /** Token id → the names (positions in `names`) that have it. */
  readonly tokenNames: readonly (readonly number[])[];
  /** Primary key → how many entries have a name with a token of that key. */
  readonly keyFrequency: ReadonlyMap<string, number>;
  /** Distinct tokens (script and normalized form) of all names; PreparedName.tokenIds point here. */
  readonly distinctTokens: number;
  /** The reference count for rarity: max(entries, 1000). */
  readonly rarityBase: number;
}

export interface ScreenOptions {
  /** Candidates at or above this score are returned (default: 0.6, below any sensible threshold, so officers see near misses in checks). */
  minScore?: number;
  /** At most this many candidates, best first (default 10). */
  limit?: number;
}

/** The normalized form of a name that says whether a party's name changed (a new key = screened afresh). */
export function nameKey(name: string): string {
  return normalizedNameKey(name);
}

/** Weight of a legal-form word, a title or a connective. */
const WEAK_WEIGHT = 0.05;
/** Weight cap of given names so common that they say little on their own. */
const COMMON_NAME_WEIGHT = 0.3;
/** Given names common across Iraq and the region: alone or together they never make a match. */
const COMMON_GIVEN_NAMES = [
  'muhammad', 'mohammed', 'ahmad', 'ali', 'hassan', 'hussein', 'husayn', 'mahmud', 'mustafa', 'ibrahim', 'abd|allah',
  'umar', 'omar', 'khalid', 'yusuf', 'abbas', 'karim', 'jasim', 'kadhim', 'salih', 'said', 'abu', 'abd', 'hamid', 'hamad',
  'jafar', 'hasan', 'haidar', 'haydar', 'abd|rahman', 'abd|aziz', 'abd|karim', 'fatima', 'zainab', 'maryam', 'sara',
  'nur', 'ismail', 'yasin', 'sami', 'salim', 'saleh', 'rashid', 'majid', 'aziz', 'adil', 'amir', 'mahdi', 'sultan', 'ayman',
];
const COMMON_KEYS = new Set(COMMON_GIVEN_NAMES.map((n) => tokenKeys(n, 'latin').primary));
/** Weight cap of a kunya ("Abu Ahmad"). */
const KUNYA_WEIGHT = 0.5;
/** Unpaired tokens of the list name (missing middle names) cost this share of their weight; unpaired screened tokens cost all of it. */
const UNPAIRED_ENTRY_COST = 0.3;
/**
 * An entity of the list named in full, with more words after it ("Rafidain Bank, Basra branch", "Al-Rasheed Bank
 * Mosul"): once the list name's distinctive parts are all paired with evidence enough, the screened name's extra
 * parts (a city, a department) cost this share of their weight. Only against entity entries, not for persons.
 */
const EXTRA_ENTITY_WORD_COST = 0.3;
/** Pairs below this similarity are not pairs. */
const MIN_PAIR_SIMILARITY = 0.6;
/** Paired rarity (sum of weights × similarity) a match needs: two distinctive name parts. Below it the score is scaled down. */
const MIN_EVIDENCE = 1.0;
/** How steeply missing evidence scales the score down: (evidence / needed) ^ exponent. */
const EVIDENCE_EXPONENT = 0.75;
const KIND_MISMATCH = 0.05;
const ALTERNATE_KEY_FACTOR = 0.97;

function foldLatin(norm: string): string {
  return norm
    .replace(/\|/g, '')
    .replace(/([aeiou])h$/, '$1')
    .replace(/(.)\1+/g, '$1')
    .replace(/ou|oo|o/g, 'u')
    .replace(/ee|ie|ei|ey|ay|ai/g, (m) => (m === 'ay' || m === 'ai' ? 'ai' : 'i'))
    .replace(/(?!^)y/g, 'i')
    .replace(/(?!^)w/g, 'u')
    .replace(/(.)\1+/g, '$1');
}

/** Names longer than this are screened on their beginning (no party has a longer name; it bounds the work). */
export const MAX_SCREENED_NAME_LENGTH = 1000;
/** At most this many name parts are screened. */
const MAX_QUERY_TOKENS = 24;

function prepareTokens(name: string): PreparedToken[] {
  return tokenizeName(name).map((t) => {
    const keyed = tokenKeys(t.norm, t.script);
    const list = t.weak ? [`~${t.norm}`] : [keyed.primary, ...keyed.alternates];
    return { ...t, keys: list, folded: t.script === 'latin' ? foldLatin(t.norm) : t.norm.replace(/\|/g, '') };
  });
}

/** The key and its one-deletion variants (keys of three letters or more): two keys one edit apart share a variant. */
function keyVariants(key: string): string[] {
  const out = [key];
  if (key.length >= 3 && !key.startsWith('~') && !key.startsWith('_')) {
    for (let i = 0; i < key.length; i++) out.push(`${key.slice(0, i)}${key.slice(i + 1)}#`);
  }
  return out;
}

function tokenWeight(token: PreparedToken, frequency: ReadonlyMap<string, number>, base: number): number {
  if (token.weak) return WEAK_WEIGHT;
  const df = Math.max(1, frequency.get(token.keys[0]) ?? 0);
  const rarity = Math.min(1, Math.max(0.2, Math.log(base / df) / Math.log(base)));
  // A common given name is capped, unless written with the article: "al-Majid", "al-Hassan" are family names.
  if (COMMON_KEYS.has(token.keys[0]) && !token.article) return Math.min(rarity, COMMON_NAME_WEIGHT);
  // A kunya ("Abu Ahmad", "Umm Ali") is shared by every parent of an Ahmad or an Ali: never alone a match.
  if (/^(abu|umm|ابو|ام)\|/.test(token.norm)) return Math.min(rarity, KUNYA_WEIGHT);
  return rarity;
}

export function buildScreeningIndex(entries: readonly ListEntry[]): ScreeningIndex {
  const names: PreparedName[] = [];
  const ids = new Map<string, number>();
  const tokens: PreparedToken[] = [];
  const tokenId = (t: PreparedToken): number => {
    const key = `${t.weak ? 'w' : t.script}:${t.norm}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = tokens.length;
      ids.set(key, id);
      tokens.push(t);
    }
    return id;
  };
  entries.forEach((entry, entryIndex) => {
    const seen = new Set<string>();
    for (const n of entry.names) {
      const key = normalizedNameKey(n.name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const tokens = prepareTokens(n.name);
      if (tokens.length === 0) continue;
      names.push({ entryIndex, name: n, tokens, tokenIds: tokens.map((t) => tokenId(t)), weights: [], strongTokens: tokens.filter((t) => !t.weak).length, strongWeight: 0, hasShort: tokens.some(isShort) });
    }
  });
  const keyFrequency = new Map<string, number>();
  const postings = new Map<string, number[]>();
  let entryKeys = new Set<string>();
  let currentEntry = -1;
  const countEntryKeys = () => {
    for (const k of entryKeys) keyFrequency.set(k, (keyFrequency.get(k) ?? 0) + 1);
  };
  names.forEach((n) => {
    // Rarity counts entries, not names: an entry's aliases repeat its name parts.
    if (n.entryIndex !== currentEntry) {
      countEntryKeys();
      entryKeys = new Set();
      currentEntry = n.entryIndex;
    }
    for (const t of n.tokens) entryKeys.add(t.keys[0]);
  });
  countEntryKeys();
  const tokenNames: number[][] = tokens.map(() => []);
  names.forEach((n, nameIndex) => {
    for (const id of new Set(n.tokenIds)) tokenNames[id].push(nameIndex);
  });
  tokens.forEach((t, id) => {
    if (t.weak) return;
    const variants = new Set<string>();
    for (const k of t.keys) for (const v of keyVariants(k)) variants.add(v);
    for (const v of variants) {
      const list = postings.get(v);
      if (list) list.push(id);
      else postings.set(v, [id]);
    }
  });
  const rarityBase = Math.max(entries.length, 1000);
  for (const n of names) {
    n.weights = n.tokens.map((t) => tokenWeight(t, keyFrequency, rarityBase));
    n.strongWeight = n.weights.reduce((sum, w, i) => sum + (n.tokens[i].weak ? 0 : w), 0);
  }
  return { entries, size: entries.length, names, postings, tokens, tokenNames, keyFrequency, distinctTokens: tokens.length, rarityBase };
}

function keySimilarityOf(a: PreparedToken, b: PreparedToken): number {
  let best = keySimilarity(a.keys[0], b.keys[0]);
  if (best === 1) return 1;
  for (let i = 0; i < a.keys.length; i++) {
    for (let j = i === 0 ? 1 : 0; j < b.keys.length; j++) {
      best = Math.max(best, keySimilarity(a.keys[i], b.keys[j]) * ALTERNATE_KEY_FACTOR);
    }
  }
  return best;
}

/** Similarity of two tokens (0..1) and whether they were compared through transliteration. */
export function tokenSimilarity(a: PreparedToken, b: PreparedToken): { similarity: number; script: 'same' | 'transliterated' } {
  if (a.weak || b.weak) return { similarity: a.weak && b.weak && a.keys[0] === b.keys[0] ? 1 : 0, script: 'same' };
  const keySim = keySimilarityOf(a, b);
  // Across scripts only the consonant skeleton compares (Arabic writes no short vowels): a near skeleton says less
  // than a near spelling, so partial similarities are squared.
  if (a.script !== b.script) return { similarity: keySim === 1 ? 1 : keySim * keySim, script: a.script === 'other' || b.script === 'other' ? 'same' : 'transliterated' };
  if (a.folded === b.folded) return { similarity: 1, script: 'same' };
  const longest = Math.max(a.folded.length, b.folded.length);
  const spelling = 1 - levenshtein(a.folded, b.folded) / longest;
  return { similarity: 0.7 * keySim + 0.3 * spelling, script: 'same' };
}

interface NameScore {
  score: number;
  explanation: MatchExplanation;
}

/** Scores the candidate names of one screened name; each entry keeps its best name, explained. */
function collect(
  index: ScreeningIndex,
  query: PreparedToken[],
  queryWeights: number[],
  kind: PartyNameKind,
  cache: SimilarityCache,
  nameIndexes: Iterable<number>,
  minScore: number,
  limit: number,
): ScreeningCandidate[] {
  const best = new Map<number, { score: number; nameIndex: number }>();
  for (const nameIndex of nameIndexes) {
    const prepared = index.names[nameIndex];
    const entry = index.entries[prepared.entryIndex];
    const { score } = scoreName(query, queryWeights, prepared, entry.kind, kind, cache, false);
    if (score < minScore) continue;
    const current = best.get(prepared.entryIndex);
    if (!current || score > current.score) best.set(prepared.entryIndex, { score, nameIndex });
  }
  return [...best.entries()]
    .map(([entryIndex, { nameIndex }]) => {
      const entry = index.entries[entryIndex];
      const scored = scoreName(query, queryWeights, index.names[nameIndex], entry.kind, kind, cache, true);
      return { entryIndex, reference: entry.reference, score: scored.score, explanation: scored.explanation };
    })
    .sort((a, b) => b.score - a.score || a.reference.localeCompare(b.reference))
    .slice(0, limit);
}

/** Per screened name: its tokens' similarity to each distinct list token, computed once (NaN = not yet). */
class SimilarityCache {
  private readonly rows: Map<number, number>[];
  /**
   * full: every pair is computed on first use (the full scan). indexed: the index stores the pairs it found through the
   * key postings (keys up to one edit apart); other pairs are computed only when both keys are too short (two letters
   * or fewer) to have deletion variants, and are 0 otherwise.
   */
  constructor(
    private readonly query: PreparedToken[],
    private readonly mode: 'full' | 'indexed',
  ) {
    this.rows = query.map(() => new Map());
  }
  set(i: number, id: number, value: number): void {
    this.rows[i].set(id, value);
  }
  get(i: number, id: number, token: PreparedToken): number {
    const q = this.query[i];
    if (q.weak || token.weak) return tokenSimilarity(q, token).similarity;
    const row = this.rows[i];
    let value = row.get(id);
    if (value === undefined) {
      value = this.mode === 'full' || (isShort(q) && isShort(token)) ? tokenSimilarity(q, token).similarity : 0;
      row.set(id, value);
    }
    return value;
  }
}

/** A key of two letters or fewer has no deletion variants in the postings. */
function isShort(t: PreparedToken): boolean {
  return !t.weak && t.keys[0].length <= 2;
}

function pairScript(a: PreparedToken, b: PreparedToken): 'same' | 'transliterated' {
  return a.script !== b.script && a.script !== 'other' && b.script !== 'other' && !a.weak && !b.weak ? 'transliterated' : 'same';
}

/** Two distinctive parts for a person; an entity whose name has a single distinctive word needs that word. */
function evidenceNeeded(name: PreparedName, entryKind: ListEntry['kind']): number {
  return entryKind === 'entity' ? Math.min(MIN_EVIDENCE, 0.9 * name.strongWeight) : MIN_EVIDENCE;
}

/** The score of one list name; the explanation is built only when `explain` (the winners), as most candidates lose. */
function scoreName(
  query: PreparedToken[],
  queryWeights: number[],
  name: PreparedName,
  entryKind: ListEntry['kind'],
  kind: PartyNameKind,
  cache: SimilarityCache,
  explain: boolean,
): NameScore {
  const candidates: { i: number; j: number; similarity: number; script: 'same' | 'transliterated'; value: number }[] = [];
  for (let i = 0; i < query.length; i++) {
    for (let j = 0; j < name.tokens.length; j++) {
      const similarity = cache.get(i, name.tokenIds[j], name.tokens[j]);
      if (similarity >= MIN_PAIR_SIMILARITY) candidates.push({ i, j, similarity, script: pairScript(query[i], name.tokens[j]), value: similarity * name.weights[j] });
    }
  }
  candidates.sort((x, y) => y.value - x.value || y.similarity - x.similarity || x.i - y.i || x.j - y.j);
  const usedQ = new Array<boolean>(query.length).fill(false);
  const usedE = new Array<boolean>(name.tokens.length).fill(false);
  const pairs: TokenPair[] = [];
  let matched = 0;
  let total = 0;
  let evidence = 0;
  for (const c of candidates) {
    if (usedQ[c.i] || usedE[c.j]) continue;
    usedQ[c.i] = true;
    usedE[c.j] = true;
    const w = name.weights[c.j];
    matched += c.similarity * w;
    total += w;
    if (!name.tokens[c.j].weak) evidence += c.similarity * Math.min(w, queryWeights[c.i]);
    if (explain) pairs.push({ query: query[c.i].text, entry: name.tokens[c.j].text, similarity: round4(c.similarity), script: c.script });
  }
  const unpairedQuery: string[] = [];
  const unpairedEntry: string[] = [];
  const entityNamedInFull =
    entryKind === 'entity' && kind !== 'person' && evidence >= MIN_EVIDENCE && name.tokens.every((t, j) => usedE[j] || t.weak);
  const extraCost = entityNamedInFull ? EXTRA_ENTITY_WORD_COST : 1;
  query.forEach((t, i) => {
    if (usedQ[i]) return;
    total += queryWeights[i] * extraCost;
    if (explain) unpairedQuery.push(t.text);
  });
  name.tokens.forEach((t, j) => {
    if (usedE[j]) return;
    total += name.weights[j] * UNPAIRED_ENTRY_COST;
    if (explain) unpairedEntry.push(t.text);
  });
  let score = total > 0 ? matched / total : 0;
  const adjustments: { code: string; amount: number }[] = [];
  const needed = evidenceNeeded(name, entryKind);
  if (evidence < needed && score > 0) {
    const scaled = score * Math.pow(evidence / needed, EVIDENCE_EXPONENT);
    adjustments.push({ code: 'weak_evidence', amount: round4(score - scaled) });
    score = scaled;
  }
  if ((kind === 'person' && entryKind === 'entity') || (kind === 'entity' && entryKind === 'individual')) {
    const amount = Math.min(KIND_MISMATCH, score);
    adjustments.push({ code: 'kind_mismatch', amount });
    score -= amount;
  }
  pairs.sort((x, y) => y.similarity - x.similarity);
  return {
    score: round4(Math.min(1, Math.max(0, score))),
    explanation: { matchedName: name.name.name, matchedNameType: name.name.type, pairs, unpairedQuery, unpairedEntry, adjustments },
  };
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

/**
 * The list entries a name may be, best first. Candidates come from the phonetic-key postings (a name must share a
 * key, up to one edit, with at least two parts of the screened name, or one when either side has only one); each
 * candidate name is scored in full and an entry keeps its best name.
 */
export function screenName(index: ScreeningIndex, name: string, kind: PartyNameKind, options: ScreenOptions = {}): ScreeningCandidate[] {
  const minScore = options.minScore ?? 0.6;
  const limit = options.limit ?? 10;
  const query = prepareTokens(name.slice(0, MAX_SCREENED_NAME_LENGTH)).slice(0, MAX_QUERY_TOKENS);
  if (query.length === 0) return [];
  const queryWeights = query.map((t) => tokenWeight(t, index.keyFrequency, index.rarityBase));
  const cache = new SimilarityCache(query, 'indexed');
  // Which screened tokens (bits) pair with a token of each name: only list tokens sharing a key variant are compared.
  const hits = new Map<number, number>();
  let strongQuery = 0;
  query.forEach((t, i) => {
    if (t.weak) return;
    strongQuery++;
    for (const [id, similarity] of postingSimilarities(index, t)) {
      cache.set(i, id, similarity);
      if (similarity < MIN_PAIR_SIMILARITY) continue;
      for (const n of index.tokenNames[id]) hits.set(n, (hits.get(n) ?? 0) | (1 << i));
    }
  });
  const candidates: number[] = [];
  const queryWeightTotal = queryWeights.reduce((sum, w) => sum + w, 0);
  let shortMask = 0;
  query.forEach((t, i) => {
    if (isShort(t)) shortMask |= 1 << i;
  });
  for (const [nameIndex, mask] of hits) {
    const prepared = index.names[nameIndex];
    if (bitCount(mask) < Math.min(2, strongQuery, prepared.strongTokens)) continue;
    // Short screened tokens may pair with the name's short tokens outside the postings.
    const possible = prepared.hasShort ? mask | shortMask : mask;
    const paired = bitCount(possible);
    // An upper bound of the score from the paired screened tokens alone: each pair adds at most 1 to what matched,
    // the screened tokens left unpaired add their weight to the total, and the evidence is at most their weights.
    let pairedWeight = 0;
    for (let i = 0; i < query.length; i++) if (possible & (1 << i)) pairedWeight += queryWeights[i];
    const entryKind = index.entries[prepared.entryIndex].kind;
    const extraCost = entryKind === 'entity' && kind !== 'person' ? EXTRA_ENTITY_WORD_COST : 1;
    const base = paired / (paired + (queryWeightTotal - pairedWeight) * extraCost);
    const needed = evidenceNeeded(prepared, entryKind);
    const bound = pairedWeight >= needed ? base : base * Math.pow(pairedWeight / needed, EVIDENCE_EXPONENT);
    if (bound >= minScore) candidates.push(nameIndex);
  }
  return collect(index, query, queryWeights, kind, cache, candidates, minScore, limit);
}

/** How many distinct screened tokens an index remembers the posting similarities of (re-screening repeats tokens). */
const MEMO_LIMIT = 20_000;
const memos = new WeakMap<ScreeningIndex, Map<string, [number, number][]>>();

/** The list tokens sharing a key variant with a screened token, with their similarity; memoized per index. */
function postingSimilarities(index: ScreeningIndex, t: PreparedToken): [number, number][] {
  let memo = memos.get(index);
  if (!memo) {
    memo = new Map();
    memos.set(index, memo);
  }
  const memoKey = `${t.script}:${t.norm}`;
  const known = memo.get(memoKey);
  if (known) return known;
  const out: [number, number][] = [];
  const seen = new Set<number>();
  for (const k of t.keys) {
    for (const v of keyVariants(k)) {
      const ids = index.postings.get(v);
      if (!ids) continue;
      for (const id of ids) {
        if (seen.has(id)) continue;
        seen.add(id);
        out.push([id, tokenSimilarity(t, index.tokens[id]).similarity]);
      }
    }
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(memoKey, out);
  return out;
}

function bitCount(n: number): number {
  let count = 0;
  for (let m = n; m; m &= m - 1) count++;
  return count;
}

/** Scores a name against every name of every entry (no candidate index): the benchmark's baseline and a check on the index. */
export function screenNameFullScan(index: ScreeningIndex, name: string, kind: PartyNameKind, options: ScreenOptions = {}): ScreeningCandidate[] {
  const minScore = options.minScore ?? 0.6;
  const limit = options.limit ?? 10;
  const query = prepareTokens(name.slice(0, MAX_SCREENED_NAME_LENGTH)).slice(0, MAX_QUERY_TOKENS);
  if (query.length === 0) return [];
  const queryWeights = query.map((t) => tokenWeight(t, index.keyFrequency, index.rarityBase));
  const cache = new SimilarityCache(query, 'full');
  return collect(index, query, queryWeights, kind, cache, index.names.keys(), minScore, limit);
}

/** The explanation as one English sentence (the command line's `explanation`; the web renders the structure itself). */
export function explainMatch(explanation: MatchExplanation): string {
  const pairs = explanation.pairs.map(
    (p) => `"${p.query}" ~ "${p.entry}" ${p.similarity.toFixed(2)}${p.script === 'transliterated' ? ' (transliterated)' : ''}`,
  );
  const parts = [`matched the ${explanation.matchedNameType.replace('_', ' ')} name "${explanation.matchedName}"`];
  if (pairs.length) parts.push(`paired ${pairs.join(', ')}`);
  if (explanation.unpairedQuery.length) parts.push(`not in the list name: ${explanation.unpairedQuery.join(', ')}`);
  if (explanation.unpairedEntry.length) parts.push(`not in the screened name: ${explanation.unpairedEntry.join(', ')}`);
  for (const a of explanation.adjustments) parts.push(`${ADJUSTMENT_TEXT[a.code] ?? a.code} −${a.amount.toFixed(2)}`);
  return parts.join('; ');
}

const ADJUSTMENT_TEXT: Record<string, string> = {
  weak_evidence: 'fewer than two distinctive name parts paired',
  kind_mismatch: 'a person’s name against an entity, or the reverse',
};
