import { FieldErrorCode, SCREENING_NAME_MAX } from '@mizan/contracts';
import { screeningNameProblems } from './screening-checks.service';
import { screeningSettingsProblems } from './screening-settings.service';

describe('screeningNameProblems', () => {
  it('accepts a name of 1..SCREENING_NAME_MAX characters after trimming, in any script, with an optional kind', () => {
    expect(screeningNameProblems('Izzat Ibrahim al-Duri', undefined)).toEqual([]);
    expect(screeningNameProblems('  عزت ابراهيم الدوري  ', 'person')).toEqual([]);
    expect(screeningNameProblems(` ${'x'.repeat(SCREENING_NAME_MAX)} `, 'entity')).toEqual([]);
    // Characters outside the BMP count once.
    expect(screeningNameProblems('𝒜'.repeat(SCREENING_NAME_MAX), 'unknown')).toEqual([]);
  });

  it('names the field and the problem', () => {
    const code = (name: unknown, kind?: unknown) => screeningNameProblems(name, kind).map((p) => [p.field, p.code]);
    expect(code('   ')).toEqual([['name', FieldErrorCode.Required]]);
    expect(code('x'.repeat(SCREENING_NAME_MAX + 1))).toEqual([['name', FieldErrorCode.TooLong]]);
    expect(code('Izzat\u0000')).toEqual([['name', FieldErrorCode.InvalidCharacter]]);
    expect(code('Izzat \ud800')).toEqual([['name', FieldErrorCode.InvalidCharacter]]);
    expect(code('Izzat \u202e')).toEqual([['name', FieldErrorCode.InvalidCharacter]]);
    expect(code(42)).toEqual([['name', FieldErrorCode.NotText]]);
    expect(code('Izzat', 'company')).toEqual([['kind', FieldErrorCode.NotOneOf]]);
    expect(screeningNameProblems('Izzat \u202e', undefined)[0].params).toEqual({ character: 'U+202E RIGHT-TO-LEFT OVERRIDE', position: 7 });
  });
});

describe('screeningSettingsProblems', () => {
  it('accepts 0.5 ≤ threshold ≤ highScore ≤ 1 with at most four decimals', () => {
    expect(screeningSettingsProblems({ threshold: 0.5, highScore: 0.5, rowVersion: 0 })).toEqual([]);
    expect(screeningSettingsProblems({ threshold: 0.8234, highScore: 1, rowVersion: 3 })).toEqual([]);
  });

  it('names each bad field', () => {
    const fields = (input: Record<string, unknown>) => screeningSettingsProblems(input).map((p) => [p.field, p.code]);
    expect(fields({ threshold: 0.49, highScore: 0.9, rowVersion: 0 })).toEqual([['threshold', FieldErrorCode.TooSmall]]);
    expect(fields({ threshold: 1.01, highScore: 1, rowVersion: 0 })).toEqual([['threshold', FieldErrorCode.TooLarge]]);
    expect(fields({ threshold: 0.9, highScore: 0.85, rowVersion: 0 })).toEqual([['highScore', FieldErrorCode.TooSmall]]);
    expect(fields({ threshold: 0.8, highScore: 1.2, rowVersion: 0 })).toEqual([['highScore', FieldErrorCode.TooLarge]]);
    expect(fields({ threshold: 0.82345, highScore: Number.NaN, rowVersion: -1 })).toEqual([
      ['threshold', FieldErrorCode.NotNumber],
      ['highScore', FieldErrorCode.NotNumber],
      ['rowVersion', FieldErrorCode.NotInteger],
    ]);
    expect(fields({ threshold: '0.8', highScore: 0.9, rowVersion: 1.5 })).toEqual([
      ['threshold', FieldErrorCode.NotNumber],
      ['rowVersion', FieldErrorCode.NotInteger],
    ]);
  });
});
