import { SetMetadata } from '@nestjs/common';

/* The error responses the api document lists (api-document.ts), and the decorator a route adds its own with. */

export const ERROR_RESPONSES_METADATA = 'mizan:openapi-error-responses';

/** HTTP statuses of errors the api document lists; each a reusable response in components.responses. */
export const ERROR_STATUSES = {
  400: { name: 'BadRequest', description: 'The request is malformed or invalid (codes VALIDATION_FAILED, UNKNOWN_FIELDS, MALFORMED_JSON, BAD_URL…); `fields` names each bad field.' },
  401: { name: 'Unauthorized', description: 'No valid session (NOT_AUTHENTICATED, SESSION_EXPIRED), wrong credentials (INVALID_CREDENTIALS), or a second factor still owed (SECOND_FACTOR_REQUIRED).' },
  403: { name: 'Forbidden', description: 'The session’s roles do not allow this (FORBIDDEN), or a rule of the domain refuses this user (REAUTH_REQUIRED, FOUR_EYES_REQUIRED, SOD_…).' },
  404: { name: 'NotFound', description: 'No such record, or not one this user may see (NOT_FOUND).' },
  409: { name: 'Conflict', description: 'The record’s current state or version does not allow this (CONFLICT, STALE_GRANT, PAYMENT_TRANSITION_NOT_ALLOWED, LEDGER_INSUFFICIENT_FUNDS…): reload and decide again.' },
  410: { name: 'Gone', description: 'The invitation expired or was already accepted (INVITATION_EXPIRED, INVITATION_ALREADY_ACCEPTED).' },
  413: { name: 'PayloadTooLarge', description: 'The body or the uploaded file is larger than the route accepts (PAYLOAD_TOO_LARGE, FILE_TOO_LARGE).' },
  415: { name: 'UnsupportedMediaType', description: 'The body’s Content-Type, or the uploaded file’s type, is not accepted here (UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_FILE_TYPE).' },
  422: { name: 'UnprocessableContent', description: 'Well-formed but against a rule of the domain (GRANT_CONTENT_INVALID, RELEASE_CONDITIONS_UNMET, RATE_NOT_FOUND); `fields` and `params` say which.' },
  429: { name: 'TooManyRequests', description: 'Too many attempts (TOO_MANY_ATTEMPTS, RATE_LIMITED); `retryAfterSeconds` says when to try again.' },
} as const;
export type ErrorStatus = keyof typeof ERROR_STATUSES;

/**
 * Errors a route gives beyond those its access rule, parameters and body imply
 * (400 always; 401 and 403 with a permission; 404 with a path id; 409 for a
 * change to a record or with a body; 413 and 415 with a body): e.g. 401 and 429 for sign-in, 422 for a rule of the domain.
 */
export const ErrorResponses = (...statuses: ErrorStatus[]): MethodDecorator => SetMetadata(ERROR_RESPONSES_METADATA, statuses);
