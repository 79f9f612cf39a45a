import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  IATI_IDENTIFIER_MAX,
  IATI_NAME_MAX,
  IATI_ORG_IDENTIFIER_PATTERN,
  IATI_ORGANISATION_TYPE_CODES,
  type IatiIdentityView,
  type IatiOrganisationType,
  type LocalizedText,
  type ProgramPublicationView,
} from '@mizan/contracts';
import { errorMessage, toWebError } from '../../core/api/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../core/ui/form-problem.component';
import { FormSubmission } from '../../core/ui/form-submission';
import { LoadingBarComponent } from '../../core/ui/loading-bar.component';
import { Notifier } from '../../core/ui/notifier.service';
import { PageHeaderComponent } from '../../core/ui/page-header.component';
import { TableFrameComponent } from '../../core/ui/table-frame.component';
import { ToneBadgeComponent } from '../../core/ui/tone-badge.component';
import { notBlank } from '../officer/shared/validators';
import { TransparencyApiService } from './transparency-api.service';

/**
 * Transparency (IATI), the officer's and admin's overview: the agency's IATI identity (the reporting organisation of
 * every file: identifier, type from the OrganisationType codelist, name in English, Arabic and Swedish), every
 * program with whether it is published and its last published version, and the link to the public page.
 */
@Component({
  selector: 'mz-transparency-page',
  imports: [
    EmptyStateComponent,
    FormProblemComponent,
    LoadingBarComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    PageHeaderComponent,
    ReactiveFormsModule,
    RouterLink,
    TableFrameComponent,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../officer/shared/officer-page.scss', './transparency.scss'],
  template: `
    <mz-page-header [title]="'transparency.page.title' | t" [intro]="'transparency.page.intro' | t" headingTestId="transparency-heading">
      @if (publicPath(); as path) {
        <a mat-stroked-button [routerLink]="path" data-testid="transparency-public-link">
          <mat-icon svgIcon="open_in_new" /> {{ 'transparency.page.publicPage' | t }}
        </a>
      }
    </mz-page-header>
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="loadProblem()" testId="transparency-load-error" />

    @if (identity()) {
      <section class="panel" aria-labelledby="identity-title">
        <h2 id="identity-title" class="mz-section-title">{{ 'transparency.identity.title' | t }}</h2>
        <p class="muted">{{ 'transparency.identity.intro' | t }}</p>
        <form [formGroup]="form" (ngSubmit)="saveIdentity()" novalidate data-testid="transparency-identity-form">
          <div class="form-grid">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'transparency.identity.identifier' | t }}</mat-label>
              <input matInput formControlName="organisationIdentifier" dir="ltr" autocomplete="off" data-testid="transparency-identifier" />
              <mat-hint>{{ 'transparency.identity.identifierHint' | t }}</mat-hint>
              @if (form.controls.organisationIdentifier.hasError('server')) {
                <mat-error>{{ form.controls.organisationIdentifier.getError('server') }}</mat-error>
              } @else {
                <mat-error>{{ 'transparency.identity.identifierInvalid' | t }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'transparency.identity.type' | t }}</mat-label>
              <mat-select formControlName="organisationType" data-testid="transparency-org-type">
                @for (code of typeCodes; track code) {
                  <mat-option [value]="code">{{ code }} · {{ typeKey(code) | t }}</mat-option>
                }
              </mat-select>
              @if (form.controls.organisationType.hasError('server')) {
                <mat-error>{{ form.controls.organisationType.getError('server') }}</mat-error>
              } @else {
                <mat-error>{{ 'transparency.identity.typeRequired' | t }}</mat-error>
              }
            </mat-form-field>
          </div>
          <div class="form-grid" formGroupName="name">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'transparency.identity.nameEn' | t }}</mat-label>
              <input matInput formControlName="en" lang="en" dir="ltr" autocomplete="organization" data-testid="transparency-name-en" />
              @if (form.controls.name.controls.en.hasError('server')) {
                <mat-error>{{ form.controls.name.controls.en.getError('server') }}</mat-error>
              } @else {
                <mat-error>{{ 'transparency.identity.nameRequired' | t }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'transparency.identity.nameAr' | t }}</mat-label>
              <input matInput formControlName="ar" lang="ar" dir="rtl" autocomplete="off" data-testid="transparency-name-ar" />
            </mat-form-field>
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'transparency.identity.nameSv' | t }}</mat-label>
              <input matInput formControlName="sv" lang="sv" autocomplete="off" data-testid="transparency-name-sv" />
            </mat-form-field>
          </div>
          <mz-form-problem [problem]="submission.problem()" testId="transparency-identity-error" />
          <div class="actions">
            <button mat-flat-button type="submit" data-testid="transparency-identity-save" [disabled]="submission.busy()">
              {{ 'transparency.identity.save' | t }}
            </button>
          </div>
        </form>
      </section>
    }

    <section aria-labelledby="programs-title">
      <h2 id="programs-title" class="mz-section-title">{{ 'transparency.programs.title' | t }}</h2>
      <mz-table-frame [label]="'transparency.programs.title' | t" [empty]="!loading() && programs().length === 0">
        <table class="plain-table" data-testid="transparency-programs">
          <thead>
            <tr>
              <th scope="col">{{ 'transparency.programs.program' | t }}</th>
              <th scope="col" class="num">{{ 'transparency.programs.grants' | t }}</th>
              <th scope="col">{{ 'transparency.programs.published' | t }}</th>
              <th scope="col">{{ 'transparency.programs.lastPublished' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (p of programs(); track p.programId) {
              <tr data-testid="transparency-program" [attr.data-program]="p.programId">
                <td>
                  <a [routerLink]="[p.programId]" data-testid="transparency-program-link"><bdi>{{ p.programName }}</bdi></a>
                </td>
                <td class="num">{{ i18n.formatNumber(p.grantCount) }}</td>
                <td>
                  <mz-tone-badge [tone]="p.published ? 'good' : 'neutral'">
                    {{ (p.published ? 'transparency.programs.on' : 'transparency.programs.off') | t }}
                  </mz-tone-badge>
                </td>
                <td>
                  @if (p.lastPublished; as last) {
                    {{ 'transparency.programs.version' | t: { version: last.version ?? '—', date: when(last.publishedAt) } }}
                  } @else {
                    <span class="muted">{{ 'transparency.programs.never' | t }}</span>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
        <mz-empty-state mzEmpty data-testid="transparency-programs-empty" icon="folder" [title]="'transparency.programs.empty' | t" />
      </mz-table-frame>
    </section>
  `,
})
export class TransparencyPage {
  private readonly api = inject(TransparencyApiService);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);

  protected readonly typeCodes = IATI_ORGANISATION_TYPE_CODES;
  protected readonly loading = signal(true);
  protected readonly loadProblem = signal<FormProblem | null>(null);
  protected readonly identity = signal<IatiIdentityView | null>(null);
  protected readonly programs = signal<ProgramPublicationView[]>([]);
  protected readonly submission = new FormSubmission<IatiIdentityView>();
  protected readonly publicPath = computed(() => {
    const identity = this.identity();
    return identity?.organisationIdentifier ? `/transparency/${identity.agencySlug}` : null;
  });

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    organisationIdentifier: ['', [Validators.required, Validators.maxLength(IATI_IDENTIFIER_MAX), Validators.pattern(IATI_ORG_IDENTIFIER_PATTERN)]],
    organisationType: this.fb.control<IatiOrganisationType | ''>('', [Validators.required]),
    name: this.fb.group({
      en: ['', [Validators.required, notBlank, Validators.maxLength(IATI_NAME_MAX)]],
      ar: ['', [Validators.maxLength(IATI_NAME_MAX)]],
      sv: ['', [Validators.maxLength(IATI_NAME_MAX)]],
    }),
  });

  constructor() {
    this.load();
  }

  protected typeKey(code: IatiOrganisationType) {
    return `transparency.orgType.${code}` as const;
  }

  protected when(iso: string | null): string {
    return iso ? this.i18n.formatDate(iso) : '—';
  }

  private load(): void {
    this.loading.set(true);
    let pending = 2;
    const settle = (): void => {
      pending -= 1;
      if (pending === 0) this.loading.set(false);
    };
    const fail = (error: unknown): void => {
      this.loadProblem.set(errorMessage(toWebError(error)));
      settle();
    };
    this.api.identity().subscribe({
      next: (identity) => {
        this.fill(identity);
        settle();
      },
      error: fail,
    });
    this.api.programs().subscribe({
      next: (programs) => {
        this.programs.set(programs);
        settle();
      },
      error: fail,
    });
  }

  private fill(identity: IatiIdentityView): void {
    this.identity.set(identity);
    this.form.reset({
      organisationIdentifier: identity.organisationIdentifier ?? '',
      organisationType: identity.organisationType ?? '',
      name: { en: identity.name?.en ?? '', ar: identity.name?.ar ?? '', sv: identity.name?.sv ?? '' },
    });
  }

  protected saveIdentity(): void {
    const identity = this.identity();
    if (!identity) return;
    const v = this.form.getRawValue();
    const name: LocalizedText = { en: v.name.en.trim() };
    if (v.name.ar.trim()) name.ar = v.name.ar.trim();
    if (v.name.sv.trim()) name.sv = v.name.sv.trim();
    this.submission.run(
      this.form,
      () =>
        this.api.saveIdentity({
          organisationIdentifier: v.organisationIdentifier.trim(),
          organisationType: v.organisationType as IatiOrganisationType,
          name,
          rowVersion: identity.rowVersion,
        }),
      (saved) => {
        this.fill(saved);
        this.notifier.notify(this.i18n.t('transparency.identity.saved'));
      },
    );
  }
}
