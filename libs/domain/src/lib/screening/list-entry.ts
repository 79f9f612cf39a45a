/**
 * A sanctions list entry as Mizan screens it (issue 13, docs/screening.md): one
 * individual or entity of a list (the UN Security Council consolidated list first),
 * with every name it is known by — the primary name, its aliases and its name in
 * original script (Arabic for the Iraq entries).
 */
export const LIST_ENTRY_KINDS = ['individual', 'entity'] as const;
export type ListEntryKind = (typeof LIST_ENTRY_KINDS)[number];

export const LIST_NAME_TYPES = ['primary', 'alias', 'original_script'] as const;
export type ListNameType = (typeof LIST_NAME_TYPES)[number];

export interface ListName {
  name: string;
  type: ListNameType;
  /** The list's own quality of an alias ("Good", "Low", "a.k.a.", "f.k.a."), null when none. */
  quality: string | null;
}

export interface ListEntry {
  /** The list's reference number, e.g. "IQi.006"; unique within a list. */
  reference: string;
  /** The list's internal id (UN DATAID), when it has one. */
  dataId: string | null;
  kind: ListEntryKind;
  primaryName: string;
  /** All names: the primary name first, then aliases and original-script names. */
  names: ListName[];
  /** As the list gives them: "1942", "1957 (approximately)", "1964-07-17". */
  datesOfBirth: string[];
  placesOfBirth: string[];
  nationalities: string[];
  listingReason: string;
  /** The UN regime ("Iraq", "DPRK", "Al-Qaida"…). */
  unListType: string | null;
  /** ISO date. */
  listedOn: string | null;
}

/** What a party screened is, when known: a person's name, an organization's, or either (a bank account holder, a supplier). */
export type PartyNameKind = 'person' | 'entity' | 'unknown';
