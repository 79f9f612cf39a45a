import type {
  ApplicationAction,
  ApplicationContent,
  ApplicationState,
  CurrencyCode,
  DocumentKind,
  RuleResult,
} from '@mizan/domain';

/**
 * Intake API types (issue 3). Amounts are decimal strings of minor units
 * ("amountMinor"), shares are basis points (1 % = 100), instants ISO strings.
 */

export const IntakePaths = {
  governorates: 'governorates',
  programs: 'programs',
  calls: 'calls',
  openCalls: 'calls/open',
  organizations: 'organizations',
  invitations: 'invitations',
  acceptInvitation: 'invitations/accept',
  applications: 'applications',
  myPartners: 'partners/mine',
} as const;

export interface GovernorateView {
  code: string;
  nameEn: string;
  nameAr: string;
  securityLevel: 'accessible' | 'restricted' | 'no_access';
}

export interface CreateProgramRequest {
  name: string;
  countries: string[];
  themes: string[];
  budgetMinor: string;
  currency: CurrencyCode;
  periodStart: string;
  periodEnd: string;
}

export interface ProgramView extends CreateProgramRequest {
  id: string;
  createdAt: string;
  callCount: number;
}

export interface RubricCriterionInput {
  id: string;
  title: string;
  description: string;
  weight: number;
}

export interface RubricInput {
  criteria: RubricCriterionInput[];
  /** Six descriptions, for scores 0 to 5. */
  scale: string[];
}

/** Open and close are local date-times ("2027-03-31T17:00") in `timeZone` (IANA name). */
export interface CallRulesInput {
  title: string;
  description: string;
  timeZone: string;
  opensAtLocal: string;
  closesAtLocal: string;
  envelopeMinor: string;
  maxGrantMinor: string;
  minCofundingBp: number;
  adminCapBp: number;
  hostCountries: string[];
  requirePartner: boolean;
  minOrganizationAgeMonths: number;
  requiredDocuments: DocumentKind[];
  rubric: RubricInput;
}

export type CreateCallRequest = CallRulesInput;

/** A change to a call that already has submissions: a new version, with the reason on the trail. */
export interface CorrectCallRequest extends CallRulesInput {
  reason: string;
}

export interface CallView extends CallRulesInput {
  id: string;
  programId: string;
  programName: string;
  currency: CurrencyCode;
  version: number;
  status: 'draft' | 'published';
  /** ISO instants. */
  opensAt: string;
  closesAt: string;
  /** Derived from the server's clock. */
  isOpen: boolean;
  submittedCount: number;
  publishedAt: string | null;
}

export interface CallVersionView {
  version: number;
  reason: string;
  createdAt: string;
  createdBy: string;
  rules: CallRulesInput;
}

export type DueDiligenceStatus = 'pending' | 'cleared' | 'conditional' | 'rejected';

export interface OrganizationInput {
  legalName: string;
  registrationNumber: string;
  hostlandCountry: string;
  address: string;
  foundedOn: string | null;
  contactEmail: string;
  contactPhone: string | null;
  iban: string;
  accountHolder: string;
  /** Required when the account holder does not match the legal name. */
  holderExplanation: string | null;
  thematicExpertise: string[];
}

export interface UpdateOrganizationRequest extends OrganizationInput {
  version: number;
}

export interface OrganizationMemberView {
  userId: string;
  email: string;
  displayName: string;
  roleInOrganization: string;
  skills: string[];
}

export interface DueDiligenceCheck {
  check: 'iban_checksum' | 'holder_matches_name' | 'documents_complete' | 'registration_number' | 'founding_date';
  passed: boolean;
  message: string;
}

export interface DueDiligenceView {
  status: DueDiligenceStatus;
  /** True when cleared/conditional but past its expiry date: treat as not cleared. */
  expired: boolean;
  conditions: string | null;
  expiresOn: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  checks: DueDiligenceCheck[];
}

export interface OrganizationView extends OrganizationInput {
  id: string;
  version: number;
  createdAt: string;
  members: OrganizationMemberView[];
  dueDiligence: DueDiligenceView;
}

export interface SetDueDiligenceRequest {
  status: Exclude<DueDiligenceStatus, 'pending'>;
  conditions: string | null;
  /** ISO date; required for cleared and conditional. */
  expiresOn: string | null;
  reason: string;
}

