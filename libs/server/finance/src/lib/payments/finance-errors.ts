import { ErrorCode } from '@mizan/contracts';
import { FxError, TransitionError, isIsoDate } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';

/** A 400 naming the field and the problem, e.g. `rate: RATE_ZERO`. */
export function invalid(field: string, message: string): MizanException {
  return new MizanException(ErrorCode.ValidationFailed, `Invalid ${field}: ${message}`, [{ field, message }]);
}

/** A domain FX problem (rate zero, not a number, too many decimals; a bad cell of a rate file) as a 400 naming the field. */
export function fxProblem(field: string, error: FxError): MizanException {
  const where = error.params['row'] !== undefined ? ` at row ${error.params['row']}, column ${error.params['column']}` : '';
  const message = `${error.code}${where}${error.params['value'] !== undefined ? ` (${error.params['value']})` : ''}`;
  const params: Record<string, string | number> = { problem: error.code };
  for (const [key, value] of Object.entries(error.params)) params[key] = value;
  return MizanException.withParams(ErrorCode.ValidationFailed, `Invalid ${field}: ${message}`, params, [{ field, message }]);
}

/** A transition the payment's state machine refuses: 409 naming the state and what is allowed. */
export function transitionProblem(error: TransitionError): MizanException {
  const { from, action, allowed } = error.params;
  return MizanException.withParams(
    ErrorCode.PaymentTransitionNotAllowed,
    `The payment is ${from}: it cannot ${action.replace(/_/g, ' ')} (allowed: ${allowed.join(', ') || 'nothing'})`,
    { from, action, allowed: allowed.join(',') },
  );
}

/** Checks a calendar date field ("2026-12-31"), returning it. */
export function isoDate(field: string, value: string): string {
  if (!isIsoDate(value)) throw invalid(field, `${field} must be a calendar date like 2026-12-31`);
  return value;
}

/** Today's date in UTC (value dates and rate dates are bank days, compared as ISO strings). */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

