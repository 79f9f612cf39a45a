import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import {
  DIRECTORY_LANGUAGES,
  DIRECTORY_LIMITS,
  DIRECTORY_MODES,
  type DirectoryLanguage,
  type DirectoryMode,
  type DirectoryNeedInput,
  type DirectoryNeedKind,
} from '@mizan/contracts';
import { catchError, map, of, startWith } from 'rxjs';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { DirectoryApiService } from '../shared/directory-api.service';
import { GOVERNORATE_CODES, governorateLabel, languageKey, localName, modeKey } from '../shared/directory-labels';
import { localTodayIso } from '../../../core/ui/local-date';
import { WesternDigitsDirective } from '../../../core/ui/western-digits.directive';

export interface NeedFormValue {
  kind: DirectoryNeedKind;
  title: string;
  description: string;
  sector: string;
  skills: string[];
  language: DirectoryLanguage;
  durationWeeks: number;
  daysNeeded: number;
  mode: DirectoryMode;
  governorate: string;
  startFrom: string;
  startTo: string;
  offer: string;
  seek: string;
}

/** The form as the api takes it: the assignment's terms or the partnership's, as the kind says, never both. */
export function needInput(value: NeedFormValue): DirectoryNeedInput {
  const base = { kind: value.kind, title: value.title.trim(), description: value.description.trim() };
  if (value.kind === 'partnership') {
    return { ...base, partnership: { theme: value.sector, offer: value.offer.trim(), seek: value.seek.trim(), governorate: value.governorate } };
  }
  return {
    ...base,
    assignment: {
      sector: value.sector,
      skills: value.skills,
      language: value.language,
      durationWeeks: Number(value.durationWeeks),
      daysNeeded: Number(value.daysNeeded),
      mode: value.mode,
      governorate: value.governorate,
      startFrom: value.startFrom,
      startTo: value.startTo,
    },
  };
}

/**
 * A host posts a need (issue 15): an assignment's terms of reference (sector, skills, language, duration, online or
 * on site, governorate, start window) or a partnership request (theme, what they offer, what they seek).
 */
