import { DOCUMENT } from '@angular/common';
import {
  Directive,
  ElementRef,
  NgZone,
  afterNextRender,
  inject,
  input,
  type OnDestroy,
} from '@angular/core';

/**
 * Keeps the host's first child in view while the page scrolls, like
 * `position: sticky`. Plain sticky cannot work inside the shell: the side-nav
 * content is an `overflow: auto` box that never scrolls itself (the document
 * does), and sticky elements stick to that box. The host stays in the flow and
 * keeps the child's height, so nothing jumps; the child becomes `fixed` below
 * the app bar, aligned with the host, and never leaves `boundary` (default: the
 * host's parent).
 */
@Directive({ selector: '[mzSticky]' })
export class StickyDirective implements OnDestroy {
  private readonly host =
    inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly document = inject(DOCUMENT);
  private readonly zone = inject(NgZone);

  /** Extra space between the app bar and the stuck element, in px. */
  readonly mzStickyGap = input(8);
  /** Stick only while this media query matches (e.g. wide screens for a side panel). */
  readonly mzStickyMedia = input<string | null>(null);
  readonly mzStickyBoundary = input<HTMLElement | null>(null);
  /**
   * While stuck across the page's width, keep focused fields clear of it: the document's scroll padding
   * grows by the stuck element, so the browser scrolls a field it focuses to below it, not under it.
   */
  readonly mzStickyPadScroll = input(false);

  private frame = 0;
  private readonly update = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.place();
    });
  };

  constructor() {
    afterNextRender(() => {
      this.zone.runOutsideAngular(() => {
        const view = this.document.defaultView;
        view?.addEventListener('scroll', this.update, {
          passive: true,
          capture: true,
        });
        view?.addEventListener('resize', this.update, { passive: true });
        this.resizeObserver = new ResizeObserver(this.update);
        this.resizeObserver.observe(this.host);
        const child = this.host.firstElementChild;
        if (child) this.resizeObserver.observe(child);
      });
      this.place();
    });
  }

  private resizeObserver: ResizeObserver | null = null;

  ngOnDestroy(): void {
    const view = this.document.defaultView;
    view?.removeEventListener('scroll', this.update, { capture: true });
    view?.removeEventListener('resize', this.update);
    this.resizeObserver?.disconnect();
    this.padScroll(null);
    if (this.frame) cancelAnimationFrame(this.frame);
  }

  private place(): void {
    const child = this.host.firstElementChild as HTMLElement | null;
    if (!child) return;
    const view = this.document.defaultView;
    const media = this.mzStickyMedia();
    if (media && view && !view.matchMedia(media).matches) {
      this.release(child);
      return;
    }
    const headerBottom =
      this.document.querySelector('header')?.getBoundingClientRect().bottom ??
      0;
    const top = Math.max(0, headerBottom) + this.mzStickyGap();
    const hostRect = this.host.getBoundingClientRect();
    const boundary = (
      this.mzStickyBoundary() ?? this.host.parentElement
    )?.getBoundingClientRect();
    if (hostRect.top >= top) {
      this.release(child);
      return;
    }
    const height = child.offsetHeight;
    this.host.style.minHeight = `${height}px`;
    // Never past the end of the boundary: slide up with it.
    const limit = boundary ? boundary.bottom - height - top : 0;
    child.style.position = 'fixed';
    child.style.top = `${top + Math.min(0, limit)}px`;
    child.style.left = `${hostRect.left}px`;
    child.style.width = `${hostRect.width}px`;
    child.style.boxSizing = 'border-box';
    child.style.zIndex = '2';
    child.style.maxHeight = `calc(100vh - ${top + 8}px)`;
    child.style.overflowY = 'auto';
    child.classList.add('mz-stuck');
    this.padScroll(top + Math.min(0, limit) + height + 8);
  }

  private padScroll(px: number | null): void {
    if (!this.mzStickyPadScroll()) return;
    this.document.documentElement.style.scrollPaddingTop = px === null ? '' : `${px}px`;
  }

  private release(child: HTMLElement): void {
    this.padScroll(null);
    this.host.style.minHeight = '';
    child.style.position = '';
    child.style.top = '';
    child.style.left = '';
    child.style.width = '';
    child.style.boxSizing = '';
    child.style.zIndex = '';
    child.style.maxHeight = '';
    child.style.overflowY = '';
    child.classList.remove('mz-stuck');
  }
}
