import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import type { Permission } from '@mizan/contracts';
import { safeReturnUrl } from './return-url';
import { SessionService } from './session.service';

/** Signed-in users pass; others go to the sign-in page and come back afterwards. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  const session = await inject(SessionService).ensureLoaded();
  if (session) return true;
  return router.createUrlTree(['/sign-in'], {
    queryParams: { returnUrl: state.url },
  });
};

/** The sign-in page is for guests; a signed-in user goes where they were heading. */
export const guestGuard: CanActivateFn = async (route) => {
  const router = inject(Router);
  const session = await inject(SessionService).ensureLoaded();
  if (!session) return true;
  return router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')));
};

/** Passes when the session holds at least one of `anyOf`; otherwise shows the "not allowed" page. */
export function permissionGuard(anyOf: readonly Permission[]): CanActivateFn {
  return async (_route, state) => {
    const router = inject(Router);
    const sessions = inject(SessionService);
    const session = await sessions.ensureLoaded();
    if (!session) {
      return router.createUrlTree(['/sign-in'], {
        queryParams: { returnUrl: state.url },
      });
    }
    return sessions.hasAny(anyOf)
      ? true
      : router.createUrlTree(['/not-allowed']);
  };
}
