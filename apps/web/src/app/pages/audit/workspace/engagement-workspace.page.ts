import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { formatIsoDate } from '../../officer/shared/zones';
import { kindKey, scopeKindKey, stateKey, stateTone } from '../audit-labels';
import { EngagementStore } from './engagement-store';

const TABS = [
  { path: 'overview', link: '.', key: 'audit.workspace.tab.overview', exact: true },
  { path: 'sample', link: 'sample', key: 'audit.workspace.tab.sample', exact: false },
  { path: 'findings', link: 'findings', key: 'audit.workspace.tab.findings', exact: false },
  { path: 'reconciliation', link: 'reconciliation', key: 'audit.workspace.tab.reconciliation', exact: false },
  { path: 'reports', link: 'reports', key: 'audit.workspace.tab.reports', exact: false },
] as const;

/**
 * `/audit/:id`: the engagement's head (reference, title, state, kind, scope, period, firm, auditors) over its tabs
 * (router links in a tab bar) and the tab's page. The tabs share the engagement through `EngagementStore`; the
 * fieldwork tabs read the id from this route's `id` parameter.
 */
@Component({
  selector: 'mz-audit-engagement-workspace',
  imports: [FormProblemComponent, MatIconModule, LoadingBarComponent, MatTabsModule, PageHeaderComponent, RouterLink, RouterLinkActive, RouterOutlet, ToneBadgeComponent, TranslatePipe],
  providers: [EngagementStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../officer/shared/officer-page.scss', '../audit.scss', './engagement-workspace.page.scss'],
  template: `
    <a routerLink="/audit" class="back-link"><mat-icon svgIcon="arrow_back" class="mz-mirror-rtl" /> {{ 'audit.workspace.back' | t }}</a>
    <mz-loading-bar [loading]="store.loading()" />
    <mz-form-problem [problem]="store.problem()" testId="audit-workspace-error" />
    @if (store.engagement(); as e) {
      <mz-page-header [title]="e.reference + ' — ' + e.title" headingTestId="audit-workspace-heading">
        <mz-tone-badge [tone]="stateTone(e.state)" data-testid="audit-workspace-state">{{ stateKey(e.state) | t }}</mz-tone-badge>
      </mz-page-header>
      <dl class="head-facts" data-testid="audit-workspace-facts">
        <div>
          <dt>{{ 'audit.workspace.kind' | t }}</dt>
          <dd>{{ kindKey(e.kind) | t }}</dd>
        </div>
        <div>
          <dt>{{ 'audit.workspace.scope' | t }}</dt>
          <dd>{{ scopeKindKey(e.scope.kind) | t }}: <bdi>{{ e.scope.name }}</bdi></dd>
        </div>
        <div>
          <dt>{{ 'audit.workspace.period' | t }}</dt>
          <dd class="nowrap">{{ date(e.periodFrom) }} – {{ date(e.periodTo) }}</dd>
        </div>
        <div>
          <dt>{{ 'audit.workspace.firm' | t }}</dt>
          <dd><bdi>{{ e.firmName }}</bdi></dd>
        </div>
        <div>
          <dt>{{ 'audit.workspace.auditors' | t }}</dt>
          <dd data-testid="audit-workspace-auditors">
            @for (a of activeAuditors(); track a.user.id; let last = $last) {
              <bdi>{{ a.user.name }}</bdi>
              @if (a.lead) {
                <span class="muted"> ({{ 'audit.workspace.lead' | t }})</span>
              }
              @if (!last) {
                <span>, </span>
              }
            } @empty {
              —
            }
          </dd>
        </div>
      </dl>
    }
    <nav mat-tab-nav-bar [tabPanel]="panel" [attr.aria-label]="'audit.workspace.tabs' | t" data-testid="audit-workspace-tabs">
      @for (tab of tabs; track tab.path) {
        <a
          mat-tab-link
          [routerLink]="tab.link"
          routerLinkActive
          #rla="routerLinkActive"
          [routerLinkActiveOptions]="{ exact: tab.exact }"
          [active]="rla.isActive"
          [attr.data-testid]="'audit-tab-' + tab.path"
          >{{ tab.key | t }}</a
        >
      }
    </nav>
    <mat-tab-nav-panel #panel class="tab-panel">
      <router-outlet />
    </mat-tab-nav-panel>
  `,
})
export class AuditEngagementWorkspacePage {
  protected readonly store = inject(EngagementStore);
  private readonly i18n = inject(I18nService);

  /** Route parameter (the fieldwork tabs read the same `id` from their parent route). */
  readonly id = input.required<string>();

  protected readonly tabs = TABS;
  protected readonly stateKey = stateKey;
  protected readonly stateTone = stateTone;
  protected readonly kindKey = kindKey;
  protected readonly scopeKindKey = scopeKindKey;
  protected readonly activeAuditors = computed(() => (this.store.engagement()?.auditors ?? []).filter((a) => !a.removedAt));

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.load(id));
    });
  }

  protected date(iso: string): string {
    return formatIsoDate(iso, this.i18n.locale());
  }
}
