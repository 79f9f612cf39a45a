import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import {
  DIRECTORY_COUNTRIES,
  DIRECTORY_LANGUAGES,
  DIRECTORY_LIMITS,
  DIRECTORY_MODES,
  DIRECTORY_VISIBILITIES,
  type DirectoryCountry,
  type DirectoryLanguage,
  type DirectoryMode,
  type DirectoryOwnProfileView,
  type DirectoryProfileInput,
  type DirectoryProfileStatus,
  type DirectoryVisibility,
} from '@mizan/contracts';
import { catchError, filter, of } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { saveDownload } from '../../../core/api/download';
import { SessionService } from '../../../core/auth/session.service';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { countryName } from '../../../core/i18n/country-names';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { askToConfirm } from '../../../core/ui/confirm-dialog.component';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FilePickComponent } from '../../../core/ui/file-pick.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { DirectoryApiService } from '../shared/directory-api.service';
import { GOVERNORATE_CODES, governorateLabel, languageKey, localName, modeKey, visibilityHelpKey, visibilityKey } from '../shared/directory-labels';
import { WesternDigitsDirective } from '../../../core/ui/western-digits.directive';

/** Free-text skills typed as one line, separated by commas (Arabic or Latin): trimmed, without duplicates, at most 10. */
export function splitFreeSkills(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,،;\n]/)) {
    const skill = part.trim().slice(0, DIRECTORY_LIMITS.freeSkillMax);
    if (skill) seen.add(skill);
  }
  return [...seen].slice(0, DIRECTORY_LIMITS.freeSkillsMax);
}

/** The form's value as the api takes it: travel governorates only when the expert would work in person. */
export function profileInput(value: {
  name: string;
  profession: string;
  skills: string[];
  freeSkills: string;
  yearsOfExperience: number;
  languages: DirectoryLanguage[];
  residenceCountry: DirectoryCountry | '';
  residenceCity: string;
  availabilityDaysPerYear: number;
  mode: DirectoryMode;
  travelGovernorates: string[];
  bio: string;
  phone: string;
  visibility: DirectoryVisibility;
}): DirectoryProfileInput {
  return {
    name: value.name.trim(),
    profession: value.profession.trim(),
    skills: value.skills,
    freeSkills: splitFreeSkills(value.freeSkills),
    yearsOfExperience: Number(value.yearsOfExperience),
    languages: value.languages,
    residenceCountry: value.residenceCountry as DirectoryCountry,
    residenceCity: value.residenceCity.trim(),
    availabilityDaysPerYear: Number(value.availabilityDaysPerYear),
    mode: value.mode,
    travelGovernorates: value.mode === 'online' ? [] : value.travelGovernorates,
    bio: value.bio.trim(),
    phone: value.phone.trim() || null,
    visibility: value.visibility,
  };
}

/**
 * The expert's own page (issue 15): the profile (skills from the taxonomy, languages, residence, availability, mode,
 * governorates they would travel to, bio, CV), who may see it, and their data: a download of everything Mizan holds,
 * and erasure of the account.
 */