export interface PartnerInput {
  name: string;
  governorateCode: string;
  localRegistrationNumber: string;
  contactPerson: string;
  contactEmail: string | null;
  contactPhone: string | null;
  relationship: string;
}

export interface PartnerView extends PartnerInput {
  id: string;
  organizationId: string;
  createdAt: string;
}

export interface InviteRequest {
  email: string;
  role: 'applicant' | 'partner';
  /** Required for role partner. */
  partnerOrganizationId: string | null;
}

export interface InvitationView {
  id: string;
  email: string;
  role: 'applicant' | 'partner';
  expiresAt: string;
  acceptedAt: string | null;
  /** Only in the response that creates it (and in the email): the link to accept. */
  acceptPath?: string;
}

export interface AcceptInvitationRequest {
  token: string;
  displayName: string;
  password: string;
}

export interface DocumentView {
  id: string;
  kind: DocumentKind;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  downloadPath: string;
}

export interface CreateApplicationRequest {
  callId: string;
  organizationId: string;
  title: string;
}

/** Autosave: the whole content with the version it was edited from. */
export interface SaveApplicationRequest {
  version: number;
  content: ApplicationContent;
}

export interface BudgetTotalsView {
  totalBudgetMinor: string;
  cofundingMinor: string;
  requestedMinor: string;
  adminMinor: string;
  adminShareBp: number;
  cofundingShareBp: number;
}

export interface ApplicationSummaryView {
  id: string;
  callId: string;
  callTitle: string;
  organizationId: string;
  organizationName: string;
  title: string;
  state: ApplicationState;
  currency: CurrencyCode;
  requestedMinor: string;
  receiptNumber: string | null;
  submittedAt: string | null;
  updatedAt: string;
}

export interface ApplicationView extends ApplicationSummaryView {
  version: number;
  content: ApplicationContent;
  totals: BudgetTotalsView;
  eligibility: RuleResult[];
  /** What the caller may do now. */
  allowedActions: ApplicationAction[];
  editable: boolean;
  screeningMessage: string | null;
  callClosesAt: string;
  callTimeZone: string;
  versions: { number: number; kind: 'submission' | 'resubmission'; submittedAt: string; receiptNumber: string }[];
}

export interface ApplicationVersionView {
  applicationId: string;
  number: number;
  kind: 'submission' | 'resubmission';
  content: ApplicationContent;
  totals: BudgetTotalsView;
  eligibility: RuleResult[];
  callVersion: number;
  contentSha256: string;
  receiptNumber: string;
  submittedAt: string;
}

export interface SubmitReceipt {
  receiptNumber: string;
  versionNumber: number;
  submittedAt: string;
  contentSha256: string;
}

export interface ReasonRequest {
  reason: string;
}

export type ScreeningAction = Extract<ApplicationAction, 'start_screening' | 'mark_eligible' | 'mark_ineligible' | 'return_for_clarification'>;

export interface ScreeningRequest {
  action: ScreeningAction;
  /** Required for ineligible and return: the reason / the message to the applicant. */
  reason: string | null;
}

export interface ScreeningQueueItem extends ApplicationSummaryView {
  eligibility: RuleResult[];
  dueDiligence: Pick<DueDiligenceView, 'status' | 'expired' | 'expiresOn'>;
  partnerGovernorates: string[];
}

/** The sorts of the screening queue (each a keyset over an index ending in the application id). */
export const SCREENING_QUEUE_SORTS = ['submitted', 'organization', 'requested', 'receipt', 'title'] as const;
export type ScreeningQueueSort = (typeof SCREENING_QUEUE_SORTS)[number];

/** What the chart above the screening queue shows, counted by the server over the whole call. */
export interface ScreeningQueueSummary {
  total: number;
  byState: { state: ApplicationState; count: number }[];
  /** Applications that pass every rule of the call as it stands today. */
  passing: number;
  failing: number;
  /** Organizations whose clearance was rejected or has expired. */
  ddProblems: number;
}

export interface ApplicationAttachmentView {
  id: string;
  originalName: string;
  description: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  downloadPath: string;
}

export interface AcceptedInvitation {
  email: string;
  role: 'applicant' | 'partner';
  organizationId: string;
  organizationName: string;
  partnerOrganizationId: string | null;
  /** False when an existing account was linked instead. */
  accountCreated: boolean;
}
