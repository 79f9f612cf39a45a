import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { GrantMonitoringView, MonitoringVisitView, MonitorUserView } from '@mizan/contracts';
import { catchError, of, type Observable } from 'rxjs';
import { errorMessage, toWebError } from '../../core/api/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { FileStoreHint } from './file-hint';
import { FilePickComponent } from '../../core/ui/file-pick.component';
import { FormProblemComponent, type FormProblem } from '../../core/ui/form-problem.component';
import { Notifier } from '../../core/ui/notifier.service';
import { ToneBadgeComponent } from '../../core/ui/tone-badge.component';
import { NoteDialogComponent, type NoteDialogData } from '../grants/note-dialog.component';
import { MonitoringApiService, type MonitoringSide } from './monitoring-api.service';
import { answerKey, checklistKey, formatPosition, kindKey, levelKey, levelTone, outcomeKey, statusTone } from './monitoring-labels';
import { VisitDialogComponent, type VisitDialogData } from './visit-dialog.component';
import { localTodayIso } from '../../core/ui/local-date';

/**
 * A grant's monitoring: the monitoring its governorate's level requires and
 * whether it is overdue, the visits with their checklist, findings and files
 * (photos show their capture time and place), and — for officers — the
 * monitors assigned to it. Used on the officer's grant page and on the
 * monitor's page of an assigned grant (`side`).
 */
