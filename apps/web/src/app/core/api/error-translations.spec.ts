import { HttpErrorResponse } from '@angular/common/http';
import { ErrorCode, FieldErrorCode } from '@mizan/contracts';
import { FILES } from '../i18n/catalog';
import { DICTIONARIES, translate } from '../i18n/i18n.service';
import { errorMessage, fieldErrorText, toWebError, useFieldErrorTranslation } from './api-error';

const LANGS = ['en', 'ar', 'sv'] as const;

describe('api errors in the reader’s language', () => {
  it('has a translation of every ErrorCode of the contracts in English, Arabic and Swedish', () => {
    for (const code of Object.values(ErrorCode)) {
      for (const lang of LANGS) {
        const text = FILES[lang].errors[`errors.code.${code}`];
        expect({ lang, code, present: Boolean(text?.trim()) }).toEqual({ lang, code, present: true });
      }
    }
  });

  it('has a translation of every field problem code (but INVALID, whose English message is its description) in all three', () => {
    for (const code of Object.values(FieldErrorCode).filter((c) => c !== FieldErrorCode.Invalid)) {
      for (const lang of LANGS) {
        const text = FILES[lang].errors[`errors.field.${code}`];
        expect({ lang, code, present: Boolean(text?.trim()) }).toEqual({ lang, code, present: true });
      }
    }
  });

  it('writes a field problem from its code and params, and keeps the English only for a code it does not know', () => {
    const ar = (key: Parameters<typeof translate>[2], params?: Parameters<typeof translate>[3]) => translate(DICTIONARIES, 'ar', key, params);
    const sv = (key: Parameters<typeof translate>[2], params?: Parameters<typeof translate>[3]) => translate(DICTIONARIES, 'sv', key, params);
    const tooLong = { field: 'title', code: FieldErrorCode.TooLong, params: { max: 200 }, message: 'title must be shorter than or equal to 200 characters' };
    expect(fieldErrorText(tooLong, sv)).toBe('Högst 200 tecken.');
    expect(fieldErrorText(tooLong, ar)).toContain('٢٠٠'); // Arabic-Indic digits
    expect(fieldErrorText(tooLong, ar)).not.toContain('characters');
    const unknown = { field: 'x', code: 'SOMETHING_NEW' as FieldErrorCode, message: 'Something new is wrong' };
    expect(fieldErrorText(unknown, sv)).toBe('Something new is wrong');
    const invalid = { field: 'x', code: FieldErrorCode.Invalid, message: 'A business rule' };
    expect(fieldErrorText(invalid, sv)).toBe('A business rule');
  });

  it('translates the fields of an api error as it reads them, and a banner by the error’s code', () => {
    useFieldErrorTranslation((key, params) => translate(DICTIONARIES, 'sv', key, params));
    const error = toWebError(
      new HttpErrorResponse({
        status: 400,
        error: { statusCode: 400, code: ErrorCode.ValidationFailed, message: 'Invalid language', fields: [{ field: 'language', code: FieldErrorCode.NotOneOf, params: { values: 'en, ar, sv' }, message: 'language must be one of the following values: en, ar, sv' }] },
      }),
    );
    expect(error.fields[0]).toMatchObject({ field: 'language', code: 'NOT_ONE_OF', message: 'Välj ett av: en, ar, sv.' });
    const envelope = toWebError(new HttpErrorResponse({ status: 409, error: { statusCode: 409, code: ErrorCode.EnvelopeExceeded, message: 'Only 10.00 SEK left' } }));
    expect(errorMessage(envelope)).toEqual({ key: 'errors.code.ENVELOPE_EXCEEDED', params: undefined });
    const future = toWebError(new HttpErrorResponse({ status: 409, error: { statusCode: 409, code: 'FUTURE_CODE', message: 'Words from a newer api' } }));
    expect(errorMessage(future)).toEqual({ key: 'errors.generic', params: { message: 'Words from a newer api' } });
  });
});
