import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type {
  ApplicationView,
  CallDecisionsView,
  EnvelopeView,
  FundingDecisionView,
} from '@mizan/contracts';
import { firstValueFrom } from 'rxjs';
import { SessionService } from '../../../core/auth/session.service';
import { LANGUAGE_STORAGE } from '../../../core/i18n/i18n.service';
import { provideIcons } from '../../../core/icons/icons';
import { sessionFor } from '../../../testing/session.fixture';
import { ApplicationDecisionComponent } from './application-decision.component';
import { CallDecisionsComponent } from './call-decisions.component';

const me = sessionFor(['officer'], 'Olle Officer').user;
const API = '/api/v1';

const envelope: EnvelopeView = {
  envelopeMinor: '500000000',
  committedMinor: '60000000',
  confirmedMinor: '0',
  remainingMinor: '440000000',
  confirmationThresholdMinor: '50000000',
  currency: 'SEK',
};

function decision(over: Partial<FundingDecisionView>): FundingDecisionView {
  return {
    id: 'd1',
    applicationId: 'a1',
    applicationTitle: 'Psychological first aid in Basra',
    organizationName: 'Basra Health Diaspora',
    receiptNumber: 'MZ-2027-00001',
    callId: 'c1',
    outcome: 'approved',
    state: 'proposed',
    amountMinor: '60000000',
    requestedMinor: '86000000',
    currency: 'SEK',
    conditions: 'Quarterly reports',
    rejectionReasons: [],
    rejectionNote: null,
    rationale: 'Ranked third',
    proposedBy: { id: me.id, email: me.email },
    proposedAt: '2027-03-10T10:00:00Z',
    confirmedBy: null,
    confirmedAt: null,
    cancelledBy: null,
    cancelledAt: null,
    cancelReason: null,
    awaitingConfirmation: true,
    ...over,
  };
}

function configure(): HttpTestingController {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      provideIcons(),
      {
        provide: SessionService,
        useValue: {
          user: signal(me),
          permissions: signal([]),
          signedIn: signal(true),
        },
      },
      {
        provide: LANGUAGE_STORAGE,
        useValue: { get: () => 'en', set: () => undefined },
      },
    ],
  });
  return TestBed.inject(HttpTestingController);
}

const byTestId = (root: HTMLElement, id: string) =>
  root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
/** Text with the non-breaking spaces of formatted money as plain ones. */
const text = (el: Element | null | undefined) =>
  (el?.textContent ?? '').replace(/\u00a0/g, ' ');
const allByTestId = (root: HTMLElement, id: string) =>
  Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));

describe('CallDecisionsComponent', () => {
  async function render(view: CallDecisionsView) {
    const http = configure();
    const fixture = TestBed.createComponent(CallDecisionsComponent);
    fixture.componentRef.setInput('callId', 'c1');
    await fixture.whenStable();
    http.expectOne(`${API}/calls/c1/decisions`).flush(view);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the envelope with its numbers written out, and the threshold', async () => {
    const root = await render({
      callId: 'c1',
      envelope,
      decisions: [decision({})],
    });
    const gauge = byTestId(root, 'envelope-gauge');
    expect(text(gauge)).toContain('SEK 5,000,000.00');
    expect(text(byTestId(root, 'envelope-awaiting'))).toContain(
      'SEK 600,000.00',
    );
    expect(text(byTestId(root, 'envelope-remaining'))).toContain(
      'SEK 4,400,000.00',
    );
    expect(text(byTestId(root, 'threshold-text'))).toContain(
      'Approvals above SEK 500,000.00 need a second officer',
    );
  });

  it('keeps the proposer from confirming their own decision, and says why', async () => {
    const root = await render({
      callId: 'c1',
      envelope,
      decisions: [
        decision({}),
        decision({
          id: 'd2',
          applicationId: 'a2',
          proposedBy: { id: 'someone-else', email: 'o2@x' },
        }),
      ],
    });
    const cards = allByTestId(root, 'awaiting-decision');
    expect(cards).toHaveLength(2);
    const [own, other] = cards.map(
      (c) => byTestId(c, 'decision-confirm') as HTMLButtonElement,
    );
    expect(own.disabled).toBe(true);
    expect(text(byTestId(cards[0], 'decision-own-proposal'))).toContain(
      'another officer must confirm it',
    );
    expect(other.disabled).toBe(false);
    expect(byTestId(cards[1], 'decision-own-proposal')).toBeNull();
  });

  it('lists final and cancelled decisions in the history, and has an empty state', async () => {
    const root = await render({
      callId: 'c1',
      envelope,
      decisions: [
        decision({
          state: 'confirmed',
          awaitingConfirmation: false,
          confirmedBy: { id: 'x', email: 'o2@x' },
          confirmedAt: '2027-03-10T11:00:00Z',
        }),
        decision({
          id: 'd3',
          outcome: 'rejected',
          state: 'confirmed',
          amountMinor: '0',
          awaitingConfirmation: false,
          rejectionReasons: ['low_score', 'other'],
          rejectionNote: 'Try again',
          conditions: null,
        }),
      ],
    });
    const rows = allByTestId(root, 'decision-history-row');
    expect(rows).toHaveLength(2);
    expect(text(rows[0])).toContain('Reduced');
    expect(text(rows[0])).toContain('Confirmed by o2@x');
    expect(text(rows[1])).toContain(
      'Low review score, Other (explain in the note)',
    );
    expect(byTestId(root, 'awaiting-none')).not.toBeNull();
    TestBed.resetTestingModule();
    const empty = await render({ callId: 'c1', envelope, decisions: [] });
    expect(byTestId(empty, 'decisions-empty')).not.toBeNull();
  });
});

