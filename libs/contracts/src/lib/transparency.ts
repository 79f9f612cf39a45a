/**
 * Transparency (issue 16, docs/transparency.md): the agency publishes its programs and grants as IATI 2.03
 * activity XML, valid against the official schema and the embedded codelists, with partners in restricted and
 * no-access governorates redacted; and a public page of what it funds.
 *
 * REST paths (under `/api/v1`; who may call):
 *
 *   GET  transparency/identity                                  officer, admin (transparency.manage): the agency's IATI identity
 *   PUT  transparency/identity                                  officer, admin: set it (body IatiIdentityRequest)
 *   GET  transparency/programs                                  officer, admin: every program with its publication settings and last publication
 *   PUT  transparency/programs/:programId                       officer, admin: a program's publication settings (body ProgramPublicationRequest)
 *   GET  transparency/programs/:programId/preview               officer, admin: the file as it would be published now, traced, redacted, validated
 *   POST transparency/programs/:programId/publications          officer, admin: queue a publication (worker job); 202 + PublicationJobView
 *   GET  transparency/programs/:programId/publications          officer, admin: the program's publication records, newest first
 *   GET  transparency/jobs/:jobId                               officer, admin: progress of a publication job of the caller's agency
 *
 *   GET  public/transparency/:agencySlug                        anyone, no sign-in: the agency's public page data (published programs only)
 *   GET  public/iati/:agencySlug/:programId.xml                 anyone, no sign-in: the last published IATI file of the program
 *                                                               (application/xml; 404 until published; ETag = the file's SHA-256)
 *
 * A program that is not marked published, or an agency without an IATI identity, has no public file or page entry.
 * The public page shows only what is in the last published file (the same redactions).
 */

/** Paths relative to `/api/v1`. */
export const TransparencyPaths = {
  identity: 'transparency/identity',
  programs: 'transparency/programs',
  program: (programId: string) => `transparency/programs/${programId}`,
  preview: (programId: string) => `transparency/programs/${programId}/preview`,
  publications: (programId: string) =>
    `transparency/programs/${programId}/publications`,
  job: (jobId: string) => `transparency/jobs/${jobId}`,
  /** Public, no sign-in. */
  publicPage: (agencySlug: string) => `public/transparency/${agencySlug}`,
  /** Public, no sign-in: the stable URL of a program's IATI file. */
  publicFile: (agencySlug: string, programId: string) =>
    `public/iati/${agencySlug}/${programId}.xml`,
} as const;

/** Languages of the narratives Mizan publishes (IATI narratives carry xml:lang). */
export const IATI_LANGUAGES = ['en', 'ar', 'sv'] as const;
export type IatiLanguage = (typeof IATI_LANGUAGES)[number];

/** A text per language; English is the default language of the file, the others where present. */
export type LocalizedText = { en: string } & Partial<
  Record<Exclude<IatiLanguage, 'en'>, string>
>;

/** Longest organisation name / public summary accepted (characters). */
export const IATI_NAME_MAX = 200;
export const IATI_SUMMARY_MAX = 2000;
/** Longest organisation identifier (IATI: `{registration agency}-{number}`). */
export const IATI_IDENTIFIER_MAX = 100;
/** An organisation identifier: a registration-agency prefix, a hyphen, the number; no spaces, no `/`, `&`, `|`, `?`. */
export const IATI_ORG_IDENTIFIER_PATTERN = /^[A-Za-z]{2}(-[A-Za-z0-9]+)+$/;

/**
 * The OrganisationType codelist (IATI, non-embedded; https://iatistandard.org/en/iati-standard/203/codelists/organisationtype/).
 * The web translates `transparency.orgType.<code>`.
 */
