import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  DIRECTORY_COUNTRIES,
  DIRECTORY_LANGUAGES,
  DIRECTORY_MODES,
  type DirectoryCountry,
  type DirectoryLanguage,
  type DirectoryMode,
  type DirectoryProfileSummary,
  type DirectorySearchQuery,
} from '@mizan/contracts';
import { catchError, debounceTime, map, merge, of, startWith, Subject, switchMap, tap } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { saveDownload } from '../../../core/api/download';
import { SessionService } from '../../../core/auth/session.service';
import { countryName } from '../../../core/i18n/country-names';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { KeysetPaginatorComponent, type KeysetPageMeta, type KeysetRequest } from '../../../core/ui/keyset-paginator.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { DirectoryApiService } from '../shared/directory-api.service';
import { languageKey, localName, modeKey, TaxonomyNames } from '../shared/directory-labels';
import { WesternDigitsDirective } from '../../../core/ui/western-digits.directive';

export const SEARCH_DEBOUNCE_MS = 300;
export const SEARCH_PAGE_SIZE = 25;

export interface SearchFormValue {
  q: string;
  skills: string[];
  language: DirectoryLanguage | '';
  minDays: number | null;
  country: DirectoryCountry | '';
  city: string;
  mode: DirectoryMode | '';
}

/** The filters as the api takes them: empty ones left out. */
export function searchQuery(value: SearchFormValue, page: KeysetRequest | null): DirectorySearchQuery {
  const query: DirectorySearchQuery = { pageSize: page?.pageSize ?? SEARCH_PAGE_SIZE };
  if (value.q.trim()) query.q = value.q.trim();
  if (value.skills.length) query.skills = value.skills;
  if (value.language) query.language = value.language;
  if (value.minDays && value.minDays > 0) query.minDays = Math.floor(value.minDays);
  if (value.country) query.country = value.country;
  if (value.city.trim()) query.city = value.city.trim();
  if (value.mode) query.mode = value.mode;
  if (page?.after) query.after = page.after;
  else if (page?.before) query.before = page.before;
  return query;
}

/**
 * The directory's search (issue 15): officers see every active profile, hosts those visible to hosts. Full text
 * (name, profession, skills, bio, city) and filters (skills, language, days available, residence, mode); the results
 * are a plain table the keyboard and a screen reader walk cell by cell. Contact details are never here.
 */
