import { LiveAnnouncer } from '@angular/cdk/a11y';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { API_PREFIX, permissionsOf, type ExpenditureLineView, type Permission, type VerificationProgressView } from '@mizan/contracts';
import { signal } from '@angular/core';
import { SessionService } from '../../core/auth/session.service';
import { of } from 'rxjs';
import { LANGUAGE_STORAGE } from '../../core/i18n/i18n.service';
import { provideIcons } from '../../core/icons/icons';
import { VerifyReportPageComponent } from './verify-report-page.component';

function line(seq: number, overrides: Partial<ExpenditureLineView> = {}): ExpenditureLineView {
  return {
    id: `l${seq}`,
    seq,
    clientId: null,
    spentOn: '2026-11-02',
    budgetLineId: 'b1',
    supplier: `مورد ${seq}`,
    description: 'Medicines',
    amountMinor: '1250000000',
    currency: 'IQD',
    rate: '0.008',
    rateSource: 'tranche',
    rateNote: null,
    grantAmountMinor: '1000000',
    grantCurrency: 'SEK',
    paymentMethod: 'bank',
    state: 'submitted',
    ineligibleMinor: '0',
    ineligibleReason: null,
    receipts: [],
    messageCount: 0,
    awaitingAnswer: false,
    openFlagCount: seq === 2 ? 1 : 0,
    createdBy: { id: 'u1', name: 'Partner' },
    rowVersion: 1,
    ...overrides,
  };
}

const progress: VerificationProgressView = {
  reportId: 'r1',
  grantId: 'g1',
  state: 'submitted',
  currency: 'SEK',
  total: 3,
  verified: 0,
  byState: { draft: 0, submitted: 3, accepted: 0, questioned: 0, ineligible: 0 },
  openLineSeqs: [1, 2, 3],
  acceptedMinor: '0',
  ineligibleMinor: '0',
  canAccept: false,
  canReturn: true,
  rowVersion: 2,
};

async function setUp(permissions?: readonly Permission[]) {
  TestBed.configureTestingModule({
    imports: [VerifyReportPageComponent],
    providers: [
      ...(permissions ? [{ provide: SessionService, useValue: { permissions: signal(permissions) } }] : []),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideIcons(),
      provideRouter([]),
      { provide: LANGUAGE_STORAGE, useValue: { get: () => 'en', set: () => undefined } },
    ],
  });
  const announcer = TestBed.inject(LiveAnnouncer);
  const announced: string[] = [];
  jest.spyOn(announcer, 'announce').mockImplementation((message: string) => {
    announced.push(message);
    return Promise.resolve();
  });
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(VerifyReportPageComponent);
  fixture.componentRef.setInput('reportId', 'r1');
  fixture.detectChanges();
  http.expectOne(`${API_PREFIX}/reports/r1`).flush({ id: 'r1', grantNumber: 'G-1', periodFrom: '2026-10-01', periodTo: '2026-12-31', organizationName: 'Basra Health', state: 'submitted', rowVersion: 2 });
  http.expectOne(`${API_PREFIX}/reports/r1/verification`).flush(progress);
  http.expectOne((r) => r.url === `${API_PREFIX}/reports/r1/lines`).flush({ items: [line(1), line(2), line(3)], page: 1, pageSize: 50, total: 3 });
  http.match((r) => r.url.endsWith('/messages')).forEach((r) => r.flush([]));
  await fixture.whenStable();
  fixture.detectChanges();
  const root = fixture.nativeElement as HTMLElement;
  const press = async (key: string, target: EventTarget = document.body) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    fixture.detectChanges();
    http.match((r) => r.url.endsWith('/messages')).forEach((r) => r.flush([]));
    await fixture.whenStable();
    return event;
  };
  const selected = () => root.querySelector('[role="option"][aria-selected="true"]')?.getAttribute('data-testid');
  return { fixture, root, http, press, selected, announced };
}