describe('ApplicationDecisionComponent', () => {
  const application = {
    id: 'a1',
    callId: 'c1',
    title: 'Psychological first aid in Basra',
    state: 'in_review',
    currency: 'SEK',
    requestedMinor: '86000000',
  } as ApplicationView;

  async function render(
    live: FundingDecisionView | null = null,
    app = application,
  ) {
    const http = configure();
    const fixture: ComponentFixture<ApplicationDecisionComponent> =
      TestBed.createComponent(ApplicationDecisionComponent);
    fixture.componentRef.setInput('applicationId', 'a1');
    const decided = jest.fn();
    fixture.componentInstance.decided.subscribe(decided);
    await fixture.whenStable();
    http.expectOne(`${API}/applications/a1`).flush(app);
    http
      .expectOne(`${API}/applications/a1/decision`)
      .flush({ applicationId: 'a1', decision: null, live });
    http
      .expectOne(`${API}/calls/c1/decisions`)
      .flush({ callId: 'c1', envelope, decisions: [] });
    await fixture.whenStable();
    return {
      root: fixture.nativeElement as HTMLElement,
      http,
      fixture,
      decided,
    };
  }

  function type(root: HTMLElement, id: string, value: string): void {
    const input = byTestId(root, id) as HTMLInputElement | HTMLTextAreaElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function choose(root: HTMLElement, id: string): void {
    (byTestId(root, id)?.querySelector('input') as HTMLInputElement).click();
  }

  it('offers the requested amount and says whether a second officer must confirm', async () => {
    const { root, fixture } = await render();
    expect((byTestId(root, 'decision-amount') as HTMLInputElement).value).toBe(
      '860000.00',
    );
    expect(byTestId(root, 'decision-four-eyes')?.dataset['kind']).toBe(
      'needsSecond',
    );
    expect(text(byTestId(root, 'decision-four-eyes'))).toContain(
      'SEK 860,000.00 is above the threshold of SEK 500,000.00',
    );
    type(root, 'decision-amount', '400000');
    await fixture.whenStable();
    expect(byTestId(root, 'decision-four-eyes')?.dataset['kind']).toBe(
      'withinThreshold',
    );
    expect(text(byTestId(root, 'decision-reduced'))).toContain(
      'SEK 400,000.00 instead of the SEK 860,000.00',
    );
  });

  it('refuses more than requested without asking the api', async () => {
    const { root, fixture, http } = await render();
    type(root, 'decision-amount', '900000');
    type(root, 'decision-rationale', 'Strong');
    byTestId(root, 'decision-submit')?.click();
    await fixture.whenStable();
    expect(text(root)).toContain('may not exceed the SEK 860,000.00 requested');
    http.expectNone(`${API}/applications/a1/decision`);
  });

  it('proposes an approval with the amount in minor units and tells the page', async () => {
    const { root, fixture, http, decided } = await render();
    type(root, 'decision-amount', '700000');
    type(root, 'decision-conditions', 'Quarterly reports');
    type(root, 'decision-rationale', 'Ranked third');
    byTestId(root, 'decision-submit')?.click();
    await fixture.whenStable();
    const post = http.expectOne({
      method: 'POST',
      url: `${API}/applications/a1/decision`,
    });
    expect(post.request.body).toEqual({
      outcome: 'approved',
      amountMinor: '70000000',
      conditions: 'Quarterly reports',
      rationale: 'Ranked third',
    });
    post.flush(decision({ amountMinor: '70000000' }));
    await fixture.whenStable();
    expect(decided).toHaveBeenCalledTimes(1);
  });

  it('a rejection needs a reason, and a note when the reason is "other"', async () => {
    const { root, fixture, http } = await render();
    choose(root, 'decision-outcome-reject');
    await fixture.whenStable();
    expect(byTestId(root, 'decision-amount')).toBeNull();
    expect(byTestId(root, 'decision-four-eyes')?.dataset['kind']).toBe(
      'noMoney',
    );
    type(root, 'decision-rationale', 'Weak plan');
    byTestId(root, 'decision-submit')?.click();
    await fixture.whenStable();
    expect(text(root)).toContain('Choose at least one reason.');
    http.expectNone({ method: 'POST', url: `${API}/applications/a1/decision` });

    (
      byTestId(root, 'decision-reason-other')?.querySelector(
        'input',
      ) as HTMLInputElement
    ).click();
    await fixture.whenStable();
    byTestId(root, 'decision-submit')?.click();
    await fixture.whenStable();
    expect(text(root)).toContain('Explain the reason "Other" in the note.');
    http.expectNone({ method: 'POST', url: `${API}/applications/a1/decision` });

    type(root, 'decision-note', 'Outside the region');
    byTestId(root, 'decision-submit')?.click();
    await fixture.whenStable();
    // A rejection is final at once and tells the applicant: asked first, nothing sent until confirmed.
    http.expectNone({ method: 'POST', url: `${API}/applications/a1/decision` });
    const dialog = document.querySelector('.cdk-overlay-container mat-dialog-container') as HTMLElement;
    expect(text(dialog)).toContain('You reject “Psychological first aid in Basra”.');
    expect(text(dialog)).toContain('told now, in the app and by email');
    const closed = firstValueFrom(TestBed.inject(MatDialog).openDialogs[0].afterClosed());
    byTestId(dialog, 'confirm-dialog-ok')?.click();
    await closed;
    await fixture.whenStable();
    expect(
      http.expectOne({ method: 'POST', url: `${API}/applications/a1/decision` })
        .request.body,
    ).toEqual({
      outcome: 'rejected',
      rejectionReasons: ['other'],
      rejectionNote: 'Outside the region',
      rationale: 'Weak plan',
    });
  });

  it('names the envelope when the api refuses an approval that does not fit', async () => {
    const { root, fixture, http } = await render();
    type(root, 'decision-rationale', 'Ranked third');
    byTestId(root, 'decision-submit')?.click();
    await fixture.whenStable();
    http
      .expectOne({ method: 'POST', url: `${API}/applications/a1/decision` })
      .flush(
        {
          statusCode: 409,
          code: 'ENVELOPE_EXCEEDED',
          message: "The call's envelope of 5000000.00 SEK has 10.00 SEK left",
          fields: [{ field: 'amountMinor', message: 'does not fit' }],
        },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(text(byTestId(root, 'decision-submit-error'))).toContain(
      'The envelope is exceeded: The call',
    );
  });

  it('shows the live decision instead of the form while it waits for a second officer', async () => {
    const { root } = await render(decision({}));
    expect(byTestId(root, 'decision-live')?.dataset['state']).toBe('proposed');
    expect(byTestId(root, 'decision-form')).toBeNull();
    expect(
      (byTestId(root, 'decision-confirm') as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(
      (byTestId(root, 'decision-cancel') as HTMLButtonElement).disabled,
    ).toBe(false);
  });

  it('from the reserve list offers approve and reject only', async () => {
    const { root } = await render(
      decision({
        outcome: 'reserve',
        state: 'confirmed',
        amountMinor: '0',
        awaitingConfirmation: false,
      }),
      { ...application, state: 'reserve' } as ApplicationView,
    );
    expect(byTestId(root, 'decision-live')).not.toBeNull();
    expect(byTestId(root, 'decision-outcome-approve')).not.toBeNull();
    expect(byTestId(root, 'decision-outcome-reserve')).toBeNull();
  });

  it('explains that a decision waits until the application is in review', async () => {
    const { root } = await render(null, {
      ...application,
      state: 'eligible',
    } as ApplicationView);
    expect(byTestId(root, 'decision-form')).toBeNull();
    expect(text(byTestId(root, 'decision-not-ready'))).toContain(
      'once the application is in review',
    );
  });
});
