import { HttpException } from '@nestjs/common';
import { ApiErrorBody, ErrorCode, FieldError, FieldErrorCode, FieldProblem } from '@mizan/contracts';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.UnknownFields]: 400,
  [ErrorCode.MalformedRequest]: 400,
  [ErrorCode.NotAuthenticated]: 401,
  [ErrorCode.SessionExpired]: 401,
  [ErrorCode.InvalidCredentials]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.ExportNotReady]: 409,
  [ErrorCode.TooManyAttempts]: 429,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.Internal]: 500,
  [ErrorCode.UnsupportedFileType]: 415,
  [ErrorCode.FileTooLarge]: 413,
  [ErrorCode.InvitationExpired]: 410,
  [ErrorCode.InvitationAlreadyAccepted]: 410,
  [ErrorCode.FourEyesRequired]: 403,
  [ErrorCode.EnvelopeExceeded]: 409,
  [ErrorCode.DeclarationRequired]: 403,
  [ErrorCode.ReviewNotSubmitted]: 403,
  [ErrorCode.MalformedJson]: 400,
  [ErrorCode.JsonTooDeep]: 400,
  [ErrorCode.WrongBodyShape]: 400,
  [ErrorCode.InvalidText]: 400,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.MalformedUpload]: 400,
  [ErrorCode.BadUrl]: 400,
  [ErrorCode.ParameterTooLong]: 414,
  [ErrorCode.HeadersTooLarge]: 431,
  [ErrorCode.RequestTimeout]: 408,
  // totp (issue 8)
  [ErrorCode.SecondFactorRequired]: 401,
  [ErrorCode.InvalidSecondFactor]: 401,
  [ErrorCode.ReauthRequired]: 403,
  // issue 9 lead
  [ErrorCode.LedgerInsufficientFunds]: 409,
  // issue 9 ledger
  [ErrorCode.IdempotencyKeyInvalid]: 400,
  [ErrorCode.IdempotencyKeyReused]: 409,
  [ErrorCode.IdempotencyInProgress]: 409,
  [ErrorCode.LedgerEntryAlreadyReversed]: 409,
  [ErrorCode.LedgerEntryNotReversible]: 409,
  // issue 9 payments
  [ErrorCode.SodRequesterCannotApprove]: 403,
  [ErrorCode.SodAlreadyApproved]: 403,
  [ErrorCode.SodPayerIsRequester]: 403,
  [ErrorCode.SodPayerIsApprover]: 403,
  [ErrorCode.PaymentTransitionNotAllowed]: 409,
  [ErrorCode.PaymentInBankFile]: 409,
  [ErrorCode.BankReturnBeforeExecution]: 409,
  [ErrorCode.SodBankReturnNotIndependent]: 403,
  [ErrorCode.BankFileNotReleasable]: 409,
  [ErrorCode.RateNotFound]: 422,
  [ErrorCode.DebtorAccountMissing]: 409,
  [ErrorCode.ReceiptAlreadyConfirmed]: 409,
  // issue 9 grants
  [ErrorCode.GrantContentInvalid]: 422,
  [ErrorCode.ReleaseConditionsUnmet]: 422,
  [ErrorCode.RiskPolicyViolated]: 400,
  [ErrorCode.SignatureNameMismatch]: 400,
  [ErrorCode.StaleGrant]: 409,
  // issue 10
  [ErrorCode.RolePairRefused]: 422,
  [ErrorCode.RolePairReasonRequired]: 422,
  // issue 11 verification and refunds
  [ErrorCode.StaleReport]: 409,
  [ErrorCode.LineAlreadyVerified]: 409,
  [ErrorCode.LineNotSubmitted]: 409,
  [ErrorCode.ReportNotSubmitted]: 409,
  [ErrorCode.ReportAlreadyAccepted]: 409,
  [ErrorCode.ReportLinesOpen]: 422,
  [ErrorCode.RefundAboveOutstanding]: 422,
  [ErrorCode.TrancheNotOffsettable]: 409,
  [ErrorCode.OffsetAboveTranche]: 422,
  // issue 11 reports
  [ErrorCode.ReportDueCancelled]: 409,
  [ErrorCode.ReportPeriodAccepted]: 409,
  [ErrorCode.ReportNotEditable]: 409,
  [ErrorCode.LineNotEditable]: 409,
  [ErrorCode.BudgetLineUnknown]: 422,
  [ErrorCode.CurrencyNotAllowed]: 422,
  [ErrorCode.RateRequired]: 422,
  [ErrorCode.ReportEmpty]: 422,
  [ErrorCode.IndicatorUnknown]: 422,
  [ErrorCode.ImportInvalid]: 422,
  [ErrorCode.AuditTransitionNotAllowed]: 409,
  [ErrorCode.AuditEngagementClosed]: 409,
  [ErrorCode.StaleEngagement]: 409,
  [ErrorCode.AuditSampleFrozen]: 409,
  [ErrorCode.AuditSampleNotDrawn]: 409,
  [ErrorCode.AuditPopulationEmpty]: 422,
  [ErrorCode.AuditPopulationMixedCurrency]: 422,
  [ErrorCode.AuditSampleTooLarge]: 422,
  [ErrorCode.AuditMaterialityAbovePopulation]: 422,
  [ErrorCode.AuditItemNotInSample]: 422,
  [ErrorCode.AuditGrantOutOfScope]: 422,
  [ErrorCode.AuditFinalReportExists]: 409,
  [ErrorCode.AuditOpinionRequired]: 422,
  [ErrorCode.AuditFindingNotOpen]: 409,
  [ErrorCode.AuditAttachmentRequired]: 422,
  [ErrorCode.AuditSecondPersonRequired]: 422,
  [ErrorCode.AuditRefundAlreadyConfirmed]: 409,
  [ErrorCode.StaleFinding]: 409,
  [ErrorCode.AuditPlanInvalid]: 422,
  [ErrorCode.AuditFinalReportMissing]: 409,
  [ErrorCode.AuditFindingsOpen]: 409,
  [ErrorCode.AuditFindingStageClosed]: 409,
  [ErrorCode.AuditFieldworkNotOpen]: 409,
  [ErrorCode.StaleSampleItem]: 409,
  [ErrorCode.SanctionsListInvalid]: 422,
  [ErrorCode.SanctionsImportRunning]: 409,
  [ErrorCode.ScreeningNoList]: 409,
  [ErrorCode.ScreeningMatchNotOpen]: 409,
  [ErrorCode.ScreeningSecondOfficerRequired]: 422,
  [ErrorCode.ScreeningMatchUnresolved]: 409,
  [ErrorCode.ScreeningMatchConfirmed]: 409,
  [ErrorCode.StaleScreeningMatch]: 409,
  [ErrorCode.StaleScreeningSettings]: 409,
  [ErrorCode.IatiIdentityMissing]: 409,
  [ErrorCode.IatiProgramNotPublished]: 409,
  [ErrorCode.IatiFileInvalid]: 422,
  [ErrorCode.IatiPublicationRunning]: 409,
  [ErrorCode.IatiStaleSettings]: 409,
};

