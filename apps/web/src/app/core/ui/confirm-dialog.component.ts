import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
} from '@angular/material/dialog';
import { map, type Observable } from 'rxjs';
import type { TranslationKey } from '../i18n/catalog';
import type { TranslationParams } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';

export interface ConfirmDialogData {
  titleKey: TranslationKey;
  /** What is about to happen, in one sentence. */
  bodyKey: TranslationKey;
  params?: TranslationParams;
  /** What follows from it, one point each: that it is final, who is told (with the same params). */
  detailKeys?: readonly TranslationKey[];
  /** The verb of the step ("Record as final", "Publish"), never a bare "OK". */
  confirmKey: TranslationKey;
}

/**
 * "Are you sure?" before a step that cannot be taken back or that tells
 * someone outside the agency: says what will happen and who is told; closes
 * with true to go ahead (Cancel, Escape or a click outside go back).
 */
@Component({
  selector: 'mz-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.titleKey | t: data.params }}</h2>
    <mat-dialog-content>
      <p data-testid="confirm-dialog-body">
        {{ data.bodyKey | t: data.params }}
      </p>
      @if (data.detailKeys?.length) {
        <ul data-testid="confirm-dialog-details">
          @for (key of data.detailKeys; track key) {
            <li>{{ key | t: data.params }}</li>
          }
        </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button
        mat-button
        type="button"
        data-testid="confirm-dialog-cancel"
        [mat-dialog-close]="false"
      >
        {{ 'common.cancel' | t }}
      </button>
      <button
        mat-flat-button
        type="button"
        data-testid="confirm-dialog-ok"
        [mat-dialog-close]="true"
        cdkFocusInitial
      >
        {{ data.confirmKey | t }}
      </button>
    </mat-dialog-actions>
  `,
})
export class ConfirmDialogComponent {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}

/** Opens the confirmation and emits once: true to go ahead, false when the user backed out. */
export function askToConfirm(
  dialog: MatDialog,
  data: ConfirmDialogData,
): Observable<boolean> {
  return dialog
    .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(
      ConfirmDialogComponent,
      { width: '520px', maxWidth: '95vw', data },
    )
    .afterClosed()
    .pipe(map((ok) => ok === true));
}