@Component({
  selector: 'mz-grant-monitoring',
  imports: [
    EmptyStateComponent,
    FilePickComponent,
    FormProblemComponent,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | t" />
    }
    <mz-form-problem [problem]="problem()" testId="monitoring-error" />
    @if (view(); as v) {
      @if (side() === 'monitor') {
        <p class="summary" data-testid="monitor-grant-summary">
          <strong><bdi>{{ v.grant.grantNumber }}</bdi> — <bdi>{{ v.grant.title }}</bdi></strong>
          · <bdi>{{ v.grant.organizationName }}</bdi>
          · {{ i18n.formatDate(v.grant.startsOn) }} – {{ i18n.formatDate(v.grant.endsOn) }}
        </p>
      }
      <div class="status" data-testid="monitoring-status">
        <p>
          <mz-tone-badge [tone]="levelTone(v.grant.status.level)">{{ levelKey(v.grant.status.level) | t }}</mz-tone-badge>
          {{ 'monitoring.status.required' | t: { kind: (kindKey(v.grant.status.requiredKind) | t), days: v.grant.status.everyDays } }}
        </p>
        <p>
          @if (v.grant.status.overdue) {
            <mz-tone-badge tone="bad" data-testid="monitoring-overdue">{{ 'monitoring.status.overdue' | t: { days: v.grant.status.daysOverdue } }}</mz-tone-badge>
          } @else {
            <mz-tone-badge [tone]="statusTone(v.grant.status)">{{ 'monitoring.status.dueOn' | t: { date: i18n.formatDate(v.grant.status.nextDueOn) } }}</mz-tone-badge>
          }
          @if (v.grant.status.lastQualifyingVisitOn; as last) {
            {{ 'monitoring.status.lastVisit' | t: { date: i18n.formatDate(last) } }}
          } @else {
            {{ 'monitoring.status.noVisit' | t }}
          }
        </p>
        @if (!readOnly()) {
          <button mat-flat-button type="button" data-testid="visit-record" (click)="recordVisit(v)">
            <mat-icon svgIcon="add" />
            {{ 'monitoring.visit.record' | t }}
          </button>
        }
      </div>

      <h3 class="mz-section-title">{{ 'monitoring.visit.title' | t }}</h3>
      @if (v.visits.length === 0) {
        <mz-empty-state icon="event" [title]="'monitoring.visit.empty' | t" />
      }
      <ul class="visits" data-testid="visit-list">
        @for (visit of v.visits; track visit.id) {
          <li data-testid="visit-row">
            <p>
              <strong>{{ i18n.formatDate(visit.visitedOn) }}</strong> · {{ kindKey(visit.kind) | t }} ·
              <mz-tone-badge [tone]="levelTone(visit.securityLevel)">{{ levelKey(visit.securityLevel) | t }}</mz-tone-badge>
              <mz-tone-badge [tone]="visit.outcome === 'satisfactory' ? 'good' : visit.outcome === 'concerns' ? 'warn' : 'bad'">{{ outcomeKey(visit.outcome) | t }}</mz-tone-badge>
            </p>
            <p class="muted">{{ 'monitoring.visit.recordedBy' | t: { name: visit.recordedBy.name } }}</p>
            @if (visit.findings) {
              <p class="findings"><bdi>{{ visit.findings }}</bdi></p>
            }
            @if (visit.checklist.length > 0) {
              <ul class="checklist">
                @for (item of visit.checklist; track item.id) {
                  <li>{{ checklistKey(item.id) | t }}: {{ answerKey(item.answer) | t }}@if (item.note) { — <bdi>{{ item.note }}</bdi> }</li>
                }
              </ul>
            }
            <ul class="files" data-testid="visit-files">
              @for (f of visit.files; track f.id) {
                <li>
                  <a [href]="f.downloadPath" download><bdi>{{ f.fileName }}</bdi></a>
                  @if (f.capturedAt) {
                    · {{ 'monitoring.file.capturedAt' | t: { at: i18n.formatDateTime(f.capturedAt) } }}
                  }
                  @if (position(f.latitude, f.longitude); as p) {
                    · {{ 'monitoring.file.place' | t }} <span dir="ltr" data-testid="file-position">{{ p }}</span>
                  }
                  @if (!f.capturedAt && !position(f.latitude, f.longitude)) {
                    · <span class="muted">{{ 'monitoring.file.noMetadata' | t }}</span>
                  }
                </li>
              }
            </ul>
            @if (!readOnly()) {
            <div class="upload">
              <mz-file-pick [accept]="accept" [testId]="'visit-file-' + $index" [(file)]="files[visit.id]" />
              <button mat-stroked-button type="button" [disabled]="!files[visit.id] || uploading()" (click)="upload(v, visit)" [attr.data-testid]="'visit-upload-' + $index">
                <mat-icon svgIcon="upload" />
                {{ 'monitoring.file.upload' | t }}
              </button>
            </div>
            }
          </li>
        }
      </ul>

      @if (side() === 'officer') {
        <h3 class="mz-section-title">{{ 'monitoring.monitors.title' | t }}</h3>
        @if (v.monitors.length === 0) {
          <p class="muted">{{ 'monitoring.monitors.none' | t }}</p>
        }
        <ul data-testid="monitor-list">
          @for (m of v.monitors; track m.user.id) {
            <li>
              <bdi>{{ m.user.name }}</bdi> (<bdi dir="ltr">{{ m.email }}</bdi>)
              @if (!readOnly()) {
                <button mat-button type="button" (click)="removeMonitor(v, m.user.id, m.user.name)" [attr.data-testid]="'monitor-remove-' + $index">{{ 'monitoring.monitors.remove' | t }}</button>
              }
            </li>
          }
        </ul>
        @if (!readOnly() && candidates().length > 0) {
          <div class="assign">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'monitoring.monitors.choose' | t }}</mat-label>
              <mat-select [(ngModel)]="chosen" data-testid="monitor-choose">
                @for (c of candidates(); track c.id) {
                  <mat-option [value]="c.id">{{ c.displayName }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <button mat-stroked-button type="button" data-testid="monitor-assign" [disabled]="!chosen" (click)="assign(v)">{{ 'monitoring.monitors.assign' | t }}</button>
          </div>
        }
      }
    }
  `,
  styles: `
    .status {
      display: grid;
      gap: 4px;
      justify-items: start;
    }
    .visits {
      list-style: none;
      padding: 0;
    }
    .visits > li {
      border-block-end: 1px solid var(--mat-sys-outline-variant);
      padding-block: 8px;
    }
    .upload,
    .assign {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .findings {
      white-space: pre-wrap;
    }
  `,
})
export class GrantMonitoringComponent {
  protected readonly levelKey = levelKey;
  protected readonly kindKey = kindKey;
  protected readonly outcomeKey = outcomeKey;
  protected readonly answerKey = answerKey;
  protected readonly checklistKey = checklistKey;
  private readonly api = inject(MonitoringApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);

  readonly side = input.required<MonitoringSide>();
  readonly grantId = input.required<string>();
  /** An auditor reads the grant's monitoring (issue 12): no visit recorded, no file added, no monitor assigned or removed. */
  readonly readOnly = input(false);

  protected readonly loading = signal(true);
  protected readonly uploading = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly view = signal<GrantMonitoringView | null>(null);
  private readonly monitorUsers = signal<MonitorUserView[]>([]);
  protected readonly candidates = computed(() => {
    const assigned = new Set((this.view()?.monitors ?? []).map((m) => m.user.id));
    return this.monitorUsers().filter((u) => !assigned.has(u.id));
  });
  protected chosen = '';
  protected files: Record<string, File | null> = {};
  protected readonly accept = FileStoreHint.accept;
  protected readonly levelTone = levelTone;
  protected readonly position = formatPosition;

  constructor() {
    effect(() => {
      const id = this.grantId();
      const side = this.side();
      this.load(side, id);
      if (side === 'officer' && !this.readOnly()) this.api.monitorUsers().pipe(catchError(() => of([]))).subscribe((users) => this.monitorUsers.set(users));
    });
  }

  protected statusTone(status: GrantMonitoringView['grant']['status']) {
    return statusTone(status, localTodayIso());
  }

  private load(side: MonitoringSide, grantId: string): void {
    this.loading.set(true);
    this.api
      .grant(side, grantId)
      .pipe(catchError((error: unknown) => this.fail(error)))
      .subscribe((view) => {
        this.loading.set(false);
        if (view) this.view.set(view);
      });
  }

  private fail(error: unknown): Observable<null> {
    this.loading.set(false);
    this.uploading.set(false);
    this.problem.set(errorMessage(toWebError(error)));
    return of(null);
  }

  protected recordVisit(v: GrantMonitoringView): void {
    this.dialog
      .open<VisitDialogComponent, VisitDialogData, MonitoringVisitView>(VisitDialogComponent, {
        width: '720px',
        maxWidth: '95vw',
        data: { side: this.side(), grantId: v.grant.grantId, requiredKind: v.grant.status.requiredKind, startsOn: v.grant.startsOn },
      })
      .afterClosed()
      .subscribe((visit) => {
        if (!visit) return;
        this.notifier.notify(this.i18n.t('monitoring.visit.recorded'));
        this.load(this.side(), v.grant.grantId);
      });
  }

  protected upload(v: GrantMonitoringView, visit: MonitoringVisitView): void {
    const file = this.files[visit.id];
    if (!file) return;
    this.uploading.set(true);
    this.problem.set(null);
    this.api
      .addVisitFile(this.side(), v.grant.grantId, visit.id, file)
      .pipe(catchError((error: unknown) => this.fail(error)))
      .subscribe((stored) => {
        this.uploading.set(false);
        if (!stored) return;
        this.files[visit.id] = null;
        this.notifier.notify(this.i18n.t('monitoring.file.uploaded'));
        this.load(this.side(), v.grant.grantId);
      });
  }

  protected assign(v: GrantMonitoringView): void {
    const userId = this.chosen;
    if (!userId) return;
    this.api
      .assignMonitor(v.grant.grantId, userId)
      .pipe(catchError((error: unknown) => this.fail(error)))
      .subscribe((view) => {
        if (!view) return;
        this.chosen = '';
        this.view.set(view);
      });
  }

  protected removeMonitor(v: GrantMonitoringView, userId: string, name: string): void {
    this.dialog
      .open<NoteDialogComponent<GrantMonitoringView>, NoteDialogData<GrantMonitoringView>, GrantMonitoringView>(NoteDialogComponent, {
        width: '520px',
        maxWidth: '95vw',
        data: {
          titleKey: 'monitoring.monitors.removeTitle',
          bodyKey: 'monitoring.monitors.removeBody',
          params: { name },
          labelKey: 'common.reason',
          submitKey: 'monitoring.monitors.remove',
          testId: 'monitor-remove',
          send: (reason) => this.api.removeMonitor(v.grant.grantId, userId, reason),
        },
      })
      .afterClosed()
      .subscribe((view) => {
        if (view) this.view.set(view);
      });
  }
}
