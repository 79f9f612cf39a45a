import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { ExchangeRateView } from '@mizan/contracts';
import { CURRENCIES, type CurrencyCode } from '@mizan/domain';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { notBlank } from '../../officer/shared/validators';
import { FinanceApiService } from '../shared/finance-api.service';
import { parseRateText } from '../shared/rate-text';
import { localTodayIso } from '../../../core/ui/local-date';

function rateValidator(control: AbstractControl): ValidationErrors | null {
  const text = String(control.value ?? '').trim();
  if (text === '') return null;
  return parseRateText(text) ? null : { rate: true };
}

function differentCurrencies(group: AbstractControl): ValidationErrors | null {
  const base: unknown = group.get('base')?.value;
  const quote: unknown = group.get('quote')?.value;
  return base && base === quote ? { samePair: true } : null;
}

/** A rate by hand: date, pair, exact decimal, source. */
@Component({
  selector: 'mz-add-rate-dialog',
  imports: [
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
  template: `
    <h2 mat-dialog-title>{{ 'finance.rates.addTitle' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'finance.rates.date' | t }}</mat-label>
          <input matInput type="date" formControlName="rateDate" required data-testid="rate-date" />
          @if (form.controls.rateDate.hasError('server')) {
            <mat-error>{{ form.controls.rateDate.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'officer.form.required' | t }}</mat-error>
          }
        </mat-form-field>
        <div class="pair">
          <mat-form-field>
            <mat-label>{{ 'finance.rates.base' | t }}</mat-label>
            <mat-select formControlName="base" data-testid="rate-base">
              @for (c of currencies; track c) {
                <mat-option [value]="c">{{ c }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'finance.rates.quote' | t }}</mat-label>
            <mat-select formControlName="quote" data-testid="rate-quote">
              @for (c of currencies; track c) {
                <mat-option [value]="c">{{ c }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
        @if (form.hasError('samePair')) {
          <p class="mz-banner mz-banner-error" role="alert">{{ 'finance.rates.samePair' | t }}</p>
        }
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'finance.rates.rate' | t }}</mat-label>
          <input matInput formControlName="rate" required inputmode="decimal" dir="ltr" autocomplete="off" data-testid="rate-value" />
          <mat-hint>{{ 'finance.rates.rateHint' | t: { base: form.controls.base.value, quote: form.controls.quote.value } }}</mat-hint>
          @if (form.controls.rate.hasError('server')) {
            <mat-error>{{ form.controls.rate.getError('server') }}</mat-error>
          } @else if (form.controls.rate.hasError('required')) {
            <mat-error>{{ 'officer.form.required' | t }}</mat-error>
          } @else {
            <mat-error>{{ 'finance.rate.invalid' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'finance.rates.source' | t }}</mat-label>
          <input matInput formControlName="source" required autocomplete="off" data-testid="rate-source" />
          <mat-hint>{{ 'finance.rates.sourceHint' | t }}</mat-hint>
          @if (form.controls.source.hasError('server')) {
            <mat-error>{{ form.controls.source.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'officer.form.required' | t }}</mat-error>
          }
        </mat-form-field>
        <mz-form-problem [problem]="submission.problem()" testId="rate-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="rate-submit" [disabled]="submission.busy()">
          {{ 'finance.rates.add' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .pair {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0 16px;
    }
  `,
})
export class AddRateDialogComponent {
  private readonly api = inject(FinanceApiService);
  private readonly dialogRef =
    inject<MatDialogRef<AddRateDialogComponent, ExchangeRateView>>(MatDialogRef);
  protected readonly submission = new FormSubmission<ExchangeRateView>();
  protected readonly currencies = CURRENCIES;

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      rateDate: [localTodayIso(), [Validators.required]],
      base: ['EUR' as CurrencyCode, [Validators.required]],
      quote: ['SEK' as CurrencyCode, [Validators.required]],
      rate: ['', [Validators.required, rateValidator]],
      source: ['', [Validators.required, notBlank, Validators.maxLength(100)]],
    },
    { validators: [differentCurrencies] },
  );

  protected save(): void {
    const v = this.form.getRawValue();
    this.submission.run(
      this.form,
      () =>
        this.api.addRate({
          rateDate: v.rateDate,
          base: v.base,
          quote: v.quote,
          rate: v.rate.trim(),
          source: v.source.trim(),
        }),
      (rate) => this.dialogRef.close(rate),
    );
  }
}
