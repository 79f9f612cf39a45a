import type { MonitoringSecurityLevel } from '../reporting/monitoring';

/**
 * What may be published about a grant's partners (issue 16, docs/transparency.md). Pure: the rules decide,
 * the caller only gathers the facts.
 *
 * - A partner in a governorate whose security level is `restricted` or `no_access` (on the file's date): its
 *   name is withheld (published as "Undisclosed"), and the grant is published at country level only (recipient
 *   country IQ, no sub-national location); the grant's narrative is replaced by the program's public summary.
 * - A partner that asked not to be named: its name is withheld (the location stays, unless the level says otherwise).
 * - Individuals are never named: person names (contact persons, signatories, payees) are struck from every
 *   free text of the file, whatever the level.
 * Every redaction is listed with its reason and never with the value withheld.
 */
export const WITHHELD_SECURITY_LEVELS: readonly MonitoringSecurityLevel[] = [
  'restricted',
  'no_access',
];
/** The published name of a withheld organisation (IATI convention: the organisation is undisclosed). */
export const UNDISCLOSED_NAME = 'Undisclosed';
/** What replaces a withheld word inside a free text. */
export const WITHHELD_TEXT = '[withheld]';
/** The narrative when a redacted grant's program has no public summary. */
export const WITHHELD_NARRATIVE =
  'Details of this activity are withheld to protect the people involved.';

export type RedactionReasonCode =
  | 'security_level'
  | 'partner_wish'
  | 'personal_data';
export type RedactedElementCode =
  | 'partner_name'
  | 'partner_identifier'
  | 'sub_national_location'
  | 'narrative'
  | 'person_name';
export type RedactionReplacement =
  | 'undisclosed'
  | 'country_level'
  | 'public_summary'
  | 'omitted';

export interface RedactionPartner {
  id: string;
  name: string;
  governorateCode: string;
  governorateNameEn: string;
  governorateNameAr: string;
  securityLevel: MonitoringSecurityLevel;
  /** The partner asked not to be named in publications. */
  withholdName: boolean;
  /** Individuals linked to the partner (its contact person): never published. */
  personNames: readonly string[];
}

/** Where the grant itself is located (its `governorate`), with that governorate's level on the file's date. */
export interface RedactionArea {
  code: string;
  nameEn: string;
  nameAr: string;
  securityLevel: MonitoringSecurityLevel;
}

export interface Redaction {
  element: RedactedElementCode;
  reason: RedactionReasonCode;
  params: Record<string, string>;
  replacement: RedactionReplacement;
}

export interface PublishedPartner {
  id: string;
  /** The name, or UNDISCLOSED_NAME. */
  name: string;
  withheld: boolean;
}

export interface GrantRedaction {
  partners: PublishedPartner[];
  /** The governorates that may be published as sub-national locations (none when the grant is country-level). */
  locations: { code: string; nameEn: string; partnerId: string }[];
  /** True when the narrative must be replaced (the public summary or WITHHELD_NARRATIVE). */
  replaceNarrative: boolean;
  /** Names withheld for this grant (withheld partners, people): struck from every free text of the whole file. */
  secrets: string[];
  /** Withheld governorates' codes and names: struck from every free text of the whole file. */
  areaSecrets: string[];
  redactions: Redaction[];
}

export function isWithheldLevel(level: MonitoringSecurityLevel): boolean {
  return WITHHELD_SECURITY_LEVELS.includes(level);
}

/**
 * The redaction of one grant from its partners, the people named on it and where it is located: a grant located in
 * a restricted or no-access governorate is published at country level, like one with a partner there.
 */
