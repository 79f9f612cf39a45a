import { countryName, countryNames } from './country-names';

describe('country names', () => {
  it('names a country in the reader’s language from its ISO code', () => {
    expect(countryName('SE', 'en-GB')).toBe('Sweden');
    expect(countryName('SE', 'sv-SE')).toBe('Sverige');
    expect(countryName('se', 'ar-u-nu-arab')).toBe('السويد');
  });

  it('keeps what is not a two-letter code as written', () => {
    expect(countryName('', 'en-GB')).toBe('');
    expect(countryName('Sweden', 'en-GB')).toBe('Sweden');
  });

  it('lists codes (an array, or the api’s "SE, GB") as names', () => {
    expect(countryNames(['SE', 'DE'], 'en-GB')).toBe('Sweden, Germany');
    expect(countryNames('SE, NO', 'sv-SE')).toBe('Sverige, Norge');
    expect(countryNames([], 'en-GB')).toBe('');
  });
});
