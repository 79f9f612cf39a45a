import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { ErrorCode } from '@mizan/contracts';
import { firstValueFrom, of } from 'rxjs';
import { reauthInterceptor } from './reauth.interceptor';

const REAUTH_BODY = {
  statusCode: 403,
  code: ErrorCode.ReauthRequired,
  message: 'Confirm it is you',
};

function setUp(confirmed: boolean): {
  http: HttpClient;
  backend: HttpTestingController;
  opened: jest.Mock;
} {
  const opened = jest.fn(() => ({ afterClosed: () => of(confirmed) }));
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([reauthInterceptor])),
      provideHttpClientTesting(),
      { provide: MatDialog, useValue: { open: opened } },
    ],
  });
  return {
    http: TestBed.inject(HttpClient),
    backend: TestBed.inject(HttpTestingController),
    opened,
  };
}

/** The dialog is imported on first use: let that settle. */
function dialogLoaded(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

describe('reauthInterceptor', () => {
  it('on REAUTH_REQUIRED asks in the dialog and sends the same request again', async () => {
    const { http, backend, opened } = setUp(true);
    const result = firstValueFrom(
      http.put<{ ok: boolean }>('/api/v1/users/1/roles', { roles: ['officer'], reason: 'r' }),
    );
    backend
      .expectOne('/api/v1/users/1/roles')
      .flush(REAUTH_BODY, { status: 403, statusText: 'Forbidden' });
    await dialogLoaded();
    const retry = backend.expectOne('/api/v1/users/1/roles');
    expect(retry.request.body).toEqual({ roles: ['officer'], reason: 'r' });
    retry.flush({ ok: true });
    await expect(result).resolves.toEqual({ ok: true });
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('hands the original error back when the dialog is cancelled, and leaves other 403s alone', async () => {
    const { http, backend, opened } = setUp(false);
    const cancelled = firstValueFrom(http.post('/api/v1/decisions/1/confirm', null));
    backend
      .expectOne('/api/v1/decisions/1/confirm')
      .flush(REAUTH_BODY, { status: 403, statusText: 'Forbidden' });
    await expect(cancelled).rejects.toMatchObject({ status: 403, error: { code: ErrorCode.ReauthRequired } });
    backend.expectNone('/api/v1/decisions/1/confirm');

    const forbidden = firstValueFrom(http.get('/api/v1/trail'));
    backend
      .expectOne('/api/v1/trail')
      .flush({ statusCode: 403, code: ErrorCode.Forbidden, message: 'no' }, { status: 403, statusText: 'Forbidden' });
    await expect(forbidden).rejects.toMatchObject({ status: 403 });
    expect(opened).toHaveBeenCalledTimes(1);
  });
});
