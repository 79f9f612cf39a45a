import { HttpParams } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { KeysetPage } from '@mizan/contracts';
import { TranslatePipe } from '../i18n/translate.pipe';

/** What the paginator needs of a page the api sent (a `KeysetPage` without its items will do). */
export type KeysetPageMeta = Pick<
  KeysetPage<unknown>,
  'next' | 'previous' | 'total' | 'totalCapped' | 'pageSize'
> & { items?: readonly unknown[] };

/**
 * The page a list asks for next: after a cursor, before one, or the first page (neither).
 * `keysetParams(request)` turns it into query parameters for the api.
 */
export interface KeysetRequest {
  after?: string;
  before?: string;
  pageSize: number;
}

/** The first page of a list with this page size (what a filter change asks for). */
export function firstKeysetPage(pageSize: number): KeysetRequest {
  return { pageSize };
}

/**
 * `?after=` / `?before=` / `?pageSize=` of a keyset request, added to `params` (a list's filters).
 * Empty cursors are left out, so `{ pageSize }` reads the first page.
 */
export function keysetParams(
  request: KeysetRequest,
  params: HttpParams = new HttpParams(),
): HttpParams {
  let out = params.set('pageSize', request.pageSize);
  if (request.after) out = out.set('after', request.after);
  else if (request.before) out = out.set('before', request.before);
  return out;
}

/** SVG paths of the Material "first page", "chevron left" and "chevron right" icons (as mat-paginator draws them). */
const FIRST = 'M18.41 16.59L13.82 12l4.59-4.59L17 6l-6 6 6 6zM6 6h2v12H6z';
const PREVIOUS = 'M15.41 7.41L14 6l-6 6 6 6 1.41-1.41L10.83 12z';
const NEXT = 'M10 6L8.59 7.41 13.17 12l-4.58 4.59L10 18l6-6z';

/**
 * The paginator of a long list read page by page with cursors (keyset pagination, issue 14): page size,
 * "first page", "previous", "next" and a range like "1–25 of 10,000+" (the api counts up to a cap). It
 * emits the page to read; the page holding the list fetches it and passes the answer back in `page`.
 * It goes in `mz-table-frame`'s paginator slot:
 *
 *   <mz-keyset-paginator mzPaginator [page]="page()" (request)="load($event)" data-testid="…-pages" />
 *
 * A cursor list knows no page numbers; the range counts the rows walked through from the first page,
 * and starts again at 1 whenever a page has nothing before it (first page, new filters).
 */
