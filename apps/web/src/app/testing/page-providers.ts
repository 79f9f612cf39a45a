import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, type Routes } from '@angular/router';
import { LANGUAGE_STORAGE } from '../core/i18n/i18n.service';
import { provideIcons } from '../core/icons/icons';

/**
 * What a page or dialog spec needs around the component: the http client with the testing backend (flush through
 * HttpTestingController), the icons, a router with `routes`, no animations, and the language `language()` says.
 */
export function pageTestProviders(options: { routes?: Routes; language?: () => string } = {}): (Provider | EnvironmentProviders)[] {
  const language = options.language ?? (() => 'en');
  return [
    provideHttpClient(),
    provideHttpClientTesting(),
    provideIcons(),
    provideRouter(options.routes ?? []),
    provideNoopAnimations(),
    { provide: LANGUAGE_STORAGE, useValue: { get: language, set: () => undefined } },
  ];
}
