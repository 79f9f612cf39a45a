import { HttpErrorResponse } from '@angular/common/http';
import type { AbstractControl, FormGroup } from '@angular/forms';
import {
  ErrorCode,
  FieldErrorCode,
  type ApiErrorBody,
  type FieldError,
} from '@mizan/contracts';
import type { TranslationKey } from '../i18n/catalog';
import { isCatalogKey } from '../i18n/dictionaries';
import type { TranslationParams } from '../i18n/i18n.service';

/** The catalog key of an api error code (`errors.code.<CODE>`), when the web knows the code. */
export function errorCodeKey(code: string): TranslationKey | null {
  const key = `errors.code.${code}`;
  return isCatalogKey(key) ? key : null;
}

/**
 * The catalog key of a field problem's code (`errors.field.<CODE>`); null for `INVALID` (a business
 * rule whose English message is its only description yet) and for a code this web does not know.
 */
export function fieldErrorKey(field: Pick<FieldError, 'code'>): TranslationKey | null {
  if (!field.code || field.code === FieldErrorCode.Invalid) return null;
  const key = `errors.field.${field.code}`;
  return isCatalogKey(key) ? key : null;
}

type Translate = (key: TranslationKey, params?: TranslationParams) => string;
let translateField: Translate | null = null;

/**
 * Set once by I18nService: from then on `toWebError` writes each field problem's message in the
 * current language from its code and params (the English message only for a code it does not know),
 * so every mat-error and banner that shows `field.message` shows it translated.
 */
export function useFieldErrorTranslation(translate: Translate): void {
  translateField = translate;
}

/** A field problem in words: translated by code and params, or the api's English for an unknown code. */
export function fieldErrorText(field: FieldError, translate: Translate | null = translateField): string {
  const key = fieldErrorKey(field);
  return key && translate ? translate(key, field.params) : field.message;
}

/** What the web knows about a failed call: the api's error body, or a network failure. */
export interface WebError {
  status: number;
  code: ErrorCode | 'NETWORK_ERROR' | 'UNKNOWN_ERROR';
  message: string;
  fields: FieldError[];
  /** The api's `params`: what the message says, as data. */
  params?: Record<string, string | number>;
  retryAfterSeconds?: number;
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
        ...(body.params ? { params: body.params } : {}),
        fields: (body.fields ?? []).map((f) => ({ ...f, message: fieldErrorText(f) })),
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
    default: {
      // By code and params (issue 10); the api's English words only for a code this web does not know.
      const key = errorCodeKey(error.code);
      return key ? { key, params: error.params } : { key: 'errors.generic', params: { message: error.message } };
    }
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