export function redactGrant(
  partners: readonly RedactionPartner[],
  grantPersonNames: readonly string[],
  hasPublicSummary: boolean,
  area: RedactionArea | null = null,
): GrantRedaction {
  const redactions: Redaction[] = [];
  const secrets = new Set<string>();
  const areaSecrets = new Set<string>();
  const published: PublishedPartner[] = [];
  const areaWithheld = area !== null && isWithheldLevel(area.securityLevel);
  const unsafe =
    areaWithheld || partners.some((p) => isWithheldLevel(p.securityLevel));
  if (area && areaWithheld) {
    redactions.push({
      element: 'sub_national_location',
      reason: 'security_level',
      params: { governorate: area.code, level: area.securityLevel },
      replacement: 'country_level',
    });
    for (const s of [area.code, area.nameEn, area.nameAr]) areaSecrets.add(s);
  }
  for (const p of partners) {
    // A partner is withheld where it works (its own governorate) and where the grant works: a partner named on a
    // grant located in a restricted or no-access governorate is as exposed as one based there.
    const ownWithheld = isWithheldLevel(p.securityLevel);
    const bySecurity = ownWithheld || areaWithheld;
    const params =
      !ownWithheld && area && areaWithheld
        ? { governorate: area.code, level: area.securityLevel, partnerId: p.id }
        : { governorate: p.governorateCode, level: p.securityLevel, partnerId: p.id };
    if (bySecurity) {
      redactions.push({
        element: 'partner_name',
        reason: 'security_level',
        params,
        replacement: 'undisclosed',
      });
      redactions.push({
        element: 'sub_national_location',
        reason: 'security_level',
        params,
        replacement: 'country_level',
      });
      secrets.add(p.name);
      if (ownWithheld) for (const s of [p.governorateCode, p.governorateNameEn, p.governorateNameAr]) areaSecrets.add(s);
    } else if (p.withholdName) {
      redactions.push({
        element: 'partner_name',
        reason: 'partner_wish',
        params: { partnerId: p.id },
        replacement: 'undisclosed',
      });
      secrets.add(p.name);
    }
    for (const person of p.personNames) secrets.add(person);
    published.push({
      id: p.id,
      name: bySecurity || p.withholdName ? UNDISCLOSED_NAME : p.name,
      withheld: bySecurity || p.withholdName,
    });
  }
  if (unsafe) {
    redactions.push({
      element: 'narrative',
      reason: 'security_level',
      params: {},
      replacement: hasPublicSummary ? 'public_summary' : 'omitted',
    });
  }
  const persons = [
    ...new Set(
      [...grantPersonNames, ...partners.flatMap((p) => p.personNames)].filter(
        (n) => n.trim().length > 0,
      ),
    ),
  ];
  if (persons.length > 0)
    redactions.push({
      element: 'person_name',
      reason: 'personal_data',
      params: { count: String(persons.length) },
      replacement: 'omitted',
    });
  for (const person of grantPersonNames) secrets.add(person);
  const locations = unsafe
    ? []
    : [
        ...new Map(
          partners.map((p) => [
            p.governorateCode,
            {
              code: p.governorateCode,
              nameEn: p.governorateNameEn,
              partnerId: p.id,
            },
          ]),
        ).values(),
      ];
  return {
    partners: published,
    locations,
    replaceNarrative: unsafe,
    secrets: [...secrets].filter((s) => s.trim().length > 0),
    areaSecrets: [...areaSecrets].filter((s) => s.trim().length > 0),
    redactions,
  };
}

/** One UTF-16 unit case-folded (a unit whose lower case is longer, such as "İ", stays itself). */
function foldUnit(unit: string): string {
  const lower = unit.toLowerCase();
  return lower.length === 1 ? lower : unit;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** A secret ends here. */
  end: boolean;
}

/**
 * A scrubber that strikes every secret (case-insensitive, the longest at the leftmost place first) from a text.
 * The secrets go into one trie of case-folded units, so a whole file's withheld names (thousands for 2,000 grants)
 * cost one walk per position of the text, bounded by the longest secret, instead of a regular expression of
 * thousands of alternatives (minutes).
 */
export function secretScrubber(
  secrets: Iterable<string>,
): (text: string) => string {
  const root: TrieNode = { next: new Map(), end: false };
  let any = false;
  for (const raw of secrets) {
    const secret = raw.trim();
    if (secret.length === 0) continue;
    any = true;
    let node = root;
    for (const unit of secret) {
      for (let k = 0; k < unit.length; k++) {
        const f = foldUnit(unit[k]);
        let child = node.next.get(f);
        if (!child) {
          child = { next: new Map(), end: false };
          node.next.set(f, child);
        }
        node = child;
      }
    }
    node.end = true;
  }
  if (!any) return (text) => text;
  const once = (text: string): string => {
    let out = '';
    let copied = 0;
    let i = 0;
    while (i < text.length) {
      let node: TrieNode | undefined = root;
      let matchEnd = -1;
      for (let j = i; j < text.length; j++) {
        node = node.next.get(foldUnit(text[j]));
        if (!node) break;
        if (node.end) matchEnd = j + 1;
      }
      if (matchEnd > 0) {
        out += text.slice(copied, i) + WITHHELD_TEXT;
        copied = matchEnd;
        i = matchEnd;
      } else i++;
    }
    return copied === 0 ? text : out + text.slice(copied);
  };
  return (text) => {
    // Repeat while something changes (bounded): a text is scrubbed until no secret is left in it.
    let current = text;
    for (let i = 0; i < 5; i++) {
      const next = once(current);
      if (next === current) return next;
      current = next;
    }
    return current;
  };
}
