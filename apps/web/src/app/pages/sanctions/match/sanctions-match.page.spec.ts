import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ScreeningMatchDetail, ScreeningResolutionInput, ScreeningSecondInput } from '@mizan/contracts';
import { SessionService } from '../../../core/auth/session.service';
import { pageTestProviders } from '../../../testing/page-providers';
import { sessionFor } from '../../../testing/session.fixture';
import { MATCH, MATCH_ID, pendingMatch, SECOND } from '../shared/sanctions-fixtures';
import { SanctionsMatchPage } from './sanctions-match.page';

const API = `/api/v1/screening/matches/${MATCH_ID}`;

async function setUp(match: ScreeningMatchDetail, lang = 'en') {
  TestBed.configureTestingModule({
    providers: [
      ...pageTestProviders({
        language: () => lang,
        routes: [
          { path: 'sanctions/matches/:id', component: SanctionsMatchPage },
          { path: 'sanctions', children: [] },
          { path: 'officer/organizations/:id', children: [] },
        ],
      }),
    ],
  });
  const session = sessionFor(['officer'], 'Officer One');
  TestBed.inject(SessionService).accept(session, false);
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(`/sanctions/matches/${MATCH_ID}`);
  const http = TestBed.inject(HttpTestingController);
  http.expectOne(API).flush(match);
  await harness.fixture.whenStable();
  harness.detectChanges();
  const root = harness.routeNativeElement as HTMLElement;
  const settle = async () => {
    await harness.fixture.whenStable();
    harness.detectChanges();
  };
  const text = (testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '';
  const click = async (selector: string) => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) throw new Error(`no ${selector}`);
    el.click();
    await settle();
  };
  const type = async (testId: string, value: string) => {
    const el = root.querySelector<HTMLTextAreaElement>(`[data-testid="${testId}"]`);
    if (!el) throw new Error(`no ${testId}`);
    el.value = value;
    el.dispatchEvent(new Event('input'));
    await settle();
  };
  const choose = (resolution: 'false-positive' | 'confirmed') => click(`[data-testid="match-resolution-${resolution}"] input`);
  return { harness, http, root, settle, text, click, type, choose };
}

