import {
  HttpErrorResponse,
  type HttpInterceptorFn,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { API_PREFIX, ApiPaths, TwoFactorPaths } from '@mizan/contracts';
import { catchError, throwError } from 'rxjs';
import { apiUrl, isApiUrl } from '../api/api-url';
import { SessionService } from './session.service';

/** Auth calls answer 401 as part of their normal job (wrong password or code, not signed in). */
const AUTH_URLS: ReadonlySet<string> = new Set([
  ...[ApiPaths.signIn, ApiPaths.signOut, ApiPaths.session, ApiPaths.sessionProbe].map((path) =>
    apiUrl(path),
  ),
  ...[
    TwoFactorPaths.verify,
    TwoFactorPaths.reauth,
    TwoFactorPaths.enrolmentConfirm,
  ].map((path) => `${API_PREFIX}/${path}`),
]);

/** A 401 from any other api call means the session is gone: back to sign-in, keeping the place. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const router = inject(Router);
  const session = inject(SessionService);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        isApiUrl(request.url) &&
        !AUTH_URLS.has(request.url)
      ) {
        session.clear();
        const returnUrl = router.url.startsWith('/sign-in')
          ? undefined
          : router.url;
        void router.navigate(['/sign-in'], {
          queryParams: { returnUrl, reason: 'expired' },
        });
      }
      return throwError(() => error);
    }),
  );
};
