import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { RedFlagCounts, RedFlagPage, RedFlagState, RedFlagView } from '@mizan/contracts';
import { RED_FLAG_CODES, type RedFlagCode, type RedFlagSeverity } from '@mizan/domain';
import { toWebError } from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { KeysetPaginatorComponent, type KeysetRequest, firstKeysetPage } from '../../../core/ui/keyset-paginator.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { ScrollRegionComponent } from '../../../core/ui/scroll-region.component';
import { ToneBadgeComponent, type Tone } from '../../../core/ui/tone-badge.component';
import { financeProblem } from '../../../shared/finance/finance-labels';
import { NoteDialogComponent, type NoteDialogData } from '../../grants/note-dialog.component';
import { flagWhy, verifyLink } from './flag-text';
import { RedFlagsApiService } from './red-flags-api.service';

const SEVERITIES: readonly RedFlagSeverity[] = ['high', 'medium', 'low'];
const STATES: readonly RedFlagState[] = ['open', 'escalated', 'cleared'];
const SEVERITY_TONE: Readonly<Record<RedFlagSeverity, Tone>> = { high: 'bad', medium: 'warn', low: 'info' };

/** Bars of the counts by rule (one bar per rule, split by severity), widths relative to the largest rule. */
export function countBars(counts: RedFlagCounts): { code: RedFlagCode; total: number; parts: { severity: RedFlagSeverity; count: number; percent: number }[] }[] {
  const rows = RED_FLAG_CODES.map((code) => {
    const per = counts.byCode[code] ?? {};
    const parts = SEVERITIES.map((severity) => ({ severity, count: per[severity] ?? 0, percent: 0 }));
    return { code, total: parts.reduce((s, p) => s + p.count, 0), parts };
  }).filter((r) => r.total > 0);
  const max = Math.max(1, ...rows.map((r) => r.total));
  for (const r of rows) for (const p of r.parts) p.percent = (p.count * 100) / max;
  return rows;
}

/**
 * The red flags of the agency, a program or one grant: counts by rule and severity as bars, filters, and each flag
 * with the rule that raised it, the lines it names (links into the verification page) and why, in a sentence.
 * Clear and escalate ask for a reason (mz-reason-field in the note dialog).
 */
@Component({
  selector: 'mz-red-flag-list',
  imports: [
    EmptyStateComponent,
    KeysetPaginatorComponent,
    FormProblemComponent,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MoneyTextComponent,
    RouterLink,
    ScrollRegionComponent,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './red-flag-list.component.html',
  styleUrl: './red-flags.scss',
})
export class RedFlagListComponent {
  private readonly api = inject(RedFlagsApiService);
  private readonly dialog = inject(MatDialog);
  protected readonly i18n = inject(I18nService);

  /** One grant's flags, or (null) the whole agency's. */
  readonly grantId = input<string | null>(null);
  /** One program's flags (with no grant). */
  readonly programId = input<string | null>(null);
  /** Bumped by the page to reload (after a run finished). */
  readonly reload = input(0);

  protected readonly codes = RED_FLAG_CODES;
  protected readonly severities = SEVERITIES;
  protected readonly states = STATES;
  protected readonly state = signal<RedFlagState | ''>('');
  protected readonly severity = signal<RedFlagSeverity | ''>('');
  protected readonly code = signal<RedFlagCode | ''>('');
  protected readonly page = signal<RedFlagPage | null>(null);
  /** The page asked for: the first one after any change of filter or scope, then wherever the paginator goes. */
  private readonly request = signal<KeysetRequest>(firstKeysetPage(25));
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly bars = computed(() => countBars(this.page()?.counts ?? { byCode: {}, bySeverity: {}, byState: {} }));

  constructor() {
    effect(() => {
      this.reload();
      this.grantId();
      this.programId();
      // The filters reload on their own change (setFilter); only the inputs drive this effect.
      untracked(() => {
        this.request.set(firstKeysetPage(this.request().pageSize));
        this.load();
      });
    });
  }

  protected load(): void {
    this.loading.set(true);
    this.api
      .list({ grantId: this.grantId() ?? undefined, programId: this.grantId() ? undefined : (this.programId() ?? undefined), state: this.state() || undefined, severity: this.severity() || undefined, code: this.code() || undefined, ...this.request() })
      .subscribe({
        next: (page) => {
          this.page.set(page);
          this.loading.set(false);
          this.problem.set(null);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problem.set(financeProblem(toWebError(error)));
        },
      });
  }

  protected setFilter(which: 'state' | 'severity' | 'code', value: string): void {
    if (which === 'state') this.state.set(value as RedFlagState | '');
    if (which === 'severity') this.severity.set(value as RedFlagSeverity | '');
    if (which === 'code') this.code.set(value as RedFlagCode | '');
    this.request.set(firstKeysetPage(this.request().pageSize));
    this.load();
  }

  protected goTo(request: KeysetRequest): void {
    this.request.set(request);
    this.load();
  }

  protected codeKey(code: string): TranslationKey {
    return `flags.code.${code}` as TranslationKey;
  }

  protected severityKey(severity: string): TranslationKey {
    return `flags.severity.${severity}` as TranslationKey;
  }

  protected stateKey(state: string): TranslationKey {
    return `flags.state.${state}` as TranslationKey;
  }

  protected actionKey(action: string): TranslationKey {
    return `trail.action.${action}` as TranslationKey;
  }

  protected tone(severity: RedFlagSeverity): Tone {
    return SEVERITY_TONE[severity];
  }

  protected why(flag: RedFlagView): string {
    const { key, params } = flagWhy(flag, this.i18n.locale(), (kind) => this.i18n.t(`flags.kind.${kind}` as TranslationKey));
    return this.i18n.t(key, params);
  }

  protected verify(reportId: string): string {
    return verifyLink(reportId);
  }

  protected date(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  protected resolve(flag: RedFlagView, action: 'clear' | 'escalate'): void {
    const data: NoteDialogData<RedFlagView> = {
      titleKey: action === 'clear' ? 'flags.clear.title' : 'flags.escalate.title',
      bodyKey: action === 'clear' ? 'flags.clear.body' : 'flags.escalate.body',
      params: { rule: this.i18n.t(this.codeKey(flag.code)) },
      labelKey: 'flags.reason',
      submitKey: action === 'clear' ? 'flags.clear.submit' : 'flags.escalate.submit',
      testId: `flag-${action}`,
      send: (reason) => (action === 'clear' ? this.api.clear(flag.id, reason) : this.api.escalate(flag.id, reason)),
    };
    this.dialog
      .open<NoteDialogComponent<RedFlagView>, NoteDialogData<RedFlagView>, RedFlagView>(NoteDialogComponent, { width: '520px', maxWidth: '95vw', data })
      .afterClosed()
      .subscribe((updated) => {
        if (updated) this.load();
      });
  }
}
