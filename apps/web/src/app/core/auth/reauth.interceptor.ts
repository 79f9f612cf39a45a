import {
  HttpErrorResponse,
  type HttpInterceptorFn,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { ErrorCode } from '@mizan/contracts';
import { catchError, switchMap, throwError } from 'rxjs';
import { ReauthDialogComponent } from './reauth-dialog.component';

function needsReauth(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    error.status === 403 &&
    (error.error as { code?: unknown } | null)?.code === ErrorCode.ReauthRequired
  );
}

/**
 * Any sensitive action the api guards with @RequireRecentAuth() answers 403
 * REAUTH_REQUIRED: ask for the password (and code) in a dialog, then send the
 * same request again. Cancelling hands the original error to the caller.
 */
export const reauthInterceptor: HttpInterceptorFn = (request, next) => {
  const dialog = inject(MatDialog);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (!needsReauth(error)) return throwError(() => error);
      return dialog
        .open<ReauthDialogComponent, void, boolean>(ReauthDialogComponent, {
          width: '440px',
          autoFocus: 'first-tabbable',
        })
        .afterClosed()
        .pipe(
          switchMap((confirmed) =>
            confirmed ? next(request) : throwError(() => error),
          ),
        );
    }),
  );
};
