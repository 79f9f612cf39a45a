import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { ListEntry } from '@mizan/domain';
import { UN_LIST_NAME, entryContentHash, parseUnConsolidatedList } from '@mizan/server/screening';

/** The real UN SC consolidated list of 2018-10-29 (data/sanctions), parsed once per spec file. */
let unEntries: ListEntry[] | undefined;
export function unListEntries(): ListEntry[] {
  unEntries ??= parseUnConsolidatedList(readFileSync(join(__dirname, '../../../../data/sanctions/un-sc-consolidated-2018-10-29.xml'), 'utf8')).entries;
  return unEntries;
}

/** Entries of the UN list by reference (throws on an unknown one). */
export function unEntry(reference: string): ListEntry {
  const entry = unListEntries().find((e) => e.reference === reference);
  if (!entry) throw new Error(`no UN list entry ${reference}`);
  return entry;
}

export interface SeededSanctionsList {
  versionId: string;
  /** sanctions_entry.id by reference, for every entry of this version. */
  entryIds: Map<string, string>;
}

/**
 * A finished sanctions_list_version holding exactly `entries`, written straight to the
 * database as an import leaves it (a stored document for the file, entries added,
 * changed — new content hash — or removed against the agency's active entries of the
 * list). No screening run is started: specs ask for one. For specs of screening that
 * need a list without going through the import job.
 */
export async function seedSanctionsList(dataSource: DataSource, agencyId: string, userId: string, entries: readonly ListEntry[], listName = UN_LIST_NAME): Promise<SeededSanctionsList> {
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
      `INSERT INTO sanctions_list_version (agency_id, list_name, document_id, file_name, sha256, state, progress, previous_version_id, imported_by, individuals, entities, finished_at)
       VALUES ($1, $2, $3, 'list.xml', $4, 'done', 100, $5, $6, $7, $8, clock_timestamp()) RETURNING id`,
      [agencyId, listName, doc.id, sha, previous?.id ?? null, userId, entries.filter((e) => e.kind === 'individual').length, entries.filter((e) => e.kind === 'entity').length],
    )) as { id: string }[];
    const existing = (await m.query(`SELECT id, reference, content_hash, removed_in_version_id FROM sanctions_entry WHERE agency_id = $1 AND list_name = $2`, [agencyId, listName])) as {
      id: string;
      reference: string;
      content_hash: string;
      removed_in_version_id: string | null;
    }[];
    const byReference = new Map(existing.map((e) => [e.reference, e]));
    const entryIds = new Map<string, string>();
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
        entryIds.set(e.reference, inserted.id);
      } else {
        if (row.content_hash.trim() !== hash || row.removed_in_version_id) {
          await m.query(
            `UPDATE sanctions_entry SET data_id = $2, kind = $3, primary_name = $4, names = $5::jsonb, date_of_birth = $6, place_of_birth = $7, nationality = $8, listing_reason = $9,
                    un_list_type = $10, listed_on = $11, content_hash = $12, last_changed_version_id = $13, removed_in_version_id = NULL WHERE id = $1`,
            [row.id, ...values, version.id],
          );
        }
        entryIds.set(e.reference, row.id);
      }
    }
    const kept = new Set(entries.map((e) => e.reference));
    const gone = existing.filter((e) => !kept.has(e.reference) && !e.removed_in_version_id).map((e) => e.id);
    if (gone.length) await m.query('UPDATE sanctions_entry SET removed_in_version_id = $2 WHERE id = ANY($1::uuid[])', [gone, version.id]);
    return { versionId: version.id, entryIds };
  });
}
