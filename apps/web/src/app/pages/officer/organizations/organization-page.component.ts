import { AuditReadonlyNoteComponent, readsAsAuditorOnly } from '../../../core/ui/audit-readonly-note.component';
import { SessionService } from '../../../core/auth/session.service';
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
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type {
  DueDiligenceCheck,
  DocumentView,
  GovernorateView,
  OrganizationView,
  PartnerView,
} from '@mizan/contracts';
import { catchError, forkJoin, map, of, switchMap, tap } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { Notifier } from '../../../core/ui/notifier.service';
import { CountryPipe } from '../../../core/i18n/country-names';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { governorateName } from '../screening/governorate-names';
import { ScreeningApiService } from '../screening/screening-api.service';
import { checkKey, ddKey, documentKindKey } from '../shared/labels';
import { ddStanding, ddTone } from '../shared/status';
import { formatFileSize } from '../shared/files';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { formatIsoDate } from '../shared/zones';
import { checkText } from './check-text';
import { DueDiligenceDialogComponent } from './due-diligence-dialog.component';
import { OrganizationsApiService } from './organizations-api.service';

interface Loaded {
  organization: OrganizationView;
  partners: PartnerView[];
  documents: DocumentView[];
  governorates: GovernorateView[];
}

@Component({
  selector: 'mz-organization-page',
  imports: [
    AuditReadonlyNoteComponent,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    ToneBadgeComponent,
    CountryPipe, TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organization-page.component.html',
  styleUrls: ['../shared/officer-page.scss', './organization-page.component.scss'],
})
export class OrganizationPageComponent {
  private readonly api = inject(OrganizationsApiService);
  private readonly screening = inject(ScreeningApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);
  private readonly sessions = inject(SessionService);
  /** An auditor reads this page within an engagement's scope: no desk to go back to, nothing to act on. */
  protected readonly auditReader = computed(() => readsAsAuditorOnly(this.sessions.permissions()));

  readonly organizationId = input.required<string>();

  protected readonly data = signal<Loaded | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly announcement = signal('');
  protected readonly problem = computed(() => {
    const error = this.loadError();
    return error ? errorMessage(error) : null;
  });
  private readonly reloads = signal(0);
  protected readonly checkKey = checkKey;

  constructor() {
    const request = computed(() => ({ id: this.organizationId(), n: this.reloads() }));
    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.loadError.set(null);
        }),
        switchMap(({ id }) =>
          forkJoin({
            organization: this.api.get(id),
            partners: this.api.partners(id),
            documents: this.api.documents(id),
            governorates: this.screening
              .governorates()
              .pipe(catchError(() => of([] as GovernorateView[]))),
          }).pipe(
            map((loaded) => ({ loaded, error: null })),
            catchError((error: unknown) => of({ loaded: null, error: toWebError(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ loaded, error }) => {
        this.loading.set(false);
        if (loaded) this.data.set(loaded);
        else this.loadError.set(error);
      });
  }

  protected retry(): void {
    this.reloads.update((n) => n + 1);
  }

  protected setStatus(): void {
    const d = this.data();
    if (!d) return;
    this.dialog
      .open<DueDiligenceDialogComponent, OrganizationView, OrganizationView>(
        DueDiligenceDialogComponent,
        { width: '560px', maxWidth: '95vw', data: d.organization },
      )
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.data.update((current) =>
          current ? { ...current, organization: updated } : current,
        );
        const text = this.i18n.t('officer.dd.saved', {
          status: this.i18n.t(ddKey(ddStanding(updated.dueDiligence))),
        });
        this.announcement.set(text);
        this.notifier.notify(text);
      });
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

  protected checkSentence(check: DueDiligenceCheck, d: Loaded): string {
    return checkText(
      check,
      d.organization,
      d.documents,
      (key, params) => this.i18n.t(key, params),
      this.i18n.locale(),
    );
  }

  protected docKey(kind: string): TranslationKey {
    return documentKindKey(kind) ?? 'officer.doc.other';
  }

  protected date(iso: string | null): string {
    return iso ? formatIsoDate(iso, this.i18n.locale()) : '—';
  }

  protected place(code: string): string {
    const d = this.data();
    return governorateName(code, this.i18n.lang(), d?.governorates ?? []);
  }

  protected size(bytes: number): string {
    return formatFileSize(bytes, this.i18n.locale());
  }
}