describe('VerifyReportPageComponent (keyboard)', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('an auditor reads the report read-only: the note, the lines and the thread, no decision or report action, and a key decides nothing', async () => {
    const { root, press, http, announced } = await setUp(permissionsOf(['auditor']));
    expect(root.querySelector('[data-testid="audit-readonly-note"]')?.textContent).toContain('Read-only');
    expect(root.querySelector('[data-testid="verify-line-1"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="verify-thread"]')).not.toBeNull();
    for (const testId of ['verify-accept', 'verify-question', 'verify-ineligible', 'verify-accept-report', 'verify-return-report']) {
      expect(root.querySelector(`[data-testid="${testId}"]`)).toBeNull();
    }
    expect(root.querySelector('a[href="/officer/reports"]')).toBeNull();
    await press('a');
    http.expectNone((r) => r.url.endsWith('/verify'));
    expect(announced.some((m) => m.includes('Line 1'))).toBe(true);
  });

  it('an officer gets no read-only note', async () => {
    const { root } = await setUp(permissionsOf(['officer']));
    expect(root.querySelector('[data-testid="audit-readonly-note"]')).toBeNull();
    expect(root.querySelector('[data-testid="verify-accept"]')).not.toBeNull();
  });

  it('shows the legend, the progress and the lines with their open red flags; stable accessible names on the buttons', async () => {
    const { root } = await setUp();
    expect(root.querySelector('[data-testid="verify-shortcuts"]')?.textContent).toContain('accept the line');
    expect(root.querySelector('[data-testid="verify-progress"]')?.textContent).toContain('0 of 3 lines verified');
    expect(root.querySelector('[data-testid="verify-line-2"]')?.textContent).toContain('1 open red flag');
    expect(root.querySelector('[data-testid="verify-accept"]')?.getAttribute('aria-label')).toBe('Accept line 1');
    expect(root.querySelector('[data-testid="verify-accept-report"]')?.getAttribute('aria-label')).toBe('Accept the whole report');
  });

  it('j / ArrowDown and k / ArrowUp move the selection; the list keeps aria-activedescendant', async () => {
    const { root, press, selected, announced } = await setUp();
    expect(selected()).toBe('verify-line-1');
    await press('j');
    expect(selected()).toBe('verify-line-2');
    await press('ArrowDown');
    expect(selected()).toBe('verify-line-3');
    await press('j');
    expect(selected()).toBe('verify-line-3');
    expect(announced).toContain('This is the last line.');
    await press('k');
    await press('ArrowUp');
    expect(selected()).toBe('verify-line-1');
    expect(root.querySelector('[data-testid="verify-lines"]')?.getAttribute('aria-activedescendant')).toBe('verify-line-l1');
  });

  it('a accepts the selected line, announces it and moves on', async () => {
    const { http, press, selected, announced, fixture } = await setUp();
    const event = await press('a');
    expect(event.defaultPrevented).toBe(true);
    const req = http.expectOne(`${API_PREFIX}/reports/r1/lines/l1/verify`);
    expect(req.request.body).toEqual({ decision: 'accept', rowVersion: 1 });
    req.flush({ id: 'l1', reportId: 'r1', seq: 1, state: 'accepted', grantAmountMinor: '1000000', ineligibleMinor: '0', ineligibleReason: null, currency: 'SEK', verifiedAt: null, journalEntryId: 'e1', posted: null, rowVersion: 2 });
    http.expectOne(`${API_PREFIX}/reports/r1/verification`).flush({ ...progress, verified: 1 });
    http.match((r) => r.url.endsWith('/messages')).forEach((r) => r.flush([]));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(announced).toContain('Line 1 accepted.');
    expect(selected()).toBe('verify-line-2');
  });

  it('q and i open their dialogs; keys typed in a field or with a modifier are not shortcuts', async () => {
    const { press, http, root } = await setUp();
    const dialog = TestBed.inject(MatDialog);
    const open = jest.spyOn(dialog, 'open').mockReturnValue({ afterClosed: () => of(undefined) } as never);
    await press('q');
    expect(open).toHaveBeenLastCalledWith(expect.anything(), expect.objectContaining({ data: expect.objectContaining({ kind: 'question', seq: 1 }) }));
    await press('i');
    expect(open).toHaveBeenLastCalledWith(expect.anything(), expect.objectContaining({ data: expect.objectContaining({ kind: 'ineligible', grantAmountMinor: '1000000', currency: 'SEK' }) }));
    const input = document.createElement('input');
    root.appendChild(input);
    await press('a', input);
    const ctrl = new KeyboardEvent('keydown', { key: 'a', ctrlKey: true, bubbles: true });
    document.body.dispatchEvent(ctrl);
    http.expectNone(`${API_PREFIX}/reports/r1/lines/l1/verify`);
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('a line that is not submitted is not decided: the reader hears why', async () => {
    const { press, http, fixture, announced } = await setUp();
    await press('j');
    (fixture.componentInstance as unknown as { lines: { update(f: (l: ExpenditureLineView[]) => ExpenditureLineView[]): void } }).lines.update((lines) =>
      lines.map((l) => (l.seq === 2 ? { ...l, state: 'questioned' } : l)),
    );
    fixture.detectChanges();
    await press('a');
    http.expectNone(`${API_PREFIX}/reports/r1/lines/l2/verify`);
    expect(announced).toContain('Line 2 cannot be verified now: Question open.');
  });
});
