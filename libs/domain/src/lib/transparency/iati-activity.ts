import { CurrencyCode, formatDecimal } from '../money/money';
import { IatiTransactionDraft } from './iati-transactions';
import {
  GrantRedaction,
  Redaction,
  RedactionArea,
  RedactionPartner,
  UNDISCLOSED_NAME,
  WITHHELD_NARRATIVE,
  redactGrant,
  secretScrubber,
} from './redaction';
import { dacSectorForThemes } from './sectors';

/**
 * An IATI 2.03 activity file as a tree (issue 16): pure, so the rules (what is published, where it came from,
 * what is redacted) are tested without XML; the server serialises the tree (xmlbuilder2) and validates it
 * against the schema and codelists. Element order follows the 2.03 schema's sequence.
 */
export const IATI_VERSION = '2.03';

export type IatiSourceKindCode =
  | 'agency_identity'
  | 'program'
  | 'program_publication'
  | 'grant'
  | 'grant_version'
  | 'organization'
  | 'partner_organization'
  | 'governorate'
  | 'ledger_entry'
  | 'rule';

export interface IatiSourceRef {
  kind: IatiSourceKindCode;
  id: string;
  field?: string;
}

export interface XmlNode {
  name: string;
  attrs?: Record<string, string>;
  text?: string;
  children?: XmlNode[];
  /** Where the node's text and attributes came from. */
  source?: IatiSourceRef;
}

export type Localized = { en: string; ar?: string; sv?: string };

export interface IatiIdentityInput {
  organisationIdentifier: string;
  name: Localized;
  organisationType: string;
}

export interface IatiProgramInput {
  id: string;
  name: string;
  themes: readonly string[];
  publicSummary: Partial<Localized> | null;
}

export interface IatiGrantInput {
  id: string;
  grantNumber: string;
  title: string;
  /** The grant's summary (the application's), English. */
  summary: string;
  summarySource: IatiSourceRef;
  state: string;
  startsOn: string;
  endsOn: string;
  /** When the agreement took effect (countersigned), if it did. */
  actualStartOn: string | null;
  /** When the grant was closed or cancelled, if it was. */
  actualEndOn: string | null;
  currency: CurrencyCode;
  amountMinor: bigint;
  organization: { id: string; name: string; ref: string | null; type: string };
  partners: RedactionPartner[];
  /** The governorate the grant is located in (grant_award.governorate) with its level; null when not set. */
  area?: RedactionArea | null;
  /** Individuals named on the grant (signatories, payee when a person): never published. */
  personNames: string[];
  transactions: IatiTransactionDraft[];
  modality: string;
}

export interface IatiActivityResult {
  grantId: string;
  grantNumber: string;
  iatiIdentifier: string;
  title: string;
  node: XmlNode;
  redactions: Redaction[];
}

export interface IatiFileResult {
  root: XmlNode;
  activities: IatiActivityResult[];
}

/** ActivityStatus from the grant's state (1 pipeline, 2 implementation, 4 post-completion, 5 cancelled, 6 suspended). */
export function activityStatusOf(state: string): string {
  switch (state) {
    case 'active':
      return '2';
    case 'suspended':
      return '6';
    case 'closed':
      return '4';
    case 'cancelled':
      return '5';
    default:
      return '1';
  }
}

/** An IATI identifier part: no spaces or the characters IATI forbids (`/ & | ?`). */
export function iatiIdentifierPart(text: string): string {
  return text.trim().replace(/[\s/&|?]+/g, '-');
}

export function iatiActivityIdentifier(
  organisationIdentifier: string,
  grantNumber: string,
): string {
  return `${organisationIdentifier}-${iatiIdentifierPart(grantNumber)}`;
}

function daysBetween(from: string, to: string): number {
  return (
    Math.round(
      (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) /
        86_400_000,
    ) + 1
  );
}

/**
 * The grant's budget per calendar year (IATI: a budget period is at most a year): the amount spread over the
 * grant's period by days, the remainder (minor units) to the last year so the parts sum to the amount.
 */