@Component({
  selector: 'mz-need-form-page',
  imports: [
    WesternDigitsDirective,
    FieldErrorDirective,
    FormProblemComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    PageHeaderComponent,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../shared/directory.scss',
  template: `
    <mz-page-header [title]="'directory.needForm.title' | t" [intro]="'directory.needForm.intro' | t" headingTestId="need-form-heading" />
    <form class="dir-section" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="need-form">
      <div class="dir-radio-group">
        <span class="dir-radio-label" id="need-kind-label">{{ 'directory.needForm.kind' | t }}</span>
        <mat-radio-group formControlName="kind" aria-labelledby="need-kind-label" data-testid="need-kind">
          <mat-radio-button value="assignment" data-testid="need-kind-assignment">{{ 'directory.need.kind.assignment' | t }}</mat-radio-button>
          <mat-radio-button value="partnership" data-testid="need-kind-partnership">{{ 'directory.need.kind.partnership' | t }}</mat-radio-button>
        </mat-radio-group>
      </div>
      <mat-form-field class="wide">
        <mat-label>{{ 'directory.needForm.titleField' | t }}</mat-label>
        <input matInput formControlName="title" dir="auto" [maxlength]="limits.titleMax" data-testid="need-title-input" />
        <mat-error [mzFieldError]="form.controls.title" />
      </mat-form-field>
      <mat-form-field class="wide">
        <mat-label>{{ 'directory.needForm.description' | t }}</mat-label>
        <textarea matInput formControlName="description" rows="4" dir="auto" [maxlength]="limits.textMax" data-testid="need-description"></textarea>
        <mat-error [mzFieldError]="form.controls.description" />
      </mat-form-field>
      <div class="dir-fields">
        <mat-form-field>
          <mat-label>{{ (kind() === 'assignment' ? 'directory.needForm.sector' : 'directory.needForm.theme') | t }}</mat-label>
          <mat-select formControlName="sector" data-testid="need-sector">
            @for (s of sectors(); track s.code) {
              <mat-option [value]="s.code" [attr.data-code]="s.code">{{ s.name }}</mat-option>
            }
          </mat-select>
          <mat-error [mzFieldError]="form.controls.sector" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'directory.needForm.governorate' | t }}</mat-label>
          <mat-select formControlName="governorate" data-testid="need-governorate">
            @for (g of governorates(); track g.code) {
              <mat-option [value]="g.code" [attr.data-code]="g.code">{{ g.name }}</mat-option>
            }
          </mat-select>
          <mat-error [mzFieldError]="form.controls.governorate" />
        </mat-form-field>
      </div>
      @if (kind() === 'assignment') {
        <mat-form-field class="wide">
          <mat-label>{{ 'directory.needForm.skills' | t }}</mat-label>
          <mat-select formControlName="skills" multiple data-testid="need-skills">
            @for (s of sectorSkills(); track s.code) {
              <mat-option [value]="s.code" [attr.data-code]="s.code">{{ s.name }}</mat-option>
            }
          </mat-select>
          <mat-error [mzFieldError]="form.controls.skills" />
        </mat-form-field>
        <div class="dir-fields">
          <mat-form-field>
            <mat-label>{{ 'directory.needForm.language' | t }}</mat-label>
            <mat-select formControlName="language" data-testid="need-language">
              @for (l of languages; track l) {
                <mat-option [value]="l">{{ languageKey(l) | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'directory.needForm.mode' | t }}</mat-label>
            <mat-select formControlName="mode" data-testid="need-mode">
              @for (m of modes; track m) {
                <mat-option [value]="m" [attr.data-testid]="'need-mode-' + m">{{ modeKey(m) | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'directory.needForm.weeks' | t }}</mat-label>
            <input matInput type="number" mzWesternDigits inputmode="numeric" min="1" [max]="limits.durationWeeksMax" formControlName="durationWeeks" data-testid="need-weeks" />
            <mat-error [mzFieldError]="form.controls.durationWeeks" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'directory.needForm.days' | t }}</mat-label>
            <input matInput type="number" mzWesternDigits inputmode="numeric" min="1" max="365" formControlName="daysNeeded" data-testid="need-days" />
            <mat-error [mzFieldError]="form.controls.daysNeeded" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'directory.needForm.startFrom' | t }}</mat-label>
            <input matInput type="date" formControlName="startFrom" data-testid="need-start-from" />
            <mat-error [mzFieldError]="form.controls.startFrom" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'directory.needForm.startTo' | t }}</mat-label>
            <input matInput type="date" formControlName="startTo" data-testid="need-start-to" />
            <mat-error [mzFieldError]="form.controls.startTo" />
          </mat-form-field>
        </div>
      } @else {
        <mat-form-field class="wide">
          <mat-label>{{ 'directory.needForm.offer' | t }}</mat-label>
          <textarea matInput formControlName="offer" rows="2" dir="auto" [maxlength]="limits.textMax" data-testid="need-offer"></textarea>
          <mat-error [mzFieldError]="form.controls.offer" />
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>{{ 'directory.needForm.seek' | t }}</mat-label>
          <textarea matInput formControlName="seek" rows="2" dir="auto" [maxlength]="limits.textMax" data-testid="need-seek"></textarea>
          <mat-error [mzFieldError]="form.controls.seek" />
        </mat-form-field>
      }
      <mz-form-problem [problem]="submission.problem()" testId="need-form-error" />
      <div class="dir-actions">
        <button mat-flat-button type="submit" [disabled]="submission.busy()" data-testid="need-submit">{{ 'directory.needForm.submit' | t }}</button>
        <a mat-button routerLink="/directory/needs">{{ 'common.cancel' | t }}</a>
      </div>
    </form>
  `,
})
export class NeedFormPage {
  private readonly api = inject(DirectoryApiService);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly limits = DIRECTORY_LIMITS;
  protected readonly languages = DIRECTORY_LANGUAGES;
  protected readonly modes = DIRECTORY_MODES;
  protected readonly languageKey = languageKey;
  protected readonly modeKey = modeKey;

  protected readonly form = this.fb.group({
    kind: this.fb.control<DirectoryNeedKind>('assignment'),
    title: ['', [Validators.required, Validators.maxLength(DIRECTORY_LIMITS.titleMax)]],
    description: ['', [Validators.required, Validators.maxLength(DIRECTORY_LIMITS.textMax)]],
    sector: ['', [Validators.required]],
    skills: this.fb.control<string[]>([]),
    language: this.fb.control<DirectoryLanguage>('ar'),
    durationWeeks: [8, [Validators.required, Validators.min(1), Validators.max(DIRECTORY_LIMITS.durationWeeksMax)]],
    daysNeeded: [10, [Validators.required, Validators.min(1), Validators.max(365)]],
    mode: this.fb.control<DirectoryMode>('online'),
    governorate: ['', [Validators.required]],
    startFrom: [localTodayIso(), [Validators.required]],
    startTo: [localTodayIso(new Date(Date.now() + 60 * 86_400_000)), [Validators.required]],
    offer: [''],
    seek: [''],
  });
  protected readonly submission = new FormSubmission<{ id: string }>();
  protected readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: this.form.controls.kind.value });
  private readonly sector = toSignal(this.form.controls.sector.valueChanges.pipe(startWith(''), map(() => this.form.controls.sector.value)), { initialValue: '' });
  private readonly taxonomy = toSignal(this.api.taxonomy().pipe(catchError(() => of(null))), { initialValue: null });

  protected readonly sectors = computed(() => {
    const lang = this.i18n.lang();
    return (this.taxonomy()?.sectors ?? []).map((s) => ({ code: s.code, name: localName(s.name, lang) }));
  });
  protected readonly sectorSkills = computed(() => {
    const lang = this.i18n.lang();
    const sector = this.taxonomy()?.sectors.find((s) => s.code === this.sector());
    return (sector?.skills ?? []).map((s) => ({ code: s.code, name: localName(s.name, lang) }));
  });
  protected readonly governorates = computed(() => {
    const lang = this.i18n.lang();
    return GOVERNORATE_CODES.map((code) => ({ code, name: governorateLabel(code, lang) }));
  });

  protected submit(): void {
    this.submission.run(
      this.form,
      () => this.api.postNeed(needInput(this.form.getRawValue())),
      (need) => void this.router.navigate(['/directory/needs', need.id]),
    );
  }
}
