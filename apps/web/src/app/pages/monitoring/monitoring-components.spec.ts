import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { GrantMonitoringView, MonitoredGrantSummary, RecordVisitRequest, SecurityLevelView } from '@mizan/contracts';
import { LANGUAGE_STORAGE } from '../../core/i18n/i18n.service';
import { provideIcons } from '../../core/icons/icons';
import { GrantMonitoringComponent } from './grant-monitoring.component';
import { LevelDialogComponent } from './level-dialog.component';
import { MonitorGrantsComponent } from './monitor-grants.component';
import { MonitoringPageComponent } from './monitoring-page.component';
import { VisitDialogComponent } from './visit-dialog.component';

const providers = [
  provideHttpClient(),
  provideHttpClientTesting(),
  provideIcons(),
  provideRouter([]),
  provideNoopAnimations(),
  { provide: LANGUAGE_STORAGE, useValue: { get: () => 'en', set: () => undefined } },
];

const status = { level: 'restricted', requiredKind: 'remote', everyDays: 90, lastQualifyingVisitOn: null, lastQualifyingVisitKind: null, nextDueOn: '2026-01-30', overdue: true, daysOverdue: 12 } as const;
const summary: MonitoredGrantSummary = {
  grantId: 'g1',
  grantNumber: 'MZ-2026-0001',
  title: 'Clinics in Basra',
  organizationName: 'Bro till Basra',
  state: 'active',
  startsOn: '2025-11-01',
  endsOn: '2026-10-31',
  governorate: 'IQ-BA',
  status,
};

