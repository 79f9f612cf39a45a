import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { OrganizationView, PartnerView } from '@mizan/contracts';
import { toWebError, type WebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { Notifier } from '../../../core/ui/notifier.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { OrganizationsApiService } from '../shared/organizations-api.service';
import { problemOf } from '../shared/problem';
import {
  ReferenceDataService,
  governorateName,
} from '../shared/reference-data.service';
import {
  PartnerDialogComponent,
  type PartnerDialogData,
} from './partner-dialog.component';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';

@Component({
  selector: 'mz-org-partners-tab',
  imports: [
    EmptyStateComponent,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './org-partners-tab.component.html',
  styleUrls: ['../shared/intake.scss', './org-partners-tab.component.scss'],
})
export class OrgPartnersTabComponent {
  private readonly api = inject(OrganizationsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  readonly org = input.required<OrganizationView>();

  private readonly governorates = toSignal(
    inject(ReferenceDataService).governorates(),
    { initialValue: [] },
  );
  protected readonly partners = signal<PartnerView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly problem = computed(() => {
    const error = this.loadError();
    return error ? problemOf(error) : null;
  });

  constructor() {
    effect(() => this.load(this.org().id));
  }

  protected load(id = this.org().id): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .partners(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.partners.set(list);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  protected governorate(code: string): string {
    return governorateName(
      this.governorates().find((g) => g.code === code),
      this.i18n.lang(),
      code,
    );
  }

  protected open(partner: PartnerView | null): void {
    this.dialog
      .open<PartnerDialogComponent, PartnerDialogData, PartnerView>(
        PartnerDialogComponent,
        {
          width: '560px',
          maxWidth: '100vw',
          data: { organizationId: this.org().id, partner },
        },
      )
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.partners.update((list) =>
          list.some((p) => p.id === saved.id)
            ? list.map((p) => (p.id === saved.id ? saved : p))
            : [...list, saved],
        );
        this.notifier.notify(this.i18n.t('applicant.saved'));
      });
  }
}
