import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import type {
  ApplicationView,
  CallView,
  OrganizationView,
} from '@mizan/contracts';
import { forkJoin } from 'rxjs';
import { toWebError, type WebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ApplicationsApiService } from '../shared/applications-api.service';
import {
  deadlineForUser,
  deadlineInCallZone,
  userTimeZone,
} from '../shared/dates';
import { formatMoney, formatShare } from '../shared/money';
import { OrganizationsApiService } from '../shared/organizations-api.service';
import { problemOf } from '../shared/problem';
import {
  StartApplicationDialogComponent,
  type StartApplicationData,
} from './start-application-dialog.component';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';

@Component({
  selector: 'mz-open-calls-page',
  imports: [
    PageHeaderComponent,
    EmptyStateComponent,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './open-calls-page.component.html',
  styleUrls: ['../shared/intake.scss', './open-calls-page.component.scss'],
})
export class OpenCallsPageComponent {
  private readonly applications = inject(ApplicationsApiService);
  private readonly organizationsApi = inject(OrganizationsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  protected readonly calls = signal<CallView[]>([]);
  protected readonly organizations = signal<OrganizationView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly problem = computed(() => {
    const error = this.loadError();
    return error ? problemOf(error) : null;
  });
  protected readonly userZone = userTimeZone();

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    forkJoin({
      calls: this.applications.openCalls(),
      organizations: this.organizationsApi.list(),
    })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ calls, organizations }) => {
          this.calls.set(calls);
          this.organizations.set(organizations);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  protected inCallZone(iso: string, call: CallView): string {
    return deadlineInCallZone(iso, call.timeZone, this.i18n.locale());
  }

  protected forUser(iso: string): string {
    return deadlineForUser(iso, this.i18n.locale(), this.userZone);
  }

  protected money(minor: string, call: CallView): string {
    return formatMoney(minor, call.currency, this.i18n.locale());
  }

  protected share(bp: number): string {
    return formatShare(bp, this.i18n.locale());
  }

  protected start(call: CallView): void {
    this.dialog
      .open<
        StartApplicationDialogComponent,
        StartApplicationData,
        ApplicationView
      >(StartApplicationDialogComponent, {
        width: '520px',
        maxWidth: '100vw',
        data: { call, organizations: this.organizations() },
      })
      .afterClosed()
      .subscribe((created) => {
        if (created)
          void this.router.navigate(['/my-applications', created.id, 'edit']);
      });
  }
}
