import { HOSTLAND_COUNTRIES } from '@mizan/domain';
import { countryName, hostlandCountryOptions } from './countries';

describe('hostlandCountryOptions', () => {
  it('offers Sweden, the UK and Germany first, then every other hostland country by name', () => {
    const { first, others } = hostlandCountryOptions('en-GB');
    expect(first.map((c) => c.code)).toEqual(['SE', 'GB', 'DE']);
    expect(first[0].name).toBe('Sweden');
    expect(others.map((c) => c.code)).not.toContain('SE');
    expect(first.length + others.length).toBe(HOSTLAND_COUNTRIES.length);
    const names = others.map((c) => c.name);
    expect(names).toEqual(
      [...names].sort((a, b) => a.localeCompare(b, 'en-GB')),
    );
  });

  it('names countries in the user’s language', () => {
    expect(countryName('SE', 'sv-SE')).toBe('Sverige');
    expect(countryName('SE', 'ar')).toBe('السويد');
  });
});
