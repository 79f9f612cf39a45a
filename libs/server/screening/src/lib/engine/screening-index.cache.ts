import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { buildScreeningIndex, type ListEntry, type ListName, type ScreeningIndex } from '@mizan/domain';

/** The list an agency screens against now: the active entries of its latest finished import, with the matcher's index. */
export interface CurrentScreeningList {
  /** The latest sanctions_list_version in state 'done'. */
  versionId: string;
  entries: readonly ListEntry[];
  /** sanctions_entry.id of entries[i]. */
  entryIds: readonly string[];
  /** sanctions_entry.content_hash of entries[i]. */
  entryHashes: readonly string[];
  /** Position in `entries` by sanctions_entry.id. */
  positionOf: ReadonlyMap<string, number>;
  index: ScreeningIndex;
}

interface EntryRow {
  id: string;
  reference: string;
  data_id: string | null;
  kind: ListEntry['kind'];
  primary_name: string;
  names: ListName[];
  date_of_birth: string[];
  place_of_birth: string[];
  nationality: string[];
  listing_reason: string;
  un_list_type: string | null;
  listed_on: string | null;
  content_hash: string;
}

/** The latest finished list version of an agency (any list), or null before the first import. */
export async function latestListVersionId(manager: EntityManager, agencyId: string): Promise<string | null> {
  const [row] = (await manager.query(
    `SELECT id FROM sanctions_list_version WHERE agency_id = $1 AND state = 'done' ORDER BY COALESCE(finished_at, created_at) DESC, created_at DESC, id DESC LIMIT 1`,
    [agencyId],
  )) as { id: string }[];
  return row?.id ?? null;
}

/**
 * The matcher's index of each agency's current list, built once per list version and
 * kept in memory (a few MB for the UN list). A newer finished version is noticed on the
 * next call (one small query) and the index rebuilt from the database.
 */
@Injectable()
export class ScreeningIndexCache {
  private readonly lists = new Map<string, CurrentScreeningList>();
  private readonly loading = new Map<string, Promise<CurrentScreeningList>>();

  /** The agency's current list, or null when none has been imported yet. */
  async current(manager: EntityManager, agencyId: string): Promise<CurrentScreeningList | null> {
    const versionId = await latestListVersionId(manager, agencyId);
    if (!versionId) return null;
    const cached = this.lists.get(agencyId);
    if (cached?.versionId === versionId) return cached;
    const key = `${agencyId}:${versionId}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(manager, agencyId, versionId).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    const list = await pending;
    this.lists.set(agencyId, list);
    return list;
  }

  /** Forget every cached index (specs that rewrite lists under the same version). */
  clear(): void {
    this.lists.clear();
  }

  private async load(manager: EntityManager, agencyId: string, versionId: string): Promise<CurrentScreeningList> {
    const rows = (await manager.query(
      `SELECT id, reference, data_id, kind, primary_name, names, date_of_birth, place_of_birth, nationality, listing_reason, un_list_type,
              listed_on::text AS listed_on, content_hash
         FROM sanctions_entry WHERE agency_id = $1 AND removed_in_version_id IS NULL ORDER BY list_name, reference`,
      [agencyId],
    )) as EntryRow[];
    const entries: ListEntry[] = rows.map((r) => ({
      reference: r.reference,
      dataId: r.data_id,
      kind: r.kind,
      primaryName: r.primary_name,
      names: r.names,
      datesOfBirth: r.date_of_birth,
      placesOfBirth: r.place_of_birth,
      nationalities: r.nationality,
      listingReason: r.listing_reason,
      unListType: r.un_list_type,
      listedOn: r.listed_on,
    }));
    return {
      versionId,
      entries,
      entryIds: rows.map((r) => r.id),
      entryHashes: rows.map((r) => r.content_hash.trim()),
      positionOf: new Map(rows.map((r, i) => [r.id, i])),
      index: buildScreeningIndex(entries),
    };
  }
}