/** The one typed exception of Mizan: a stable code, a human message, optional field errors. */
export class MizanException extends HttpException {
  /** Every field problem with its code (`INVALID` when the thrower named none). */
  readonly fields?: FieldError[];

  constructor(
    readonly code: ErrorCode,
    message: string,
    fields?: FieldProblem[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message, STATUS[code]);
    this.fields = fields?.map((f) => ({ ...f, code: f.code ?? FieldErrorCode.Invalid }));
  }

  /** Parameters of the message, as data (translatable by the client). */
  params?: Record<string, string | number>;

  /** A coded error whose message has parameters the client can translate with. */
  static withParams(code: ErrorCode, message: string, params: Record<string, string | number>, fields?: FieldProblem[]): MizanException {
    const exception = new MizanException(code, message, fields);
    exception.params = params;
    return exception;
  }

  toBody(): ApiErrorBody {
    return {
      statusCode: this.getStatus(),
      code: this.code,
      message: this.message,
      ...(this.fields?.length ? { fields: this.fields } : {}),
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
      ...(this.params ? { params: this.params } : {}),
    };
  }

  static notFound(what: string): MizanException {
    return new MizanException(ErrorCode.NotFound, `${what} was not found`);
  }

  static forbidden(message = 'You are not allowed to do this'): MizanException {
    return new MizanException(ErrorCode.Forbidden, message);
  }
}
