import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { PartnerView } from '@mizan/contracts';
import { toWebError, type WebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { OrganizationsApiService } from '../shared/organizations-api.service';
import { problemOf } from '../shared/problem';
import {
  ReferenceDataService,
  governorateName,
} from '../shared/reference-data.service';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';

/** The partner organization(s) the signed-in partner user belongs to, as the diaspora organization registered them. */
@Component({
  selector: 'mz-partner-organization-page',
  imports: [
    PageHeaderComponent,
    EmptyStateComponent,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mz-page-header [title]="'applicant.partnerOrg.title' | t" [intro]="'applicant.partnerOrg.intro' | t" />
    <div class="loading-slot">
      @if (loading()) {
        <mat-progress-bar
          mode="indeterminate"
          [attr.aria-label]="'common.loading' | t"
        />
      }
    </div>
    @if (problem(); as p) {
      <div class="mz-banner mz-banner-error" role="alert">
        <mat-icon svgIcon="error" />
        <span>{{ p.key | t: p.params }}</span>
        <button mat-button type="button" (click)="load()">
          {{ 'common.retry' | t }}
        </button>
      </div>
    }
    @if (partners().length > 0) {
      <ul class="card-list" role="list">
        @for (p of partners(); track p.id) {
          <li>
            <mat-card
              appearance="outlined"
              class="item-card"
              data-testid="my-partner-card"
            >
              <mat-card-header>
                <mat-icon mat-card-avatar svgIcon="public" class="card-icon" />
                <mat-card-title
                  ><h2 class="card-title">
                    <bdi>{{ p.name }}</bdi>
                  </h2></mat-card-title
                >
                <mat-card-subtitle>{{
                  place(p.governorateCode)
                }}</mat-card-subtitle>
              </mat-card-header>
              <mat-card-content>
                <dl class="facts">
                  <dt>{{ 'applicant.partner.localRegistration' | t }}</dt>
                  <dd>
                    <span dir="ltr">{{ p.localRegistrationNumber }}</span>
                  </dd>
                  <dt>{{ 'applicant.partner.contactPerson' | t }}</dt>
                  <dd>
                    <bdi>{{ p.contactPerson }}</bdi>
                  </dd>
                  @if (p.contactEmail) {
                    <dt>{{ 'applicant.partner.email' | t }}</dt>
                    <dd>
                      <span dir="ltr">{{ p.contactEmail }}</span>
                    </dd>
                  }
                  @if (p.contactPhone) {
                    <dt>{{ 'applicant.partner.phone' | t }}</dt>
                    <dd>
                      <span dir="ltr">{{ p.contactPhone }}</span>
                    </dd>
                  }
                  <dt>{{ 'applicant.partner.relationship' | t }}</dt>
                  <dd>{{ p.relationship }}</dd>
                  <dt>{{ 'applicant.partnerOrg.since' | t }}</dt>
                  <dd>{{ i18n.formatDate(p.createdAt) }}</dd>
                </dl>
              </mat-card-content>
            </mat-card>
          </li>
        }
      </ul>
    } @else if (!loading() && !loadError()) {
      <mz-empty-state
        data-testid="partner-org-empty"
        icon="public"
        [title]="'applicant.partnerOrg.empty.title' | t"
        [body]="'applicant.partnerOrg.empty.body' | t"
      />
    }
  `,
  styleUrl: '../shared/intake.scss',
  styles: `
    .facts {
      display: grid;
      grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
      gap: 4px 16px;
      margin: 8px 0 0;
      dt {
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    }
  `,
})
export class PartnerOrganizationPageComponent {
  private readonly api = inject(OrganizationsApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);
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
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .myPartnerOrganizations()
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

  protected place(code: string): string {
    return governorateName(
      this.governorates().find((g) => g.code === code),
      this.i18n.lang(),
      code,
    );
  }
}
