import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
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
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { PartnerInput, PartnerView } from '@mizan/contracts';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../../../core/ui/form-submission';
import { OrganizationsApiService } from '../shared/organizations-api.service';
import {
  ReferenceDataService,
  governorateName,
} from '../shared/reference-data.service';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';

export interface PartnerDialogData {
  organizationId: string;
  partner: PartnerView | null;
}

const PHONE = /^\+?[0-9][0-9 ()./-]{4,39}$/;

@Component({
  selector: 'mz-partner-dialog',
  imports: [
    FieldErrorDirective,
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './partner-dialog.component.html',
})
export class PartnerDialogComponent {
  private readonly api = inject(OrganizationsApiService);
  private readonly dialogRef =
    inject<MatDialogRef<PartnerDialogComponent, PartnerView>>(MatDialogRef);
  protected readonly data = inject<PartnerDialogData>(MAT_DIALOG_DATA);
  protected readonly i18n = inject(I18nService);
  protected readonly governorates = toSignal(
    inject(ReferenceDataService).governorates(),
    { initialValue: [] },
  );
  protected readonly governorateName = governorateName;
  protected readonly submission = new FormSubmission<PartnerView>({ quiet: true });

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [
      this.data.partner?.name ?? '',
      [Validators.required, Validators.maxLength(300)],
    ],
    governorateCode: [
      this.data.partner?.governorateCode ?? '',
      Validators.required,
    ],
    localRegistrationNumber: [
      this.data.partner?.localRegistrationNumber ?? '',
      [Validators.required, Validators.maxLength(60)],
    ],
    contactPerson: [
      this.data.partner?.contactPerson ?? '',
      [Validators.required, Validators.maxLength(200)],
    ],
    contactEmail: [this.data.partner?.contactEmail ?? '', [Validators.email]],
    contactPhone: [
      this.data.partner?.contactPhone ?? '',
      [Validators.pattern(PHONE)],
    ],
    relationship: [
      this.data.partner?.relationship ?? '',
      [Validators.required, Validators.maxLength(1000)],
    ],
  });

  protected save(): void {
    const v = this.form.getRawValue();
    const input: PartnerInput = {
      name: v.name.trim(),
      governorateCode: v.governorateCode,
      localRegistrationNumber: v.localRegistrationNumber.trim(),
      contactPerson: v.contactPerson.trim(),
      contactEmail: v.contactEmail.trim() === '' ? null : v.contactEmail.trim(),
      contactPhone: v.contactPhone.trim() === '' ? null : v.contactPhone.trim(),
      relationship: v.relationship.trim(),
    };
    const partner = this.data.partner;
    this.submission.run(
      this.form,
      () =>
        partner
          ? this.api.updatePartner(this.data.organizationId, partner.id, input)
          : this.api.addPartner(this.data.organizationId, input),
      (saved) => this.dialogRef.close(saved),
    );
  }
}
