import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { OrganizationView } from '@mizan/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { CountryPipe } from '../../../core/i18n/country-names';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ddKey } from '../shared/labels';
import {
  DUE_DILIGENCE_STANDINGS,
  type DueDiligenceStanding,
  ddStanding,
  ddTone,
} from '../shared/status';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { formatIsoDate } from '../shared/zones';
import { OrganizationsApiService } from './organizations-api.service';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';

type DdFilter = DueDiligenceStanding | 'all';

function isStanding(value: unknown): value is DueDiligenceStanding {
  return (DUE_DILIGENCE_STANDINGS as readonly unknown[]).includes(value);
}

@Component({
  selector: 'mz-organizations-page',
  imports: [
    EmptyStateComponent,
    TableFrameComponent,
    PageHeaderComponent,
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    ToneBadgeComponent,
    CountryPipe, TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organizations-page.component.html',
  styleUrl: '../shared/officer-page.scss',
})
export class OrganizationsPageComponent {
  private readonly api = inject(OrganizationsApiService);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18nService);

  /** Query parameter: the due-diligence status to list. */
  readonly dd = input<string>();

  protected readonly filters: readonly DdFilter[] = ['all', ...DUE_DILIGENCE_STANDINGS];
  protected readonly columns = [
    'name',
    'registration',
    'country',
    'dd',
    'expires',
    'members',
    'created',
  ];
  protected readonly filter = computed<DdFilter>(() => {
    const value = this.dd();
    return isStanding(value) ? value : 'all';
  });
  protected readonly organizations = signal<OrganizationView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly loadErrorText = computed(() => {
    const error = this.loadError();
    return error ? errorMessage(error) : null;
  });
  private readonly reloads = signal(0);

  constructor() {
    const request = computed(() => ({ filter: this.filter(), n: this.reloads() }));
    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.loadError.set(null);
        }),
        switchMap(({ filter }) =>
          this.api.list(filter === 'all' ? undefined : filter).pipe(
            map((list) => ({ list, error: null })),
            catchError((error: unknown) => of({ list: null, error: toWebError(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ list, error }) => {
        this.loading.set(false);
        if (list) this.organizations.set(list);
        else this.loadError.set(error);
      });
  }

  protected retry(): void {
    this.reloads.update((n) => n + 1);
  }

  protected setFilter(filter: DdFilter): void {
    void this.router.navigate([], {
      queryParams: { dd: filter === 'all' ? null : filter },
      replaceUrl: true,
    });
  }

  protected filterKey(filter: DdFilter): TranslationKey {
    return filter === 'all' ? 'officer.orgs.all' : ddKey(filter);
  }

  protected standing(org: OrganizationView) {
    return ddStanding(org.dueDiligence);
  }

  protected tone(org: OrganizationView) {
    return ddTone(ddStanding(org.dueDiligence));
  }

  protected ddKey(org: OrganizationView): TranslationKey {
    return ddKey(ddStanding(org.dueDiligence));
  }

  protected date(iso: string | null): string {
    return iso ? formatIsoDate(iso, this.i18n.locale()) : '—';
  }
}
