import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type {
  CallRulesInput,
  CallVersionView,
  CallView,
} from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { catchError, forkJoin, map, of, switchMap, tap } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { Notifier } from '../../../core/ui/notifier.service';
import { countryNames } from '../../../core/i18n/country-names';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import {
  ConfirmDialogComponent,
  type ConfirmDialogData,
} from '../../../core/ui/confirm-dialog.component';
import { documentKindKey } from '../shared/labels';
import { formatMoney, formatPercent } from '../shared/money';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { formatInZone, formatLocal } from '../shared/zones';
import { type RuleField, changedRuleFields } from './call-diff';
import { ProgramsApiService } from './programs-api.service';

export const RULE_FIELD_KEYS: Readonly<Record<RuleField, TranslationKey>> = {
  title: 'officer.call.titleField',
  description: 'officer.call.description',
  timeZone: 'officer.call.timeZone',
  opensAtLocal: 'officer.call.opens',
  closesAtLocal: 'officer.call.closes',
  envelopeMinor: 'officer.call.envelope',
  maxGrantMinor: 'officer.call.maxGrant',
  minCofundingBp: 'officer.call.minCofunding',
  adminCapBp: 'officer.call.adminCap',
  hostCountries: 'officer.call.hostCountries',
  requirePartner: 'officer.call.requirePartner',
  minOrganizationAgeMonths: 'officer.call.minAge',
  requiredDocuments: 'officer.call.requiredDocuments',
  rubricCriteria: 'officer.rubric.criteria',
  rubricScale: 'officer.rubric.scaleTitle',
};

interface VersionEntry {
  view: CallVersionView;
  changes: { field: RuleField; before: string; after: string }[];
}

@Component({
  selector: 'mz-call-page',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatExpansionModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './call-page.component.html',
  styleUrls: ['../shared/officer-page.scss', './call-page.component.scss'],
})
export class CallPageComponent {
  private readonly api = inject(ProgramsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);

  readonly programId = input.required<string>();
  readonly callId = input.required<string>();

  protected readonly fieldKeys = RULE_FIELD_KEYS;
  protected readonly call = signal<CallView | null>(null);
  protected readonly versions = signal<CallVersionView[]>([]);
  protected readonly loading = signal(true);
  protected readonly publishing = signal(false);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly actionError = signal<WebError | null>(null);
  protected readonly loadErrorText = computed(() => {
    const error = this.loadError();
    return error ? errorMessage(error) : null;
  });
  protected readonly actionErrorText = computed(() => {
    const error = this.actionError();
    return error ? errorMessage(error) : null;
  });
  private readonly reloads = signal(0);

  /** Edit in place only while nothing has been submitted under the current rules. */
  protected readonly canEdit = computed(() => {
    const call = this.call();
    return !!call && (call.status === 'draft' || call.submittedCount === 0);
  });
  protected readonly canCorrect = computed(
    () => this.call()?.status === 'published',
  );

  /** Newest first, each with what changed from the version before it. */
  protected readonly versionEntries = computed<VersionEntry[]>(() => {
    const call = this.call();
    const list = this.versions();
    if (!call) return [];
    return list
      .map((view, i) => {
        const previous = i > 0 ? list[i - 1] : null;
        const changes = previous
          ? changedRuleFields(previous.rules, view.rules).map((field) => ({
              field,
              before: this.ruleValue(previous.rules, field, call.currency),
              after: this.ruleValue(view.rules, field, call.currency),
            }))
          : [];
        return { view, changes };
      })
      .reverse();
  });

  constructor() {
    const request = computed(() => ({ id: this.callId(), n: this.reloads() }));
    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.loadError.set(null);
        }),
        switchMap(({ id }) =>
          forkJoin({
            call: this.api.getCall(id),
            versions: this.api.callVersions(id),
          }).pipe(
            map((data) => ({ data, error: null })),
            catchError((error: unknown) =>
              of({ data: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ data, error }) => {
        this.loading.set(false);
        if (data) {
          this.call.set(data.call);
          this.versions.set(data.versions);
        } else {
          this.loadError.set(error);
        }
      });
  }

  protected retry(): void {
    this.reloads.update((n) => n + 1);
  }

  protected publish(): void {
    const call = this.call();
    if (!call || this.publishing()) return;
    this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(
        ConfirmDialogComponent,
        {
          width: '480px',
          data: {
            titleKey: 'officer.call.publishTitle',
            bodyKey: 'officer.call.publishBody',
            params: {
              title: call.title,
              closes: `${this.inZone(call.closesAt, call.timeZone)} (${call.timeZone})`,
            },
            confirmKey: 'officer.call.publish',
          },
        },
      )
      .afterClosed()
      .subscribe((ok) => {
        if (!ok) return;
        this.publishing.set(true);
        this.actionError.set(null);
        this.api.publishCall(call.id).subscribe({
          next: (published) => {
            this.publishing.set(false);
            this.call.set(published);
            this.notifier.notify(this.i18n.t('officer.call.publishedNote'));
          },
          error: (error: unknown) => {
            this.publishing.set(false);
            this.actionError.set(toWebError(error));
          },
        });
      });
  }

  protected money(minor: string, currency: CurrencyCode): string {
    return formatMoney(minor, currency, this.i18n.locale());
  }

  protected percent(bp: number): string {
    return formatPercent(bp, this.i18n.locale());
  }

  protected inZone(iso: string, zone: string): string {
    return formatInZone(iso, zone, this.i18n.locale());
  }

  protected local(iso: string): string {
    return formatLocal(iso, this.i18n.locale());
  }

  protected docKey(kind: string): TranslationKey {
    return documentKindKey(kind) ?? 'officer.doc.other';
  }

  protected documents(kinds: readonly string[]): string {
    return kinds.length === 0
      ? this.i18n.t('officer.none')
      : kinds.map((k) => this.i18n.t(this.docKey(k))).join(', ');
  }

  /** One rule as readable text, for the versions' differences. */
  ruleValue(rules: CallRulesInput, field: RuleField, currency: CurrencyCode): string {
    switch (field) {
      case 'envelopeMinor':
      case 'maxGrantMinor':
        return this.money(rules[field], currency);
      case 'minCofundingBp':
      case 'adminCapBp':
        return this.percent(rules[field]);
      case 'hostCountries':
        return rules.hostCountries.length > 0
          ? countryNames(rules.hostCountries, this.i18n.locale())
          : this.i18n.t('officer.call.anyHostland');
      case 'requirePartner':
        return this.i18n.t(rules.requirePartner ? 'officer.yes' : 'officer.no');
      case 'minOrganizationAgeMonths':
        return this.i18n.t('officer.call.months', {
          months: rules.minOrganizationAgeMonths,
        });
      case 'requiredDocuments':
        return this.documents(rules.requiredDocuments);
      case 'rubricCriteria':
        return rules.rubric.criteria
          .map((c) => `${c.title} (${c.weight} %)`)
          .join('; ');
      case 'rubricScale':
        return rules.rubric.scale.map((s, i) => `${i}: ${s}`).join('; ');
      case 'opensAtLocal':
      case 'closesAtLocal':
        return `${rules[field].replace('T', ' ')} (${rules.timeZone})`;
      default:
        return String(rules[field]);
    }
  }
}
