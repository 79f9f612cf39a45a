import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { permissionsOf, type Role, type SessionInfo } from '@mizan/contracts';
import { SessionService } from '../core/auth/session.service';
import { LANGUAGE_STORAGE } from '../core/i18n/i18n.service';
import { provideIcons } from '../core/icons/icons';
import { sessionFor } from '../testing/session.fixture';
import { ShellComponent } from './shell.component';

async function renderShellFor(roles: Role[]): Promise<HTMLElement> {
  const session = signal<SessionInfo | null>(sessionFor(roles, 'Rana Auditor'));
  const stub: Partial<SessionService> = {
    user: signal(session()?.user ?? null),
    permissions: signal(permissionsOf(roles)),
    signedIn: signal(true),
  };
  TestBed.configureTestingModule({
    imports: [ShellComponent],
    providers: [
      provideZonelessChangeDetection(),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      provideIcons(),
      { provide: SessionService, useValue: stub },
      {
        provide: LANGUAGE_STORAGE,
        useValue: { get: () => 'en', set: () => undefined },
      },
    ],
  });
  const fixture = TestBed.createComponent(ShellComponent);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const navIds = (root: HTMLElement): string[] =>
  Array.from(root.querySelectorAll('nav [data-testid^="nav-"]')).map(
    (el) => el.getAttribute('data-testid') ?? '',
  );

describe('ShellComponent navigation', () => {
  it('shows an applicant their home, organizations, open calls and applications', async () => {
    const root = await renderShellFor(['applicant']);
    expect(navIds(root)).toEqual([
      'nav-home',
      'nav-myOrganizations',
      'nav-openCalls',
      'nav-myApplications',
    ]);
  });

  it('shows an auditor the trail but not the users page', async () => {
    const root = await renderShellFor(['auditor']);
    expect(navIds(root)).toEqual(['nav-home', 'nav-trail']);
  });

  it('shows an admin home, trail and users, with translated labels and links', async () => {
    const root = await renderShellFor(['admin']);
    expect(navIds(root)).toEqual(['nav-home', 'nav-trail', 'nav-users']);
    const users = root.querySelector<HTMLAnchorElement>(
      '[data-testid="nav-users"]',
    );
    expect(users?.getAttribute('href')).toBe('/admin/users');
    expect(users?.textContent).toContain('Users');
  });

  it('names the user and their roles in the toolbar, inside the banner and nav landmarks', async () => {
    const root = await renderShellFor(['auditor', 'admin']);
    expect(
      root.querySelector('[data-testid="user-name"]')?.textContent,
    ).toContain('Rana Auditor');
    expect(
      root.querySelector('[data-testid="user-roles"]')?.textContent,
    ).toContain('Auditor, Administrator');
    expect(
      root.querySelector('header [data-testid="sign-out"]'),
    ).not.toBeNull();
    expect(
      root.querySelector('nav[aria-label="Main navigation"]'),
    ).not.toBeNull();
    expect(root.querySelector('main#main')).not.toBeNull();
  });
});
