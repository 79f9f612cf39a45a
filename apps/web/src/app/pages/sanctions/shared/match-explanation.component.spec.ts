import { TestBed } from '@angular/core/testing';
import type { MatchExplanation } from '@mizan/domain';
import { pageTestProviders } from '../../../testing/page-providers';
import { MatchExplanationComponent } from './match-explanation.component';

const DETAIL: MatchExplanation = {
  matchedName: 'Al-Rashid Trading Company',
  matchedNameType: 'alias',
  pairs: [
    { query: 'Rasheed', entry: 'Rashid', similarity: 0.8571, script: 'same' },
    { query: 'Trading', entry: 'Trading', similarity: 1, script: 'same' },
  ],
  unpairedQuery: ['Ltd'],
  unpairedEntry: ['Al', 'Company'],
  adjustments: [{ code: 'token_count', amount: 0.03 }],
};

function render(detail: MatchExplanation, language = 'en') {
  TestBed.configureTestingModule({ providers: [...pageTestProviders({ language: () => language })] });
  const fixture = TestBed.createComponent(MatchExplanationComponent);
  fixture.componentRef.setInput('detail', detail);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('MatchExplanationComponent', () => {
  it('tables the pairs with their similarity, lists the unpaired parts, and names an adjustment it does not know by its code', () => {
    const root = render(DETAIL);
    expect(root.querySelector('[data-testid="explain-matched-name"]')?.textContent).toBe('Al-Rashid Trading Company');
    expect(root.textContent).toContain('Alias');
    expect([...root.querySelectorAll('th')].map((th) => th.textContent?.trim())).toEqual(['Name part', 'On the list', 'Similarity']);
    const pairs = [...root.querySelectorAll('[data-testid="explain-pair"]')];
    expect(pairs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()))).toEqual([
      ['Rasheed', 'Rashid', '0.8571'],
      ['Trading', 'Trading', '1.00'],
    ]);
    expect(root.querySelector('[data-testid="explain-transliterated"]')).toBeNull();
    expect(root.querySelector('[data-testid="explain-unpaired-query"]')?.textContent).toContain('Ltd');
    expect(root.querySelectorAll('[data-testid="explain-unpaired-entry"] bdi').length).toBe(2);
    expect(root.querySelector('[data-testid="explain-adjustments"]')?.textContent?.trim()).toBe('Lowered (token_count): −0.03');
    expect(root.querySelector('caption')?.textContent).toContain('How the parts of the name pair up');
  });

  it('in Arabic: Arabic words and digits, names isolated, nothing empty when there is nothing to pair', () => {
    const root = render({ matchedName: 'عزت إبراهيم الدوري', matchedNameType: 'original_script', pairs: [], unpairedQuery: [], unpairedEntry: [], adjustments: [{ code: 'kind_mismatch', amount: 0.05 }] }, 'ar');
    expect(root.textContent).toContain('أقرب اسم في القائمة');
    expect(root.textContent).toContain('الكتابة الأصلية');
    expect(root.querySelector('[data-testid="explain-matched-name"]')?.getAttribute('dir')).toBe('auto');
    expect(root.querySelector('[data-testid="explain-pairs"]')).toBeNull();
    expect(root.querySelector('[data-testid="explain-unpaired-query"]')).toBeNull();
    expect(root.querySelector('[data-testid="explain-adjustments"]')?.textContent).toContain('مقارنة شخص بمنظمة');
  });
});
