import { ErrorCode } from '@mizan/contracts';
import { errorMessage, type WebError } from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import type { TranslationParams } from '../../../core/i18n/i18n.service';

export interface Problem {
  key: TranslationKey;
  params?: TranslationParams;
}

/**
 * The sentence for an error of the intake pages: the app-wide mapping, except
 * for refused files and conflicts, whose api messages already say exactly what
 * is wrong ("… is really an executable program", "already uploaded as …").
 */
export function problemOf(error: WebError): Problem {
  switch (error.code) {
    case ErrorCode.UnsupportedFileType:
      return {
        key: 'applicant.upload.unsupported',
        params: { message: error.message },
      };
    case ErrorCode.FileTooLarge:
      return {
        key: 'applicant.upload.tooLarge',
        params: { message: error.message },
      };
    case ErrorCode.Conflict:
      return { key: 'applicant.conflict', params: { message: error.message } };
    case ErrorCode.InvitationExpired:
      return { key: 'applicant.invite.expired' };
    case ErrorCode.InvitationAlreadyAccepted:
      return { key: 'applicant.invite.alreadyAccepted' };
    default:
      return errorMessage(error);
  }
}

/** The field errors of a failed request that no form control took, as one line. */
export function unmatchedProblem(
  fields: readonly { field: string; message: string }[],
): Problem {
  return {
    key: 'errors.generic',
    params: {
      message: fields.map((f) => `${f.field}: ${f.message}`).join('; '),
    },
  };
}

/** "… (version 7 is current) …" → 7. */
export function currentVersionIn(message: string): number | null {
  const match = /version (\d+)/.exec(message);
  return match ? Number(match[1]) : null;
}
