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
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  type MatSlideToggleChange,
  MatSlideToggleModule,
} from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import type { UserSummary } from '@mizan/contracts';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../core/api/api-error';
import { SessionService } from '../../core/auth/session.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/ui/notifier.service';
import { roleLabelKey } from '../../core/i18n/role-label';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CreateUserDialogComponent } from './create-user-dialog.component';
import {
  UserActiveDialogComponent,
  type UserActiveDialogData,
} from './user-active-dialog.component';
import { UserRolesDialogComponent } from './user-roles-dialog.component';
import { UsersApiService } from './users-api.service';
import { TwoFactorApiService } from '../../core/auth/two-factor-api.service';
import {
  TwoFactorAdminDialogComponent,
  type TwoFactorAdminDialogData,
} from './two-factor-admin-dialog.component';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../core/ui/page-header.component';
import { TableFrameComponent } from '../../core/ui/table-frame.component';

@Component({
  selector: 'mz-users-page',
  imports: [
    TableFrameComponent,
    PageHeaderComponent,
    EmptyStateComponent,
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    MatTableModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-page.component.html',
  styleUrl: './users-page.component.scss',
})
export class UsersPageComponent {
  private readonly api = inject(UsersApiService);
  private readonly twoFactor = inject(TwoFactorApiService);
  private readonly sessions = inject(SessionService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  protected readonly roleKey = roleLabelKey;
  protected readonly canManage = computed(() =>
    this.sessions.hasAny(['user.manage']),
  );
  protected readonly myId = computed(() => this.sessions.user()?.id ?? null);
  protected readonly columns = computed(() =>
    this.canManage()
      ? ['name', 'email', 'roles', 'twoFactor', 'active', 'created', 'actions']
      : ['name', 'email', 'roles', 'twoFactor', 'active', 'created'],
  );

  protected readonly trackById = (_index: number, user: UserSummary): string =>
    user.id;
  protected readonly users = signal<UserSummary[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly loadErrorText = computed(() => {
    const error = this.loadError();
    return error ? errorMessage(error) : null;
  });

  /** Whether the agency requires a second factor of its staff (null until known). */
  protected readonly requiresTwoFactor = signal<boolean | null>(null);

  constructor() {
    this.load();
    this.twoFactor
      .agencySecurity()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (security) =>
          this.requiresTwoFactor.set(security.requiresTwoFactor),
        error: () => this.requiresTwoFactor.set(null),
      });
  }

  protected toggleRequirement(change: MatSlideToggleChange): void {
    const requiresTwoFactor = change.checked;
    // The toggle only moves once the api agrees (reason given, re-authenticated).
    change.source.checked = !requiresTwoFactor;
    this.openTwoFactorDialog({ kind: 'require', requiresTwoFactor }, () =>
      this.requiresTwoFactor.set(requiresTwoFactor),
    );
  }

  protected resetTwoFactor(user: UserSummary): void {
    this.openTwoFactorDialog({ kind: 'reset', user }, () =>
      this.replace({ ...user, twoFactorEnabled: false }),
    );
  }

  private openTwoFactorDialog(
    data: TwoFactorAdminDialogData,
    done: () => void,
  ): void {
    this.dialog
      .open<TwoFactorAdminDialogComponent, TwoFactorAdminDialogData, boolean>(
        TwoFactorAdminDialogComponent,
        { width: '520px', data },
      )
      .afterClosed()
      .subscribe((ok) => {
        if (!ok) return;
        done();
        if (data.kind === 'require') this.saved();
      });
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (users) => {
          this.users.set(users);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  protected createUser(): void {
    this.dialog
      .open<CreateUserDialogComponent, void, UserSummary>(
        CreateUserDialogComponent,
        { width: '520px' },
      )
      .afterClosed()
      .subscribe((created) => {
        if (!created) return;
        this.users.update((list) => [...list, created]);
        this.saved();
      });
  }

  protected editRoles(user: UserSummary): void {
    this.dialog
      .open<UserRolesDialogComponent, UserSummary, UserSummary>(
        UserRolesDialogComponent,
        {
          width: '520px',
          data: user,
        },
      )
      .afterClosed()
      .subscribe((updated) => this.replace(updated));
  }

  protected toggleActive(
    user: UserSummary,
    change: MatSlideToggleChange,
  ): void {
    // The toggle only moves once the api agrees (and a reason is given).
    change.source.checked = user.active;
    this.dialog
      .open<UserActiveDialogComponent, UserActiveDialogData, UserSummary>(
        UserActiveDialogComponent,
        {
          width: '480px',
          data: { user, active: change.checked },
        },
      )
      .afterClosed()
      .subscribe((updated) => this.replace(updated));
  }

  private replace(updated: UserSummary | undefined): void {
    if (!updated) return;
    this.users.update((list) =>
      list.map((u) => (u.id === updated.id ? updated : u)),
    );
    this.saved();
  }

  private saved(): void {
    this.notifier.notify(this.i18n.t('users.saved'));
  }
}