@Component({
  selector: 'mz-expert-profile-page',
  imports: [
    WesternDigitsDirective,
    FieldErrorDirective,
    FilePickComponent,
    FormProblemComponent,
    LoadingBarComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    PageHeaderComponent,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../shared/directory.scss',
  template: `
    <mz-page-header [title]="'directory.profile.title' | t" [intro]="'directory.profile.intro' | t" headingTestId="profile-heading" />
    <mz-loading-bar [loading]="loading()" />
    @if (status(); as s) {
      @if (s !== 'active') {
        <p class="mz-banner mz-banner-info" role="status" data-testid="profile-status">
          <mat-icon svgIcon="info" />
          <span>{{ statusKey(s) | t }}</span>
        </p>
      }
    }
    <form class="dir-form" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="profile-form">
      <section class="dir-section">
        <h2 class="mz-section-title">{{ 'directory.profile.about' | t }}</h2>
        <div class="dir-fields">
          <mat-form-field>
            <mat-label>{{ 'directory.profile.name' | t }}</mat-label>
            <input matInput formControlName="name" dir="auto" autocomplete="name" [maxlength]="limits.nameMax" data-testid="profile-name" />
            <mat-error [mzFieldError]="form.controls.name" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'directory.profile.profession' | t }}</mat-label>
            <input matInput formControlName="profession" dir="auto" [maxlength]="limits.titleMax" data-testid="profile-profession" />
            <mat-error [mzFieldError]="form.controls.profession" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'directory.profile.years' | t }}</mat-label>
            <input matInput type="number" mzWesternDigits inputmode="numeric" min="0" [max]="limits.yearsMax" formControlName="yearsOfExperience" data-testid="profile-years" />
            <mat-error [mzFieldError]="form.controls.yearsOfExperience" />
          </mat-form-field>
        </div>
        <mat-form-field class="wide">
          <mat-label>{{ 'directory.profile.skills' | t }}</mat-label>
          <mat-select formControlName="skills" multiple data-testid="profile-skills">
            @for (sector of sectors(); track sector.code) {
              <mat-optgroup [label]="sector.name">
                @for (skill of sector.skills; track skill.code) {
                  <mat-option [value]="skill.code" [attr.data-code]="skill.code">{{ skill.name }}</mat-option>
                }
              </mat-optgroup>
            }
          </mat-select>
          <mat-hint>{{ 'directory.profile.skillsHint' | t }}</mat-hint>
          <mat-error [mzFieldError]="form.controls.skills" />
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>{{ 'directory.profile.freeSkills' | t }}</mat-label>
          <input matInput formControlName="freeSkills" dir="auto" data-testid="profile-free-skills" />
          <mat-hint>{{ 'directory.profile.freeSkillsHint' | t }}</mat-hint>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>{{ 'directory.profile.languages' | t }}</mat-label>
          <mat-select formControlName="languages" multiple data-testid="profile-languages">
            @for (l of languages; track l) {
              <mat-option [value]="l" [attr.data-code]="l">{{ languageKey(l) | t }}</mat-option>
            }
          </mat-select>
          <mat-error [mzFieldError]="form.controls.languages" />
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>{{ 'directory.profile.bio' | t }}</mat-label>
          <textarea matInput formControlName="bio" rows="4" dir="auto" [maxlength]="limits.bioMax" data-testid="profile-bio"></textarea>
          <mat-error [mzFieldError]="form.controls.bio" />
        </mat-form-field>
      </section>

      <section class="dir-section">
        <h2 class="mz-section-title">{{ 'directory.profile.whereWhen' | t }}</h2>
        <div class="dir-fields">
          <mat-form-field>
            <mat-label>{{ 'directory.profile.country' | t }}</mat-label>
            <mat-select formControlName="residenceCountry" data-testid="profile-country">
              @for (c of countries(); track c.code) {
                <mat-option [value]="c.code" [attr.data-code]="c.code">{{ c.name }}</mat-option>
              }
            </mat-select>
            <mat-error [mzFieldError]="form.controls.residenceCountry" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'directory.profile.city' | t }}</mat-label>
            <input matInput formControlName="residenceCity" dir="auto" [maxlength]="limits.cityMax" data-testid="profile-city" />
            <mat-error [mzFieldError]="form.controls.residenceCity" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'directory.profile.days' | t }}</mat-label>
            <input matInput type="number" mzWesternDigits inputmode="numeric" min="1" [max]="limits.availabilityDaysMax" formControlName="availabilityDaysPerYear" data-testid="profile-days" />
            <mat-hint>{{ 'directory.profile.daysHint' | t }}</mat-hint>
            <mat-error [mzFieldError]="form.controls.availabilityDaysPerYear" />
          </mat-form-field>
        </div>
        <div class="dir-radio-group">
          <span class="dir-radio-label" id="profile-mode-label">{{ 'directory.profile.mode' | t }}</span>
          <mat-radio-group formControlName="mode" aria-labelledby="profile-mode-label" data-testid="profile-mode">
            @for (m of modes; track m) {
              <mat-radio-button [value]="m" [attr.data-testid]="'profile-mode-' + m">{{ modeKey(m) | t }}</mat-radio-button>
            }
          </mat-radio-group>
        </div>
        @if (form.controls.mode.value !== 'online') {
          <mat-form-field class="wide">
            <mat-label>{{ 'directory.profile.travel' | t }}</mat-label>
            <mat-select formControlName="travelGovernorates" multiple data-testid="profile-travel">
              @for (g of governorates(); track g.code) {
                <mat-option [value]="g.code">{{ g.name }}</mat-option>
              }
            </mat-select>
            <mat-hint>{{ 'directory.profile.travelHint' | t }}</mat-hint>
          </mat-form-field>
        }
        <mat-form-field class="wide">
          <mat-label>{{ 'directory.profile.phone' | t }}</mat-label>
          <input matInput type="tel" formControlName="phone" dir="ltr" autocomplete="tel" [maxlength]="limits.phoneMax" data-testid="profile-phone" />
          <mat-hint>{{ 'directory.profile.phoneHint' | t }}</mat-hint>
          <mat-error [mzFieldError]="form.controls.phone" />
        </mat-form-field>
      </section>

      <section class="dir-section">
        <h2 class="mz-section-title" id="visibility-title">{{ 'directory.profile.visibility' | t }}</h2>
        <p class="dir-muted">{{ 'directory.profile.visibilityIntro' | t }}</p>
        <mat-radio-group class="dir-stack" formControlName="visibility" aria-labelledby="visibility-title" data-testid="profile-visibility">
          @for (v of visibilities; track v) {
            <mat-radio-button [value]="v" [attr.data-testid]="'profile-visibility-' + v">
              <span class="dir-option-title">{{ visibilityKey(v) | t }}</span>
              <span class="dir-option-help">{{ visibilityHelpKey(v) | t }}</span>
            </mat-radio-button>
          }
        </mat-radio-group>
      </section>

      <mz-form-problem [problem]="submission.problem()" testId="profile-error" />
      <div class="dir-actions">
        <button mat-flat-button type="submit" [disabled]="submission.busy()" data-testid="profile-save">{{ 'directory.profile.save' | t }}</button>
      </div>
    </form>

    <section class="dir-section">
      <h2 class="mz-section-title">{{ 'directory.profile.cv' | t }}</h2>
      @if (profile()?.cv; as cv) {
        <p data-testid="profile-cv-name"><bdi>{{ cv.fileName }}</bdi></p>
        <div class="dir-actions">
          <button mat-stroked-button type="button" data-testid="profile-cv-download" (click)="downloadCv()">
            <mat-icon svgIcon="download" /> {{ 'directory.profile.cvDownload' | t }}
          </button>
          <button mat-stroked-button type="button" data-testid="profile-cv-remove" (click)="removeCv()">
            <mat-icon svgIcon="delete" /> {{ 'directory.profile.cvRemove' | t }}
          </button>
        </div>
      } @else {
        <p class="dir-muted">{{ 'directory.profile.cvNone' | t }}</p>
      }
      @if (profile()) {
        <div class="dir-actions">
          <mz-file-pick accept=".pdf,application/pdf" testId="profile-cv" [(file)]="cvFile" />
          <button mat-stroked-button type="button" [disabled]="!cvFile() || cvBusy()" data-testid="profile-cv-upload" (click)="uploadCv()">
            <mat-icon svgIcon="upload" /> {{ 'directory.profile.cvUpload' | t }}
          </button>
        </div>
        <p class="dir-muted">{{ 'directory.profile.cvHint' | t }}</p>
      } @else {
        <p class="dir-muted">{{ 'directory.profile.cvAfterSave' | t }}</p>
      }
    </section>

    <section class="dir-section" data-testid="profile-data">
      <h2 class="mz-section-title">{{ 'directory.profile.data' | t }}</h2>
      <p class="dir-muted">{{ 'directory.profile.dataIntro' | t }}</p>
      <div class="dir-actions">
        <button mat-stroked-button type="button" data-testid="profile-export" (click)="exportData()">
          <mat-icon svgIcon="download" /> {{ 'directory.profile.export' | t }}
        </button>
      </div>
      <form class="dir-erase" [formGroup]="eraseForm" (ngSubmit)="erase()" novalidate>
        <mat-form-field>
          <mat-label>{{ 'directory.profile.erasePassword' | t }}</mat-label>
          <input matInput type="password" autocomplete="current-password" formControlName="password" data-testid="profile-erase-password" />
          <mat-error [mzFieldError]="eraseForm.controls.password" />
        </mat-form-field>
        <button mat-stroked-button type="submit" class="dir-danger" [disabled]="erasing.busy()" data-testid="profile-erase">
          <mat-icon svgIcon="person_remove" /> {{ 'directory.profile.erase' | t }}
        </button>
      </form>
      <mz-form-problem [problem]="erasing.problem() ?? fileProblem()" testId="profile-data-error" />
    </section>
  `,
})
export class ExpertProfilePage {
  private readonly api = inject(DirectoryApiService);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly limits = DIRECTORY_LIMITS;
  protected readonly languages = DIRECTORY_LANGUAGES;
  protected readonly modes = DIRECTORY_MODES;
  protected readonly visibilities = DIRECTORY_VISIBILITIES;
  protected readonly languageKey = languageKey;
  protected readonly modeKey = modeKey;
  protected readonly visibilityKey = visibilityKey;
  protected readonly visibilityHelpKey = visibilityHelpKey;
  protected readonly statusKey = (status: DirectoryProfileStatus): TranslationKey => `directory.profile.status.${status}`;

  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(DIRECTORY_LIMITS.nameMax)]],
    profession: ['', [Validators.required, Validators.maxLength(DIRECTORY_LIMITS.titleMax)]],
    skills: this.fb.control<string[]>([], [Validators.required]),
    freeSkills: [''],
    yearsOfExperience: [0, [Validators.required, Validators.min(0), Validators.max(DIRECTORY_LIMITS.yearsMax)]],
    languages: this.fb.control<DirectoryLanguage[]>([], [Validators.required]),
    residenceCountry: this.fb.control<DirectoryCountry | ''>('', [Validators.required]),
    residenceCity: ['', [Validators.required, Validators.maxLength(DIRECTORY_LIMITS.cityMax)]],
    availabilityDaysPerYear: [10, [Validators.required, Validators.min(1), Validators.max(DIRECTORY_LIMITS.availabilityDaysMax)]],
    mode: this.fb.control<DirectoryMode>('online'),
    travelGovernorates: this.fb.control<string[]>([]),
    bio: ['', [Validators.maxLength(DIRECTORY_LIMITS.bioMax)]],
    phone: ['', [Validators.maxLength(DIRECTORY_LIMITS.phoneMax)]],
    visibility: this.fb.control<DirectoryVisibility>('officers'),
  });
  protected readonly eraseForm = this.fb.group({ password: ['', [Validators.required]] });

  protected readonly submission = new FormSubmission<DirectoryOwnProfileView>();
  protected readonly erasing = new FormSubmission<unknown>();
  protected readonly profile = signal<DirectoryOwnProfileView | null>(null);
  protected readonly status = computed(() => this.profile()?.status ?? null);
  protected readonly loading = signal(true);
  protected readonly cvFile = signal<File | null>(null);
  protected readonly cvBusy = signal(false);
  protected readonly fileProblem = signal<FormProblem | null>(null);

  private readonly taxonomy = toSignal(this.api.taxonomy().pipe(catchError(() => of(null))), { initialValue: null });
  protected readonly sectors = computed(() => {
    const lang = this.i18n.lang();
    return (this.taxonomy()?.sectors ?? []).map((sector) => ({
      code: sector.code,
      name: localName(sector.name, lang),
      skills: sector.skills.map((skill) => ({ code: skill.code, name: localName(skill.name, lang) })),
    }));
  });
  protected readonly countries = computed(() => {
    const locale = this.i18n.locale();
    return DIRECTORY_COUNTRIES.map((code) => ({ code, name: countryName(code, locale) }));
  });
  protected readonly governorates = computed(() => {
    const lang = this.i18n.lang();
    return GOVERNORATE_CODES.map((code) => ({ code, name: governorateLabel(code, lang) }));
  });

  constructor() {
    this.api.me().subscribe({
      next: (profile) => {
        this.loading.set(false);
        this.show(profile);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        const webError = toWebError(error);
        // 404: no profile saved yet — the form starts empty, with the account's name when the session has it.
        if (webError.status !== 404) this.submission.problem.set(errorMessage(webError));
        const name = this.session.user()?.displayName;
        if (name) this.form.controls.name.setValue(name);
      },
    });
  }

  private show(profile: DirectoryOwnProfileView): void {
    this.profile.set(profile);
    this.form.reset({
      name: profile.name,
      profession: profile.profession,
      skills: profile.skills,
      freeSkills: profile.freeSkills.join(', '),
      yearsOfExperience: profile.yearsOfExperience,
      languages: profile.languages,
      residenceCountry: profile.residenceCountry,
      residenceCity: profile.residenceCity,
      availabilityDaysPerYear: profile.availabilityDaysPerYear,
      mode: profile.mode,
      travelGovernorates: profile.travelGovernorates,
      bio: profile.bio,
      phone: profile.phone ?? '',
      visibility: profile.visibility,
    });
  }

  protected save(): void {
    this.submission.run(
      this.form,
      () => this.api.saveMe(profileInput(this.form.getRawValue())),
      (profile) => {
        this.show(profile);
        this.notifier.notify(this.i18n.t('directory.profile.saved'));
      },
    );
  }

  protected uploadCv(): void {
    const file = this.cvFile();
    if (!file || this.cvBusy()) return;
    this.cvBusy.set(true);
    this.fileProblem.set(null);
    this.api.uploadCv(file).subscribe({
      next: (profile) => {
        this.cvBusy.set(false);
        this.cvFile.set(null);
        this.profile.set(profile);
        this.notifier.notify(this.i18n.t('directory.profile.cvUploaded'));
      },
      error: (error: unknown) => {
        this.cvBusy.set(false);
        this.fileProblem.set(errorMessage(toWebError(error)));
      },
    });
  }

  protected removeCv(): void {
    this.api.removeCv().subscribe({
      next: () => {
        const profile = this.profile();
        if (profile) this.profile.set({ ...profile, cv: null, hasCv: false });
      },
      error: (error: unknown) => this.fileProblem.set(errorMessage(toWebError(error))),
    });
  }

  protected downloadCv(): void {
    this.api.downloadCv(null).subscribe({
      next: (response) => saveDownload(this.document, response, 'cv.pdf'),
      error: (error: unknown) => this.fileProblem.set(errorMessage(toWebError(error))),
    });
  }

  protected exportData(): void {
    this.fileProblem.set(null);
    this.api.exportMe().subscribe({
      next: (response) => saveDownload(this.document, response, 'mizan-directory-data.json'),
      error: (error: unknown) => this.fileProblem.set(errorMessage(toWebError(error))),
    });
  }

  protected erase(): void {
    if (this.eraseForm.invalid) {
      this.eraseForm.markAllAsTouched();
      return;
    }
    askToConfirm(this.dialog, {
      titleKey: 'directory.erase.title',
      bodyKey: 'directory.erase.body',
      detailKeys: ['directory.erase.detailProfile', 'directory.erase.detailMatches', 'directory.erase.detailTrail'],
      confirmKey: 'directory.erase.confirm',
    })
      .pipe(filter((ok) => ok))
      .subscribe(() =>
        this.erasing.run(
          this.eraseForm,
          () => this.api.eraseMe({ password: this.eraseForm.getRawValue().password }),
          () => {
            this.session.clear();
            void this.router.navigate(['/sign-in'], { queryParams: { erased: 1 } });
          },
        ),
      );
  }
}
