/**
 * Rules about diaspora organizations and their partners that do not depend on
 * storage: where an organization may be registered, the automatic
 * due-diligence checks, and who may see a partner's personal contact data.
 */
import { checkIban, holderMatchesLegalName } from './iban';

/** Hostland countries an organization may be registered in: the EU, the rest of the EEA, the UK and Switzerland. */
export const HOSTLAND_COUNTRIES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', // EU
  'IS', 'LI', 'NO', // EEA
  'GB', 'CH',
] as const;
export type HostlandCountry = (typeof HOSTLAND_COUNTRIES)[number];

export function isHostlandCountry(code: string): code is HostlandCountry {
  return (HOSTLAND_COUNTRIES as readonly string[]).includes(code);
}

/** The documents a complete due-diligence file holds. */
export const REQUIRED_DUE_DILIGENCE_DOCUMENTS = ['statutes', 'board_list', 'annual_report', 'accounts'] as const;

const DOCUMENT_LABEL: Record<(typeof REQUIRED_DUE_DILIGENCE_DOCUMENTS)[number], string> = {
  statutes: 'statutes',
  board_list: 'board list',
  annual_report: 'latest annual report',
  accounts: 'accounts',
};

/** YYYY-MM-DD that is a real calendar date (no 2027-02-30). */
export function isCalendarDateString(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Registration numbers differ by country (SE 802456-1234, GB 1123456, DE VR 12345),
 * so "plausible" is deliberately loose: 4 to 40 characters of letters, digits,
 * spaces and . / -, with at least one digit.
 */
export function isPlausibleRegistrationNumber(value: string): boolean {
  const v = value.trim();
  return v.length >= 4 && v.length <= 40 && /^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u.test(v) && /\d/.test(v);
}

export type OrganizationCheckName = 'iban_checksum' | 'holder_matches_name' | 'documents_complete' | 'registration_number' | 'founding_date';

export interface OrganizationCheck {
  check: OrganizationCheckName;
  passed: boolean;
  message: string;
}

export interface OrganizationFileFacts {
  legalName: string;
  registrationNumber: string;
  foundedOn: string | null;
  iban: string;
  accountHolder: string;
  holderExplanation: string | null;
  /** Kinds of the documents uploaded so far (repeats allowed). */
  documentKinds: readonly string[];
}

/** The automatic checks an officer sees beside the due-diligence file; `today` is YYYY-MM-DD. */
export function organizationChecks(facts: OrganizationFileFacts, today: string): OrganizationCheck[] {
  const iban = checkIban(facts.iban);
  const matches = holderMatchesLegalName(facts.accountHolder, facts.legalName);
  const explanation = facts.holderExplanation?.trim() ?? '';
  const missing = REQUIRED_DUE_DILIGENCE_DOCUMENTS.filter((k) => !facts.documentKinds.includes(k));
  const founded = facts.foundedOn;
  return [
    {
      check: 'iban_checksum',
      passed: iban.valid,
      message: iban.valid ? 'The IBAN has a valid checksum' : iban.message,
    },
    {
      check: 'holder_matches_name',
      passed: matches || explanation !== '',
      message: matches
        ? 'The account holder matches the legal name'
        : explanation !== ''
          ? `The account holder "${facts.accountHolder}" differs from the legal name; explained: ${explanation}`
          : `The account holder "${facts.accountHolder}" differs from the legal name and no explanation was given`,
    },
    {
      check: 'documents_complete',
      passed: missing.length === 0,
      message: missing.length === 0 ? 'Statutes, board list, annual report and accounts are on file' : `Missing: ${missing.map((k) => DOCUMENT_LABEL[k]).join(', ')}`,
    },
    {
      check: 'registration_number',
      passed: isPlausibleRegistrationNumber(facts.registrationNumber),
      message: isPlausibleRegistrationNumber(facts.registrationNumber)
        ? 'The registration number looks plausible'
        : 'The registration number is missing or does not look like one (4–40 letters and digits, with at least one digit)',
    },
    {
      check: 'founding_date',
      passed: founded !== null && isCalendarDateString(founded) && founded <= today,
      message:
        founded === null ? 'The founding date is missing' : founded > today ? 'The founding date is in the future' : `Founded on ${founded}`,
    },
  ];
}

export type SecurityLevel = 'accessible' | 'restricted' | 'no_access';

/**
 * How a caller relates to a partner organization's record:
 * - organization_member: member of the diaspora organization that registered the partner
 * - officer: officer of the agency the organization belongs to
 * - partner_member: a user of this very partner organization
 * - other_partner: a user of some other partner (e.g. a co-partner on the same application)
 */
export type PartnerViewer = 'organization_member' | 'officer' | 'partner_member' | 'other_partner';

/**
 * Personal contact data of partners in high-risk governorates is visible only
 * to those who need it (DESIGN.md, "Fragile contexts"): never to users of
 * other partner organizations.
 */
export function partnerContactVisible(securityLevel: SecurityLevel, viewer: PartnerViewer): boolean {
  if (securityLevel === 'accessible') return true;
  return viewer !== 'other_partner';
}
