import {
  HttpErrorResponse,
  type HttpInterceptorFn,
} from '@angular/common/http';
import { inject, Injector } from '@angular/core';
import { ErrorCode } from '@mizan/contracts';
import { catchError, firstValueFrom, from, switchMap, throwError } from 'rxjs';

function needsReauth(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    error.status === 403 &&
    (error.error as { code?: unknown } | null)?.code === ErrorCode.ReauthRequired
  );
}

/**
 * The dialog (and Material's dialog with its overlay) is downloaded only when first needed, so none of it is in what
 * the sign-in page loads (docs/benchmarks.md, web on a slow link).
 */
async function askAgain(injector: Injector): Promise<boolean> {
  const [{ MatDialog }, { ReauthDialogComponent }] = await Promise.all([
    import('@angular/material/dialog'),
    import('./reauth-dialog.component'),
  ]);
  const ref = injector
    .get(MatDialog)
    .open<InstanceType<typeof ReauthDialogComponent>, void, boolean>(ReauthDialogComponent, {
      width: '440px',
      autoFocus: 'first-tabbable',
    });
  return (await firstValueFrom(ref.afterClosed(), { defaultValue: false })) === true;
}

/**
 * Any sensitive action the api guards with @RequireRecentAuth() answers 403
 * REAUTH_REQUIRED: ask for the password (and code) in a dialog, then send the
 * same request again. Cancelling hands the original error to the caller.
 */
export const reauthInterceptor: HttpInterceptorFn = (request, next) => {
  const injector = inject(Injector);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (!needsReauth(error)) return throwError(() => error);
      return from(askAgain(injector)).pipe(
        switchMap((confirmed) =>
          confirmed ? next(request) : throwError(() => error),
        ),
      );
    }),
  );
};
