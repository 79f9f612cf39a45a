/**
 * The searchable text of a directory profile (issue 15): the same folding as screening's names (case, diacritics,
 * Arabic letter variants, tatweel, harakat), so "Mohammed" finds "MOHAMMED", "أحمد" finds "احمد". Stored in a column
 * and indexed with PostgreSQL's `simple` full-text configuration; queries go through the same function.
 */
import { normalizeText } from '../screening/normalize';

export function directorySearchText(parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .map((p) => normalizeText(p))
    .join(' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The words of a search box, normalized, for a `to_tsquery('simple', …)` prefix query (words joined with &). */
export function directoryQueryTerms(q: string): string[] {
  return directorySearchText([q])
    .split(' ')
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => w.length > 0)
    .slice(0, 8);
}