describe('monitoring pages', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('the officer page lists governorates with their level and the overdue grants', async () => {
    TestBed.configureTestingModule({ imports: [MonitoringPageComponent], providers });
    const fixture = TestBed.createComponent(MonitoringPageComponent);
    const http = TestBed.inject(HttpTestingController);
    const levels: SecurityLevelView[] = [
      { governorateCode: 'IQ-BA', nameEn: 'Basra', nameAr: 'البصرة', level: 'restricted', effectiveOn: '2026-01-01', reason: 'Protests', setBy: { id: 'u', name: 'Officer' }, setAt: '2026-01-01T10:00:00Z', upcoming: null },
      { governorateCode: 'IQ-NI', nameEn: 'Nineveh', nameAr: 'نينوى', level: 'no_access', effectiveOn: null, reason: null, setBy: null, setAt: null, upcoming: null },
    ];
    http.expectOne('/api/v1/monitoring/security-levels').flush(levels);
    http.expectOne('/api/v1/monitoring/grants?overdue=true').flush([summary]);
    http.expectOne('/api/v1/monitoring/policy').flush({
      policy: { accessible: { kind: 'on_site', everyDays: 180 }, restricted: { kind: 'remote', everyDays: 60 }, no_access: { kind: 'third_party', everyDays: 90 } },
      updatedAt: null,
      updatedBy: null,
      rowVersion: null,
    });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const rows = [...root.querySelectorAll('[data-testid="level-row"]')].map((r) => r.textContent ?? '');
    expect(rows[0]).toContain('Basra');
    expect(rows[0]).toContain('Restricted');
    expect(rows[0]).toContain('Protests');
    expect(rows[1]).toContain('No access');
    expect(rows[1]).toContain('Reference level');
    expect(root.querySelector('[data-testid="overdue-list"]')?.textContent).toContain('Overdue by 12 days');
    expect(root.querySelector<HTMLInputElement>('[data-testid="policy-days-restricted"]')?.value).toBe('60');
  });

  it('the monitor home lists the assigned grants with their status', async () => {
    TestBed.configureTestingModule({ imports: [MonitorGrantsComponent], providers });
    const fixture = TestBed.createComponent(MonitorGrantsComponent);
    TestBed.inject(HttpTestingController).expectOne('/api/v1/monitor/grants').flush([summary]);
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="monitor-grants"]')?.textContent ?? '';
    expect(text).toContain('MZ-2026-0001');
    expect(text).toContain('Basra');
    expect(text).toContain('Overdue by 12 days');
  });

  it('the grant section shows the status, the visits and a photo’s capture time and place (monitor side)', async () => {
    TestBed.configureTestingModule({ imports: [GrantMonitoringComponent], providers });
    const fixture = TestBed.createComponent(GrantMonitoringComponent);
    fixture.componentRef.setInput('side', 'monitor');
    fixture.componentRef.setInput('grantId', 'g1');
    fixture.detectChanges();
    const view: GrantMonitoringView = {
      grant: summary,
      monitors: [],
      visits: [
        {
          id: 'v1',
          grantId: 'g1',
          kind: 'remote',
          visitedOn: '2026-01-20',
          securityLevel: 'restricted',
          checklist: [{ id: 'activities_seen', answer: 'yes', note: '' }],
          findings: 'Clinic open',
          outcome: 'satisfactory',
          recordedBy: { id: 'm', name: 'Monitor' },
          createdAt: '2026-01-20T10:00:00Z',
          files: [
            {
              id: 'f1',
              visitId: 'v1',
              fileName: 'clinic.jpg',
              contentType: 'image/jpeg',
              sha256: 'a'.repeat(64),
              sizeBytes: 100,
              capturedAt: '2026-01-20T09:30:00Z',
              latitude: 30.5085,
              longitude: 47.7804,
              uploadedBy: { id: 'm', name: 'Monitor' },
              createdAt: '2026-01-20T10:00:00Z',
              downloadPath: '/api/v1/monitor/grants/g1/visits/v1/files/f1',
            },
          ],
        },
      ],
    };
    TestBed.inject(HttpTestingController).expectOne('/api/v1/monitor/grants/g1').flush(view);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid="monitoring-overdue"]')?.textContent).toContain('Overdue by 12 days');
    expect(root.querySelector('[data-testid="monitoring-status"]')?.textContent).toContain('Remote verification');
    expect(root.querySelector('[data-testid="file-position"]')?.textContent).toBe('30.50850, 47.78040');
    expect(root.querySelector('[data-testid="visit-list"]')?.textContent).toContain('Activities seen taking place: Yes');
    expect(root.querySelector('[data-testid="monitor-grant-summary"]')?.textContent).toContain('MZ-2026-0001');
    // The monitor side shows no monitor assignment.
    expect(root.querySelector('[data-testid="monitor-list"]')).toBeNull();
  });

  it('read-only (an auditor, issue 12): the officer’s view of the grant with its visits, files and monitors, and nothing to act on', async () => {
    TestBed.configureTestingModule({ imports: [GrantMonitoringComponent], providers });
    const fixture = TestBed.createComponent(GrantMonitoringComponent);
    fixture.componentRef.setInput('side', 'officer');
    fixture.componentRef.setInput('grantId', 'g1');
    fixture.componentRef.setInput('readOnly', true);
    fixture.detectChanges();
    const view: GrantMonitoringView = {
      grant: summary,
      monitors: [{ user: { id: 'm', name: 'Monitor' }, email: 'monitor@north.test', assignedAt: '2026-01-01T10:00:00Z', assignedBy: { id: 'o', name: 'Officer' } }],
      visits: [
        {
          id: 'v1',
          grantId: 'g1',
          kind: 'remote',
          visitedOn: '2026-01-20',
          securityLevel: 'restricted',
          checklist: [],
          findings: 'Clinic open',
          outcome: 'satisfactory',
          recordedBy: { id: 'm', name: 'Monitor' },
          createdAt: '2026-01-20T10:00:00Z',
          files: [],
        },
      ],
    };
    // No list of monitors to assign is asked for: nothing is assigned from here.
    TestBed.inject(HttpTestingController).expectOne('/api/v1/grants/g1/monitoring').flush(view);
    await fixture.whenStable();
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid="visit-row"]')?.textContent).toContain('Clinic open');
    expect(root.querySelector('[data-testid="monitor-list"]')?.textContent).toContain('Monitor');
    expect(root.querySelector('button')).toBeNull();
    expect(root.querySelector('[data-testid="monitor-choose"]')).toBeNull();
  });

  it('the visit dialog sends only the answered checklist items, to the monitor’s route', async () => {
    const closed: unknown[] = [];
    TestBed.configureTestingModule({
      imports: [VisitDialogComponent],
      providers: [
        ...providers,
        { provide: MAT_DIALOG_DATA, useValue: { side: 'monitor', grantId: 'g1', requiredKind: 'third_party', startsOn: '2025-01-01' } },
        { provide: MatDialogRef, useValue: { close: (v: unknown) => closed.push(v) } },
      ],
    });
    const fixture = TestBed.createComponent(VisitDialogComponent);
    await fixture.whenStable();
    const component = fixture.componentInstance as unknown as {
      form: { controls: { checklist: { at(i: number): { setValue(v: unknown): void } }; findings: { setValue(v: string): void } } };
    };
    component.form.controls.checklist.at(1).setValue({ answer: 'no', note: ' register missing ' });
    component.form.controls.findings.setValue('Seen');
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[data-testid="visit-submit"]')?.click();
    const request = TestBed.inject(HttpTestingController).expectOne('/api/v1/monitor/grants/g1/visits');
    const body = request.request.body as RecordVisitRequest;
    expect(body.kind).toBe('third_party');
    expect(body.checklist).toEqual([{ id: 'beneficiaries_met', answer: 'no', note: 'register missing' }]);
    expect(body.findings).toBe('Seen');
    request.flush({ id: 'v2' });
    expect(closed).toEqual([{ id: 'v2' }]);
  });

  it('the level dialog sends the governorate, level, date and reason, and shows the api’s problem by its field', async () => {
    const closed: unknown[] = [];
    TestBed.configureTestingModule({
      imports: [LevelDialogComponent],
      providers: [
        ...providers,
        { provide: MAT_DIALOG_DATA, useValue: { code: 'IQ-NI', name: 'Nineveh', level: 'accessible' } },
        { provide: MatDialogRef, useValue: { close: (v: unknown) => closed.push(v) } },
      ],
    });
    const fixture = TestBed.createComponent(LevelDialogComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const component = fixture.componentInstance as unknown as { form: { controls: { level: { setValue(v: string): void }; effectiveOn: { setValue(v: string): void } } } };
    component.form.controls.level.setValue('no_access');
    component.form.controls.effectiveOn.setValue('2026-03-01');
    const reason = root.querySelector<HTMLTextAreaElement>('[data-testid="level-reason"]');
    if (!reason) throw new Error('no reason field');
    reason.value = ' Fighting near Mosul ';
    reason.dispatchEvent(new Event('input'));
    root.querySelector<HTMLButtonElement>('[data-testid="level-submit"]')?.click();
    const http = TestBed.inject(HttpTestingController);
    let request = http.expectOne('/api/v1/monitoring/security-levels');
    expect(request.request.body).toEqual({ governorateCode: 'IQ-NI', level: 'no_access', effectiveOn: '2026-03-01', reason: 'Fighting near Mosul' });
    request.flush(
      { code: 'VALIDATION_FAILED', message: 'effectiveOn must be a real date', fields: [{ field: 'effectiveOn', message: 'effectiveOn must be a real date (YYYY-MM-DD)' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(closed).toEqual([]);
    expect(root.textContent).toContain('effectiveOn must be a real date (YYYY-MM-DD)');
    component.form.controls.effectiveOn.setValue('2026-03-02');
    root.querySelector<HTMLButtonElement>('[data-testid="level-submit"]')?.click();
    request = http.expectOne('/api/v1/monitoring/security-levels');
    request.flush({ governorateCode: 'IQ-NI', nameEn: 'Nineveh', nameAr: 'نينوى', current: 'no_access', entries: [] });
    expect(closed).toHaveLength(1);
  });
});
