import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { CurrencyCode } from '@mizan/domain';
import { catchError, of } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { MoneyFieldComponent } from '../../../core/ui/money-field.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { minorToInput } from '../../officer/shared/money';
import { moneyInputToMinor } from '../../../core/ui/money-input';
import { notBlank } from '../../officer/shared/validators';
import {
  FinanceApiService,
  type FinanceSettings,
} from '../shared/finance-api.service';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const BIC = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** "se45 5000 0000…" → "SE4550000000…" */
function compact(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/**
 * The agency's payment rules: the amount above which a second finance officer
 * must approve, whether the payer must be a third person, and the agency's own
 * bank account that bank files debit. Changed with a reason, after re-authentication.
 */
@Component({
  selector: 'mz-finance-settings-page',
  imports: [
    PageHeaderComponent,
    FormProblemComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    MoneyFieldComponent,
    ReactiveFormsModule,
    ReasonFieldComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './finance-settings-page.component.html',
  styleUrls: [
    '../../officer/shared/officer-page.scss',
    '../shared/finance-page.scss',
  ],
  styles: `
    form {
      max-width: 640px;
    }
    mz-money-field,
    mat-form-field,
    mz-reason-field {
      display: block;
      margin-block-end: 16px;
    }
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 16px;
      margin: 0 0 16px;
    }
    legend {
      font: var(--mat-sys-title-small);
      padding-inline: 4px;
    }
    .toggle-hint {
      margin: 4px 0 0;
    }
  `,
})
export class FinanceSettingsPageComponent {
  private readonly api = inject(FinanceApiService);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18nService);

  protected readonly loading = signal(true);
  protected readonly loadProblem = signal<FormProblem | null>(null);
  protected readonly saved = signal<FinanceSettings | null>(null);
  protected readonly submission = new FormSubmission<FinanceSettings>();
  /** The threshold's currency: the settings' own when the api says, else the agency's usual SEK. */
  protected readonly currency = signal<CurrencyCode>('SEK');

  protected readonly form = inject(NonNullableFormBuilder).group({
    threshold: ['', [Validators.required]],
    threePeople: [true],
    agencyName: ['', [Validators.maxLength(140)]],
    agencyIban: ['', [Validators.pattern(/^\s*[A-Za-z]{2}\d{2}[A-Za-z0-9 ]{11,40}\s*$/)]],
    agencyBic: ['', [Validators.pattern(/^\s*[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?\s*$/)]],
    reason: ['', [Validators.required, notBlank, Validators.maxLength(2000)]],
  });

  constructor() {
    this.form.controls.threshold.addValidators((control) => {
      const text = String(control.value ?? '').trim();
      if (text === '') return null;
      return moneyInputToMinor(text, this.currency()) === null ? { amount: true } : null;
    });
    this.api
      .settings()
      .pipe(
        catchError((error: unknown) => {
          this.loadProblem.set(errorMessage(toWebError(error)));
          return of(null);
        }),
        takeUntilDestroyed(),
      )
      .subscribe((settings) => {
        this.loading.set(false);
        if (settings) this.fill(settings);
      });
  }

  private fill(settings: FinanceSettings): void {
    this.saved.set(settings);
    this.form.reset({
      threshold: minorToInput(settings.secondApprovalThresholdMinor, this.currency()),
      threePeople: settings.threePeople,
      agencyName: settings.agencyName ?? '',
      agencyIban: settings.agencyIban ?? '',
      agencyBic: settings.agencyBic ?? '',
      reason: '',
    });
  }

  protected save(): void {
    const v = this.form.getRawValue();
    const iban = compact(v.agencyIban);
    const bic = compact(v.agencyBic);
    if (iban && !IBAN.test(iban)) this.form.controls.agencyIban.setErrors({ pattern: true });
    if (bic && !BIC.test(bic)) this.form.controls.agencyBic.setErrors({ pattern: true });
    this.submission.run(
      this.form,
      () =>
        this.api.updateSettings({
          secondApprovalThresholdMinor: moneyInputToMinor(v.threshold.trim(), this.currency()) ?? '',
          threePeople: v.threePeople,
          agencyName: v.agencyName.trim() || null,
          agencyIban: iban || null,
          agencyBic: bic || null,
          reason: v.reason.trim(),
        }),
      (settings) => {
        this.fill(settings);
        this.notifier.notify(this.i18n.t('finance.settings.saved'));
      },
    );
  }
}
