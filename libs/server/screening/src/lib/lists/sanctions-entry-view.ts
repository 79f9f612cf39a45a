import type { EntityManager } from 'typeorm';
import type { SanctionsEntryView, SanctionsNameView } from '@mizan/contracts';
import type { ListEntryKind, ListName } from '@mizan/domain';

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const LETTER = /\p{L}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/** The script a list name is written in: Arabic if it has any Arabic letter, Latin if all its letters are Latin. */
export function nameScript(name: string): SanctionsNameView['script'] {
  if (ARABIC.test(name)) return 'arabic';
  const letters = [...name].filter((c) => LETTER.test(c));
  return letters.length > 0 && letters.every((c) => LATIN_LETTER.test(c)) ? 'latin' : 'other';
}

interface EntryRow {
  id: string;
  list_name: string;
  reference: string;
  kind: ListEntryKind;
  primary_name: string;
  names: ListName[] | null;
  date_of_birth: string[] | null;
  place_of_birth: string[] | null;
  nationality: string[] | null;
  listing_reason: string;
  un_list_type: string | null;
  listed_on: string | null;
  removed_at: Date | null;
}

/** removed_at: when the import that removed the entry finished. */
const ENTRY_SELECT = `
  SELECT e.id, e.list_name, e.reference, e.kind, e.primary_name, e.names, e.date_of_birth, e.place_of_birth, e.nationality, e.listing_reason,
         e.un_list_type, to_char(e.listed_on, 'YYYY-MM-DD') AS listed_on, rv.finished_at AS removed_at
    FROM sanctions_entry e LEFT JOIN sanctions_list_version rv ON rv.id = e.removed_in_version_id`;

function entryView(row: EntryRow): SanctionsEntryView {
  return {
    id: row.id,
    listName: row.list_name,
    reference: row.reference,
    kind: row.kind,
    primaryName: row.primary_name,
    names: (row.names ?? []).map((n) => ({ name: n.name, type: n.type, quality: n.quality ?? null, script: nameScript(n.name) })),
    datesOfBirth: row.date_of_birth ?? [],
    placesOfBirth: row.place_of_birth ?? [],
    nationalities: row.nationality ?? [],
    listingReason: row.listing_reason,
    unListType: row.un_list_type,
    listedOn: row.listed_on,
    removedAt: row.removed_at ? new Date(row.removed_at).toISOString() : null,
  };
}

/**
 * A sanctions list entry as the api shows it (the entry route, a match's detail), or null when
 * there is none with that id (of that agency, when `agencyId` is given).
 */
export async function readEntryView(manager: EntityManager, id: string, agencyId?: string): Promise<SanctionsEntryView | null> {
  const [row] = (await (agencyId === undefined
    ? manager.query(`${ENTRY_SELECT} WHERE e.id = $1`, [id])
    : manager.query(`${ENTRY_SELECT} WHERE e.id = $1 AND e.agency_id = $2`, [id, agencyId]))) as EntryRow[];
  return row ? entryView(row) : null;
}
