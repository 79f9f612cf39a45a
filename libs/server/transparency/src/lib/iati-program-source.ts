import type { EntityManager } from 'typeorm';
import {
  IRAQ_GOVERNORATES,
  iatiIdentifierPart,
  iatiTransactionsOf,
  isSecurityLevel,
  type CurrencyCode,
  type IatiGrantInput,
  type IatiIdentityInput,
  type IatiLedgerEntry,
  type IatiProgramInput,
  type Localized,
} from '@mizan/domain';

/** The IATI registration-agency prefix of an organisation's national register, by hostland (org-id.guide). */
const REGISTER_PREFIX: Readonly<Record<string, string>> = {
  SE: 'SE-ON',
  GB: 'GB-CHC',
  DE: 'DE-CR',
  NO: 'NO-BRC',
  DK: 'DK-CVR',
  NL: 'NL-KVK',
};

export interface IatiProgramData {
  identity: IatiIdentityInput | null;
  program: IatiProgramInput & {
    agencyId: string;
    currency: string;
    published: boolean;
  };
  grants: IatiGrantInput[];
}

/** The grant states whose activity is published (a draft grant is not yet an activity). */
const PUBLISHED_STATES = ['active', 'suspended', 'closed', 'cancelled'];

/**
 * Everything the file of a program is built from, read in a handful of queries (the benchmark reads 2,000 grants):
 * the agency's identity, the program and its publication settings, each grant with its organisation, partners
 * (with the security level of their governorate on `today`), the people named on it, and its ledger entries.
 */
