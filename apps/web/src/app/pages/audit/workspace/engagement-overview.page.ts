import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { EngagementMilestones, EngagementState, EngagementView, PersonRef } from '@mizan/contracts';
import { map } from 'rxjs';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { formatIsoDate } from '../../officer/shared/zones';
import { NoteDialogComponent, type NoteDialogData } from '../../grants/note-dialog.component';
import { AuditApiService } from '../audit-api.service';
import { opinionKey, stateKey, transitionTargets } from '../audit-labels';
import { AuditorDialogComponent, type AuditorDialogData } from './auditor-dialog.component';
import { EditEngagementDialogComponent } from './edit-engagement-dialog.component';
import { EngagementStore } from './engagement-store';
import { TransitionDialogComponent, type TransitionDialogData } from './transition-dialog.component';

const MILESTONES: ReadonlyArray<keyof EngagementMilestones> = ['fieldworkFrom', 'fieldworkTo', 'draftReportDue', 'managementCommentsDue', 'finalReportDue'];

/** The workspace's first tab: where the engagement stands (counts), its milestones, its history and the next moves. */
@Component({
  selector: 'mz-audit-engagement-overview',
  imports: [MatButtonModule, MatIconModule, MoneyTextComponent, TranslatePipe, TranslatePluralPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../officer/shared/officer-page.scss', '../audit.scss', './engagement-overview.page.scss'],
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

      <section class="section" aria-labelledby="audit-auditors-heading">
        <h2 class="mz-section-title" id="audit-auditors-heading">{{ 'audit.workspace.auditors' | t }}</h2>
        <ul class="list-plain" data-testid="audit-auditors">
          @for (a of e.auditors; track a.user.id + a.addedAt) {
            <li class="auditor" [class.muted]="!!a.removedAt" data-testid="audit-auditor">
              <span>
                <bdi>{{ a.user.name }}</bdi>
                @if (a.lead) {
                  <span class="muted"> ({{ 'audit.workspace.lead' | t }})</span>
                }
                @if (a.removedAt) {
                  <span> · {{ 'audit.workspace.removedOn' | t: { when: i18n.formatDateTime(a.removedAt) } }}</span>
                }
              </span>
              @if (canManage() && !a.removedAt) {
                <button mat-button type="button" [attr.data-testid]="'audit-auditor-remove-' + a.user.id" (click)="removeAuditor(e, a.user)">
                  <mat-icon svgIcon="person_remove" /> {{ 'audit.workspace.removeAuditor' | t }}
                </button>
              }
            </li>
          }
        </ul>
        @if (canManage()) {
          <button mat-stroked-button type="button" data-testid="audit-auditor-add" (click)="addAuditor(e)"><mat-icon svgIcon="person_add" /> {{ 'audit.workspace.addAuditor' | t }}</button>
        }
      </section>

      <section class="section" aria-labelledby="audit-milestones-heading">
        <h2 class="mz-section-title" id="audit-milestones-heading">{{ 'audit.workspace.milestones' | t }}</h2>
        @if (canEdit()) {
          <button mat-stroked-button type="button" data-testid="audit-edit" (click)="edit(e)"><mat-icon svgIcon="edit" /> {{ 'audit.workspace.edit' | t }}</button>
        }
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
  private readonly api = inject(AuditApiService);

  protected readonly milestones = MILESTONES;
  protected readonly stateKey = stateKey;
  protected readonly opinionKey = opinionKey;
  protected readonly targets = computed(() => transitionTargets(this.store.engagement()?.actions ?? []));
  protected readonly announcement = signal('');
  protected readonly canEdit = computed(() => this.store.engagement()?.actions.includes('edit') ?? false);
  protected readonly canManage = computed(() => this.store.engagement()?.actions.includes('manage_auditors') ?? false);

  constructor() {
    // Back from another tab (tests, findings, reports change the counts and the row version): read the engagement again.
    if (this.store.engagement()) this.store.reload();
  }

  protected milestoneKey(m: keyof EngagementMilestones) {
    return `audit.plan.milestone.${m}` as const;
  }

  protected date(iso: string | null | undefined): string {
    return iso ? formatIsoDate(iso, this.i18n.locale()) : '—';
  }

  protected edit(engagement: EngagementView): void {
    this.dialog
      .open<EditEngagementDialogComponent, { engagement: EngagementView }, EngagementView>(EditEngagementDialogComponent, { width: '640px', maxWidth: '95vw', data: { engagement } })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.store.set(updated);
        this.said(this.i18n.t('audit.workspace.edited'));
      });
  }

  protected addAuditor(engagement: EngagementView): void {
    this.dialog
      .open<AuditorDialogComponent, AuditorDialogData, boolean>(AuditorDialogComponent, { width: '520px', maxWidth: '95vw', data: { engagement } })
      .afterClosed()
      .subscribe((added) => {
        if (!added) return;
        this.store.reload();
        this.said(this.i18n.t('audit.workspace.auditorAdded'));
      });
  }

  protected removeAuditor(engagement: EngagementView, user: PersonRef): void {
    const data: NoteDialogData<unknown> = {
      titleKey: 'audit.workspace.removeAuditorTitle',
      bodyKey: 'audit.workspace.removeAuditorBody',
      params: { name: user.name },
      labelKey: 'common.reason',
      submitKey: 'audit.workspace.removeAuditor',
      testId: 'audit-auditor-remove',
      send: (reason) => this.api.removeAuditor(engagement.id, user.id, reason).pipe(map(() => true)),
    };
    this.dialog
      .open<NoteDialogComponent<unknown>, NoteDialogData<unknown>, unknown>(NoteDialogComponent, { width: '520px', maxWidth: '95vw', data })
      .afterClosed()
      .subscribe((removed) => {
        if (!removed) return;
        this.store.reload();
        this.said(this.i18n.t('audit.workspace.auditorRemoved', { name: user.name }));
      });
  }

  private said(text: string): void {
    this.announcement.set(text);
    this.notifier.notify(text);
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
        this.said(this.i18n.t('audit.transition.done', { to: this.i18n.t(stateKey(updated.state)) }));
      });
  }
}
