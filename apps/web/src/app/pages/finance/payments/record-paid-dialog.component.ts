import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
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
import type {
  PaymentView,
  RecordPaidRequest,
  SuggestedRateView,
} from '@mizan/contracts';
import { CURRENCIES, type CurrencyCode } from '@mizan/domain';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
  type Observable,
} from 'rxjs';
import { IdempotencyKey } from '../../../core/api/idempotency';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { MoneyFieldComponent } from '../../../core/ui/money-field.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { minorToInput } from '../../officer/shared/money';
import { moneyInputToMinor, moneyValidator } from '../../../core/ui/money-input';
import { notBlank } from '../../officer/shared/validators';
import { FinanceApiService } from '../shared/finance-api.service';
import { convertWithRate, parseRateText } from '../shared/rate-text';
import { localTodayIso } from '../../../core/ui/local-date';

export interface RecordPaidDialogData {
  payment: PaymentView;
}

function rateValidator(control: AbstractControl): ValidationErrors | null {
  const text = String(control.value ?? '').trim();
  if (text === '') return null;
  return parseRateText(text) ? null : { rate: true };
}

/** Zero or more, in the currency read from `currency()` (bank fees may be zero). */
function zeroOrMoreValidator(currency: () => CurrencyCode) {
  return (control: AbstractControl): ValidationErrors | null => {
    const text = String(control.value ?? '').trim();
    if (text === '') return null;
    return moneyInputToMinor(text, currency()) === null ? { amount: true } : null;
  };
}

/**
 * Records that the bank executed a payment: value date, bank reference, the
 * amount debited and the amount sent with the rate (the published rate of the
 * value date, proposed; the bank's actual rate may replace it), fees. One
 * Idempotency-Key per dialog: a retry after a lost answer cannot pay twice.
 */
@Component({
  selector: 'mz-record-paid-dialog',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MoneyFieldComponent,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './record-paid-dialog.component.html',
  styles: `
    .row {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
      gap: 0 16px;
    }
    .suggestion {
      margin: 0 0 12px;
    }
    mz-money-field,
    mat-form-field {
      display: block;
      margin-block-end: 12px;
    }
  `,
})
export class RecordPaidDialogComponent {
  private readonly api = inject(FinanceApiService);
  private readonly i18n = inject(I18nService);
  private readonly dialogRef =
    inject<MatDialogRef<RecordPaidDialogComponent, PaymentView>>(MatDialogRef);
  protected readonly data = inject<RecordPaidDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<PaymentView>();
  private readonly key = new IdempotencyKey();
  protected readonly currencies = CURRENCIES;
  protected readonly currency = this.data.payment.currency;

  private readonly fb = inject(NonNullableFormBuilder);
  /** The transfer currency chosen in the form. */
  protected readonly transferCurrency = signal<CurrencyCode>(
    this.data.payment.transferCurrency ?? this.data.payment.currency,
  );
  protected readonly form = this.fb.group({
    valueDate: [localTodayIso(), [Validators.required]],
    bankReference: ['', [Validators.required, notBlank, Validators.maxLength(140)]],
    debited: [
      minorToInput(this.data.payment.amountMinor, this.currency),
      [Validators.required, moneyValidator(() => this.currency)],
    ],
    transferCurrency: [this.transferCurrency(), [Validators.required]],
    rate: ['', [rateValidator]],
    rateSource: [''],
    transfer: ['', [Validators.required, moneyValidator(() => this.transferCurrency())]],
    fees: ['0', [Validators.required, zeroOrMoreValidator(() => this.currency)]],
  });

  protected readonly sameCurrency = computed(
    () => this.transferCurrency() === this.currency,
  );
  protected readonly suggestion = signal<SuggestedRateView | null>(null);
  protected readonly suggesting = signal(false);
  private readonly rateText = toSignal<string, string>(
    this.form.controls.rate.valueChanges.pipe(startWith('')),
    { initialValue: '' },
  );
  /** The rate differs from the published one: finance names where it comes from. */
  protected readonly overridden = computed(() => {
    const suggested = this.suggestion()?.rate ?? null;
    const text = this.rateText().trim();
    return !this.sameCurrency() && text !== '' && text !== suggested;
  });

