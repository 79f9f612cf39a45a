import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  permissionsOf,
  type NotificationView,
  type Role,
} from '@mizan/contracts';
import { SessionService } from '../../core/auth/session.service';
import { NotificationCenterService } from './notification-center.service';

const API = '/api/v1';

function setUp(role: Role) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      {
        provide: SessionService,
        useValue: { permissions: signal(permissionsOf([role])) },
      },
    ],
  });
  const router = TestBed.inject(Router);
  const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
  return {
    center: TestBed.inject(NotificationCenterService),
    http: TestBed.inject(HttpTestingController),
    navigate,
  };
}

const note = (over: Partial<NotificationView>): NotificationView => ({
  id: 'n1',
  kind: 'decision.awaiting_confirmation',
  title: 'A decision needs your confirmation',
  body: 'Please confirm',
  entityType: 'funding_decision',
  entityId: 'd1',
  createdAt: '2027-03-10T10:00:00Z',
  readAt: null,
  ...over,
});

describe('NotificationCenterService', () => {
  it('keeps the list and the unread count, and marks one read at once', () => {
    const { center, http } = setUp('officer');
    center.refresh();
    http
      .expectOne((r) => r.url === `${API}/notifications`)
      .flush({ unreadCount: 2, items: [note({}), note({ id: 'n2' })] });
    expect(center.unreadCount()).toBe(2);
    center.markRead(center.items()[0]);
    expect(center.unreadCount()).toBe(1);
    expect(center.items()[0].readAt).not.toBeNull();
    http
      .expectOne({ method: 'POST', url: `${API}/notifications/n1/read` })
      .flush(note({ readAt: 'x' }));
    // Reading it again changes nothing and asks nothing.
    center.markRead(center.items()[0]);
    http.expectNone(`${API}/notifications/n1/read`);
    expect(center.unreadCount()).toBe(1);
  });

  it('marks all read', () => {
    const { center, http } = setUp('officer');
    center.refresh();
    http
      .expectOne((r) => r.url === `${API}/notifications`)
      .flush({ unreadCount: 2, items: [note({}), note({ id: 'n2' })] });
    let marked = -1;
    center.markAllRead().subscribe((n) => (marked = n));
    http
      .expectOne({ method: 'POST', url: `${API}/notifications/read-all` })
      .flush({ marked: 2 });
    expect(marked).toBe(2);
    expect(center.unreadCount()).toBe(0);
    expect(center.items().every((n) => n.readAt !== null)).toBe(true);
  });

  it('takes an officer from a decision to its application on the review desk', () => {
    const { center, http, navigate } = setUp('officer');
    center.open(note({}));
    http
      .expectOne({ method: 'POST', url: `${API}/notifications/n1/read` })
      .flush(note({ readAt: 'x' }));
    http
      .expectOne(`${API}/decisions/d1`)
      .flush({ id: 'd1', callId: 'c1', applicationId: 'a1' });
    expect(navigate).toHaveBeenCalledWith([
      '/officer/review',
      'c1',
      'applications',
      'a1',
    ]);
  });

  it('falls back to the review desk when the decision cannot be read', () => {
    const { center, http, navigate } = setUp('officer');
    center.open(note({}));
    http.expectOne(`${API}/notifications/n1/read`).flush(note({ readAt: 'x' }));
    http
      .expectOne(`${API}/decisions/d1`)
      .flush({}, { status: 404, statusText: 'Not Found' });
    expect(navigate).toHaveBeenCalledWith(['/officer/review']);
  });

  it('takes an officer from a declared conflict to the application, found through its call', () => {
    const { center, http, navigate } = setUp('officer');
    center.open(
      note({
        kind: 'review.conflict_declared',
        entityType: 'application',
        entityId: 'a7',
      }),
    );
    http.expectOne(`${API}/notifications/n1/read`).flush(note({ readAt: 'x' }));
    http.expectOne(`${API}/applications/a7`).flush({ id: 'a7', callId: 'c3' });
    expect(navigate).toHaveBeenCalledWith([
      '/officer/review',
      'c3',
      'applications',
      'a7',
    ]);
  });

  it('takes an applicant straight to their decided application', () => {
    const { center, http, navigate } = setUp('applicant');
    center.open(
      note({
        kind: 'application.approved',
        entityType: 'application',
        entityId: 'a1',
      }),
    );
    http.expectOne(`${API}/notifications/n1/read`).flush(note({ readAt: 'x' }));
    expect(navigate).toHaveBeenCalledWith(['/my-applications', 'a1']);
  });
});