export function budgetByYear(
  startsOn: string,
  endsOn: string,
  amountMinor: bigint,
): {
  year: number;
  periodStart: string;
  periodEnd: string;
  amountMinor: bigint;
}[] {
  if (endsOn < startsOn) return [];
  const total = BigInt(daysBetween(startsOn, endsOn));
  const out: {
    year: number;
    periodStart: string;
    periodEnd: string;
    amountMinor: bigint;
  }[] = [];
  let given = 0n;
  for (
    let year = Number(startsOn.slice(0, 4));
    year <= Number(endsOn.slice(0, 4));
    year++
  ) {
    const periodStart =
      year === Number(startsOn.slice(0, 4)) ? startsOn : `${year}-01-01`;
    const periodEnd =
      year === Number(endsOn.slice(0, 4)) ? endsOn : `${year}-12-31`;
    const last = year === Number(endsOn.slice(0, 4));
    const share = last
      ? amountMinor - given
      : (amountMinor * BigInt(daysBetween(periodStart, periodEnd))) / total;
    given += share;
    out.push({ year, periodStart, periodEnd, amountMinor: share });
  }
  return out;
}

function narratives(
  text: Partial<Localized>,
  source: IatiSourceRef,
  scrub: (t: string) => string,
): XmlNode[] {
  const out: XmlNode[] = [];
  for (const lang of ['en', 'ar', 'sv'] as const) {
    const value = text[lang]?.trim();
    if (!value) continue;
    out.push({
      name: 'narrative',
      attrs: lang === 'en' ? undefined : { 'xml:lang': lang },
      text: scrub(value),
      source,
    });
  }
  return out;
}

function el(
  name: string,
  attrs: Record<string, string> | undefined,
  children: XmlNode[] = [],
  source?: IatiSourceRef,
): XmlNode {
  return { name, attrs, children, source };
}

