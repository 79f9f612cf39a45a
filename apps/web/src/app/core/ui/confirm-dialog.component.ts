import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { TranslationKey } from '../../../core/i18n/catalog';
import type { TranslationParams } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';

export interface ConfirmDialogData {
  titleKey: TranslationKey;
  bodyKey: TranslationKey;
  params?: TranslationParams;
  confirmKey: TranslationKey;
}

/** "Are you sure?" for a step that cannot be taken back; closes with true to go ahead. */
@Component({
  selector: 'mz-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.titleKey | t: data.params }}</h2>
    <mat-dialog-content>
      <p>{{ data.bodyKey | t: data.params }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">
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
