import { Injectable, inject } from '@angular/core';
import {
  MatSnackBar,
  type MatSnackBarRef,
  type TextOnlySnackBar,
} from '@angular/material/snack-bar';

/**
 * The one way pages tell the user that something was done ("Saved", "Published").
 *
 * The message has no action button on purpose. Material's snack-bar first renders
 * its content inside an `aria-hidden` container and moves it into the live region
 * only ~150 ms later, so it is announced once. A button in it would, during that
 * time, be focusable yet hidden from screen readers (WCAG 4.1.2, axe
 * `aria-hidden-focus`) — and a "Close" action on a message that goes away by
 * itself after a few seconds (NOTICE_MS) adds nothing a
 * keyboard user could reach in time. It is announced politely, so it never
 * interrupts what a screen reader is reading.
 */
/** How long a notice stays. Set here rather than as MAT_SNACK_BAR_DEFAULT_OPTIONS in app.config, which would put the snack-bar in the first download. */
const NOTICE_MS = 6000;

@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);

  notify(message: string): MatSnackBarRef<TextOnlySnackBar> {
    return this.snackBar.open(message, undefined, { politeness: 'polite', duration: NOTICE_MS });
  }
}
