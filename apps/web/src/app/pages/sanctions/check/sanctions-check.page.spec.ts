import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { pageTestProviders } from '../../../testing/page-providers';
import { CHECK, ENTRY } from '../shared/sanctions-fixtures';
import { SanctionsCheckPage, bestFirst } from './sanctions-check.page';

const API = '/api/v1/screening';

function setUp(language = 'en') {
  TestBed.configureTestingModule({ providers: [...pageTestProviders({ language: () => language })] });
  const fixture = TestBed.createComponent(SanctionsCheckPage);
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  const root = fixture.nativeElement as HTMLElement;
  const settle = async () => {
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const text = (testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const type = (value: string) => {
    const input = root.querySelector<HTMLInputElement>('[data-testid="sanctions-check-name"]');
    if (!input) throw new Error('no name field');
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = () => root.querySelector<HTMLFormElement>('[data-testid="sanctions-check-form"]')?.dispatchEvent(new Event('submit'));
  return { fixture, http, root, settle, text, type, submit };
}

describe('SanctionsCheckPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('says what to do before the first check, and asks for a name before sending', async () => {
    const { http, root, settle, text, submit } = setUp();
    expect(text('sanctions-check-empty')).toContain('No name checked yet');
    submit();
    await settle();
    http.expectNone(`${API}/checks`);
    expect(root.querySelector('mat-error')?.textContent).toContain('Enter a name.');
  });

  it('shows a potential match with the threshold, the candidates best first, the Arabic name right to left and why it scored', async () => {
    const { http, root, settle, text, type, submit } = setUp();
    type('  Izzat Ibrahim al-Douri ');
    root.querySelector<HTMLInputElement>('[data-testid="sanctions-check-kind-person"] input')?.click();
    await settle();
    submit();
    const request = http.expectOne((r) => r.method === 'POST' && r.url === `${API}/checks`);
    expect(request.request.body).toEqual({ name: 'Izzat Ibrahim al-Douri', kind: 'person' });
    request.flush(CHECK);
    await settle();

    const banner = root.querySelector('[data-testid="sanctions-check-banner"]');
    expect(banner?.getAttribute('data-match')).toBe('yes');
    expect(banner?.textContent).toContain('Potential match: “Izzat Ibrahim al-Douri” resembles a name on the list.');
    expect(banner?.textContent).toContain('A score of 0.82 or more is a potential match.');
    expect(text('sanctions-check-announcement')).toBe('Potential match: “Izzat Ibrahim al-Douri” resembles a name on the list. 2 names on the list are close');

    const candidates = [...root.querySelectorAll('[data-testid="sanctions-candidate"]')];
    expect(candidates.length).toBe(2);
    const first = candidates[0];
    const name = first.querySelector('[data-testid="sanctions-candidate-name"]');
    expect(name?.textContent).toBe('عزت إبراهيم الدوري');
    expect(name?.getAttribute('dir')).toBe('auto');
    expect(first.getAttribute('data-above')).toBe('true');
    expect(first.querySelector('[data-testid="sanctions-candidate-score"]')?.textContent).toBe('0.9312');
    expect(first.querySelector('[data-testid="sanctions-candidate-reference"]')?.textContent).toBe('IQi.006');
    expect(candidates[1].getAttribute('data-above')).toBe('false');

    const pairs = [...first.querySelectorAll('[data-testid="explain-pair"]')];
    expect(pairs.length).toBe(3);
    expect(pairs[0].textContent).toContain('Izzat');
    expect(pairs[0].querySelector('[data-testid="explain-pair-entry"]')?.getAttribute('dir')).toBe('auto');
    expect(first.querySelectorAll('[data-testid="explain-transliterated"]').length).toBe(3);
    expect(first.querySelector('[data-testid="explain-unpaired-entry"]')?.textContent).toContain('محمد');
    expect(first.querySelector('[data-testid="explain-adjustments"]')?.textContent).toContain('A person compared with an organization (or the other way): −0.05');
    expect(text('explain-matched-name')).toBe('عزت إبراهيم الدوري');

    const toggle = first.querySelector<HTMLButtonElement>('[data-testid="sanctions-candidate-entry-toggle"]');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    toggle?.click();
    await settle();
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    http.expectOne(`${API}/entries/${ENTRY.id}`).flush(ENTRY);
    await settle();
    const names = [...first.querySelectorAll('[data-testid="sanctions-entry-name"] bdi')];
    expect(names.map((n) => [n.textContent, n.getAttribute('lang')])).toEqual([
      ['IZZAT IBRAHIM AL-DURI', null],
      ['Abu Brays', null],
      ['عزة إبراهيم الدوري', 'ar'],
    ]);
    expect(first.querySelector('[data-testid="sanctions-entry"]')?.textContent).toContain('Vice Chairman of Revolutionary Command Council.');
    toggle?.click();
    await settle();
    expect(first.querySelector('[data-testid="sanctions-entry"]')).toBeNull();
    toggle?.click();
    await settle();
    http.expectNone(`${API}/entries/${ENTRY.id}`);
    expect(first.querySelector('[data-testid="sanctions-entry"]')).not.toBeNull();
  });

  it('says no potential match, and what to do when no list is imported yet', async () => {
    const { http, root, settle, text, type, submit } = setUp();
    type('Jane Doe');
    submit();
    http.expectOne(`${API}/checks`).flush({ ...CHECK, query: 'Jane Doe', potentialMatch: false, candidates: [] });
    await settle();
    expect(root.querySelector('[data-testid="sanctions-check-banner"]')?.getAttribute('data-match')).toBe('no');
    expect(text('sanctions-check-none')).toBe('No name on the list comes close.');

    submit();
    http.expectOne(`${API}/checks`).flush({ code: 'SCREENING_NO_LIST', message: 'No list' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(root.querySelector('[data-testid="sanctions-check-banner"]')).toBeNull();
    expect(text('sanctions-check-no-list')).toContain('There is no list to check against');
    expect(text('sanctions-check-announcement')).toBe('There is no list to check against');
    expect(root.querySelector('[data-testid="sanctions-check-to-lists"]')?.getAttribute('href')).toBe('/sanctions/lists');
    expect(root.querySelector('[data-testid="sanctions-check-error"]')).toBeNull();
  });

  it('shows any other refusal as the api error, translated', async () => {
    const { http, settle, text, type, submit } = setUp('sv');
    type('Jane Doe');
    submit();
    http.expectOne(`${API}/checks`).flush({ code: 'FORBIDDEN', message: 'no' }, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(text('sanctions-check-error')).toBe('Du har inte behörighet att göra detta.');
  });

});

describe('bestFirst', () => {
  it('orders candidates best first, equal scores by reference', () => {
    const [a, b] = CHECK.candidates;
    expect(bestFirst([a, b]).map((c) => c.reference)).toEqual(['IQi.006', 'IQi.002']);
    expect(bestFirst([{ ...a, reference: 'B', score: 0.9 }, { ...a, reference: 'A', score: 0.9 }]).map((c) => c.reference)).toEqual(['A', 'B']);
  });
});
