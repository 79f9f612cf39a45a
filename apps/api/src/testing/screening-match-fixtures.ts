import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { PartyKind } from '@mizan/contracts';
import type { ListEntry, MatchExplanation } from '@mizan/domain';
import { UN_LIST_NAME, entryContentHash, parseUnConsolidatedList } from '@mizan/server/screening';

/**
 * Sanctions list and potential matches written straight to the database, for the specs of the
 * screening queue and of the gates where money moves: the list is the real UN consolidated list
 * in data/sanctions (parsed by the import's own parser), the matches are rows as the screening
 * engine raises them (the engine is tested on its own).
 */
export const UN_LIST_FILE = join(__dirname, '../../../../data/sanctions/un-sc-consolidated-2018-10-29.xml');

let parsed: ListEntry[] | null = null;

/** The entries of the real list (parsed once per process). */
export function unListEntries(): ListEntry[] {
  parsed ??= parseUnConsolidatedList(readFileSync(UN_LIST_FILE, 'utf8')).entries;
  return parsed;
}

export interface SeededList {
  versionId: string;
  /** reference → the entry row and the content hash a match keeps. */
  entries: Map<string, { id: string; hash: string; entry: ListEntry }>;
}

/**
 * A finished import of the list (a version with its stored document) and its entries; by default
 * only the Iraq entries (IQi/IQe), enough for a match to point at.
 */
export async function seedSanctionsList(ds: DataSource, agencyId: string, importedBy: string, filter: (e: ListEntry) => boolean = (e) => /^IQ[ie]\./.test(e.reference)): Promise<SeededList> {
  const entries = unListEntries().filter(filter);
  const sha = createHash('sha256').update(readFileSync(UN_LIST_FILE)).digest('hex');
  const [doc] = (await ds.query(
    `INSERT INTO stored_document (agency_id, kind, file_name, content_type, storage_key, sha256, size_bytes) VALUES ($1, 'sanctions-list', 'un-sc-consolidated-2018-10-29.xml', 'application/xml', $2, $3, 1) RETURNING id`,
    [agencyId, `test/sanctions/${agencyId}/${Date.now()}`, sha],
  )) as { id: string }[];
  const [version] = (await ds.query(
    `INSERT INTO sanctions_list_version (agency_id, list_name, document_id, file_name, sha256, published_at, state, progress, individuals, entities, aliases, entries_added, imported_by, finished_at)
     VALUES ($1, $2, $3, 'un-sc-consolidated-2018-10-29.xml', $4, '2018-10-29T00:00:00Z', 'done', 100, $5, $6, $7, $8, $9, now()) RETURNING id`,
    [
      agencyId,
      UN_LIST_NAME,
      doc.id,
      sha,
      entries.filter((e) => e.kind === 'individual').length,
      entries.filter((e) => e.kind === 'entity').length,
      entries.reduce((n, e) => n + e.names.filter((x) => x.type === 'alias').length, 0),
      entries.length,
      importedBy,
    ],
  )) as { id: string }[];
  const out = new Map<string, { id: string; hash: string; entry: ListEntry }>();
  for (const e of entries) {
    const hash = entryContentHash(e);
    const [row] = (await ds.query(
      `INSERT INTO sanctions_entry (agency_id, list_name, reference, data_id, kind, primary_name, names, date_of_birth, place_of_birth, nationality, listing_reason, un_list_type, listed_on,
                                    content_hash, first_version_id, last_changed_version_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id`,
      [agencyId, UN_LIST_NAME, e.reference, e.dataId, e.kind, e.primaryName, JSON.stringify(e.names), e.datesOfBirth, e.placesOfBirth, e.nationalities, e.listingReason, e.unListType, e.listedOn, hash, version.id],
    )) as { id: string }[];
    out.set(e.reference, { id: row.id, hash, entry: e });
  }
  return { versionId: version.id, entries: out };
}

export interface MatchSpec {
  agencyId: string;
  partyKind: PartyKind;
  partyId: string;
  organizationId: string;
  partnerOrganizationId?: string | null;
  screenedName: string;
  reference: string;
  score: number;
}

/** An open potential match as the screening engine raises it, with a plausible explanation. */
export async function insertScreeningMatch(ds: DataSource, list: SeededList, m: MatchSpec): Promise<string> {
  const entry = list.entries.get(m.reference);
  if (!entry) throw new Error(`no seeded entry ${m.reference}`);
  const queryTokens = m.screenedName.split(/\s+/).filter(Boolean);
  const entryTokens = entry.entry.primaryName.split(/\s+/).filter(Boolean);
  const explanation: MatchExplanation = {
    matchedName: entry.entry.primaryName,
    matchedNameType: 'primary',
    pairs: queryTokens.slice(0, entryTokens.length).map((q, i) => ({ query: q, entry: entryTokens[i], similarity: m.score, script: 'same' as const })),
    unpairedQuery: queryTokens.slice(entryTokens.length),
    unpairedEntry: entryTokens.slice(queryTokens.length),
    adjustments: [],
  };
  const [row] = (await ds.query(
    `INSERT INTO screening_match (agency_id, party_kind, party_id, organization_id, partner_organization_id, screened_name, name_key, entry_id, entry_hash, list_version_id, score, explanation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb) RETURNING id`,
    [
      m.agencyId,
      m.partyKind,
      m.partyId,
      m.organizationId,
      m.partnerOrganizationId ?? null,
      m.screenedName,
      m.screenedName.toLowerCase().replace(/\s+/g, ' ').trim(),
      entry.id,
      entry.hash,
      list.versionId,
      m.score.toFixed(4),
      JSON.stringify(explanation),
    ],
  )) as { id: string }[];
  return row.id;
}
