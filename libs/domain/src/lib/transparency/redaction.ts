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
  /** Words to strike from every free text of this grant (and of the file: see collectSecrets). */
  secrets: string[];
  redactions: Redaction[];
}

export function isWithheldLevel(level: MonitoringSecurityLevel): boolean {
  return WITHHELD_SECURITY_LEVELS.includes(level);
}

/** The redaction of one grant from its partners and the people named on it. */
export function redactGrant(
  partners: readonly RedactionPartner[],
  grantPersonNames: readonly string[],
  hasPublicSummary: boolean,
): GrantRedaction {
  const redactions: Redaction[] = [];
  const secrets = new Set<string>();
  const published: PublishedPartner[] = [];
  const unsafe = partners.some((p) => isWithheldLevel(p.securityLevel));
  for (const p of partners) {
    const bySecurity = isWithheldLevel(p.securityLevel);
    const params = {
      governorate: p.governorateCode,
      level: p.securityLevel,
      partnerId: p.id,
    };
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
      for (const s of [
        p.name,
        p.governorateCode,
        p.governorateNameEn,
        p.governorateNameAr,
      ])
        secrets.add(s);
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
    redactions,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A scrubber that strikes every secret (case-insensitive, longest first) from a text. Built once for a file:
 * the secrets of every grant, so one grant's text cannot name another grant's withheld partner.
 */
export function secretScrubber(
  secrets: Iterable<string>,
): (text: string) => string {
  const list = [
    ...new Set([...secrets].map((s) => s.trim()).filter((s) => s.length > 0)),
  ].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  const pattern = new RegExp(list.map(escapeRegExp).join('|'), 'giu');
  return (text) => {
    // Repeat: striking one secret can join the pieces of another ("Ba[Nineveh]sra" → "Basra").
    let current = text;
    for (let i = 0; i < 5; i++) {
      const next = current.replace(pattern, WITHHELD_TEXT);
      if (next === current) return next;
      current = next;
    }
    return current;
  };
}