/** One iati-activity for a grant (its redaction decided by redactGrant; `scrub` strikes the file's secrets). */
export function buildIatiActivity(
  identity: IatiIdentityInput,
  program: IatiProgramInput,
  grant: IatiGrantInput,
  redaction: GrantRedaction,
  scrub: (t: string) => string,
  today: string,
): IatiActivityResult {
  const identifier = iatiActivityIdentifier(
    identity.organisationIdentifier,
    grant.grantNumber,
  );
  const grantSrc = (field: string): IatiSourceRef => ({
    kind: 'grant',
    id: grant.id,
    field,
  });
  const identitySrc: IatiSourceRef = {
    kind: 'agency_identity',
    id: identity.organisationIdentifier,
  };
  const summary = program.publicSummary ?? {};
  const hasSummary = Object.values(summary).some(
    (v) => typeof v === 'string' && v.trim().length > 0,
  );
  const summarySrc: IatiSourceRef = {
    kind: 'program_publication',
    id: program.id,
    field: 'publicSummary',
  };

  const description: XmlNode[] = redaction.replaceNarrative
    ? hasSummary
      ? narratives(summary, summarySrc, scrub)
      : [
          {
            name: 'narrative',
            text: WITHHELD_NARRATIVE,
            source: { kind: 'rule', id: 'redaction.narrative' },
          },
        ]
    : [
        ...narratives(
          { en: grant.summary.trim() || grant.title },
          grant.summarySource,
          scrub,
        ),
        ...narratives({ ar: summary.ar, sv: summary.sv }, summarySrc, scrub),
      ];
  if (description.length === 0)
    description.push({
      name: 'narrative',
      text: scrub(grant.title),
      source: grantSrc('title'),
    });

  const children: XmlNode[] = [
    {
      name: 'iati-identifier',
      text: identifier,
      source: grantSrc('grantNumber'),
    },
    el(
      'reporting-org',
      { ref: identity.organisationIdentifier, type: identity.organisationType },
      narratives(identity.name, identitySrc, (t) => t),
      identitySrc,
    ),
    el(
      'title',
      undefined,
      narratives({ en: grant.title }, grantSrc('title'), scrub),
    ),
    el('description', { type: '1' }, description),
    el(
      'participating-org',
      {
        ref: identity.organisationIdentifier,
        type: identity.organisationType,
        role: '1',
      },
      narratives(identity.name, identitySrc, (t) => t),
      identitySrc,
    ),
    el(
      'participating-org',
      {
        ...(grant.organization.ref ? { ref: grant.organization.ref } : {}),
        type: grant.organization.type,
        role: '4',
      },
      narratives(
        { en: grant.organization.name },
        { kind: 'organization', id: grant.organization.id, field: 'legalName' },
        scrub,
      ),
      { kind: 'organization', id: grant.organization.id },
    ),
    ...redaction.partners.map((p) =>
      p.withheld
        ? el(
            'participating-org',
            { role: '4' },
            [
              {
                name: 'narrative',
                text: UNDISCLOSED_NAME,
                source: { kind: 'rule', id: 'redaction.partner_name' },
              },
            ],
            { kind: 'rule', id: 'redaction.partner_name' },
          )
        : el(
            'participating-org',
            { type: '24', role: '4' },
            narratives(
              { en: p.name },
              { kind: 'partner_organization', id: p.id, field: 'name' },
              scrub,
            ),
            { kind: 'partner_organization', id: p.id },
          ),
    ),
    el(
      'activity-status',
      { code: activityStatusOf(grant.state) },
      [],
      grantSrc('state'),
    ),
    el(
      'activity-date',
      { type: '1', 'iso-date': grant.startsOn },
      [],
      grantSrc('startsOn'),
    ),
    ...(grant.actualStartOn
      ? [
          el(
            'activity-date',
            { type: '2', 'iso-date': grant.actualStartOn },
            [],
            grantSrc('countersignedAt'),
          ),
        ]
      : []),
    el(
      'activity-date',
      { type: '3', 'iso-date': grant.endsOn },
      [],
      grantSrc('endsOn'),
    ),
    ...(grant.actualEndOn
      ? [
          el(
            'activity-date',
            { type: '4', 'iso-date': grant.actualEndOn },
            [],
            grantSrc('updatedAt'),
          ),
        ]
      : []),
    el('recipient-country', { code: 'IQ', percentage: '100' }, [], {
      kind: 'rule',
      id: 'recipient_country.iraq',
    }),
    ...redaction.locations.map((l) =>
      el(
        'location',
        undefined,
        [
          el('location-reach', { code: '1' }, [], {
            kind: 'rule',
            id: 'location.activity',
          }),
          el('name', undefined, [
            {
              name: 'narrative',
              text: l.nameEn,
              source: { kind: 'governorate', id: l.code, field: 'nameEn' },
            },
          ]),
          el('description', undefined, [
            {
              name: 'narrative',
              text: `Governorate ${l.code} (ISO 3166-2)`,
              source: { kind: 'governorate', id: l.code },
            },
          ]),
        ],
        {
          kind: 'partner_organization',
          id: l.partnerId,
          field: 'governorateCode',
        },
      ),
    ),
    el(
      'sector',
      {
        vocabulary: '1',
        code: dacSectorForThemes(program.themes),
        percentage: '100',
      },
      [],
      { kind: 'program', id: program.id, field: 'themes' },
    ),
    ...budgetByYear(grant.startsOn, grant.endsOn, grant.amountMinor).map((b) =>
      el('budget', { type: '1', status: '2' }, [
        el(
          'period-start',
          { 'iso-date': b.periodStart },
          [],
          grantSrc('startsOn'),
        ),
        el('period-end', { 'iso-date': b.periodEnd }, [], grantSrc('endsOn')),
        {
          name: 'value',
          attrs: { currency: grant.currency, 'value-date': grant.startsOn },
          text: formatDecimal(b.amountMinor, grant.currency),
          source: grantSrc('amountMinor'),
        },
      ]),
    ),
    ...grant.transactions.map((t) => {
      const src: IatiSourceRef = {
        kind: 'ledger_entry',
        id: t.entryId,
        field: t.account,
      };
      const counterpart: XmlNode[] =
        t.type === '1'
          ? [
              el(
                'provider-org',
                grant.organization.ref
                  ? { ref: grant.organization.ref }
                  : undefined,
                narratives(
                  { en: grant.organization.name },
                  {
                    kind: 'organization',
                    id: grant.organization.id,
                    field: 'legalName',
                  },
                  scrub,
                ),
              ),
            ]
          : t.type === '4'
            ? []
            : [
                el(
                  'provider-org',
                  { ref: identity.organisationIdentifier },
                  narratives(identity.name, identitySrc, (x) => x),
                ),
                el(
                  'receiver-org',
                  grant.organization.ref
                    ? { ref: grant.organization.ref }
                    : undefined,
                  narratives(
                    { en: grant.organization.name },
                    {
                      kind: 'organization',
                      id: grant.organization.id,
                      field: 'legalName',
                    },
                    scrub,
                  ),
                ),
              ];
      return el(
        'transaction',
        undefined,
        [
          el('transaction-type', { code: t.type }, [], src),
          el('transaction-date', { 'iso-date': t.date }, [], {
            ...src,
            field: 'effectiveOn',
          }),
          {
            name: 'value',
            attrs: { currency: grant.currency, 'value-date': t.date },
            text: formatDecimal(t.amountMinor, grant.currency),
            source: src,
          },
          ...counterpart,
        ],
        src,
      );
    }),
  ];
  const node: XmlNode = {
    name: 'iati-activity',
    attrs: {
      'last-updated-datetime': `${today}T00:00:00Z`,
      'xml:lang': 'en',
      'default-currency': grant.currency,
    },
    children,
    source: grantSrc('id'),
  };
  return {
    grantId: grant.id,
    grantNumber: grant.grantNumber,
    iatiIdentifier: identifier,
    title: scrub(grant.title),
    node,
    redactions: redaction.redactions,
  };
}

