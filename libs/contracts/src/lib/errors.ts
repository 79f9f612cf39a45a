/** Stable error codes of the JSON error body. Clients branch on these, never on messages. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  UnknownFields = 'UNKNOWN_FIELDS',
  MalformedRequest = 'MALFORMED_REQUEST',
  NotAuthenticated = 'NOT_AUTHENTICATED',
  SessionExpired = 'SESSION_EXPIRED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  ExportNotReady = 'EXPORT_NOT_READY',
  Internal = 'INTERNAL_ERROR',
  UnsupportedFileType = 'UNSUPPORTED_FILE_TYPE',
  FileTooLarge = 'FILE_TOO_LARGE',
  InvitationExpired = 'INVITATION_EXPIRED',
  InvitationAlreadyAccepted = 'INVITATION_ALREADY_ACCEPTED',
  /** The same officer may not both propose and confirm a decision. */
  FourEyesRequired = 'FOUR_EYES_REQUIRED',
  /** An approval would take the call's approvals past its envelope. */
  EnvelopeExceeded = 'ENVELOPE_EXCEEDED',
  /** A reviewer must declare any conflict of interest before opening or scoring an application. */
  DeclarationRequired = 'DECLARATION_REQUIRED',
  /** Other reviewers' scores stay hidden until the reviewer has submitted their own. */
  ReviewNotSubmitted = 'REVIEW_NOT_SUBMITTED',

  // http part (issue 8): what the HTTP layer refuses before any DTO sees the request.
  /** The body is not valid JSON (or is empty where JSON was announced). */
  MalformedJson = 'MALFORMED_JSON',
  /** JSON nested deeper than the api reads (MAX_JSON_DEPTH). */
  JsonTooDeep = 'JSON_TOO_DEEP',
  /** The top level of the body is not what the route takes (an array or a scalar where an object belongs, or the reverse). */
  WrongBodyShape = 'WRONG_BODY_SHAPE',
  /** Text with a NUL character or a lone UTF-16 surrogate (not text PostgreSQL or a browser can keep); `fields` names each. */
  InvalidText = 'INVALID_TEXT',
  /** The body's Content-Type is not accepted by this route (JSON routes take application/json, uploads multipart/form-data). */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  /** The body is larger than the route accepts. */
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** A multipart upload without a boundary, cut short before its closing boundary, or otherwise unreadable. */
  MalformedUpload = 'MALFORMED_UPLOAD',
  /** The address could not be decoded (bad percent-encoding) or is otherwise not a valid URL. */
  BadUrl = 'BAD_URL',
  /** A part of the address (a route parameter) is longer than any id the api knows. */
  ParameterTooLong = 'PARAMETER_TOO_LONG',
  /** The request's headers are larger than the server reads. */
  HeadersTooLarge = 'HEADERS_TOO_LARGE',
  /** The request did not arrive in time. */
  RequestTimeout = 'REQUEST_TIMEOUT',
  // totp (issue 8): two-factor sign-in and re-authentication
  /** The session still owes a second factor (or its enrolment): only that step is open. */
  SecondFactorRequired = 'SECOND_FACTOR_REQUIRED',
  /** A TOTP or recovery code that is wrong, expired or already used. */
  InvalidSecondFactor = 'INVALID_SECOND_FACTOR',
  /** A sensitive action needs the password (and second factor) again within the last few minutes. */
  ReauthRequired = 'REAUTH_REQUIRED',
  // issue 9 lead: the ledger
  /** A movement would take a ledger account below zero: more than what stands above it (envelope, commitment…). Params name the account. */
  LedgerInsufficientFunds = 'LEDGER_INSUFFICIENT_FUNDS',
  // issue 9 ledger
  /** The Idempotency-Key header is not 1–200 visible ASCII characters (or was sent twice). */
  IdempotencyKeyInvalid = 'IDEMPOTENCY_KEY_INVALID',
  /** This Idempotency-Key was already used for a different request (another route or body). */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  /** The first request with this Idempotency-Key is still running; retry in a moment. */
  IdempotencyInProgress = 'IDEMPOTENCY_IN_PROGRESS',
  /** A journal entry can be reversed once; this one already was (or is itself a reversal). */
  LedgerEntryAlreadyReversed = 'LEDGER_ENTRY_ALREADY_REVERSED',
  /**
   * The entry books a business state (a commitment, a payment requested, released or paid): undo it
   * through its business action instead (params: kind, grantId, paymentId when a payment's, instead = the action(s), comma-separated).
   */
  LedgerEntryNotReversible = 'LEDGER_ENTRY_NOT_REVERSIBLE',
  // issue 9 payments: segregation of duties, payment states, bank files, exchange rates
  /** The user requested this payment (maybe holding both officer and finance roles): someone else must approve it. */
  SodRequesterCannotApprove = 'SOD_REQUESTER_CANNOT_APPROVE',
  /** The user already gave the first of two approvals: a different finance user must give the second. */
  SodAlreadyApproved = 'SOD_ALREADY_APPROVED',
  /** The user requested this payment and may not record it paid. */
  SodPayerIsRequester = 'SOD_PAYER_IS_REQUESTER',
  /** The agency requires three people: an approver of this payment may not record it paid. */
  SodPayerIsApprover = 'SOD_PAYER_IS_APPROVER',
  /** The payment is not in a state that allows this action (params name the state and the allowed actions). */
  PaymentTransitionNotAllowed = 'PAYMENT_TRANSITION_NOT_ALLOWED',
  /** A payment is already in a bank file: it cannot be put in another. */
  PaymentInBankFile = 'PAYMENT_IN_BANK_FILE',
  /** A bank return (reject of a payment sent to the bank) before the bank file's execution date (params: executionDate). */
  BankReturnBeforeExecution = 'BANK_RETURN_BEFORE_EXECUTION',
  /** A bank return must be recorded by a finance user who neither created the bank file nor (three people) approved the payment (params: role). */
  SodBankReturnNotIndependent = 'SOD_BANK_RETURN_NOT_INDEPENDENT',
  /** Only a bank file whose build failed, and that still holds its payments (all sent_to_bank), can be released (params: state). */
  BankFileNotReleasable = 'BANK_FILE_NOT_RELEASABLE',
  /** No published rate for the pair within 7 days before the value date: finance must record the bank's rate. */
  RateNotFound = 'RATE_NOT_FOUND',
  /** The agency's debtor account (name, IBAN, BIC) is not set in the finance settings. */
  DebtorAccountMissing = 'DEBTOR_ACCOUNT_MISSING',
  /** The grantee already confirmed receipt of this payment. */
  ReceiptAlreadyConfirmed = 'RECEIPT_ALREADY_CONFIRMED',
  // issue 9 grants
  /** Grant content (budget lines, tranche plan, reporting schedule, period) breaks a rule; each field error starts with the rule's code, e.g. `BUDGET_LINES_SUM_MISMATCH: …`. */
  GrantContentInvalid = 'GRANT_CONTENT_INVALID',
  /** A tranche's release conditions do not all hold; the message and fields name each failing condition. */
  ReleaseConditionsUnmet = 'RELEASE_CONDITIONS_UNMET',
  /** The officer's risk choice is looser than the assessment and the policy allow (a lower rating, a modality the rating forbids). */
  RiskPolicyViolated = 'RISK_POLICY_VIOLATED',
  /** The typed name does not match the signatory's name. */
  SignatureNameMismatch = 'SIGNATURE_NAME_MISMATCH',
  /** The grant changed since it was read (row version or agreement version): reload and try again. */
  StaleGrant = 'STALE_GRANT',
  // issue 10: segregation of duties between roles (ROLE_PAIRS of @mizan/domain)
  /** These two roles are never given to one person (params: pair such as `auditor+finance`, first, second). */
  RolePairRefused = 'ROLE_PAIR_REFUSED',
  /** These two roles together need `rolePairReason`, which goes on the trail (params: pair, first, second). */
  RolePairReasonRequired = 'ROLE_PAIR_REASON_REQUIRED',
  // issue 11 verification and refunds
  /** The line or report changed since it was read (row version): reload and try again. */
  StaleReport = 'STALE_REPORT',
  /** The line was already accepted or found ineligible: nothing changed (params: seq, state). */
  LineAlreadyVerified = 'LINE_ALREADY_VERIFIED',
  /** Only a submitted line can be verified; a questioned one waits for the answer (params: seq, state). */
  LineNotSubmitted = 'LINE_NOT_SUBMITTED',
  /** The report is not submitted (params: state); an accepted one is REPORT_ALREADY_ACCEPTED. */
  ReportNotSubmitted = 'REPORT_NOT_SUBMITTED',
  /** The report was already accepted: nothing changed. */
  ReportAlreadyAccepted = 'REPORT_ALREADY_ACCEPTED',
  /** Lines still open (not accepted or ineligible): params count, lines (their numbers, comma-separated). */
  ReportLinesOpen = 'REPORT_LINES_OPEN',
  /** More than the refund outstanding (params: amountMinor, outstandingMinor, currency). */
  RefundAboveOutstanding = 'REFUND_ABOVE_OUTSTANDING',
  /** The tranche is not planned (already requested or paid): it cannot be paid net (params: seq, state). */
  TrancheNotOffsettable = 'TRANCHE_NOT_OFFSETTABLE',
  /** The offsets would leave nothing to pay of the tranche (params: seq, amountMinor, offsetMinor). */
  OffsetAboveTranche = 'OFFSET_ABOVE_TRANCHE',
  // issue 11 reports (financial and narrative)
  /** The schedule item is cancelled: no report can be filed for it (params: dueId). */
  ReportDueCancelled = 'REPORT_DUE_CANCELLED',
  /** The report of this period was accepted: it cannot be reopened or changed (params: periodFrom, periodTo). */
  ReportPeriodAccepted = 'REPORT_PERIOD_ACCEPTED',
  /** The report is not in a state that allows this (params: state). */
  ReportNotEditable = 'REPORT_NOT_EDITABLE',
  /** The line is not in a state that allows this (params: state). */
  LineNotEditable = 'LINE_NOT_EDITABLE',
  /** The budget line is not in the grant's current budget (params: budgetLineId). */
  BudgetLineUnknown = 'BUDGET_LINE_UNKNOWN',
  /** The grant does not allow amounts in this currency (params: currency, allowed). */
  CurrencyNotAllowed = 'CURRENCY_NOT_ALLOWED',
  /** No rate was given and neither a tranche rate nor a reference rate is known for the currency (params: currency, grantCurrency, spentOn). */
  RateRequired = 'RATE_REQUIRED',
  /** A report without lines cannot be submitted. */
  ReportEmpty = 'REPORT_EMPTY',
  /** The indicator is not in the grant's logframe (params: indicatorId). */
  IndicatorUnknown = 'INDICATOR_UNKNOWN',
  /** The XLSX import has problems; nothing was saved. params: count, problems (JSON text of LineImportProblem[]). */
  ImportInvalid = 'IMPORT_INVALID',
  // issue 12 audit
  /** The engagement cannot move from its state to the one asked (params: from, to). */
  AuditTransitionNotAllowed = 'AUDIT_TRANSITION_NOT_ALLOWED',
  /** The engagement is closed: nothing in it can change and its auditors no longer have access. */
  AuditEngagementClosed = 'AUDIT_ENGAGEMENT_CLOSED',
  /** Someone changed the engagement since you loaded it (params: rowVersion). */
  StaleEngagement = 'STALE_ENGAGEMENT',
  /** The sample is frozen since fieldwork started: it cannot be drawn again. */
  AuditSampleFrozen = 'AUDIT_SAMPLE_FROZEN',
  /** No sample has been drawn yet. */
  AuditSampleNotDrawn = 'AUDIT_SAMPLE_NOT_DRAWN',
  /** The scope and period hold no payments or verified lines to sample (params: populationKind). */
  AuditPopulationEmpty = 'AUDIT_POPULATION_EMPTY',
  /** Monetary-unit sampling needs one currency; the population holds several (params: currencies). */
  AuditPopulationMixedCurrency = 'AUDIT_POPULATION_MIXED_CURRENCY',
  /** The sample asked is larger than the population (params: sampleSize, populationCount). */
  AuditSampleTooLarge = 'AUDIT_SAMPLE_TOO_LARGE',
  /** Materiality is larger than the population value (params: materialityMinor, populationValueMinor). */
  AuditMaterialityAbovePopulation = 'AUDIT_MATERIALITY_ABOVE_POPULATION',
  /** The item is not in this engagement’s sample (params: sampleItemId). */
  AuditItemNotInSample = 'AUDIT_ITEM_NOT_IN_SAMPLE',
  /** The grant is not in the engagement’s scope (params: grantId). */
  AuditGrantOutOfScope = 'AUDIT_GRANT_OUT_OF_SCOPE',
  /** A final report exists: a new one supersedes it and needs a reason (params: reportId, version). */
  AuditFinalReportExists = 'AUDIT_FINAL_REPORT_EXISTS',
  /** A final audit report needs an opinion; a spot check needs a conclusion (params: kind). */
  AuditOpinionRequired = 'AUDIT_OPINION_REQUIRED',
  /** The finding’s action is not in a state that allows this (params: actionState). */
  AuditFindingNotOpen = 'AUDIT_FINDING_NOT_OPEN',
  /** Completing the action of a high-priority finding needs an attachment. */
  AuditAttachmentRequired = 'AUDIT_ATTACHMENT_REQUIRED',
  /** The person who completed the action cannot also check it. */
  AuditSecondPersonRequired = 'AUDIT_SECOND_PERSON_REQUIRED',
  /** The refund of this finding was already confirmed. */
  AuditRefundAlreadyConfirmed = 'AUDIT_REFUND_ALREADY_CONFIRMED',
  /** Someone changed the finding since you loaded it (params: rowVersion). */
  StaleFinding = 'STALE_FINDING',
  /** The engagement's plan names something unknown or not allowed (a scope, grant or auditor of another agency, without the role); the fields say which. */
  AuditPlanInvalid = 'AUDIT_PLAN_INVALID',
  /** Moving to final needs a final audit report, built and not superseded. */
  AuditFinalReportMissing = 'AUDIT_FINAL_REPORT_MISSING',
  /** Closing the follow-up needs every finding's action checked (params: open). */
  AuditFindingsOpen = 'AUDIT_FINDINGS_OPEN',
  /** The engagement’s stage does not allow this on its findings (params: state, action: raise | edit | respond | follow_up). */
  AuditFindingStageClosed = 'AUDIT_FINDING_STAGE_CLOSED',
  /** Items are tested only during fieldwork and the draft report (params: state). */
  AuditFieldworkNotOpen = 'AUDIT_FIELDWORK_NOT_OPEN',
  /** Someone changed the sampled item since you loaded it (params: rowVersion). */
  StaleSampleItem = 'STALE_SAMPLE_ITEM',
  // issue 13 sanctions screening
  /** The file is not a list this format accepts: not XML, or not valid against the list's schema (params: line, detail). */
  SanctionsListInvalid = 'SANCTIONS_LIST_INVALID',
  /** An import of this list is already queued or running. */
  SanctionsImportRunning = 'SANCTIONS_IMPORT_RUNNING',
  /** No sanctions list has been imported yet: import one first. */
  ScreeningNoList = 'SCREENING_NO_LIST',
  /** The match is not in a state that allows this (params: state). */
  ScreeningMatchNotOpen = 'SCREENING_MATCH_NOT_OPEN',
  /** A second officer, not the one who proposed the resolution, must decide it. */
  ScreeningSecondOfficerRequired = 'SCREENING_SECOND_OFFICER_REQUIRED',
  /** A party to this grant or payment has a potential sanctions match not yet resolved (params: count, names). */
  ScreeningMatchUnresolved = 'SCREENING_MATCH_UNRESOLVED',
  /** A party to this grant or payment is confirmed on a sanctions list: it cannot be funded or paid (params: count, names). */
  ScreeningMatchConfirmed = 'SCREENING_MATCH_CONFIRMED',
  /** Someone changed the match since you loaded it (params: rowVersion). */
  StaleScreeningMatch = 'STALE_SCREENING_MATCH',
  /** Someone changed the screening settings since you loaded them (params: rowVersion). */
  StaleScreeningSettings = 'STALE_SCREENING_SETTINGS',
  // issue 16 transparency (IATI)
  /** The agency's IATI identity (organisation identifier, name, type) is not set: set it before previewing or publishing. */
  IatiIdentityMissing = 'IATI_IDENTITY_MISSING',
  /** The program is not marked published: mark it before publishing its file. */
  IatiProgramNotPublished = 'IATI_PROGRAM_NOT_PUBLISHED',
  /** The IATI file does not validate against the 2.03 schema and codelists: nothing was published (params: count, path, message of the first; fields list each element path). */
  IatiFileInvalid = 'IATI_FILE_INVALID',
  /** A publication of this program is already queued or running. */
  IatiPublicationRunning = 'IATI_PUBLICATION_RUNNING',
  /** Someone changed the transparency settings since you loaded them (params: rowVersion). */
  IatiStaleSettings = 'IATI_STALE_SETTINGS',
}

