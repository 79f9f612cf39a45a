import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { HttpParams } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideIcons } from '../icons/icons';
import { LANGUAGE_STORAGE } from '../i18n/i18n.service';
import { KeysetPaginatorComponent, keysetParams, type KeysetPageMeta, type KeysetRequest } from './keyset-paginator.component';
import { TableFrameComponent } from './table-frame.component';

function configure(lang = 'en'): void {
  TestBed.configureTestingModule({
    providers: [provideIcons(), provideNoopAnimations(), { provide: LANGUAGE_STORAGE, useValue: { get: () => lang, set: () => undefined } }],
  });
}

const rows = (n: number): unknown[] => Array.from({ length: n }, (_, i) => i);

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TableFrameComponent, KeysetPaginatorComponent],
  template: `<mz-table-frame label="Records" [empty]="false">
    <table data-testid="records"><tr><td>A record</td></tr></table>
    <mz-keyset-paginator mzPaginator data-testid="records-pages" [page]="page()" (request)="asked.push($event)" />
  </mz-table-frame>`,
})
class Host {
  readonly page = signal<KeysetPageMeta>({ items: rows(25), pageSize: 25, next: 'n1', previous: null, total: 10_000, totalCapped: true });
  readonly asked: KeysetRequest[] = [];
}

async function render(lang = 'en') {
  configure(lang);
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  const root = fixture.nativeElement as HTMLElement;
  const button = (name: string) => root.querySelector<HTMLButtonElement>(`[data-testid="keyset-${name}"]`);
  const range = () => root.querySelector('[data-testid="keyset-range"]')?.textContent?.trim();
  return { fixture, root, host: fixture.componentInstance, button, range };
}

describe('keysetParams', () => {
  it('reads the first page with only the size, and sends one cursor', () => {
    expect(keysetParams({ pageSize: 25 }).toString()).toBe('pageSize=25');
    expect(keysetParams({ pageSize: 10, after: 'abc' }).toString()).toBe('pageSize=10&after=abc');
    expect(keysetParams({ pageSize: 10, before: 'xyz' }, new HttpParams().set('action', 'x')).toString()).toBe('action=x&pageSize=10&before=xyz');
  });
});

describe('KeysetPaginatorComponent', () => {
  it('sits in the table frame, says "1–25 of 10,000+" on a capped first page and cannot go back', async () => {
    const { root, range, button } = await render();
    expect(root.querySelector('[data-testid="records-pages"]')?.closest('.table-part')).not.toBeNull();
    expect(range()).toBe('1–25 of 10,000+');
    expect(button('previous')?.disabled).toBe(true);
    expect(button('first')?.disabled).toBe(true);
    expect(button('next')?.disabled).toBe(false);
    expect(button('next')?.getAttribute('aria-label')).toBe('Next page');
    expect(button('previous')?.getAttribute('aria-label')).toBe('Previous page');
    expect(button('first')?.getAttribute('aria-label')).toBe('First page');
  });

  it('asks for the page after, counts the rows walked, goes back and to the first page', async () => {
    const { fixture, host, range, button } = await render();
    button('next')?.click();
    expect(host.asked).toEqual([{ after: 'n1', pageSize: 25 }]);
    host.page.set({ items: rows(25), pageSize: 25, next: 'n2', previous: 'p2', total: 60, totalCapped: false });
    await fixture.whenStable();
    expect(range()).toBe('26–50 of 60');
    button('next')?.click();
    host.page.set({ items: rows(10), pageSize: 25, next: null, previous: 'p3', total: 60, totalCapped: false });
    await fixture.whenStable();
    expect(range()).toBe('51–60 of 60');
    expect(button('next')?.disabled).toBe(true);

    button('previous')?.click();
    expect(host.asked.at(-1)).toEqual({ before: 'p3', pageSize: 25 });
    host.page.set({ items: rows(25), pageSize: 25, next: 'n2', previous: 'p2', total: 60, totalCapped: false });
    await fixture.whenStable();
    expect(range()).toBe('26–50 of 60');

    button('first')?.click();
    expect(host.asked.at(-1)).toEqual({ pageSize: 25 });
  });

  it('starts counting again at 1 when a page has nothing before it (new filters)', async () => {
    const { fixture, host, range, button } = await render();
    button('next')?.click();
    host.page.set({ items: rows(25), pageSize: 25, next: 'n2', previous: 'p2', total: 10_000, totalCapped: true });
    await fixture.whenStable();
    expect(range()).toBe('26–50 of 10,000+');
    host.page.set({ items: rows(3), pageSize: 25, next: null, previous: null, total: 3, totalCapped: false });
    await fixture.whenStable();
    expect(range()).toBe('1–3 of 3');
    host.page.set({ items: [], pageSize: 25, next: null, previous: null, total: 0, totalCapped: false });
    await fixture.whenStable();
    expect(range()).toBe('No records');
  });

  it('speaks Arabic with Arabic-Indic digits', async () => {
    const { range, button } = await render('ar');
    expect(range()).toBe('١–٢٥ من ١٠٬٠٠٠+');
    expect(button('next')?.getAttribute('aria-label')).toBe('الصفحة التالية');
  });
});