/**
 * The whole file of a program: every grant redacted, then every free text scrubbed of the secrets of the whole
 * file (a grant's title cannot name another grant's withheld partner either).
 */
export function buildIatiFile(
  identity: IatiIdentityInput,
  program: IatiProgramInput,
  grants: readonly IatiGrantInput[],
  generatedAt: string,
): IatiFileResult {
  const hasSummary = Object.values(program.publicSummary ?? {}).some(
    (v) => typeof v === 'string' && v.trim().length > 0,
  );
  const redactions = grants.map((g) =>
    redactGrant(g.partners, g.personNames, hasSummary, g.area ?? null),
  );
  // One scrubber of every name withheld anywhere in the program: a grant's text cannot name another's either.
  const scrub = secretScrubber(
    redactions.flatMap((r) => [...r.secrets, ...r.areaSecrets]),
  );
  const today = generatedAt.slice(0, 10);
  const activities = grants.map((g, i) =>
    buildIatiActivity(identity, program, g, redactions[i], scrub, today),
  );
  const root: XmlNode = {
    name: 'iati-activities',
    attrs: { version: IATI_VERSION, 'generated-datetime': generatedAt },
    children: activities.map((a) => a.node),
  };
  return { root, activities };
}

export interface IatiTraceEntry {
  path: string;
  value: string;
  source: IatiSourceRef;
}

/** Every text and attribute of a node with its source, at XPath-like 1-based paths (`iati-activity[2]/transaction[3]/value`). */
export function traceOf(
  node: XmlNode,
  base: string,
  inherited?: IatiSourceRef,
): IatiTraceEntry[] {
  const out: IatiTraceEntry[] = [];
  const source = node.source ?? inherited;
  if (source) {
    for (const [name, value] of Object.entries(node.attrs ?? {}))
      if (name !== 'xml:lang')
        out.push({ path: `${base}/@${name}`, value, source });
    if (node.text !== undefined)
      out.push({ path: base, value: node.text, source });
  }
  const counts = new Map<string, number>();
  for (const child of node.children ?? []) {
    const n = (counts.get(child.name) ?? 0) + 1;
    counts.set(child.name, n);
    out.push(...traceOf(child, `${base}/${child.name}[${n}]`, source));
  }
  return out;
}

/** Every string of a tree (names, attribute values, texts): what a search of the serialised file can find. */
export function textsOf(node: XmlNode): string[] {
  const out = [node.name, ...Object.entries(node.attrs ?? {}).flat()];
  if (node.text !== undefined) out.push(node.text);
  for (const c of node.children ?? []) out.push(...textsOf(c));
  return out;
}
