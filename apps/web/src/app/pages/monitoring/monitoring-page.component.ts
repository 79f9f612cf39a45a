import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { MonitoredGrantSummary, MonitoringKind, MonitoringPolicy, MonitoringPolicyView, SecurityLevel, SecurityLevelHistoryView, SecurityLevelView } from '@mizan/contracts';
import { catchError, of } from 'rxjs';
import { errorMessage, toWebError } from '../../core/api/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../core/ui/form-problem.component';
import { FormSubmission } from '../../core/ui/form-submission';
import { Notifier } from '../../core/ui/notifier.service';
import { PageHeaderComponent } from '../../core/ui/page-header.component';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';
import { TableFrameComponent } from '../../core/ui/table-frame.component';
import { ToneBadgeComponent } from '../../core/ui/tone-badge.component';
import { notBlank } from '../officer/shared/validators';
import { LevelHistoryDialogComponent } from './history-dialog.component';
import { LevelDialogComponent, SECURITY_LEVEL_CHOICES, type LevelDialogData } from './level-dialog.component';
import { MonitoringApiService } from './monitoring-api.service';
import { governorateLabel, kindKey, levelKey, levelTone } from './monitoring-labels';
import { KIND_CHOICES } from './visit-dialog.component';
import { WesternDigitsDirective } from '../../core/ui/western-digits.directive';

/**
 * The officer's monitoring page: each governorate's security level (change it
 * with a date and a reason; see its history), the monitoring policy per level,
 * and the grants whose monitoring is overdue.
 */
