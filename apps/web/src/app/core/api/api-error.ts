import { HttpErrorResponse } from '@angular/common/http';
import type { AbstractControl, FormGroup } from '@angular/forms';
import {
  ErrorCode,
  type ApiErrorBody,
  type FieldError,
} from '@mizan/contracts';
import type { TranslationKey } from '../i18n/catalog';
import type { TranslationParams } from '../i18n/i18n.service';

/** What the web knows about a failed call: the api's error body, or a network failure. */
export interface WebError {
  status: number;
  code: ErrorCode | 'NETWORK_ERROR' | 'UNKNOWN_ERROR';
  message: string;
  fields: FieldError[];
  retryAfterSeconds?: number;
  /** The api's message parameters, as data (ApiErrorBody.params). */
  params?: Record<string, string | number>;
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).code === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}

export function toWebError(error: unknown): WebError {
  if (error instanceof HttpErrorResponse) {
    if (isApiErrorBody(error.error)) {
      const body = error.error;
      const header = Number(error.headers?.get('Retry-After'));
      return {
        status: error.status,
        code: body.code,
        message: body.message,
        fields: body.fields ?? [],
        ...(body.params ? { params: body.params } : {}),
        retryAfterSeconds:
          body.retryAfterSeconds ??
          (Number.isFinite(header) && header > 0 ? header : undefined),
      };
    }
    if (error.status === 0) {
      return {
        status: 0,
        code: 'NETWORK_ERROR',
        message: error.message,
        fields: [],
      };
    }
    return {
      status: error.status,
      code: 'UNKNOWN_ERROR',
      message: error.statusText || error.message,
      fields: [],
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 0, code: 'UNKNOWN_ERROR', message, fields: [] };
}

/** The translated sentence for an error that is not about one field. */
export function errorMessage(error: WebError): {
  key: TranslationKey;
  params?: TranslationParams;
} {
  switch (error.code) {
    case ErrorCode.InvalidCredentials:
      return { key: 'errors.invalidCredentials' };
    case ErrorCode.TooManyAttempts:
      return {
        key: 'errors.tooManyAttempts',
        params: { seconds: error.retryAfterSeconds ?? 60 },
      };
    case ErrorCode.RateLimited:
      return { key: 'errors.rateLimited' };
    case ErrorCode.Forbidden:
      return { key: 'errors.forbidden' };
    case ErrorCode.NotFound:
      return { key: 'errors.notFound' };
    case ErrorCode.Conflict:
      return { key: 'errors.conflict', params: { message: error.message } };
    case ErrorCode.NotAuthenticated:
    case ErrorCode.SessionExpired:
    case ErrorCode.SecondFactorRequired:
      return { key: 'errors.sessionEnded' };
    case ErrorCode.InvalidSecondFactor:
      return { key: 'security.errors.invalidCode' };
    case ErrorCode.ReauthRequired:
      return { key: 'security.errors.reauthRequired' };
    case ErrorCode.ValidationFailed:
    case ErrorCode.UnknownFields:
    case ErrorCode.InvalidText:
    case ErrorCode.WrongBodyShape:
      return error.fields.length > 0
        ? { key: 'errors.validation' }
        : { key: 'errors.generic', params: { message: error.message } };
    case 'NETWORK_ERROR':
      return { key: 'errors.network' };
    default:
      return { key: 'errors.generic', params: { message: error.message } };
  }
}

/**
 * Puts each field error on the form control of the same name (shown by its mat-error)
 * and returns the ones no control took.
 */
export function applyFieldErrors(
  form: FormGroup,
  fields: readonly FieldError[],
): FieldError[] {
  const unmatched: FieldError[] = [];
  for (const field of fields) {
    const control: AbstractControl | null = form.get(field.field);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: field.message });
      control.markAsTouched();
    } else {
      unmatched.push(field);
    }
  }
  return unmatched;
}
