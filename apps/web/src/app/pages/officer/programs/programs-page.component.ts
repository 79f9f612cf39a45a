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
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { ProgramView } from '@mizan/contracts';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { formatMoney } from '../shared/money';
import { formatIsoDate } from '../shared/zones';
import { ProgramDialogComponent } from './program-dialog.component';
import { ProgramsApiService } from './programs-api.service';

@Component({
  selector: 'mz-programs-page',
  imports: [
    EmptyStateComponent,
    PageHeaderComponent,
    TableFrameComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './programs-page.component.html',
  styleUrl: '../shared/officer-page.scss',
})
export class ProgramsPageComponent {
  private readonly api = inject(ProgramsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  protected readonly columns = ['name', 'currency', 'budget', 'period', 'calls'];
  protected readonly programs = signal<ProgramView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly loadErrorText = computed(() => {
    const error = this.loadError();
    return error ? errorMessage(error) : null;
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .listPrograms()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (programs) => {
          this.programs.set(programs);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  protected budget(program: ProgramView): string {
    return formatMoney(program.budgetMinor, program.currency, this.i18n.locale());
  }

  protected date(iso: string): string {
    return formatIsoDate(iso, this.i18n.locale());
  }

  protected create(): void {
    this.dialog
      .open<ProgramDialogComponent, void, ProgramView>(ProgramDialogComponent, {
        width: '640px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((created) => {
        if (!created) return;
        this.notifier.notify(
          this.i18n.t('officer.program.created', { name: created.name }),
        );
        void this.router.navigate(['/officer/programs', created.id]);
      });
  }
}
