import type { ListEntry, ListNameType, PartyNameKind } from './list-entry';

/**
 * Name matching for sanctions screening (issue 13, docs/screening.md). Pure functions:
 * normalization of Latin and Arabic script, transliteration between them, token-level
 * fuzzy scoring with an explanation of every score.
 */

/** The agency's default threshold (score ≥ threshold = potential match); see docs/screening.md for how it was chosen. */
export const DEFAULT_SCREENING_THRESHOLD = 0.82;
/** Above this score, clearing a match as a false positive needs a second officer. */
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

/** Whatever the matcher precomputes from a list (normalized and transliterated names, a candidate index). Build once per list version. */
export interface ScreeningIndex {
  readonly entries: readonly ListEntry[];
  readonly size: number;
}

export interface ScreenOptions {
  /** Candidates at or above this score are returned (default: 0.6, below any sensible threshold, so officers see near misses in checks). */
  minScore?: number;
  /** At most this many candidates, best first (default 10). */
  limit?: number;
}

/** The normalized form of a name that says whether a party's name changed (a new key = screened afresh). */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function buildScreeningIndex(entries: readonly ListEntry[]): ScreeningIndex {
  return { entries, size: entries.length };
}

/**
 * The list entries a name may be, best first. Placeholder implementation (exact
 * normalized tokens); the real matcher replaces it in this issue.
 */
export function screenName(index: ScreeningIndex, name: string, kind: PartyNameKind, options: ScreenOptions = {}): ScreeningCandidate[] {
  void kind;
  const minScore = options.minScore ?? 0.6;
  const limit = options.limit ?? 10;
  const query = nameKey(name).split(' ').filter(Boolean);
  const out: ScreeningCandidate[] = [];
  index.entries.forEach((entry, entryIndex) => {
    let best: ScreeningCandidate | null = null;
    for (const n of entry.names) {
      const tokens = nameKey(n.name).split(' ').filter(Boolean);
      const shared = query.filter((t) => tokens.includes(t));
      const score = Math.round((shared.length / Math.max(query.length, tokens.length, 1)) * 10_000) / 10_000;
      if (!best || score > best.score)
        best = {
          entryIndex,
          reference: entry.reference,
          score,
          explanation: {
            matchedName: n.name,
            matchedNameType: n.type,
            pairs: shared.map((t) => ({ query: t, entry: t, similarity: 1, script: 'same' as const })),
            unpairedQuery: query.filter((t) => !shared.includes(t)),
            unpairedEntry: tokens.filter((t) => !shared.includes(t)),
            adjustments: [],
          },
        };
    }
    if (best && best.score >= minScore) out.push(best);
  });
  return out.sort((a, b) => b.score - a.score || a.reference.localeCompare(b.reference)).slice(0, limit);
}

/** The explanation as one English sentence (the command line's `explanation`; the web renders the structure itself). */
export function explainMatch(explanation: MatchExplanation): string {
  const pairs = explanation.pairs.map((p) => `"${p.query}"~"${p.entry}" ${p.similarity.toFixed(2)}${p.script === 'transliterated' ? ' (transliterated)' : ''}`);
  const parts = [`matched ${explanation.matchedNameType.replace('_', ' ')} name "${explanation.matchedName}"`];
  if (pairs.length) parts.push(`pairs ${pairs.join(', ')}`);
  if (explanation.unpairedQuery.length) parts.push(`unpaired in the name: ${explanation.unpairedQuery.join(' ')}`);
  if (explanation.unpairedEntry.length) parts.push(`unpaired in the list name: ${explanation.unpairedEntry.join(' ')}`);
  for (const a of explanation.adjustments) parts.push(`${a.code} −${a.amount.toFixed(2)}`);
  return parts.join('; ');
}
