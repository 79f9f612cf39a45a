import { DOCUMENT } from '@angular/common';
import { Directive, HostListener, inject } from '@angular/core';
import { normalizeDigits } from '../../pages/applicant/shared/money';

const LOCAL_DIGITS = /[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]/;

/**
 * A number field an Arabic keyboard can type into. The browser drops Arabic-Indic digits (and ٫) typed or pasted into
 * a number field before any script sees the value; this puts the Western digits in their place as they are typed,
 * through the editing pipeline (so undo and the form control see an ordinary input). Every number field carries it
 * (`<input type="number" mzWesternDigits>`); its spec fails on one without it or a component that does not import it.
 */
@Directive({ selector: 'input[type=number][mzWesternDigits]' })
export class WesternDigitsDirective {
  private readonly document = inject(DOCUMENT);

  @HostListener('beforeinput', ['$event'])
  protected onBeforeInput(event: InputEvent): void {
    const text = event.data ?? event.dataTransfer?.getData('text/plain') ?? null;
    if (!text || !LOCAL_DIGITS.test(text)) return;
    event.preventDefault();
    // execCommand is the one way to insert text as if typed (caret, undo, input event) in a number field.
    this.document.execCommand('insertText', false, normalizeDigits(text));
  }
}
