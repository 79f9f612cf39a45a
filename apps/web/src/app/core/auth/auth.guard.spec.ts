import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ErrorCode, type SessionInfo } from '@mizan/contracts';
import { sessionFor } from '../../testing/session.fixture';
import { authGuard, guestGuard, permissionGuard } from './auth.guard';
import { authInterceptor } from './auth.interceptor';
import { SessionService } from './session.service';

@Component({
  selector: 'mz-blank',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class BlankComponent {}

const SESSION_URL = '/api/v1/auth/session/probe';
const signedIn = (session: SessionInfo) => ({ signedIn: true, session });

function setUp(): { router: Router; http: HttpTestingController } {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      provideRouter([
        {
          path: 'sign-in',
          canActivate: [guestGuard],
          component: BlankComponent,
        },
        { path: 'not-allowed', component: BlankComponent },
        {
          path: '',
          canActivate: [authGuard],
          children: [
            { path: 'home', component: BlankComponent },
            {
              path: 'trail',
              canActivate: [permissionGuard(['trail.read'])],
              component: BlankComponent,
            },
          ],
        },
      ]),
    ],
  });
  return {
    router: TestBed.inject(Router),
    http: TestBed.inject(HttpTestingController),
  };
}

/** Lets the guard's awaited session request go out before the test answers it. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

describe('route guards', () => {
  it('sends a signed-out visitor (the probe says so, without an error status) to sign-in, keeping where they were going', async () => {
    const { router, http } = setUp();
    const navigation = router.navigateByUrl('/trail?actor=admin');
    await tick();
    http.expectOne(SESSION_URL).flush({ signedIn: false, session: null });
    await navigation;
    expect(router.url).toBe('/sign-in?returnUrl=%2Ftrail%3Factor%3Dadmin');
    http.verify();
  });

  it('sends a visitor without a session to sign-in also when the api answers 401', async () => {
    const { router, http } = setUp();
    const navigation = router.navigateByUrl('/trail?actor=admin');
    await tick();
    http.expectOne(SESSION_URL).flush(
      {
        statusCode: 401,
        code: ErrorCode.NotAuthenticated,
        message: 'Not signed in',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await navigation;
    expect(router.url).toBe('/sign-in?returnUrl=%2Ftrail%3Factor%3Dadmin');
    http.verify();
  });

  it('lets a signed-in auditor open the trail', async () => {
    const { router, http } = setUp();
    const navigation = router.navigateByUrl('/trail');
    await tick();
    http.expectOne(SESSION_URL).flush(signedIn(sessionFor(['auditor'])));
    expect(await navigation).toBe(true);
    expect(router.url).toBe('/trail');
  });

  it('shows "not allowed" to a signed-in user without the page permission', async () => {
    const { router, http } = setUp();
    const navigation = router.navigateByUrl('/trail');
    await tick();
    http.expectOne(SESSION_URL).flush(signedIn(sessionFor(['applicant'])));
    await navigation;
    expect(router.url).toBe('/not-allowed');
  });

  it('asks the api only once for the session', async () => {
    const { router, http } = setUp();
    const first = router.navigateByUrl('/home');
    await tick();
    http.expectOne(SESSION_URL).flush(signedIn(sessionFor(['officer'])));
    await first;
    await router.navigateByUrl('/trail');
    http.expectNone(SESSION_URL);
    expect(router.url).toBe('/not-allowed');
  });

  it('sends a signed-in user away from the sign-in page to their return address', async () => {
    const { router, http } = setUp();
    const navigation = router.navigateByUrl('/sign-in?returnUrl=%2Ftrail');
    await tick();
    http.expectOne(SESSION_URL).flush(signedIn(sessionFor(['admin'])));
    await navigation;
    expect(router.url).toBe('/trail');
  });

  it('never follows a return address to another site', async () => {
    const { router, http } = setUp();
    const navigation = router.navigateByUrl(
      '/sign-in?returnUrl=%2F%2Fevil.example',
    );
    await tick();
    http.expectOne(SESSION_URL).flush(signedIn(sessionFor(['admin'])));
    await navigation;
    expect(router.url).toBe('/home');
  });
});

describe('authInterceptor', () => {
  it('on a 401 from an api call, forgets the session and returns to sign-in', async () => {
    const { router, http } = setUp();
    const navigation = router.navigateByUrl('/trail');
    await tick();
    http.expectOne(SESSION_URL).flush(signedIn(sessionFor(['auditor'])));
    await navigation;
    const sessions = TestBed.inject(SessionService);
    expect(sessions.signedIn()).toBe(true);

    TestBed.inject(HttpClient)
      .get('/api/v1/trail')
      .subscribe({ error: () => undefined });
    http
      .expectOne('/api/v1/trail')
      .flush(
        { statusCode: 401, code: ErrorCode.SessionExpired, message: 'Expired' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await tick();

    expect(sessions.signedIn()).toBe(false);
    expect(router.url).toBe('/sign-in?returnUrl=%2Ftrail&reason=expired');
  });

  it('leaves a 401 from sign-in to the sign-in form', async () => {
    const { router, http } = setUp();
    await router.navigateByUrl('/not-allowed');
    TestBed.inject(HttpClient)
      .post('/api/v1/auth/sign-in', {})
      .subscribe({ error: () => undefined });
    http.expectOne('/api/v1/auth/sign-in').flush(
      {
        statusCode: 401,
        code: ErrorCode.InvalidCredentials,
        message: 'Wrong',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await tick();
    expect(router.url).toBe('/not-allowed');
  });
});