@Component({
  selector: 'mz-keyset-paginator',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatTooltipModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="bar">
      <div class="size">
        <span class="size-label" [id]="sizeLabelId">{{ 'core.keyset.itemsPerPage' | t }}</span>
        <mat-form-field class="size-field" appearance="outline" subscriptSizing="dynamic">
          <mat-select
            [value]="page().pageSize"
            [disabled]="disabled()"
            [attr.aria-labelledby]="sizeLabelId"
            data-testid="keyset-page-size"
            (selectionChange)="changeSize($event.value)"
          >
            @for (size of sizes(); track size) {
              <mat-option [value]="size">{{ size }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      <div class="range" aria-live="polite" data-testid="keyset-range">{{ rangeKey() | t: rangeParams() }}</div>
      <div class="actions">
        <button
          mat-icon-button
          type="button"
          data-testid="keyset-first"
          [disabled]="disabled() || !page().previous"
          [attr.aria-label]="'core.keyset.first' | t"
          [matTooltip]="'core.keyset.first' | t"
          (click)="first()"
        >
          <svg class="icon" viewBox="0 0 24 24" focusable="false" aria-hidden="true"><path [attr.d]="firstPath" /></svg>
        </button>
        <button
          mat-icon-button
          type="button"
          data-testid="keyset-previous"
          [disabled]="disabled() || !page().previous"
          [attr.aria-label]="'core.keyset.previous' | t"
          [matTooltip]="'core.keyset.previous' | t"
          (click)="previous()"
        >
          <svg class="icon" viewBox="0 0 24 24" focusable="false" aria-hidden="true"><path [attr.d]="previousPath" /></svg>
        </button>
        <button
          mat-icon-button
          type="button"
          data-testid="keyset-next"
          [disabled]="disabled() || !page().next"
          [attr.aria-label]="'core.keyset.next' | t"
          [matTooltip]="'core.keyset.next' | t"
          (click)="next()"
        >
          <svg class="icon" viewBox="0 0 24 24" focusable="false" aria-hidden="true"><path [attr.d]="nextPath" /></svg>
        </button>
      </div>
    </div>
  `,
  styles: `
    :host {
      display: block;
      color: var(--mat-paginator-container-text-color, var(--mat-sys-on-surface));
      background: var(--mat-paginator-container-background-color, var(--mat-sys-surface));
      font: var(--mat-sys-body-small);
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: 4px 16px;
      min-height: 56px;
      padding: 0 8px;
    }
    .size {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .size-field {
      width: 84px;
      --mat-form-field-container-height: 40px;
      --mat-form-field-container-vertical-padding: 8px;
    }
    .range {
      min-width: 8em;
      text-align: center;
    }
    .actions {
      display: flex;
    }
    .icon {
      width: 28px;
      height: 28px;
      fill: currentColor;
    }
    :host-context([dir='rtl']) .icon {
      transform: scaleX(-1);
    }
  `,
})
export class KeysetPaginatorComponent {
  /** The page on show (its cursors, capped count and size). */
  readonly page = input.required<KeysetPageMeta>();
  /** While a page loads: the buttons wait. */
  readonly disabled = input(false);
  readonly pageSizeOptions = input<readonly number[]>([10, 25, 50, 100]);
  /** The page to read next (the list fetches it and passes the answer back in `page`). */
  readonly request = output<KeysetRequest>();

  protected readonly firstPath = FIRST;
  protected readonly previousPath = PREVIOUS;
  protected readonly nextPath = NEXT;
  protected readonly sizeLabelId = `mz-keyset-size-${nextId++}`;

  /** Rows before this page: counted as the user walks, 0 on a page with nothing before it. */
  private readonly offset = signal(0);

  constructor() {
    effect(() => {
      const page = this.page();
      if (page.previous === null) untracked(() => this.offset.set(0));
    });
  }

  protected readonly sizes = computed(() => {
    const sizes = new Set([...this.pageSizeOptions(), this.page().pageSize]);
    return [...sizes].sort((a, b) => a - b);
  });

  protected readonly rangeKey = computed(() => {
    const page = this.page();
    if (this.shown() === 0) return 'core.keyset.empty' as const;
    return page.totalCapped ? ('core.keyset.rangeCapped' as const) : ('core.keyset.range' as const);
  });

  protected readonly rangeParams = computed(() => {
    const page = this.page();
    const start = this.offset() + 1;
    const end = this.offset() + this.shown();
    return { start, end, total: Math.max(page.total, end) };
  });

  /** Rows on this page: the items when given, else as many as the page size allows. */
  private shown(): number {
    const page = this.page();
    if (page.items) return page.items.length;
    return Math.min(page.pageSize, Math.max(0, page.total - this.offset()));
  }

  protected first(): void {
    this.offset.set(0);
    this.request.emit({ pageSize: this.page().pageSize });
  }

  protected previous(): void {
    const page = this.page();
    if (!page.previous) return;
    this.offset.update((o) => Math.max(0, o - page.pageSize));
    this.request.emit({ before: page.previous, pageSize: page.pageSize });
  }

  protected next(): void {
    const page = this.page();
    if (!page.next) return;
    this.offset.update((o) => o + this.shown());
    this.request.emit({ after: page.next, pageSize: page.pageSize });
  }

  protected changeSize(pageSize: number): void {
    this.offset.set(0);
    this.request.emit({ pageSize });
  }
}

let nextId = 0;
