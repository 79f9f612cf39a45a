import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../i18n/translate.pipe';

/** Where a box that scrolls sideways stands: how far it can still go towards the start and the end of the line. */
export interface ScrollEdges {
  readonly overflowing: boolean;
  readonly moreAtStart: boolean;
  readonly moreAtEnd: boolean;
}

/**
 * From the box's measures. `scrollLeft` runs 0 → −max in a right-to-left box (Chromium, Firefox, Safari), 0 → max
 * otherwise, so its size is the distance from the start either way. One pixel of slack for sub-pixel widths.
 */
export function scrollEdges(scrollWidth: number, clientWidth: number, scrollLeft: number): ScrollEdges {
  const max = scrollWidth - clientWidth;
  if (max <= 1) return { overflowing: false, moreAtStart: false, moreAtEnd: false };
  const fromStart = Math.abs(scrollLeft);
  return { overflowing: true, moreAtStart: fromStart > 1, moreAtEnd: fromStart < max - 1 };
}

/**
 * A wide table's frame. When what it holds is wider than the screen it scrolls sideways, and says so: a visible
 * scrollbar, a shadow on the edge that has more, and a line "scroll sideways for more"; the box is then a named
 * region in the tab order, so a keyboard user can focus it and scroll with the arrow keys.
 */
@Component({
  selector: 'mz-scroll-region',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="frame" [class.more-start]="edges().moreAtStart" [class.more-end]="edges().moreAtEnd">
      <div
        #box
        class="box"
        role="region"
        data-testid="scroll-region"
        [attr.aria-label]="labelledBy() ? null : label()"
        [attr.aria-labelledby]="labelledBy()"
        [attr.tabindex]="edges().overflowing ? 0 : null"
        [attr.data-overflowing]="edges().overflowing"
        (scroll)="measure()"
      >
        <ng-content />
      </div>
    </div>
    @if (edges().overflowing) {
      <p class="hint" data-testid="scroll-hint">
        <mat-icon svgIcon="swap_horiz" aria-hidden="true" />
        {{ 'common.scrollHint' | t }}
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .frame {
      position: relative;
    }
    .box {
      overflow-x: auto;
      scrollbar-width: thin;
      scrollbar-color: var(--mat-sys-outline) var(--mat-sys-surface-container-high);
    }
    .box:focus-visible {
      outline: 3px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .frame::before,
    .frame::after {
      content: '';
      position: absolute;
      inset-block: 0;
      width: 16px;
      pointer-events: none;
      opacity: 0;
      transition: opacity 120ms;
      z-index: 2;
    }
    .frame::before {
      inset-inline-start: 0;
      background: linear-gradient(to left, transparent, rgb(0 0 0 / 22%));
    }
    .frame::after {
      inset-inline-end: 0;
      background: linear-gradient(to right, transparent, rgb(0 0 0 / 22%));
    }
    :host-context([dir='rtl']) .frame::before {
      background: linear-gradient(to right, transparent, rgb(0 0 0 / 22%));
    }
    :host-context([dir='rtl']) .frame::after {
      background: linear-gradient(to left, transparent, rgb(0 0 0 / 22%));
    }
    .frame.more-start::before,
    .frame.more-end::after {
      opacity: 1;
    }
    .hint {
      display: flex;
      align-items: center;
      gap: 4px;
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .hint mat-icon {
      width: 18px;
      height: 18px;
    }
  `,
})
export class ScrollRegionComponent {
  /** The region's accessible name, already translated (say what the table is)… */
  readonly label = input<string | null>(null);
  /** …or the id of the heading that names it. */
  readonly labelledBy = input<string | null>(null);

  private readonly box = viewChild.required<ElementRef<HTMLElement>>('box');
  protected readonly edges = signal<ScrollEdges>({ overflowing: false, moreAtStart: false, moreAtEnd: false });

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      this.measure();
      if (typeof ResizeObserver === 'undefined') return;
      const box = this.box().nativeElement;
      const observer = new ResizeObserver(() => this.measure());
      observer.observe(box);
      // The table inside grows and shrinks with its rows and columns, not only the box with the window.
      const watchContent = () => {
        for (const child of Array.from(box.children)) observer.observe(child);
      };
      watchContent();
      const mutations = new MutationObserver(() => {
        watchContent();
        this.measure();
      });
      mutations.observe(box, { childList: true });
      destroyRef.onDestroy(() => {
        observer.disconnect();
        mutations.disconnect();
      });
    });
  }

  /** Reads the box again (on scroll and resize; public for a page whose content changes width by itself). */
  measure(): void {
    const el = this.box().nativeElement;
    const next = scrollEdges(el.scrollWidth, el.clientWidth, el.scrollLeft);
    const now = this.edges();
    if (now.overflowing !== next.overflowing || now.moreAtStart !== next.moreAtStart || now.moreAtEnd !== next.moreAtEnd) {
      this.edges.set(next);
    }
  }
}
