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
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import type { OrganizationView } from '@mizan/contracts';
import { toWebError, type WebError } from '../../../core/api/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ddStatusKey, ddTone } from '../shared/labels';
import { OrganizationsApiService } from '../shared/organizations-api.service';
import { problemOf } from '../shared/problem';
import { OrgDetailsTabComponent } from './org-details-tab.component';
import { OrgDocumentsTabComponent } from './org-documents-tab.component';
import { OrgDueDiligenceTabComponent } from './org-due-diligence-tab.component';
import { OrgMembersTabComponent } from './org-members-tab.component';
import { OrgPartnersTabComponent } from './org-partners-tab.component';

export const ORG_TABS = [
  'details',
  'members',
  'partners',
  'documents',
  'due-diligence',
] as const;
export type OrgTab = (typeof ORG_TABS)[number];

@Component({
  selector: 'mz-organization-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTabsModule,
    OrgDetailsTabComponent,
    OrgDocumentsTabComponent,
    OrgDueDiligenceTabComponent,
    OrgMembersTabComponent,
    OrgPartnersTabComponent,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organization-page.component.html',
  styleUrls: ['../shared/intake.scss', './organization-page.component.scss'],
})
export class OrganizationPageComponent {
  private readonly api = inject(OrganizationsApiService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  /** Route parameter and query parameter, bound by the router. */
  readonly id = input.required<string>();
  readonly tab = input<string | undefined>();

  protected readonly org = signal<OrganizationView | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly problem = computed(() => {
    const error = this.loadError();
    return error ? problemOf(error) : null;
  });
  protected readonly tabs = ORG_TABS;
  protected readonly selectedIndex = computed(() => {
    const index = ORG_TABS.indexOf((this.tab() ?? 'details') as OrgTab);
    return index < 0 ? 0 : index;
  });
  protected readonly ddStatusKey = ddStatusKey;
  protected readonly ddTone = ddTone;

  constructor() {
    effect(() => this.load(this.id()));
  }

  protected load(id = this.id()): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .get(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (org) => {
          this.org.set(org);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  protected selectTab(index: number): void {
    void this.router.navigate([], {
      queryParams: { tab: ORG_TABS[index] },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected updated(org: OrganizationView): void {
    this.org.set(org);
  }
}