export const IATI_ORGANISATION_TYPES = {
  '10': 'Government',
  '11': 'Local Government',
  '15': 'Other Public Sector',
  '21': 'International NGO',
  '22': 'National NGO',
  '23': 'Regional NGO',
  '24': 'Partner Country based NGO',
  '30': 'Public Private Partnership',
  '40': 'Multilateral',
  '60': 'Foundation',
  '70': 'Private Sector',
  '71': 'Private Sector in Provider Country',
  '72': 'Private Sector in Aid Recipient Country',
  '73': 'Private Sector in Third Country',
  '80': 'Academic, Training and Research',
  '90': 'Other',
} as const;
export type IatiOrganisationType = keyof typeof IATI_ORGANISATION_TYPES;
export const IATI_ORGANISATION_TYPE_CODES = Object.keys(
  IATI_ORGANISATION_TYPES,
) as IatiOrganisationType[];

// ---------------------------------------------------------------------------------------------------------------
// Agency identity and program publication settings

/** The agency's IATI identity (the reporting-org of every file). */
export interface IatiIdentityView {
  /** Null until set: nothing can be previewed or published before. */
  organisationIdentifier: string | null;
  name: LocalizedText | null;
  organisationType: IatiOrganisationType | null;
  /** The agency's slug: the public URLs use it. */
  agencySlug: string;
  updatedAt: string | null;
  rowVersion: number;
}

export interface IatiIdentityRequest {
  organisationIdentifier: string;
  name: LocalizedText;
  organisationType: IatiOrganisationType;
  /** The row version read (0 when never set): a stale one is 409 IATI_STALE_SETTINGS. */
  rowVersion: number;
}

export interface ProgramPublicationRequest {
  published: boolean;
  /** Public summary per language: replaces the grants' narrative where redaction withholds it; empty strings are left out. */
  publicSummary: Partial<LocalizedText> | null;
  rowVersion: number;
}

export type PublicationStatus =
  | 'queued'
  | 'running'
  | 'published'
  | 'failed'
  | 'unchanged';

export interface PublicationRecordView {
  id: string;
  programId: string;
  /** 1, 2, … per program, counting published versions only (a failed attempt has version null). */
  version: number | null;
  status: PublicationStatus;
  /** SHA-256 of the file's bytes (hex), when published. */
  sha256: string | null;
  byteSize: number | null;
  activityCount: number | null;
  /** What caused it: an officer, the schedule or a payment. */
  trigger: 'manual' | 'schedule' | 'payment';
  requestedAt: string;
  publishedAt: string | null;
  /** Absolute path of the public file (served for the last published version), when published. */
  url: string | null;
  /** When failed: the validation errors (at most 50) that blocked it. */
  errors: IatiValidationError[];
}

