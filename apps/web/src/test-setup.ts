import { ar, en, sv } from './app/core/i18n/catalog';
import { provideDictionaries } from './app/core/i18n/dictionaries';
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

// The app loads one language's messages when it starts (dictionaries.ts); specs get all three at once.
provideDictionaries({ en, ar, sv });
