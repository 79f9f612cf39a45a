import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ErrorCode } from '@mizan/contracts';
import { LANGUAGE_STORAGE } from '../../core/i18n/i18n.service';
import { provideIcons } from '../../core/icons/icons';
import { sessionFor } from '../../testing/session.fixture';
import { SIGN_IN_SHELL_ID } from './sign-in-shell';
import { SignInComponent } from './sign-in.component';

@Component({
  selector: 'mz-blank',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class BlankComponent {}

async function setUp(url = '/sign-in'): Promise<{
  root: HTMLElement;
  http: HttpTestingController;
  router: Router;
  stable: () => Promise<void>;
}> {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideIcons(),
      provideRouter(
        [
          { path: 'sign-in', component: SignInComponent },
          { path: '**', component: BlankComponent },
        ],
        withComponentInputBinding(),
      ),
      {
        provide: LANGUAGE_STORAGE,
        useValue: { get: () => 'en', set: () => undefined },
      },
    ],
  });
  const harness = await RouterTestingHarness.create(url);
  return {
    root: harness.routeNativeElement as HTMLElement,
    http: TestBed.inject(HttpTestingController),
    router: TestBed.inject(Router),
    stable: () => harness.fixture.whenStable(),
  };
}

function type(root: HTMLElement, testId: string, value: string): void {
  const input = root.querySelector<HTMLInputElement>(
    `[data-testid="${testId}"]`,
  );
  if (!input) throw new Error(`no ${testId}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

function submit(root: HTMLElement): void {
  root
    .querySelector<HTMLButtonElement>('[data-testid="sign-in-submit"]')
    ?.click();
}

describe('SignInComponent', () => {
  it('names the missing fields without calling the api', async () => {
    const { root, http, stable } = await setUp();
    submit(root);
    await stable();
    expect(root.textContent).toContain('Enter your email address.');
    expect(root.textContent).toContain('Enter your password.');
    http.expectNone('/api/v1/auth/sign-in');
  });

  it('says the email or password is wrong, the same way for both', async () => {
    const { root, http, stable } = await setUp();
    type(root, 'sign-in-email', 'admin@demo.mizan.local');
    type(root, 'sign-in-password', 'wrong');
    submit(root);
    const request = http.expectOne('/api/v1/auth/sign-in');
    expect(request.request.body).toEqual({
      email: 'admin@demo.mizan.local',
      password: 'wrong',
    });
    request.flush(
      {
        statusCode: 401,
        code: ErrorCode.InvalidCredentials,
        message: 'Invalid email or password',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await stable();
    const error = root.querySelector('[data-testid="sign-in-error"]');
    expect(error?.textContent?.trim()).toBe(
      'The email or password is not correct.',
    );
    expect(error?.getAttribute('role')).toBe('alert');
  });

  it('tells a throttled user how long to wait', async () => {
    const { root, http, stable } = await setUp();
    type(root, 'sign-in-email', 'admin@demo.mizan.local');
    type(root, 'sign-in-password', 'wrong');
    submit(root);
    http.expectOne('/api/v1/auth/sign-in').flush(
      {
        statusCode: 429,
        code: ErrorCode.TooManyAttempts,
        message: 'Slow down',
        retryAfterSeconds: 37,
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await stable();
    expect(
      root.querySelector('[data-testid="sign-in-error"]')?.textContent?.trim(),
    ).toBe('Too many attempts, try again in 37 seconds.');
  });

  it('goes to the return address after signing in', async () => {
    const { root, http, router, stable } = await setUp(
      '/sign-in?returnUrl=%2Ftrail%3Fpage%3D2',
    );
    type(root, 'sign-in-email', 'auditor@demo.mizan.local');
    type(root, 'sign-in-password', 'mizan-demo-2026');
    submit(root);
    http.expectOne('/api/v1/auth/sign-in').flush(sessionFor(['auditor']));
    await stable();
    expect(router.url).toBe('/trail?page=2');
  });

  it('asks for the code after the password, then goes on; a wrong code keeps the step with the reason', async () => {
    const { root, http, router, stable } = await setUp(
      '/sign-in?returnUrl=%2Ftrail',
    );
    type(root, 'sign-in-email', 'auditor@demo.mizan.local');
    type(root, 'sign-in-password', 'mizan-demo-2026');
    submit(root);
    http
      .expectOne('/api/v1/auth/sign-in')
      .flush({ ...sessionFor(['auditor']), permissions: [], stage: 'second_factor' });
    await stable();
    expect(router.url).toBe('/sign-in?returnUrl=%2Ftrail');
    const code = root.querySelector<HTMLInputElement>('[data-testid="sign-in-code"]');
    expect(code?.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code?.getAttribute('inputmode')).toBe('numeric');

    type(root, 'sign-in-code', '111111');
    root.querySelector<HTMLButtonElement>('[data-testid="sign-in-code-submit"]')?.click();
    const wrong = http.expectOne('/api/v1/auth/two-factor/verify');
    expect(wrong.request.body).toEqual({ code: '111111' });
    wrong.flush(
      { statusCode: 401, code: ErrorCode.InvalidSecondFactor, message: 'wrong', fields: [{ field: 'code', message: 'wrong' }] },
      { status: 401, statusText: 'Unauthorized' },
    );
    await stable();
    expect(root.querySelector('[data-testid="sign-in-error"]')?.textContent).toContain('The code is not correct');
    expect(root.querySelector('[data-testid="sign-in-code"]')).not.toBeNull();

    root.querySelector<HTMLButtonElement>('[data-testid="sign-in-use-recovery"]')?.click();
    await stable();
    expect(root.querySelector('[data-testid="sign-in-code"]')?.getAttribute('inputmode')).toBe('text');
    type(root, 'sign-in-code', 'abcde-fghjk');
    root.querySelector<HTMLButtonElement>('[data-testid="sign-in-code-submit"]')?.click();
    http.expectOne('/api/v1/auth/two-factor/verify').flush(sessionFor(['auditor']));
    await stable();
    expect(router.url).toBe('/trail');
  });

  describe("index.html's form (the sign-in shell)", () => {
    afterEach(() => document.getElementById(SIGN_IN_SHELL_ID)?.remove());

    /** The shell as tools/build/sign-in-shell.ts writes it (apps/web/src/sign-in-shell/shell.html), shown. */
    function addShell(email: string, password: string, submitted: boolean): HTMLElement {
      const shell = document.createElement('div');
      shell.id = SIGN_IN_SHELL_ID;
      shell.innerHTML =
        '<form novalidate><input name="email" type="email" data-testid="sign-in-email" />' +
        '<input name="password" type="password" data-testid="sign-in-password" />' +
        '<button type="submit" data-testid="sign-in-submit">Sign in</button></form>';
      if (submitted) shell.setAttribute('data-submitted', '1');
      document.body.prepend(shell);
      (shell.querySelector('[name="email"]') as HTMLInputElement).value = email;
      const passwordField = shell.querySelector('[name="password"]') as HTMLInputElement;
      passwordField.value = password;
      passwordField.focus();
      passwordField.setSelectionRange(1, 1);
      return shell;
    }

    it('takes over what was typed, the focus and the caret, and sends a "Sign in" pressed before the app arrived', async () => {
      addShell('auditor@demo.mizan.local', 'mizan-demo-2026', true);
      const { root, http, router, stable } = await setUp('/sign-in?returnUrl=%2Ftrail');
      await stable();
      expect(document.getElementById(SIGN_IN_SHELL_ID)).toBeNull();
      const password = root.querySelector<HTMLInputElement>('[data-testid="sign-in-password"]');
      expect(document.activeElement).toBe(password);
      expect(password?.selectionStart).toBe(1);
      const request = http.expectOne('/api/v1/auth/sign-in');
      expect(request.request.body).toEqual({ email: 'auditor@demo.mizan.local', password: 'mizan-demo-2026' });
      request.flush(sessionFor(['auditor']));
      await stable();
      expect(router.url).toBe('/trail');
    });

    it('keeps what was typed and sends nothing when "Sign in" was not pressed', async () => {
      addShell('auditor@demo.mizan.local', 'secret', false);
      const { root, http, stable } = await setUp();
      await stable();
      expect(document.getElementById(SIGN_IN_SHELL_ID)).toBeNull();
      expect(root.querySelector<HTMLInputElement>('[data-testid="sign-in-email"]')?.value).toBe('auditor@demo.mizan.local');
      expect(root.querySelector<HTMLInputElement>('[data-testid="sign-in-password"]')?.value).toBe('secret');
      http.expectNone('/api/v1/auth/sign-in');
    });

    it('answers a pressed "Sign in" on an empty shell by naming the missing fields', async () => {
      addShell('', '', true);
      const { root, http, stable } = await setUp();
      await stable();
      expect(root.textContent).toContain('Enter your email address.');
      http.expectNone('/api/v1/auth/sign-in');
    });
  });
});