@Component({
  selector: 'mz-monitoring-page',
  imports: [
    WesternDigitsDirective,
    EmptyStateComponent,
    FormProblemComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    PageHeaderComponent,
    ReactiveFormsModule,
    ReasonFieldComponent,
    RouterLink,
    TableFrameComponent,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mz-page-header [title]="'monitoring.page.title' | t" [intro]="'monitoring.page.intro' | t" headingTestId="monitoring-heading" />
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | t" />
    }
    <mz-form-problem [problem]="problem()" testId="monitoring-page-error" />

    <section class="section" aria-labelledby="levels-title">
      <h2 class="mz-section-title" id="levels-title">{{ 'monitoring.levels.title' | t }}</h2>
      <mz-table-frame [label]="'monitoring.levels.title' | t" [empty]="levels().length === 0">
        <table mat-table class="dense-table fold-table" [dataSource]="levels()" data-testid="levels-table">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef>{{ 'monitoring.levels.governorate' | t }}</th>
            <td mat-cell *matCellDef="let l" [attr.data-label]="'monitoring.levels.governorate' | t">{{ name(l) }}</td>
          </ng-container>
          <ng-container matColumnDef="level">
            <th mat-header-cell *matHeaderCellDef>{{ 'monitoring.level.label' | t }}</th>
            <td mat-cell *matCellDef="let l" [attr.data-label]="'monitoring.level.label' | t">
              <mz-tone-badge [tone]="tone(l.level)">{{ levelKey(l.level) | t }}</mz-tone-badge>
              @if (l.upcoming; as u) {
                <span class="muted">{{ 'monitoring.levels.upcoming' | t: { level: (levelKey(u.level) | t), date: i18n.formatDate(u.effectiveOn) } }}</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="since">
            <th mat-header-cell *matHeaderCellDef>{{ 'monitoring.levels.since' | t }}</th>
            <td mat-cell *matCellDef="let l" [attr.data-label]="'monitoring.levels.since' | t">{{ l.effectiveOn ? i18n.formatDate(l.effectiveOn) : ('monitoring.levels.reference' | t) }}</td>
          </ng-container>
          <ng-container matColumnDef="reason">
            <th mat-header-cell *matHeaderCellDef>{{ 'monitoring.levels.reason' | t }}</th>
            <td mat-cell *matCellDef="let l" [attr.data-label]="'monitoring.levels.reason' | t"><bdi>{{ l.reason ?? '' }}</bdi></td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="mz-visually-hidden">{{ 'monitoring.levels.actions' | t }}</span></th>
            <td mat-cell *matCellDef="let l">
              <button mat-button type="button" (click)="change(l)" [attr.data-testid]="'level-change-' + l.governorateCode">{{ 'monitoring.levels.change' | t }}</button>
              <button mat-button type="button" (click)="showHistory(l)" [attr.data-testid]="'level-history-' + l.governorateCode">{{ 'monitoring.levels.history' | t }}</button>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let l; columns: columns" data-testid="level-row"></tr>
        </table>
        <mz-empty-state mzEmpty icon="public" [title]="'monitoring.levels.empty' | t" />
      </mz-table-frame>
    </section>

    <section class="section card" aria-labelledby="policy-title">
      <h2 class="mz-section-title" id="policy-title">{{ 'monitoring.policy.title' | t }}</h2>
      <p class="muted">{{ 'monitoring.policy.intro' | t }}</p>
      <form [formGroup]="policyForm" (ngSubmit)="savePolicy()" novalidate data-testid="policy-form">
        @for (level of levelChoices; track level) {
          <div class="rule" [formGroupName]="level">
            <span class="rule-level"><mz-tone-badge [tone]="tone(level)">{{ levelKey(level) | t }}</mz-tone-badge></span>
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'monitoring.policy.kind' | t }}</mat-label>
              <mat-select formControlName="kind" [attr.data-testid]="'policy-kind-' + level">
                @for (k of kindChoices; track k) {
                  <mat-option [value]="k">{{ kindKey(k) | t }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'monitoring.policy.everyDays' | t }}</mat-label>
              <input matInput type="number" mzWesternDigits min="7" max="730" formControlName="everyDays" [attr.data-testid]="'policy-days-' + level" />
            </mat-form-field>
          </div>
        }
        <mz-reason-field [control]="policyForm.controls.reason" testId="policy-reason" />
        <mz-form-problem [problem]="policySubmission.problem()" testId="policy-error" />
        <button mat-flat-button type="submit" data-testid="policy-save" [disabled]="policySubmission.busy()">{{ 'monitoring.policy.save' | t }}</button>
      </form>
    </section>

    <section class="section" aria-labelledby="overdue-title">
      <h2 class="mz-section-title" id="overdue-title">{{ 'monitoring.overdue.title' | t }}</h2>
      @if (overdue().length === 0) {
        <mz-empty-state icon="check_circle" [title]="'monitoring.overdue.empty' | t" />
      } @else {
        <ul class="overdue" data-testid="overdue-list">
          @for (g of overdue(); track g.grantId) {
            <li>
              <a [routerLink]="['/officer/grants', g.grantId]"><bdi>{{ g.grantNumber }}</bdi> — <bdi>{{ g.title }}</bdi></a>
              · <bdi>{{ g.organizationName }}</bdi>
              · <mz-tone-badge [tone]="tone(g.status.level)">{{ levelKey(g.status.level) | t }}</mz-tone-badge>
              · <mz-tone-badge tone="bad">{{ 'monitoring.status.overdue' | t: { days: g.status.daysOverdue } }}</mz-tone-badge>
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    .section {
      margin-block: 24px;
    }
    .rule {
      display: grid;
      grid-template-columns: minmax(8rem, auto) 1fr 1fr;
      gap: 8px 16px;
      align-items: center;
      margin-block-end: 12px;
    }
    @media (max-width: 600px) {
      .rule {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class MonitoringPageComponent {
  protected readonly levelKey = levelKey;
  protected readonly kindKey = kindKey;
  private readonly api = inject(MonitoringApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly columns = ['name', 'level', 'since', 'reason', 'actions'];
  protected readonly levelChoices = SECURITY_LEVEL_CHOICES;
  protected readonly kindChoices = KIND_CHOICES;
  protected readonly tone = levelTone;
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly levels = signal<SecurityLevelView[]>([]);
  protected readonly overdue = signal<MonitoredGrantSummary[]>([]);
  protected readonly policySubmission = new FormSubmission<MonitoringPolicyView>();

  private rule(kind: MonitoringKind, everyDays: number) {
    return this.fb.group({ kind: [kind, [Validators.required]], everyDays: [everyDays, [Validators.required, Validators.min(7), Validators.max(730)]] });
  }

  protected readonly policyForm = this.fb.group({
    accessible: this.rule('on_site', 180),
    restricted: this.rule('remote', 90),
    no_access: this.rule('third_party', 90),
    reason: ['', [Validators.required, notBlank, Validators.maxLength(4000)]],
  });

  constructor() {
    this.reload();
    this.api
      .policy()
      .pipe(catchError((error: unknown) => this.fail(error)))
      .subscribe((view) => {
        if (view) this.fillPolicy(view.policy);
      });
  }

  protected name(level: SecurityLevelView): string {
    return governorateLabel(level, this.i18n.lang());
  }

  private fail(error: unknown) {
    this.loading.set(false);
    this.problem.set(errorMessage(toWebError(error)));
    return of(null);
  }

  private reload(): void {
    this.api
      .levels()
      .pipe(catchError((error: unknown) => this.fail(error)))
      .subscribe((levels) => {
        this.loading.set(false);
        if (levels) this.levels.set(levels);
      });
    this.api
      .overview(true)
      .pipe(catchError((error: unknown) => this.fail(error)))
      .subscribe((grants) => this.overdue.set(grants ?? []));
  }

  private fillPolicy(policy: MonitoringPolicy): void {
    this.policyForm.reset({ ...policy, reason: '' });
  }

  protected change(level: SecurityLevelView): void {
    this.dialog
      .open<LevelDialogComponent, LevelDialogData, SecurityLevelHistoryView>(LevelDialogComponent, {
        width: '520px',
        maxWidth: '95vw',
        data: { code: level.governorateCode, name: this.name(level), level: level.level as SecurityLevel },
      })
      .afterClosed()
      .subscribe((history) => {
        if (!history) return;
        this.notifier.notify(this.i18n.t('monitoring.level.saved'));
        this.reload();
      });
  }

  protected showHistory(level: SecurityLevelView): void {
    this.dialog.open(LevelHistoryDialogComponent, { width: '560px', maxWidth: '95vw', data: { code: level.governorateCode, name: this.name(level) } });
  }

  protected savePolicy(): void {
    const v = this.policyForm.getRawValue();
    const policy: MonitoringPolicy = {
      accessible: { kind: v.accessible.kind, everyDays: Number(v.accessible.everyDays) },
      restricted: { kind: v.restricted.kind, everyDays: Number(v.restricted.everyDays) },
      no_access: { kind: v.no_access.kind, everyDays: Number(v.no_access.everyDays) },
    };
    this.policySubmission.run(
      this.policyForm,
      () => this.api.updatePolicy(policy, v.reason.trim()),
      (view) => {
        this.fillPolicy(view.policy);
        this.notifier.notify(this.i18n.t('monitoring.policy.saved'));
        this.reload();
      },
    );
  }
}