export interface ProgramPublicationView {
  programId: string;
  programName: string;
  currency: string;
  themes: string[];
  published: boolean;
  publicSummary: Partial<LocalizedText> | null;
  grantCount: number;
  /** The last successful publication (the one served), if any. */
  lastPublished: PublicationRecordView | null;
  /** The last attempt, when it is newer than lastPublished (queued, running or failed). */
  lastAttempt: PublicationRecordView | null;
  rowVersion: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Preview: the file, where each value came from, what was redacted, whether it validates

/** Where a published value came from (so an officer can check it against Mizan). */
export type IatiSourceKind =
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

export interface IatiSource {
  kind: IatiSourceKind;
  /** The record's id (a uuid; the governorate code for `governorate`; the rule's name for `rule`). */
  id: string;
  /** The record's field the value came from, when one (e.g. `title`, `effectiveOn`). */
  field?: string;
}

/** One element or attribute of the file with its value and its source. */
export interface IatiTraceItem {
  /** XPath-like, 1-based positions: `iati-activity[2]/transaction[3]/value`, `…/participating-org[1]/@ref`. */
  path: string;
  value: string;
  source: IatiSource;
}

/** Why something was withheld. */
export type RedactionReason =
  /** The governorate's security level is restricted or no_access on the file's date (params: governorate level). */
  | 'security_level'
  /** The partner organisation asked not to be named in publications. */
  | 'partner_wish'
  /** Individuals are never named (signatories, contact persons, payees that are persons). */
  | 'personal_data';

/** What was withheld or replaced. */
export type RedactedElement =
  | 'partner_name'
  | 'partner_identifier'
  | 'sub_national_location'
  | 'narrative'
  | 'person_name';

export interface RedactionView {
  /** The grant the redaction applies to. */
  grantId: string;
  grantNumber: string;
  element: RedactedElement;
  reason: RedactionReason;
  /** What it means, as data for translation: e.g. { governorate: 'IQ-NI', level: 'no_access' }; never the withheld value itself. */
  params: Record<string, string>;
  /** What was published instead, e.g. `undisclosed` (the web translates `transparency.replacement.<value>`). */
  replacement: 'undisclosed' | 'country_level' | 'public_summary' | 'omitted';
}

export interface IatiValidationError {
  /** Where: XPath-like path of the element or attribute (`iati-activity[3]/transaction[1]/transaction-type/@code`), or `/` when the file as a whole. */
  path: string;
  /** The line in the file (1-based), when known. */
  line: number | null;
  /** schema = the XSD (xmllint); codelist = a code not in the codelist mapping.xml names for that attribute. */
  kind: 'schema' | 'codelist';
  message: string;
}

export interface IatiValidationResult {
  valid: boolean;
  errors: IatiValidationError[];
  /** Codelists checked (embedded ones in data/iati-2.03/codelists) and those named by mapping.xml that are not in the repository. */
  codelistsChecked: string[];
}

export interface IatiActivityPreview {
  grantId: string;
  grantNumber: string;
  iatiIdentifier: string;
  title: string;
  /** Elements of this activity with values and sources. */
  trace: IatiTraceItem[];
  redactions: RedactionView[];
}

export interface IatiPreviewView {
  programId: string;
  programName: string;
  generatedAt: string;
  /** The whole file (UTF-8 XML), exactly what a publication now would store. */
  xml: string;
  sha256: string;
  activities: IatiActivityPreview[];
  redactions: RedactionView[];
  validation: IatiValidationResult;
}

// ---------------------------------------------------------------------------------------------------------------
// Publication jobs

export type PublicationJobState = 'queued' | 'active' | 'completed' | 'failed';

export interface PublicationJobView {
  jobId: string;
  programId: string;
  state: PublicationJobState;
  /** 0–100. */
  progress: number;
  /** The step now: building, validating, storing. */
  step: 'queued' | 'building' | 'validating' | 'storing' | 'done';
  /** The publication record, once the job has written one. */
  record: PublicationRecordView | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Public page (no sign-in): only what the published files hold

export interface PublicYearAmount {
  year: number;
  /** Decimal strings of minor units. */
  committedMinor: string;
  disbursedMinor: string;
}

export interface PublicGrantRow {
  /** The published iati-identifier. */
  iatiIdentifier: string;
  title: string;
  /** Governorate code (ISO 3166-2:IQ), or null when withheld (redacted: the grant is published at country level). */
  governorateCode: string | null;
  governorateNameEn: string | null;
  governorateNameAr: string | null;
  redacted: boolean;
  committedMinor: string;
  disbursedMinor: string;
}

export interface PublicProgramView {
  programId: string;
  name: string;
  /** The program's themes (codes as the program holds them) and the DAC 5-digit sector published for them. */
  themes: string[];
  sectorCode: string;
  currency: string;
  committedMinor: string;
  disbursedMinor: string;
  byYear: PublicYearAmount[];
  grants: PublicGrantRow[];
  /** The public summary (as published). */
  summary: Partial<LocalizedText> | null;
  /** Absolute path of the IATI file (`/api/v1/public/iati/<slug>/<programId>.xml`). */
  fileUrl: string;
  sha256: string;
  version: number;
  publishedAt: string;
}

export interface PublicTransparencyView {
  agencySlug: string;
  agencyName: LocalizedText;
  organisationIdentifier: string;
  programs: PublicProgramView[];
  /** Totals over programs, per currency. */
  totals: {
    currency: string;
    committedMinor: string;
    disbursedMinor: string;
  }[];
  /** When the newest published file was published (null when none). */
  updatedAt: string | null;
}
