import { HOSTLAND_COUNTRIES } from '@mizan/domain';
import { countryName } from '../../../core/i18n/country-names';

export { countryName };

/** Where most diaspora organizations of the agency are registered: offered first. */
export const FIRST_COUNTRIES = ['SE', 'GB', 'DE'] as const;

export interface CountryOption {
  code: string;
  name: string;
}

/** SE, GB, DE first, then the other EU/EEA countries and Switzerland sorted by their name in `locale`. */
export function hostlandCountryOptions(locale: string): {
  first: CountryOption[];
  others: CountryOption[];
} {
  const option = (code: string): CountryOption => ({
    code,
    name: countryName(code, locale),
  });
  const first = FIRST_COUNTRIES.map(option);
  const collator = new Intl.Collator(locale);
  const others = HOSTLAND_COUNTRIES.filter(
    (c) => !(FIRST_COUNTRIES as readonly string[]).includes(c),
  )
    .map(option)
    .sort((a, b) => collator.compare(a.name, b.name));
  return { first, others };
}