export async function readIatiProgramData(
  m: EntityManager,
  agencyId: string,
  programId: string,
  today: string,
): Promise<IatiProgramData | null> {
  const [program] = (await m.query(
    `SELECT p.id, p.agency_id, p.name, p.themes, p.currency, pp.published, pp.public_summary
       FROM program p LEFT JOIN program_publication pp ON pp.program_id = p.id
      WHERE p.id = $1 AND p.agency_id = $2`,
    [programId, agencyId],
  )) as {
    id: string;
    agency_id: string;
    name: string;
    themes: string[];
    currency: string;
    published: boolean | null;
    public_summary: Partial<Localized> | null;
  }[];
  if (!program) return null;
  const [identity] = (await m.query(
    `SELECT organisation_identifier, name, organisation_type FROM iati_identity WHERE agency_id = $1`,
    [agencyId],
  )) as {
    organisation_identifier: string;
    name: Localized;
    organisation_type: string;
  }[];
  const grants = (await m.query(
    `SELECT g.id, g.grant_number, g.title, g.state, g.starts_on::text AS starts_on, g.ends_on::text AS ends_on, g.currency, g.amount_minor::text AS amount_minor,
            g.modality, g.signed_name, to_char(g.countersigned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS countersigned_on,
            to_char(g.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS updated_on,
            o.id AS org_id, o.legal_name, o.registration_number, o.hostland_country,
            g.governorate, CASE WHEN g.governorate IS NULL THEN NULL ELSE COALESCE((SELECT l.level FROM governorate_security_level l
                           WHERE l.agency_id = $2 AND l.governorate_code = g.governorate AND l.effective_on <= $4::date
                           ORDER BY l.effective_on DESC, l.set_at DESC LIMIT 1), (SELECT gv.security_level FROM governorate gv WHERE gv.code = g.governorate)) END AS governorate_level,
            a.id AS application_id, COALESCE(a.content->>'summary', '') AS summary, COALESCE((SELECT array_agg(ap.partner_organization_id::text ORDER BY ap.partner_organization_id) FROM application_partner ap WHERE ap.application_id = a.id), '{}') AS partner_ids
       FROM grant_award g
       JOIN organization o ON o.id = g.organization_id
       JOIN application a ON a.id = g.application_id
      WHERE g.program_id = $1 AND g.agency_id = $2 AND g.state = ANY($3)
      ORDER BY g.grant_number, g.id`,
    [programId, agencyId, PUBLISHED_STATES, today],
  )) as {
    id: string;
    grant_number: string;
    title: string;
    state: string;
    starts_on: string;
    ends_on: string;
    currency: CurrencyCode;
    amount_minor: string;
    modality: string;
    signed_name: string | null;
    countersigned_on: string | null;
    updated_on: string;
    org_id: string;
    legal_name: string;
    registration_number: string;
    hostland_country: string;
    governorate: string | null;
    governorate_level: string | null;
    application_id: string;
    summary: string;
    partner_ids: string[];
  }[];
  const partnerIds = [
    ...new Set(
      grants.flatMap((g) =>
        Array.isArray(g.partner_ids)
          ? g.partner_ids.filter((id) => typeof id === 'string')
          : [],
      ),
    ),
  ];
  const partners = partnerIds.length
    ? ((await m.query(
        `SELECT po.id, po.organization_id, po.name, po.governorate_code, po.contact_person, po.withhold_from_publication,
                COALESCE((SELECT l.level FROM governorate_security_level l
                           WHERE l.agency_id = $2 AND l.governorate_code = po.governorate_code AND l.effective_on <= $3::date
                           ORDER BY l.effective_on DESC, l.set_at DESC LIMIT 1), gv.security_level) AS level
           FROM partner_organization po JOIN governorate gv ON gv.code = po.governorate_code
          WHERE po.id = ANY($1::uuid[])`,
        [partnerIds, agencyId, today],
      )) as {
        id: string;
        organization_id: string;
        name: string;
        governorate_code: string;
        contact_person: string;
        withhold_from_publication: boolean;
        level: string;
      }[])
    : [];
  const partnerById = new Map(partners.map((p) => [p.id, p]));
  const entries = (await m.query(
    `SELECT e.id, e.grant_id, e.kind, e.effective_on::text AS effective_on, r.kind AS reversed_kind,
            json_agg(json_build_object('code', a.code, 'amount', p.amount_minor::text)) FILTER (WHERE a.scope_type = 'grant') AS postings
       FROM journal_entry e
       JOIN grant_award g ON g.id = e.grant_id AND g.program_id = $1 AND g.agency_id = $2
       LEFT JOIN journal_entry r ON r.id = e.reverses_entry_id
       JOIN posting p ON p.entry_id = e.id JOIN ledger_account a ON a.id = p.account_id
      GROUP BY e.id, r.kind
      ORDER BY e.effective_on, e.seq`,
    [programId, agencyId],
  )) as {
    id: string;
    grant_id: string;
    kind: string;
    effective_on: string;
    reversed_kind: string | null;
    postings: { code: string; amount: string }[] | null;
  }[];
  const entriesByGrant = new Map<string, IatiLedgerEntry[]>();
  for (const e of entries) {
    const list = entriesByGrant.get(e.grant_id) ?? [];
    list.push({
      id: e.id,
      kind: e.kind,
      effectiveOn: e.effective_on,
      reversedKind: e.reversed_kind,
      postings: (e.postings ?? []).map((p) => ({
        code: p.code as never,
        amountMinor: BigInt(p.amount),
      })),
    });
    entriesByGrant.set(e.grant_id, list);
  }
  const governorates = new Map<string, (typeof IRAQ_GOVERNORATES)[number]>(
    IRAQ_GOVERNORATES.map((g) => [g.code, g]),
  );
  return {
    identity: identity
      ? {
          organisationIdentifier: identity.organisation_identifier,
          name: identity.name,
          organisationType: identity.organisation_type,
        }
      : null,
    program: {
      id: program.id,
      agencyId: program.agency_id,
      name: program.name,
      themes: program.themes,
      currency: program.currency,
      published: program.published ?? false,
      publicSummary: program.public_summary,
    },
    grants: grants.map((g) => {
      const prefix = REGISTER_PREFIX[g.hostland_country];
      const registration = iatiIdentifierPart(g.registration_number).replace(
        /[^A-Za-z0-9-]/g,
        '',
      );
      return {
        id: g.id,
        grantNumber: g.grant_number,
        title: g.title,
        summary: g.summary,
        summarySource: {
          kind: 'grant_version',
          id: g.application_id,
          field: 'summary',
        },
        state: g.state,
        startsOn: g.starts_on,
        endsOn: g.ends_on,
        actualStartOn: g.countersigned_on,
        actualEndOn:
          g.state === 'closed' || g.state === 'cancelled' ? g.updated_on : null,
        currency: g.currency,
        amountMinor: BigInt(g.amount_minor),
        modality: g.modality,
        organization: {
          id: g.org_id,
          name: g.legal_name,
          ref: prefix && registration ? `${prefix}-${registration}` : null,
          type: '21',
        },
        partners: (Array.isArray(g.partner_ids) ? g.partner_ids : [])
          .map((id) => partnerById.get(id))
          .filter(
            (p): p is NonNullable<typeof p> =>
              p !== undefined && p.organization_id === g.org_id,
          )
          .map((p) => {
            const gov = governorates.get(p.governorate_code);
            return {
              id: p.id,
              name: p.name,
              governorateCode: p.governorate_code,
              governorateNameEn: gov?.en ?? p.governorate_code,
              governorateNameAr: gov?.ar ?? p.governorate_code,
              // An unknown level is treated as the strictest.
              securityLevel: isSecurityLevel(p.level) ? p.level : 'no_access',
              withholdName: p.withhold_from_publication,
              personNames: p.contact_person ? [p.contact_person] : [],
            };
          }),
        area: g.governorate
          ? {
              code: g.governorate,
              nameEn: governorates.get(g.governorate)?.en ?? g.governorate,
              nameAr: governorates.get(g.governorate)?.ar ?? g.governorate,
              // An unknown level is treated as the strictest.
              securityLevel: isSecurityLevel(g.governorate_level)
                ? g.governorate_level
                : 'no_access',
            }
          : null,
        personNames: g.signed_name ? [g.signed_name] : [],
        transactions: (entriesByGrant.get(g.id) ?? []).flatMap((e) =>
          iatiTransactionsOf(e, g.modality),
        ),
      };
    }),
  };
}
