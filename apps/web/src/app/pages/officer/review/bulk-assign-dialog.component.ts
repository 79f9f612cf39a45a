import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { BulkAssignResult } from '@mizan/contracts';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../../../core/ui/form-submission';
import { byLoad } from './charts';
import { ReviewApiService } from './review-api.service';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { WesternDigitsDirective } from '../../../core/ui/western-digits.directive';

export interface BulkAssignDialogData {
  callId: string;
}

export const PER_APPLICATION_MAX = 5;

/**
 * "N reviewers per application" for every eligible or in-review application
 * of the call. The result stays in the dialog (what was made, what could not
 * be, the loads now) until the officer closes it.
 */
@Component({
  selector: 'mz-bulk-assign-dialog',
  imports: [
    WesternDigitsDirective,
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './bulk-assign-dialog.component.html',
  styles: `
    .intro {
      margin: 0 0 16px;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .fields mat-form-field {
      flex: 1 1 200px;
    }
    .result h3 {
      font: var(--mat-sys-title-small);
      margin: 16px 0 4px;
    }
    .result ul {
      margin: 0;
      padding-inline-start: 20px;
    }
    .result p {
      margin: 4px 0;
    }
  `,
})
export class BulkAssignDialogComponent {
  private readonly api = inject(ReviewApiService);
  private readonly dialogRef =
    inject<MatDialogRef<BulkAssignDialogComponent, BulkAssignResult>>(
      MatDialogRef,
    );
  private readonly data = inject<BulkAssignDialogData>(MAT_DIALOG_DATA);
  private readonly injector = inject(Injector);
  protected readonly i18n = inject(I18nService);
  private readonly closeButton = viewChild('closeButton', {
    read: ElementRef<HTMLButtonElement>,
  });
  protected readonly submission = new FormSubmission<BulkAssignResult>();
  protected readonly result = signal<BulkAssignResult | null>(null);
  protected readonly max = PER_APPLICATION_MAX;

  protected readonly form = inject(NonNullableFormBuilder).group({
    perApplication: [
      2,
      [
        Validators.required,
        Validators.min(1),
        Validators.max(PER_APPLICATION_MAX),
        Validators.pattern(/^\d+$/),
      ],
    ],
    dueOn: [''],
  });

  protected save(): void {
    const { perApplication, dueOn } = this.form.getRawValue();
    this.submission.run(
      this.form,
      () =>
        this.api.bulkAssign(this.data.callId, {
          perApplication: Number(perApplication),
          dueOn: dueOn === '' ? null : dueOn,
        }),
      (result) => {
        this.result.set(result);
        // The form the focus was in is gone: put it on the result's only action.
        afterNextRender(() => this.closeButton()?.nativeElement.focus(), {
          injector: this.injector,
        });
      },
    );
  }

  protected loads(result: BulkAssignResult) {
    return byLoad(result.loads.map((l) => ({ ...l, name: l.reviewerName })));
  }

  protected close(): void {
    this.dialogRef.close(this.result() ?? undefined);
  }
}
