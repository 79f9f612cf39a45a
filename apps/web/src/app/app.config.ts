import {
  provideHttpClient,
  withFetch,
  withInterceptors,
} from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideServiceWorker } from '@angular/service-worker';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import {
  TitleStrategy,
  provideRouter,
  withComponentInputBinding,
  withPreloading,
} from '@angular/router';
import { appRoutes } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { reauthInterceptor } from './core/auth/reauth.interceptor';
import { I18nService } from './core/i18n/i18n.service';
import { I18nTitleStrategy } from './core/i18n/i18n-title.strategy';
import { provideIcons } from './core/icons/icons';
import { PreloadAfterSignIn } from './core/nav/preload-after-sign-in';
import { serviceWorkerRegistration } from './core/sw/service-worker';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // Only the active language's messages are downloaded (core/i18n/dictionaries.ts): the app starts once they are here.
    provideAppInitializer(() => inject(I18nService).ready),
    provideZonelessChangeDetection(),
    // The app's shell and the home page are fetched while the sign-in page waits for the visitor (core/nav/preload-after-sign-in.ts).
    provideRouter(appRoutes, withComponentInputBinding(), withPreloading(PreloadAfterSignIn)),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor, reauthInterceptor])),
    provideIcons(),
    { provide: TitleStrategy, useExisting: I18nTitleStrategy },
    {
      provide: MAT_FORM_FIELD_DEFAULT_OPTIONS,
      useValue: { appearance: 'outline' },
    },
    // The app shell (index.html, scripts, styles) cached by the Angular service worker, so the app opens without a
    // connection (lines typed then wait on the device; docs/uploads-and-offline.md). Production builds only; the api is never cached.
    // Registered once someone is signed in (core/sw/service-worker.ts): a first visit to the sign-in page does not
    // download the whole app in the background.
    provideServiceWorker('ngsw-worker.js'),
    serviceWorkerRegistration(),
  ],
};
