import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { EngagementMilestones, EngagementState, EngagementView } from '@mizan/contracts';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { formatIsoDate } from '../../officer/shared/zones';
import { opinionKey, stateKey, transitionTargets } from '../audit-labels';
import { EngagementStore } from './engagement-store';
import { TransitionDialogComponent, type TransitionDialogData } from './transition-dialog.component';

const MILESTONES: ReadonlyArray<keyof EngagementMilestones> = ['fieldworkFrom', 'fieldworkTo', 'draftReportDue', 'managementCommentsDue', 'finalReportDue'];

/** The workspace's first tab: where the engagement stands (counts), its milestones, its history and the next moves. */
@Component({
  selector: 'mz-audit-engagement-overview',
  imports: [MatButtonModule, MatIconModule, MoneyTextComponent, TranslatePipe, TranslatePluralPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../audit.scss', './engagement-overview.page.scss'],
  template: `
    @if (store.engagement(); as e) {
      <p class="mz-visually-hidden" role="status" aria-live="polite">{{ announcement() }}</p>
      @if (targets().length > 0) {
        <section class="section" aria-labelledby="audit-moves-heading">
          <h2 class="mz-section-title" id="audit-moves-heading">{{ 'audit.transition.heading' | t }}</h2>
          <div class="actions" data-testid="audit-transitions">
            @for (to of targets(); track to) {
              <button mat-flat-button type="button" [attr.data-testid]="'audit-transition-' + to" (click)="move(e, to)">
                <mat-icon svgIcon="arrow_forward" class="mz-mirror-rtl" /> {{ 'audit.transition.to' | t: { to: (stateKey(to) | t) } }}
              </button>
            }
          </div>
        </section>
      }

      <section class="section" aria-labelledby="audit-counts-heading">
        <h2 class="mz-section-title" id="audit-counts-heading">{{ 'audit.workspace.counts' | t }}</h2>
        <ul class="tiles" role="list" data-testid="audit-counts">
          <li class="panel tile">
            <span class="tile-label">{{ 'audit.workspace.population' | t }}</span>
            <span class="tile-value">{{ 'audit.workspace.items' | tp: { count: e.counts.populationCount } }}</span>
            <mz-money-text [minor]="e.counts.populationValueMinor" [currency]="e.currency" />
          </li>
          <li class="panel tile">
            <span class="tile-label">{{ 'audit.workspace.sample' | t }}</span>
            <span class="tile-value">{{ 'audit.workspace.items' | tp: { count: e.counts.sampleCount } }}</span>
            <mz-money-text [minor]="e.counts.sampleValueMinor" [currency]="e.currency" />
          </li>
          <li class="panel tile">
            <span class="tile-label">{{ 'audit.workspace.tested' | t }}</span>
            <span class="tile-value" data-testid="audit-count-tested">{{ 'audit.workspace.testedOf' | t: { tested: e.counts.tested, total: e.counts.sampleCount } }}</span>
            <span class="muted">{{ 'audit.workspace.exceptions' | tp: { count: e.counts.exceptions } }}</span>
          </li>
          <li class="panel tile" [class.alert]="e.counts.findingsOpenHigh > 0">
            <span class="tile-label">{{ 'audit.workspace.findings' | t }}</span>
            <span class="tile-value" data-testid="audit-count-findings">{{ i18n.formatNumber(e.counts.findings) }}</span>
            <span class="muted">{{ 'audit.workspace.openHigh' | tp: { count: e.counts.findingsOpenHigh } }}</span>
          </li>
        </ul>
        @if (e.opinion) {
          <p data-testid="audit-opinion"><strong>{{ 'audit.workspace.opinion' | t }}:</strong> {{ opinionKey(e.opinion) | t }}</p>
        }
        @if (e.conclusion) {
          <p data-testid="audit-conclusion"><strong>{{ 'audit.workspace.conclusion' | t }}:</strong> <bdi>{{ e.conclusion }}</bdi></p>
        }
      </section>

      <section class="section" aria-labelledby="audit-milestones-heading">
        <h2 class="mz-section-title" id="audit-milestones-heading">{{ 'audit.workspace.milestones' | t }}</h2>
        <dl class="facts" data-testid="audit-milestones">
          @for (m of milestones; track m) {
            <dt>{{ milestoneKey(m) | t }}</dt>
            <dd>{{ date(e.milestones[m]) }}</dd>
          }
        </dl>
      </section>

      <section class="section" aria-labelledby="audit-history-heading">
        <h2 class="mz-section-title" id="audit-history-heading">{{ 'audit.workspace.history' | t }}</h2>
        @if (e.history.length === 0) {
          <p class="muted">{{ 'audit.workspace.historyEmpty' | t }}</p>
        } @else {
          <ol class="history" data-testid="audit-history">
            @for (h of e.history; track h.at + h.to) {
              <li>
                <span class="history-what">
                  @if (h.from) {
                    {{ 'audit.workspace.historyMove' | t: { from: (stateKey(h.from) | t), to: (stateKey(h.to) | t) } }}
                  } @else {
                    {{ 'audit.workspace.historyStart' | t: { to: (stateKey(h.to) | t) } }}
                  }
                </span>
                <span class="muted">{{ 'audit.workspace.historyWho' | t: { who: h.by?.name ?? '—', when: i18n.formatDateTime(h.at) } }}</span>
                @if (h.reason) {
                  <q><bdi>{{ h.reason }}</bdi></q>
                }
              </li>
            }
          </ol>
        }
      </section>
    }
  `,
})
export class AuditEngagementOverviewPage {
  protected readonly store = inject(EngagementStore);
  protected readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  protected readonly milestones = MILESTONES;
  protected readonly stateKey = stateKey;
  protected readonly opinionKey = opinionKey;
  protected readonly targets = computed(() => transitionTargets(this.store.engagement()?.actions ?? []));
  protected readonly announcement = signal('');

  protected milestoneKey(m: keyof EngagementMilestones) {
    return `audit.plan.milestone.${m}` as const;
  }

  protected date(iso: string | null | undefined): string {
    return iso ? formatIsoDate(iso, this.i18n.locale()) : '—';
  }

  protected move(engagement: EngagementView, to: EngagementState): void {
    this.dialog
      .open<TransitionDialogComponent, TransitionDialogData, EngagementView>(TransitionDialogComponent, {
        width: '560px',
        maxWidth: '95vw',
        data: { engagement, to },
      })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.store.set(updated);
        const text = this.i18n.t('audit.transition.done', { to: this.i18n.t(stateKey(updated.state)) });
        this.announcement.set(text);
        this.notifier.notify(text);
      });
  }
}