  constructor() {
    const { valueDate, transferCurrency, rate, debited } = this.form.controls;
    transferCurrency.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((c) => this.transferCurrency.set(c));
    // The published rate of the value date, each time the date or the currency changes.
    transferCurrency.valueChanges
      .pipe(
        startWith(transferCurrency.value),
        switchMap(() => valueDate.valueChanges.pipe(startWith(valueDate.value))),
        map((date): { date: string; quote: CurrencyCode } => ({
          date,
          quote: transferCurrency.value,
        })),
        debounceTime(250),
        distinctUntilChanged((a, b) => a.date === b.date && a.quote === b.quote),
        switchMap(({ date, quote }): Observable<SuggestedRateView | null> => {
          if (quote === this.currency || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
            return of(null);
          }
          this.suggesting.set(true);
          return this.api
            .suggestedRate(this.currency, quote, date)
            .pipe(catchError(() => of(null)));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((suggestion) => {
        this.suggesting.set(false);
        this.suggestion.set(suggestion);
        if (this.sameCurrency()) {
          rate.setValue('1');
        } else if (!rate.dirty) {
          rate.setValue(suggestion?.rate ?? '');
        }
        this.proposeTransfer();
      });
    // The amount sent follows the debited amount and the rate until finance types it.
    debited.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.proposeTransfer());
    rate.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.proposeTransfer());
  }

  private proposeTransfer(): void {
    const { debited, rate, transfer } = this.form.controls;
    if (transfer.dirty) return;
    const minor = moneyInputToMinor(debited.value.trim(), this.currency);
    const parsed = parseRateText(rate.value);
    const to = this.transferCurrency();
    if (minor === null || !parsed) return;
    const sent = convertWithRate(BigInt(minor), this.currency, to, parsed);
    transfer.setValue(minorToInput(sent.toString(), to));
  }

  protected useSuggested(): void {
    const rate = this.suggestion()?.rate;
    if (!rate) return;
    this.form.controls.rate.setValue(rate);
    this.form.controls.rate.markAsPristine();
  }

  protected suggestionMethodKey(s: SuggestedRateView) {
    return s.method === 'inverse'
      ? ('finance.paid.method.inverse' as const)
      : s.method === 'cross_eur'
        ? ('finance.paid.method.cross' as const)
        : ('finance.paid.method.direct' as const);
  }

  protected formatDate(iso: string): string {
    return this.i18n.formatDate(iso);
  }

  protected save(): void {
    const v = this.form.getRawValue();
    const to = v.transferCurrency as CurrencyCode;
    if (this.overridden() && v.rateSource.trim() === '') {
      this.form.controls.rateSource.setErrors({ required: true });
      this.form.controls.rateSource.markAsTouched();
    }
    if (!this.sameCurrency() && v.rate.trim() === '') {
      this.form.controls.rate.setErrors({ required: true });
      this.form.controls.rate.markAsTouched();
    }
    const request: RecordPaidRequest = {
      valueDate: v.valueDate,
      bankReference: v.bankReference.trim(),
      debitedMinor: moneyInputToMinor(v.debited.trim(), this.currency) ?? '',
      transferCurrency: to,
      transferMinor: moneyInputToMinor(v.transfer.trim(), to) ?? '',
      feesMinor: moneyInputToMinor(v.fees.trim(), this.currency) ?? '',
    };
    if (this.overridden()) {
      request.rate = v.rate.trim();
      request.rateSource = v.rateSource.trim();
    }
    this.submission.run(
      this.form,
      () => this.api.recordPaid(this.data.payment.id, request, this.key),
      (updated) => this.dialogRef.close(updated),
      (error) => {
        // A definite refusal: nothing was done, the next try is a new request.
        this.key.failed(error);
        return false;
      },
    );
  }
}
