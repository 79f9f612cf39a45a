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
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { OrganizationView } from '@mizan/contracts';
import { toWebError, type WebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { countryName } from '../shared/countries';
import { ddStatusKey, ddTone } from '../shared/labels';
import { OrganizationsApiService } from '../shared/organizations-api.service';
import { problemOf } from '../shared/problem';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';

@Component({
  selector: 'mz-organizations-page',
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
  templateUrl: './organizations-page.component.html',
  styleUrl: '../shared/intake.scss',
})
export class OrganizationsPageComponent {
  private readonly api = inject(OrganizationsApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  protected readonly organizations = signal<OrganizationView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly problem = computed(() => {
    const error = this.loadError();
    return error ? problemOf(error) : null;
  });
  protected readonly ddStatusKey = ddStatusKey;
  protected readonly ddTone = ddTone;

  constructor() {
    this.load();
  }

  protected country(code: string): string {
    return countryName(code, this.i18n.locale());
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.organizations.set(list);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }
}
