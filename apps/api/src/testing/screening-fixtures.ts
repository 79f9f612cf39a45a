import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { PartyKind } from '@mizan/contracts';
import type { ListEntry, MatchExplanation } from '@mizan/domain';
import { UN_LIST_NAME, entryContentHash, parseUnConsolidatedList } from '@mizan/server/screening';

/**
 * Sanctions lists and potential matches written straight to the database, for the specs of
 * screening (engine, queue, the gates where money moves, the CLI): the list is the real UN
 * consolidated list in data/sanctions (parsed by the import's own parser), the matches are rows
 * as the screening engine raises them (the engine is tested on its own).
 */
export const UN_LIST_FILE = join(__dirname, '../../../../data/sanctions/un-sc-consolidated-2018-10-29.xml');

/** The real UN SC consolidated list of 2018-10-29 (data/sanctions), parsed once per spec file. */
let unEntries: ListEntry[] | undefined;
export function unListEntries(): ListEntry[] {
  unEntries ??= parseUnConsolidatedList(readFileSync(UN_LIST_FILE, 'utf8')).entries;
  return unEntries;
}

/** Entries of the UN list by reference (throws on an unknown one). */
export function unEntry(reference: string): ListEntry {
  const entry = unListEntries().find((e) => e.reference === reference);
  if (!entry) throw new Error(`no UN list entry ${reference}`);
  return entry;
}

/** The Iraq entries of the UN list (IQi/IQe): enough for a match to point at. */
export function unIraqEntries(): ListEntry[] {
  return unListEntries().filter((e) => /^IQ[ie]\./.test(e.reference));
}

export interface SeededEntry {
  /** sanctions_entry.id */
  id: string;
  /** The content hash a match keeps. */
  hash: string;
  entry: ListEntry;
}

export interface SeededSanctionsList {
  versionId: string;
  /** reference → the entry row, for every entry of this version. */
  entries: Map<string, SeededEntry>;
}

/**
 * A finished sanctions_list_version holding exactly `entries` (by default the Iraq entries of the
 * UN list), written straight to the database as an import leaves it (a stored document for the
 * file, entries added, changed — new content hash — or removed against the agency's active
 * entries of the list). No screening run is started: specs ask for one. For specs of screening
 * that need a list without going through the import job.
 */
export async function seedSanctionsList(
  dataSource: DataSource,
  agencyId: string,
  userId: string,
  entries: readonly ListEntry[] = unIraqEntries(),
  listName = UN_LIST_NAME,
): Promise<SeededSanctionsList> {
  return dataSource.transaction(async (m) => {
    const sha = createHash('sha256').update(JSON.stringify(entries)).update(randomUUID()).digest('hex');
    const [doc] = (await m.query(
      `INSERT INTO stored_document (agency_id, kind, file_name, content_type, storage_key, sha256, size_bytes) VALUES ($1, 'sanctions-list', 'list.xml', 'application/xml', $2, $3, 1) RETURNING id`,
      [agencyId, `test/sanctions/${sha}`, sha],
    )) as { id: string }[];
    const [previous] = (await m.query(`SELECT id FROM sanctions_list_version WHERE agency_id = $1 AND list_name = $2 AND state = 'done' ORDER BY created_at DESC LIMIT 1`, [
      agencyId,
      listName,
    ])) as { id: string }[];
    const [version] = (await m.query(
      `INSERT INTO sanctions_list_version (agency_id, list_name, document_id, file_name, sha256, state, progress, previous_version_id, imported_by, individuals, entities, aliases, finished_at)
       VALUES ($1, $2, $3, 'list.xml', $4, 'done', 100, $5, $6, $7, $8, $9, clock_timestamp()) RETURNING id`,
      [
        agencyId,
        listName,
        doc.id,
        sha,
        previous?.id ?? null,
        userId,
        entries.filter((e) => e.kind === 'individual').length,
        entries.filter((e) => e.kind === 'entity').length,
        entries.reduce((n, e) => n + e.names.filter((x) => x.type === 'alias').length, 0),
      ],
    )) as { id: string }[];
    const existing = (await m.query(`SELECT id, reference, content_hash, removed_in_version_id FROM sanctions_entry WHERE agency_id = $1 AND list_name = $2`, [agencyId, listName])) as {
      id: string;
      reference: string;
      content_hash: string;
      removed_in_version_id: string | null;
    }[];
    const byReference = new Map(existing.map((e) => [e.reference, e]));
    const seeded = new Map<string, SeededEntry>();
    let added = 0;
    let changed = 0;
    for (const e of entries) {
      const hash = entryContentHash(e);
      const values = [e.dataId, e.kind, e.primaryName, JSON.stringify(e.names), e.datesOfBirth, e.placesOfBirth, e.nationalities, e.listingReason, e.unListType, e.listedOn, hash];
      const row = byReference.get(e.reference);
      if (!row) {
        const [inserted] = (await m.query(
          `INSERT INTO sanctions_entry (agency_id, list_name, reference, data_id, kind, primary_name, names, date_of_birth, place_of_birth, nationality, listing_reason, un_list_type,
                                       listed_on, content_hash, first_version_id, last_changed_version_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id`,
          [agencyId, listName, e.reference, ...values, version.id],
        )) as { id: string }[];
        seeded.set(e.reference, { id: inserted.id, hash, entry: e });
        added++;
      } else {
        if (row.content_hash.trim() !== hash || row.removed_in_version_id) {
          await m.query(
            `UPDATE sanctions_entry SET data_id = $2, kind = $3, primary_name = $4, names = $5::jsonb, date_of_birth = $6, place_of_birth = $7, nationality = $8, listing_reason = $9,
                    un_list_type = $10, listed_on = $11, content_hash = $12, last_changed_version_id = $13, removed_in_version_id = NULL WHERE id = $1`,
            [row.id, ...values, version.id],
          );
          changed++;
        }
        seeded.set(e.reference, { id: row.id, hash, entry: e });
      }
    }
    const kept = new Set(entries.map((e) => e.reference));
    const gone = existing.filter((e) => !kept.has(e.reference) && !e.removed_in_version_id).map((e) => e.id);
    if (gone.length) await m.query('UPDATE sanctions_entry SET removed_in_version_id = $2 WHERE id = ANY($1::uuid[])', [gone, version.id]);
    await m.query('UPDATE sanctions_list_version SET entries_added = $2, entries_changed = $3, entries_removed = $4 WHERE id = $1', [version.id, added, changed, gone.length]);
    return { versionId: version.id, entries: seeded };
  });
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
export async function insertScreeningMatch(ds: DataSource, list: SeededSanctionsList, m: MatchSpec): Promise<string> {
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
