/*
 * The Arabic messages, the areas the first page (sign-in) needs: loaded before the app starts.
 * Imported only through `loadDictionary` (dictionaries.ts), so the build makes it a chunk of its own, and by
 * catalog.ts for the catalog checks and the key type.
 */
import core from '../../../i18n/ar/core.json';
import security from '../../../i18n/ar/security.json';
import errors from '../../../i18n/ar/errors.json';

export const files = { core, security, errors };

export const dictionary = {
  ...core,
  ...security,
  ...errors,
};
