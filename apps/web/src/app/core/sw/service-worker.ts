import { ApplicationRef, inject, isDevMode, type Provider } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { SwRegistrationOptions } from '@angular/service-worker';
import { filter, from, switchMap, take, type Observable } from 'rxjs';
import { SessionService } from '../auth/session.service';

/**
 * When the service worker is registered: once someone is signed in and the app is stable. Registering it makes it
 * download every script of the app (ngsw-config.json, "prefetch": that is what lets a partner open the app and type
 * lines without a connection, docs/uploads-and-offline.md), about 0.9 MB compressed: a visitor who only opens the
 * sign-in page on a phone is not made to pay for that.
 */
export function whenSignedInAndStable(): Observable<unknown> {
  const session = inject(SessionService);
  const app = inject(ApplicationRef);
  return toObservable(session.signedIn).pipe(
    filter((signedIn) => signedIn),
    take(1),
    switchMap(() => from(app.whenStable())),
  );
}

/** Overrides provideServiceWorker's options (after it in the providers): production only, registered as above. */
export function serviceWorkerRegistration(): Provider {
  return {
    provide: SwRegistrationOptions,
    useFactory: (): SwRegistrationOptions => {
      const ready = whenSignedInAndStable();
      return { enabled: !isDevMode(), registrationStrategy: () => ready };
    },
  };
}