@Component({
  selector: 'mz-directory-search-page',
  imports: [
    WesternDigitsDirective,
    EmptyStateComponent,
    FormProblemComponent,
    KeysetPaginatorComponent,
    LoadingBarComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    PageHeaderComponent,
    ReactiveFormsModule,
    TableFrameComponent,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../shared/directory.scss',
  template: `
    <mz-page-header [title]="'directory.search.title' | t" [intro]="'directory.search.intro' | t" headingTestId="search-heading" />
    <form class="dir-fields filters" [formGroup]="form" role="search" (ngSubmit)="$event.preventDefault()" data-testid="search-form">
      <mat-form-field class="grow">
        <mat-label>{{ 'directory.search.q' | t }}</mat-label>
        <mat-icon matPrefix svgIcon="search" />
        <input matInput type="search" formControlName="q" dir="auto" autocomplete="off" maxlength="200" data-testid="search-q" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'directory.search.skills' | t }}</mat-label>
        <mat-select formControlName="skills" multiple data-testid="search-skills">
          @for (sector of sectors(); track sector.code) {
            <mat-optgroup [label]="sector.name">
              @for (skill of sector.skills; track skill.code) {
                <mat-option [value]="skill.code">{{ skill.name }}</mat-option>
              }
            </mat-optgroup>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'directory.search.language' | t }}</mat-label>
        <mat-select formControlName="language" data-testid="search-language">
          <mat-option value="">{{ 'directory.search.any' | t }}</mat-option>
          @for (l of languages; track l) {
            <mat-option [value]="l">{{ languageKey(l) | t }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'directory.search.minDays' | t }}</mat-label>
        <input matInput type="number" mzWesternDigits inputmode="numeric" min="0" max="365" formControlName="minDays" data-testid="search-min-days" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'directory.search.country' | t }}</mat-label>
        <mat-select formControlName="country" data-testid="search-country">
          <mat-option value="">{{ 'directory.search.any' | t }}</mat-option>
          @for (c of countries(); track c.code) {
            <mat-option [value]="c.code">{{ c.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'directory.search.city' | t }}</mat-label>
        <input matInput formControlName="city" dir="auto" maxlength="80" data-testid="search-city" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'directory.search.mode' | t }}</mat-label>
        <mat-select formControlName="mode" data-testid="search-mode">
          <mat-option value="">{{ 'directory.search.any' | t }}</mat-option>
          @for (m of modes; track m) {
            <mat-option [value]="m">{{ modeKey(m) | t }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </form>
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="search-error" />
    <p class="dir-muted" role="status" aria-live="polite" data-testid="search-count">
      @if (!loading() && !problem()) {
        {{ 'directory.search.count' | tp: { count: pageMeta().total } }}
      }
    </p>
    @if (loaded()) {
      <mz-table-frame [label]="'directory.search.caption' | t" [empty]="rows().length === 0">
        <table class="dir-table" data-testid="search-table">
          <caption class="mz-visually-hidden">{{ 'directory.search.caption' | t }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'directory.search.col.name' | t }}</th>
              <th scope="col">{{ 'directory.search.col.skills' | t }}</th>
              <th scope="col">{{ 'directory.search.col.languages' | t }}</th>
              <th scope="col">{{ 'directory.search.col.residence' | t }}</th>
              <th scope="col">{{ 'directory.search.col.availability' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (p of rows(); track p.id) {
              <tr data-testid="search-row" [attr.data-profile-id]="p.id">
                <th scope="row">
                  <span class="dir-option-title"><bdi>{{ p.name }}</bdi></span>
                  <span class="dir-muted"><bdi>{{ p.profession }}</bdi> · {{ 'directory.search.years' | t: { years: p.yearsOfExperience } }}</span>
                </th>
                <td>{{ skills(p) }}</td>
                <td>{{ languageNames(p) }}</td>
                <td><bdi>{{ p.residenceCity }}</bdi>, {{ country(p.residenceCountry) }}</td>
                <td>
                  {{ modeKey(p.mode) | t }} · {{ 'directory.search.days' | t: { days: p.availabilityDaysPerYear } }}
                  @if (officer() && p.hasCv) {
                    <button mat-button type="button" class="cv" data-testid="search-cv" (click)="downloadCv(p)">
                      <mat-icon svgIcon="download" /> {{ 'directory.search.cv' | t }}
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
        <mz-empty-state mzEmpty icon="search" data-testid="search-empty" [title]="'directory.search.empty' | t" [body]="'directory.search.emptyBody' | t" />
        <mz-keyset-paginator mzPaginator [page]="pageMeta()" [disabled]="loading()" [pageSizeOptions]="[25, 50, 100]" (request)="pages.next($event)" />
      </mz-table-frame>
    }
  `,
  styles: `
    .filters {
      margin-block: 16px 0;
    }
    .filters .grow {
      flex-basis: 20rem;
    }
    .cv {
      display: block;
      margin-block-start: 4px;
    }
    th[scope='row'] {
      font: inherit;
      color: inherit;
    }
  `,
})
export class DirectorySearchPage {
  private readonly api = inject(DirectoryApiService);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly document = inject(DOCUMENT);
  /** Only officers open an expert's CV. */
  private readonly session = inject(SessionService);
  protected readonly officer = computed(() => this.session.hasAny(['directory.manage']));

  protected readonly languages = DIRECTORY_LANGUAGES;
  protected readonly modes = DIRECTORY_MODES;
  protected readonly languageKey = languageKey;
  protected readonly modeKey = modeKey;
  protected readonly form = this.fb.group({
    q: [''],
    skills: this.fb.control<string[]>([]),
    language: this.fb.control<DirectoryLanguage | ''>(''),
    minDays: this.fb.control<number | null>(null),
    country: this.fb.control<DirectoryCountry | ''>(''),
    city: [''],
    mode: this.fb.control<DirectoryMode | ''>(''),
  });
  protected readonly pages = new Subject<KeysetRequest>();
  protected readonly rows = signal<DirectoryProfileSummary[]>([]);
  protected readonly pageMeta = signal<KeysetPageMeta>({ items: [], pageSize: SEARCH_PAGE_SIZE, next: null, previous: null, total: 0, totalCapped: false });
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);

  private readonly taxonomy = toSignal(this.api.taxonomy().pipe(catchError(() => of(null))), { initialValue: null });
  private readonly names = computed(() => new TaxonomyNames(this.taxonomy()));
  protected readonly sectors = computed(() => {
    const lang = this.i18n.lang();
    return (this.taxonomy()?.sectors ?? []).map((sector) => ({
      code: sector.code,
      name: localName(sector.name, lang),
      skills: sector.skills.map((skill) => ({ code: skill.code, name: localName(skill.name, lang) })),
    }));
  });
  protected readonly countries = computed(() => DIRECTORY_COUNTRIES.map((code) => ({ code, name: countryName(code, this.i18n.locale()) })));

  constructor() {
    const filters = this.form.valueChanges.pipe(
      debounceTime(SEARCH_DEBOUNCE_MS),
      startWith(null),
      map(() => searchQuery(this.form.getRawValue(), null)),
    );
    const pages = this.pages.pipe(map((page) => searchQuery(this.form.getRawValue(), page)));
    merge(filters, pages)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.problem.set(null);
        }),
        switchMap((query) => this.api.search(query).pipe(catchError((error: unknown) => of(toWebError(error))))),
        takeUntilDestroyed(),
      )
      .subscribe((answer) => {
        this.loading.set(false);
        if ('items' in answer) {
          this.rows.set(answer.items);
          this.pageMeta.set(answer);
          this.loaded.set(true);
        } else {
          this.problem.set(errorMessage(answer));
        }
      });
  }

  protected skills(profile: DirectoryProfileSummary): string {
    const lang = this.i18n.lang();
    return [...profile.skills.map((code) => this.names().skill(code, lang)), ...profile.freeSkills].join(lang === 'ar' ? '، ' : ', ');
  }

  protected languageNames(profile: DirectoryProfileSummary): string {
    return profile.languages.map((code) => this.i18n.t(languageKey(code))).join(this.i18n.lang() === 'ar' ? '، ' : ', ');
  }

  protected downloadCv(profile: DirectoryProfileSummary): void {
    this.api.downloadCv(profile.id).subscribe({
      next: (response) => saveDownload(this.document, response, 'cv.pdf'),
      error: (error: unknown) => this.problem.set(errorMessage(toWebError(error))),
    });
  }

  protected country(code: string): string {
    return countryName(code, this.i18n.locale());
  }
}
