import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { RedFlagSettingsView } from '@mizan/contracts';
import { CURRENCIES, NUMBER_SETTING_KEYS, RED_FLAG_SETTING_BOUNDS, type CurrencyCode, type RedFlagOverrides } from '@mizan/domain';
import { toWebError } from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { MoneyFieldComponent } from '../../../core/ui/money-field.component';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { financeProblem } from '../../../shared/finance/finance-labels';
import { minorToInput } from '../shared/money';
import { moneyInputToMinor } from '../../../core/ui/money-input';
import { RedFlagsApiService } from './red-flags-api.service';
import { WesternDigitsDirective } from '../../../core/ui/western-digits.directive';

type NumberKey = (typeof NUMBER_SETTING_KEYS)[number];
type MoneyKey = 'cashThresholdMinor' | 'procurementThresholdMinor';
const MONEY_KEYS: readonly MoneyKey[] = ['cashThresholdMinor', 'procurementThresholdMinor'];

/**
 * The agency's red-flag thresholds (officer): each setting with its default and why, the money thresholds per
 * currency. Saving sends only what differs from the default; the api checks the bounds and queues a run.
 */
@Component({
  selector: 'mz-red-flag-settings',
  imports: [
    WesternDigitsDirective,
    FormProblemComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MoneyFieldComponent,
    MoneyTextComponent,
    PageHeaderComponent,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mz-page-header [title]="'flags.settings.title' | t" [intro]="'flags.settings.intro' | t" headingTestId="flag-settings-heading" />
    <div class="loading-slot">
      @if (!view()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | t" />
      }
    </div>
    @if (view(); as v) {
      <form (ngSubmit)="save()" novalidate data-testid="flag-settings-form">
        @for (key of moneyKeys; track key) {
          <section class="section" [attr.aria-labelledby]="'fs-' + key">
            <h2 class="mz-section-title" [id]="'fs-' + key">{{ fieldKey(key) | t }}</h2>
            <p class="muted">{{ hintKey(key) | t }}</p>
            <div class="settings-grid">
              @for (c of currencies; track c) {
                <div>
                  <mz-money-field [control]="money[key][c]" [currency]="c" [labelKey]="currencyKey" [hintKey]="null" [testId]="'fs-' + key + '-' + c" />
                  <p class="muted">{{ 'flags.settings.default' | t }} <mz-money-text [minor]="v.defaults[key][c]" [currency]="c" /></p>
                </div>
              }
            </div>
          </section>
        }
        <section class="section" aria-labelledby="fs-numbers">
          <h2 class="mz-section-title" id="fs-numbers">{{ 'flags.settings.rules' | t }}</h2>
          <div class="settings-grid">
            @for (key of numberKeys; track key) {
              <div>
                <mat-form-field class="mz-full-width">
                  <mat-label>{{ fieldKey(key) | t }}</mat-label>
                  <input matInput type="number" mzWesternDigits [attr.data-testid]="'fs-' + key" [formControl]="numbers[key]" [min]="bounds[key].min" [max]="bounds[key].max" />
                  <mat-hint>{{ 'flags.settings.bounds' | t: { min: bounds[key].min, max: bounds[key].max, default: v.defaults[key] } }}</mat-hint>
                  @if (numbers[key].invalid) {
                    <mat-error>{{ 'flags.settings.outOfRange' | t: { min: bounds[key].min, max: bounds[key].max } }}</mat-error>
                  }
                </mat-form-field>
                <p class="muted">{{ hintKey(key) | t }}</p>
              </div>
            }
          </div>
        </section>
        <mz-form-problem [problem]="problem()" testId="flag-settings-error" />
        <div class="actions">
          <button mat-flat-button type="submit" data-testid="flag-settings-save" [disabled]="busy()">{{ 'flags.settings.save' | t }}</button>
          <button mat-stroked-button type="button" data-testid="flag-settings-defaults" (click)="fill(v, true)">{{ 'flags.settings.resetDefaults' | t }}</button>
          <a mat-button routerLink="/officer/red-flags">{{ 'flags.page.all' | t }}</a>
        </div>
      </form>
    }
  `,
  styleUrls: ['../shared/officer-page.scss', './red-flags.scss'],
})
export class RedFlagSettingsComponent {
  private readonly api = inject(RedFlagsApiService);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);

  protected readonly currencies = CURRENCIES;
  protected readonly moneyKeys = MONEY_KEYS;
  protected readonly numberKeys = NUMBER_SETTING_KEYS;
  protected readonly bounds = RED_FLAG_SETTING_BOUNDS;
  protected readonly currencyKey: TranslationKey = 'flags.settings.currency';
  protected readonly view = signal<RedFlagSettingsView | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly numbers = Object.fromEntries(
    NUMBER_SETTING_KEYS.map((k) => [k, new FormControl<number | null>(null, [Validators.required, Validators.min(RED_FLAG_SETTING_BOUNDS[k].min), Validators.max(RED_FLAG_SETTING_BOUNDS[k].max)])]),
  ) as Record<NumberKey, FormControl<number | null>>;
  protected readonly money = Object.fromEntries(
    MONEY_KEYS.map((k) => [k, Object.fromEntries(CURRENCIES.map((c) => [c, new FormControl<string>('', { nonNullable: true })]))]),
  ) as Record<MoneyKey, Record<CurrencyCode, FormControl<string>>>;

  constructor() {
    this.api.settings().subscribe({
      next: (v) => this.fill(v, false),
      error: (error: unknown) => this.problem.set(financeProblem(toWebError(error))),
    });
  }

  protected fieldKey(key: string): TranslationKey {
    return `flags.settings.field.${key}` as TranslationKey;
  }

  protected hintKey(key: string): TranslationKey {
    return `flags.settings.hint.${key}` as TranslationKey;
  }

  protected fill(v: RedFlagSettingsView, defaults: boolean): void {
    const source = defaults ? v.defaults : v.settings;
    for (const k of NUMBER_SETTING_KEYS) this.numbers[k].setValue(source[k]);
    for (const k of MONEY_KEYS) for (const c of CURRENCIES) this.money[k][c].setValue(minorToInput(source[k][c], c));
    this.view.set(v);
  }

  protected save(): void {
    const v = this.view();
    if (!v || this.busy()) return;
    const overrides: Record<string, unknown> = {};
    for (const k of NUMBER_SETTING_KEYS) {
      const value = this.numbers[k].value;
      if (value === null || this.numbers[k].invalid) {
        this.numbers[k].markAsTouched();
        return;
      }
      if (value !== v.defaults[k]) overrides[k] = value;
    }
    for (const k of MONEY_KEYS) {
      const per: Record<string, string> = {};
      for (const c of CURRENCIES) {
        const minor = moneyInputToMinor(this.money[k][c].value, c);
        if (minor === null) {
          this.money[k][c].setErrors({ amount: true });
          this.money[k][c].markAsTouched();
          return;
        }
        if (minor !== v.defaults[k][c]) per[c] = minor;
      }
      if (Object.keys(per).length) overrides[k] = per;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.api.saveSettings(overrides as RedFlagOverrides).subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.fill(saved, false);
        this.notifier.notify(this.i18n.t('flags.settings.saved'));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problem.set(financeProblem(toWebError(error)));
      },
    });
  }
}