/**
 * What is wrong with one field, as a stable code (issue 10): clients translate by code and
 * `params`; the English `message` stays for API users. Codes from the request checks carry
 * their limits as params (`TOO_LONG` {max}, `TOO_SHORT` {min}, `NOT_ONE_OF` {values}…);
 * `INVALID` is a rule of the business whose English message is the only description yet.
 */
export enum FieldErrorCode {
  Required = 'REQUIRED',
  TooShort = 'TOO_SHORT',
  TooLong = 'TOO_LONG',
  TooSmall = 'TOO_SMALL',
  TooLarge = 'TOO_LARGE',
  TooFew = 'TOO_FEW',
  TooMany = 'TOO_MANY',
  Duplicates = 'DUPLICATES',
  NotOneOf = 'NOT_ONE_OF',
  NotText = 'NOT_TEXT',
  NotInteger = 'NOT_INTEGER',
  NotNumber = 'NOT_NUMBER',
  NotBoolean = 'NOT_BOOLEAN',
  NotList = 'NOT_LIST',
  NotObject = 'NOT_OBJECT',
  NotId = 'NOT_ID',
  NotEmail = 'NOT_EMAIL',
  NotDate = 'NOT_DATE',
  WrongFormat = 'WRONG_FORMAT',
  /** The field is not accepted by this route at all. */
  NotAccepted = 'NOT_ACCEPTED',
  /** A character that cannot be stored (NUL, a lone surrogate) or an invisible text-direction control; params: character, position. */
  InvalidCharacter = 'INVALID_CHARACTER',
  AlreadyExists = 'ALREADY_EXISTS',
  ReasonRequired = 'REASON_REQUIRED',
  Invalid = 'INVALID',
}

export interface FieldError {
  /** Dotted path of the offending field, e.g. `roles` or `email`. */
  field: string;
  code: FieldErrorCode;
  /** The English sentence, for API users; clients translate `code` with `params`. */
  message: string;
  params?: Record<string, string | number>;
}

/** A field problem as the server writes it: without a code it goes out as `INVALID`. */
export type FieldProblem = Omit<FieldError, 'code'> & { code?: FieldErrorCode };

/** The one JSON error shape every api error uses. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
  /** What the message says, as data, so a client can translate it: e.g. { account: 'grant_committed', availableMinor: '1000' }. */
  params?: Record<string, string | number>;
  /** Seconds until a throttled caller may try again. */
  retryAfterSeconds?: number;
}
