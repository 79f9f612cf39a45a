import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Notifier } from './notifier.service';

const FOCUSABLE =
  'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

function container(): HTMLElement {
  const found = document.querySelector<HTMLElement>('mat-snack-bar-container');
  if (!found) throw new Error('no snack-bar on the page');
  return found;
}

describe('Notifier', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection()],
    });
  });

  afterEach(() => TestBed.inject(MatSnackBar).dismiss());

  it('shows the message without any focusable element, also while it is still aria-hidden', () => {
    TestBed.inject(Notifier).notify('Saved.');
    const snackBar = container();
    expect(snackBar.textContent).toContain('Saved.');
    // Right after opening, the content sits in Material's aria-hidden holder.
    const hidden = snackBar.querySelector('[aria-hidden="true"]');
    expect(hidden?.textContent).toContain('Saved.');
    expect(hidden?.querySelectorAll(FOCUSABLE)).toHaveLength(0);
    expect(snackBar.querySelectorAll(FOCUSABLE)).toHaveLength(0);
  });

  it('is announced politely: the text ends up in an aria-live="polite" region', async () => {
    TestBed.inject(Notifier).notify('Published.');
    const live = container().querySelector('[aria-live]');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    await new Promise((r) => setTimeout(r, 300));
    expect(live?.textContent).toContain('Published.');
    expect(container().querySelector('[aria-hidden="true"]')).toBeNull();
  });

  it('goes away by itself after six seconds', async () => {
    const ref = TestBed.inject(Notifier).notify('Done.');
    expect(ref.containerInstance.snackBarConfig.duration).toBe(6000);
  });
});