describe('SanctionsMatchPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the screened party beside the list entry with all its names, the Arabic one right to left', async () => {
    const { root, text } = await setUp(MATCH);
    expect(text('match-screened-name')).toContain('Ezzat Ibrahim Al Duri');
    expect(text('match-party-kind')).toContain('Person of a partner');
    const orgLink = root.querySelector<HTMLAnchorElement>('[data-testid="match-organization-link"]');
    expect(orgLink?.textContent).toContain('Tigris Relief');
    expect(orgLink?.getAttribute('href')).toBe('/officer/organizations/11111111-1111-4111-8111-111111111111');
    expect(text('match-partner')).toContain('Basra Water Works');

    const entry = text('match-entry');
    expect(entry).toContain('IZZAT IBRAHIM AL-DURI');
    expect(entry).toContain('IQi.006');
    expect(entry).toContain('Individual');
    expect(entry).toContain('1942');
    expect(entry).toContain('al-Dur');
    expect(entry).toContain('Iraq');
    expect(entry).toContain('Vice Chairman of Revolutionary Command Council.');
    expect(text('match-entry-list')).toContain('UN Security Council consolidated list');
    const names = [...root.querySelectorAll<HTMLElement>('[data-testid="match-entry"] [data-testid="sanctions-entry-name"]')];
    expect(names).toHaveLength(3);
    expect(names[0].textContent).toContain('Primary name');
    expect(names[1].textContent).toContain('Abu Brays');
    expect(names[1].textContent).toContain('Alias, Good');
    const arabic = names[2].querySelector<HTMLElement>('bdi');
    expect(arabic?.textContent).toContain('عزة إبراهيم الدوري');
    expect(arabic?.getAttribute('dir')).toBe('auto');
    expect(arabic?.getAttribute('lang')).toBe('ar');
    expect(names[0].querySelector('bdi')?.getAttribute('lang')).toBeNull();

    expect(text('match-score')).toContain('0.87');
    expect(root.querySelector('[data-testid="match-high"]')).toBeNull();
    expect(root.querySelector('[data-testid="match-why"] mz-match-explanation')).not.toBeNull();
  });

  it('reads in Arabic: the state, the kinds and the names, each name in its own direction', async () => {
    const { root, text } = await setUp(pendingMatch('confirmed', false), 'ar');
    expect(text('match-state')).toContain('بانتظار موظف ثانٍ');
    expect(text('match-party-kind')).toContain('شخص في منظمة شريكة');
    expect(text('match-waiting')).toContain('بانتظار موظف ثانٍ ليوافق أو يعيدها.');
    expect(root.querySelector('[data-testid="match-screened-name"]')?.getAttribute('dir')).toBe('auto');
    expect(text('match-high')).toContain('درجة مرتفعة');
  });

  it('clears a low-score false positive at once: the reason is required, then the POST carries it with the row version', async () => {
    const { http, root, text, click, type, choose, settle } = await setUp(MATCH);
    expect(text('match-four-eyes')).toContain('Confirming needs a second officer; a false positive takes effect at once.');
    await click('[data-testid="match-resolve-submit"]');
    http.expectNone(`${API}/resolution`);
    expect(root.textContent).toContain('Give a reason.');
    expect(root.textContent).toContain('Choose false positive or confirmed match.');

    await choose('false-positive');
    expect(text('match-four-eyes')).toContain('Your decision takes effect at once.');
    expect(text('match-resolve-submit')).toContain('Record the decision');
    await type('match-resolve-reason', ' Different father’s name and born 1980 in Mosul. ');
    await click('[data-testid="match-resolve-submit"]');
    const post = http.expectOne(`${API}/resolution`);
    expect(post.request.method).toBe('POST');
    expect(post.request.body as ScreeningResolutionInput).toEqual({ resolution: 'false_positive', reason: 'Different father’s name and born 1980 in Mosul.', rowVersion: 3 });
    post.flush({ ...MATCH, state: 'cleared' });
    // The page reads the match again.
    http.expectOne(API).flush({ ...MATCH, state: 'cleared', actions: { resolve: false, second: false } });
    await settle();
    expect(text('match-announcement')).toContain('cleared as a false positive');
  });

  it('says in advance that clearing a high score needs a second officer, and proposes it', async () => {
    const high = { ...MATCH, high: true, score: 0.9512 };
    const { http, root, text, click, type, choose } = await setUp(high);
    expect(text('match-high')).toContain('High score');
    expect(text('match-four-eyes')).toContain('The score is high: either decision needs a second officer.');
    await choose('false-positive');
    expect(text('match-four-eyes')).toContain('The score is high: a second officer must agree before it is cleared.');
    expect(text('match-resolve-submit')).toContain('Propose to a second officer');
    await type('match-resolve-reason', 'Different date of birth and place.');
    await click('[data-testid="match-resolve-submit"]');
    // No confirmation dialog for a clearing.
    expect(document.querySelector('[data-testid="confirm-dialog-ok"]')).toBeNull();
    expect(http.expectOne(`${API}/resolution`).request.body).toEqual({ resolution: 'false_positive', reason: 'Different date of birth and place.', rowVersion: 3 });
    expect(root.querySelector('[data-testid="match-resolve-submit"]')).not.toBeNull();
  });

  it('asks before confirming a match, and sends nothing when the officer backs out', async () => {
    const { http, text, click, type, choose } = await setUp(MATCH);
    await choose('confirmed');
    expect(text('match-four-eyes')).toContain('A second officer must agree before a match is confirmed.');
    await type('match-resolve-reason', 'Same date and place of birth, same father.');
    await click('[data-testid="match-resolve-submit"]');
    expect(document.querySelector('[data-testid="confirm-dialog-body"]')?.textContent).toContain('“Ezzat Ibrahim Al Duri” will be recorded as “IZZAT IBRAHIM AL-DURI”');
    await click('[data-testid="confirm-dialog-cancel"]');
    http.expectNone(`${API}/resolution`);

    await click('[data-testid="match-resolve-submit"]');
    await click('[data-testid="confirm-dialog-ok"]');
    expect(http.expectOne(`${API}/resolution`).request.body).toEqual({ resolution: 'confirmed', reason: 'Same date and place of birth, same father.', rowVersion: 3 });
  });

  it('lets another officer agree or send back a proposal, with a reason', async () => {
    const { http, root, text, click, type, settle } = await setUp(pendingMatch('false_positive', true));
    expect(text('match-proposal')).toContain('Layla Hassan proposed “False positive”');
    expect(text('match-proposal')).toContain('Born 1975 in Basra, not the listed person.');
    expect(root.querySelector('[data-testid="match-second-agree"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="match-resolve-form"]')).toBeNull();

    await type('match-second-reason', 'The birth records do not match.');
    await click('[data-testid="match-second-return"]');
    const post = http.expectOne(`${API}/second`);
    expect(post.request.body as ScreeningSecondInput).toEqual({ agree: false, reason: 'The birth records do not match.', rowVersion: 4 });
    post.flush({});
    http.expectOne(API).flush({ ...MATCH, rowVersion: 5 });
    await settle();
    expect(text('match-announcement')).toContain('Sent back');
  });

  it('agrees to a clearing without a dialog and shows both officers once decided', async () => {
    const { http, text, click, type } = await setUp(pendingMatch('false_positive', true));
    await type('match-second-reason', 'Checked the passport copy: different person.');
    await click('[data-testid="match-second-agree"]');
    expect(document.querySelector('[data-testid="confirm-dialog-ok"]')).toBeNull();
    const post = http.expectOne(`${API}/second`);
    expect(post.request.body).toEqual({ agree: true, reason: 'Checked the passport copy: different person.', rowVersion: 4 });
    post.flush({});
    http.expectOne(API).flush({
      ...pendingMatch('false_positive', false),
      state: 'cleared',
      resolvedBy: SECOND,
      resolvedAt: '2026-12-03T08:00:00Z',
      resolutionReason: 'Checked the passport copy: different person.',
    });
    await click('body');
    expect(text('match-state')).toContain('Cleared');
    expect(text('match-proposal')).toContain('Layla Hassan proposed “False positive”');
    expect(text('match-resolved')).toContain('Decided by Erik Lund');
    expect(text('match-resolved')).toContain('Checked the passport copy: different person.');
    expect(text('match-announcement')).toContain('You agreed');
  });

  it('asks the second officer before agreeing to a confirmation', async () => {
    const { http, click, type } = await setUp(pendingMatch('confirmed', true));
    await type('match-second-reason', 'Same father and date of birth.');
    await click('[data-testid="match-second-agree"]');
    expect(document.querySelector('[data-testid="confirm-dialog-body"]')?.textContent).toContain('will be recorded as');
    await click('[data-testid="confirm-dialog-ok"]');
    expect(http.expectOne(`${API}/second`).request.body).toEqual({ agree: true, reason: 'Same father and date of birth.', rowVersion: 4 });
  });

  it('tells the proposer the match waits for a second officer, with no buttons to press', async () => {
    const mine = { ...pendingMatch('confirmed', false), proposedBy: { id: sessionFor([]).user.id, name: 'Officer One' } };
    const { root, text } = await setUp(mine);
    expect(text('match-waiting')).toContain('You proposed this: it waits for a second officer, who must be someone else.');
    expect(root.querySelector('[data-testid="match-second-agree"]')).toBeNull();
    expect(root.querySelector('[data-testid="match-resolve-form"]')).toBeNull();
  });

  it('shows another officer’s pending proposal as waiting when the reader may not second it', async () => {
    const { text } = await setUp(pendingMatch('confirmed', false));
    expect(text('match-waiting')).toContain('Waiting for a second officer to agree or send it back.');
    expect(text('match-proposal')).toContain('Layla Hassan proposed “Confirmed match”');
  });

  it('shows the api’s refusal translated and reads the match again', async () => {
    const { http, root, text, click, type, choose } = await setUp(MATCH);
    await choose('false-positive');
    await type('match-resolve-reason', 'Different father’s name and born 1980.');
    await click('[data-testid="match-resolve-submit"]');
    http.expectOne(`${API}/resolution`).flush({ code: 'STALE_SCREENING_MATCH', message: 'stale' }, { status: 409, statusText: 'Conflict' });
    http.expectOne(API).flush(pendingMatch('confirmed', false));
    await click('body');
    expect(text('match-action-error')).toContain('Someone else changed this match meanwhile. Reload and try again.');
    expect(root.querySelector('[data-testid="match-resolve-form"]')).toBeNull();
    expect(text('match-waiting')).toContain('Waiting for a second officer');
  });
});
