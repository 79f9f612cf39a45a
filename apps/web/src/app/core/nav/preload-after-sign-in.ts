import { Injectable } from '@angular/core';
import type { PreloadingStrategy, Route } from '@angular/router';
import { type Observable, of } from 'rxjs';

/** Route data flag: the route's code is fetched in the background once a page is up (PreloadAfterSignIn). */
export const PRELOAD = 'preloadAfterSignIn';

/**
 * Fetches, once the first page has opened, the code of the routes flagged with PRELOAD: the app's shell and the
 * home page, what every visitor opens after signing in. On a slow link they are then here (or on their way) while
 * the visitor types on the sign-in page, instead of being fetched after "Sign in" (docs/benchmarks.md, web on a
 * slow link). Nothing else is preloaded: the other pages come when opened, or with the service worker.
 */
@Injectable({ providedIn: 'root' })
export class PreloadAfterSignIn implements PreloadingStrategy {
  preload(route: Route, load: () => Observable<unknown>): Observable<unknown> {
    return route.data?.[PRELOAD] === true ? load() : of(null);
  }
}
