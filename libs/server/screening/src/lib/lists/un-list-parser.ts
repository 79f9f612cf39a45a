import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import type { ListEntry, ListName } from '@mizan/domain';

/** The list name Mizan files the UN Security Council consolidated list under. */
export const UN_LIST_NAME = 'UN-SC-CONSOLIDATED';

export interface ParsedList {
  listName: string;
  /** The list's `dateGenerated` (ISO), null when absent. */
  publishedAt: string | null;
  entries: ListEntry[];
}

type Node = Record<string, unknown>;

const ARRAYS = new Set([
  'INDIVIDUAL',
  'ENTITY',
  'INDIVIDUAL_ALIAS',
  'ENTITY_ALIAS',
  'VALUE',
  'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH',
  'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS',
  'INDIVIDUAL_DOCUMENT',
]);

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return text((value as Node)['#text']);
  return String(value).replace(/\s+/g, ' ').trim();
}

function list(value: unknown): Node[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is Node => typeof v === 'object' && v !== null);
}

function values(node: unknown): string[] {
  return list(node)
    .flatMap((n) => (Array.isArray(n['VALUE']) ? (n['VALUE'] as unknown[]) : [n['VALUE']]))
    .map(text)
    .filter(Boolean);
}

function dateOfBirth(n: Node): string {
  const type = text(n['TYPE_OF_DATE']);
  const exact = text(n['DATE']) || text(n['YEAR']);
  const range = text(n['FROM_YEAR']) && text(n['TO_YEAR']) ? `${text(n['FROM_YEAR'])}–${text(n['TO_YEAR'])}` : '';
  const value = exact || range;
  if (!value) return '';
  return type && type !== 'EXACT' ? `${value} (${type.toLowerCase()})` : value;
}

function placeOfBirth(n: Node): string {
  return [text(n['CITY']), text(n['STATE_PROVINCE']), text(n['COUNTRY'])].filter(Boolean).join(', ');
}

function aliases(nodes: Node[], primary: string): ListName[] {
  const seen = new Set<string>([primary.toLowerCase()]);
  const out: ListName[] = [];
  for (const a of nodes) {
    // The list quotes some aliases ("KOMID"): the quotes are not part of the name.
    const name = text(a['ALIAS_NAME']).replace(/^["“”']+|["“”']+$/g, '').trim();
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push({ name, type: 'alias', quality: text(a['QUALITY']) || null });
  }
  return out;
}

function entry(n: Node, kind: ListEntry['kind']): ListEntry | null {
  const reference = text(n['REFERENCE_NUMBER']);
  const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => text(n[k])).filter(Boolean);
  const primaryName = parts.join(' ');
  if (!reference || !primaryName) return null;
  const names: ListName[] = [{ name: primaryName, type: 'primary', quality: null }];
  names.push(...aliases(list(n[kind === 'individual' ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS']), primaryName));
  const original = text(n['NAME_ORIGINAL_SCRIPT']);
  if (original) names.push({ name: original, type: 'original_script', quality: null });
  const listedOn = text(n['LISTED_ON']);
  return {
    reference,
    dataId: text(n['DATAID']) || null,
    kind,
    primaryName,
    names,
    datesOfBirth: list(n['INDIVIDUAL_DATE_OF_BIRTH']).map(dateOfBirth).filter(Boolean),
    placesOfBirth: list(n['INDIVIDUAL_PLACE_OF_BIRTH']).map(placeOfBirth).filter(Boolean),
    nationalities: values(n['NATIONALITY']),
    listingReason: text(n['COMMENTS1']),
    unListType: text(n['UN_LIST_TYPE']) || null,
    listedOn: /^\d{4}-\d{2}-\d{2}$/.test(listedOn) ? listedOn : null,
  };
}

/**
 * The entries of a UN Security Council consolidated list (its own XML format; validate
 * it against the XSD first, see un-list-schema.ts). Entries without a reference number
 * or a name are skipped; a reference that appears twice keeps its first entry.
 */
export function parseUnConsolidatedList(xml: string): ParsedList {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    isArray: (name) => ARRAYS.has(name),
  });
  const doc = parser.parse(xml) as Node;
  const root = (doc['CONSOLIDATED_LIST'] ?? {}) as Node;
  const entries: ListEntry[] = [];
  const seen = new Set<string>();
  const add = (e: ListEntry | null) => {
    if (!e || seen.has(e.reference)) return;
    seen.add(e.reference);
    entries.push(e);
  };
  for (const n of list((root['INDIVIDUALS'] as Node | undefined)?.['INDIVIDUAL'])) add(entry(n, 'individual'));
  for (const n of list((root['ENTITIES'] as Node | undefined)?.['ENTITY'])) add(entry(n, 'entity'));
  const generated = text(root['@dateGenerated']);
  const published = generated ? new Date(generated) : null;
  return { listName: UN_LIST_NAME, publishedAt: published && !Number.isNaN(published.getTime()) ? published.toISOString() : null, entries };
}

/** What screening depends on, hashed: a change here re-raises matches cleared against the old content. */
export function entryContentHash(e: ListEntry): string {
  const material = JSON.stringify([e.kind, e.primaryName, e.names.map((n) => [n.name, n.type]), e.datesOfBirth, e.placesOfBirth, e.nationalities]);
  return createHash('sha256').update(material).digest('hex');
}
