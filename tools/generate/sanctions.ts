import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PartyKind } from '@mizan/contracts';
import { DEFAULT_SCREENING_THRESHOLD, ListEntry, MatchExplanation, PartyNameKind, ScreeningIndex, buildScreeningIndex, nameKey, screenName } from '@mizan/domain';
import { UN_LIST_NAME, entryContentHash, parseUnConsolidatedList } from '@mizan/server/screening';
import { namesakeSources } from './names';

/** The copy of the UN Security Council consolidated list the repository carries (public UN data, data/sanctions/README.md). */
export const SANCTIONS_FILE = resolve(__dirname, '../../data/sanctions/un-sc-consolidated-2018-10-29.xml');

/** What an import of the list file finds, computed as SanctionsImporter computes it (a first import: everything added). */
export interface SanctionsCounts {
  individuals: number;
  entities: number;
  aliases: number;
  entriesAdded: number;
  entriesRemoved: number;
  entriesChanged: number;
  entriesUnchanged: number;
  aliasesAdded: number;
  aliasesRemoved: number;
}

export interface SanctionsList {
  listName: string;
  fileName: string;
  bytes: Buffer;
  sha256: string;
  publishedAt: string | null;
  /** In the order the product's index cache reads them (ORDER BY list_name, reference). */
  entries: ListEntry[];
  contentHashes: string[];
  counts: SanctionsCounts;
  index: ScreeningIndex;
  /** Latin names of listed individuals, for namesakes (names.ts). */
  namesakes: string[][];
}

let loaded: SanctionsList | null = null;

/** The list file read, parsed by the product's parser and indexed by the product's matcher (once a process). */
export function loadSanctionsList(): SanctionsList {
  if (loaded) return loaded;
  const bytes = readFileSync(SANCTIONS_FILE);
  const parsed = parseUnConsolidatedList(bytes.toString('utf8'));
  const entries = [...parsed.entries].sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
  const aliasKeys = (e: ListEntry) => new Set(e.names.filter((n) => n.type !== 'primary').map((n) => `${n.type}:${n.name.toLowerCase()}`));
  const counts: SanctionsCounts = {
    individuals: entries.filter((e) => e.kind === 'individual').length,
    entities: entries.filter((e) => e.kind === 'entity').length,
    aliases: entries.reduce((sum, e) => sum + e.names.filter((n) => n.type !== 'primary').length, 0),
    entriesAdded: entries.length,
    entriesRemoved: 0,
    entriesChanged: 0,
    entriesUnchanged: 0,
    aliasesAdded: entries.reduce((sum, e) => sum + aliasKeys(e).size, 0),
    aliasesRemoved: 0,
  };
  loaded = {
    listName: parsed.listName || UN_LIST_NAME,
    fileName: 'un-sc-consolidated-2018-10-29.xml',
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    publishedAt: parsed.publishedAt,
    entries,
    contentHashes: entries.map(entryContentHash),
    counts,
    index: buildScreeningIndex(entries),
    namesakes: namesakeSources(entries),
  };
  return loaded;
}

/** A row of the view screening_party, as the generator knows it. */
export interface GeneratedParty {
  kind: PartyKind;
  id: string;
  name: string;
  nameKind: PartyNameKind;
  organizationId: string;
  partnerOrganizationId: string | null;
}

export interface FoundMatch {
  party: GeneratedParty;
  /** The name as screened (trimmed) and its key (screening_match.name_key). */
  name: string;
  key: string;
  entryPos: number;
  score: number;
  explanation: MatchExplanation;
}

/** Candidates kept per party name (PartyScreeningService's CANDIDATES_PER_NAME). */
const CANDIDATES_PER_NAME = 50;

/**
 * What PartyScreeningService.screenAll raises for these parties at the agency's threshold: each distinct (kind,
 * name) scored once by screenName, every candidate at or above the threshold a match. Returns the count of names
 * screened (a name with no key is skipped) beside the matches.
 */
export function screenParties(list: SanctionsList, parties: readonly GeneratedParty[], threshold = DEFAULT_SCREENING_THRESHOLD): { screened: number; found: FoundMatch[] } {
  const memo = new Map<string, ReturnType<typeof screenName>>();
  const found: FoundMatch[] = [];
  let screened = 0;
  for (const party of parties) {
    const name = party.name.trim();
    const key = nameKey(name);
    if (!key) continue;
    screened++;
    const memoKey = `${party.nameKind}\u0000${name}`;
    let candidates = memo.get(memoKey);
    if (!candidates) {
      candidates = screenName(list.index, name, party.nameKind, { minScore: threshold, limit: CANDIDATES_PER_NAME });
      memo.set(memoKey, candidates);
    }
    for (const c of candidates) if (c.score >= threshold) found.push({ party, name, key, entryPos: c.entryIndex, score: c.score, explanation: c.explanation });
  }
  return { screened, found };
}
