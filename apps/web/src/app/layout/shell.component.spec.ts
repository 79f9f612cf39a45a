import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  permissionsOf,
  type NotificationListView,
  type Role,
  type SessionInfo,
} from '@mizan/contracts';
import { SessionService } from '../core/auth/session.service';
import { LANGUAGE_STORAGE } from '../core/i18n/i18n.service';
import { provideIcons } from '../core/icons/icons';
import { sessionFor } from '../testing/session.fixture';
import { ShellComponent } from './shell.component';

async function renderShell(roles: Role[]): Promise<{
  root: HTMLElement;
  fixture: ComponentFixture<ShellComponent>;
  http: HttpTestingController;
}> {
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
  return {
    root: fixture.nativeElement as HTMLElement,
    fixture,
    http: TestBed.inject(HttpTestingController),
  };
}

async function renderShellFor(roles: Role[]): Promise<HTMLElement> {
  return (await renderShell(roles)).root;
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
      'nav-myGrants',
      'nav-myFindings',
      'nav-directoryNeeds',
      'nav-directorySearch',
      'nav-notifications',
    ]);
  });

  it('shows an auditor the trail but not the users page', async () => {
    const root = await renderShellFor(['auditor']);
    expect(navIds(root)).toEqual([
      'nav-home',
      'nav-trail',
      'nav-grants',
      'nav-audit',
      'nav-notifications',
    ]);
  });

  it('shows an admin home, trail and users, with translated labels and links', async () => {
    const root = await renderShellFor(['admin']);
    expect(navIds(root)).toEqual([
      'nav-home',
      'nav-trail',
      'nav-users',
      'nav-audit',
      'nav-sanctions',
      'nav-directorySuggestions',
      'nav-transparency',
      'nav-notifications',
      'nav-outbox',
    ]);
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

describe('ShellComponent notification bell', () => {
  const list = (unreadCount: number, unreadCapped = false): NotificationListView => ({
    unreadCount,
    unreadCapped,
    items: Array.from({ length: 10 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      kind: 'application.approved',
      title: `Your application ${i} was decided`,
      body: 'The agency approved 600,000.00 SEK. '.repeat(8),
      entityType: 'application',
      entityId: '00000000-0000-4000-8000-0000000000bb',
      createdAt: new Date(Date.now() - i * 3_600_000).toISOString(),
      readAt: i < unreadCount ? null : new Date().toISOString(),
    })),
  });

  async function bellWith(unreadCount: number, unreadCapped = false) {
    const shell = await renderShell(['applicant']);
    // The first refresh runs on a zero-delay timer.
    await new Promise((resolve) => setTimeout(resolve, 0));
    shell.http.expectOne((r) => r.url === '/api/v1/notifications').flush(list(unreadCount, unreadCapped));
    await shell.fixture.whenStable();
    const bell = shell.root.querySelector<HTMLElement>(
      'header [data-testid="notification-bell"]',
    );
    return { ...shell, bell };
  }

  it('shows the unread count as a badge and says it in words', async () => {
    const { root, bell } = await bellWith(3);
    expect(bell?.getAttribute('aria-label')).toBe('3 unread notifications');
    expect(
      root
        .querySelector('[data-testid="notification-count"]')
        ?.textContent?.trim(),
    ).toBe('3');
    expect(bell?.querySelector('.mat-badge-content')?.textContent?.trim()).toBe(
      '3',
    );
    expect(bell?.classList).not.toContain('mat-badge-hidden');
  });

  it('says a capped count as "10,000+" (the server counts up to its cap)', async () => {
    const { root, bell } = await bellWith(10_000, true);
    expect(bell?.getAttribute('aria-label')).toBe('10,000+ unread notifications');
    expect(
      root
        .querySelector('[data-testid="notification-count"]')
        ?.textContent?.trim(),
    ).toBe('10,000+');
    expect(bell?.querySelector('.mat-badge-content')?.textContent?.trim()).toBe(
      '99+',
    );
  });

  it('hides the badge when everything is read', async () => {
    const { bell } = await bellWith(0);
    expect(bell?.getAttribute('aria-label')).toBe('Notifications, none unread');
    expect(bell?.classList).toContain('mat-badge-hidden');
  });

  it('lists the latest eight in its menu, unread ones marked, with mark-all and see-all', async () => {
    const { bell, fixture } = await bellWith(2);
    bell?.click();
    await fixture.whenStable();
    const items = Array.from(
      document.querySelectorAll<HTMLElement>(
        '[data-testid="notification-item"]',
      ),
    );
    expect(items).toHaveLength(8);
    expect(items.map((i) => i.dataset['read'])).toEqual([
      'false',
      'false',
      'true',
      'true',
      'true',
      'true',
      'true',
      'true',
    ]);
    expect(items[0].textContent).toContain('Unread');
    expect(items[0].textContent).toContain('…');
    expect(
      document.querySelector('[data-testid="mark-all-read"]'),
    ).not.toBeNull();
    expect(
      document
        .querySelector('[data-testid="notifications-see-all"]')
        ?.getAttribute('href'),
    ).toBe('/notifications');
  });
});
