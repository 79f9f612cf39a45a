import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl, type FormControl, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { AUDIT_CHECKS, type AuditCheckAnswer, type AuditCheckId, type SampleItemView, type SampleResult, type WorkingPaperView } from '@mizan/contracts';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FilePickComponent } from '../../../core/ui/file-pick.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { formatBytes } from '../../applicant/shared/upload';
import { FieldworkApiService } from '../fieldwork-api.service';
import { answerKey, checkKey, reasonKey, resultKey, resultTone, toggleError } from '../findings/finding-labels';

export interface TestDialogData {
  engagementId: string;
  item: SampleItemView;
  /** The reader may test (auditor, fieldwork open); otherwise the dialog only shows. */
  canTest: boolean;
  /** The reader may raise a finding (offered on an exception). */
  canRaise: boolean;
}

/** How the dialog closed: whether the item changed, and the item to raise a finding on. */
export interface TestDialogResult {
  changed: boolean;
  raiseFrom?: SampleItemView;
}

const ANSWERS: readonly AuditCheckAnswer[] = ['yes', 'no', 'not_applicable'];
const RESULTS: readonly Exclude<SampleResult, 'untested'>[] = ['pass', 'exception'];
/** What a working paper may be (as the api takes it): a PDF, PNG or JPEG. */
export const PAPER_ACCEPT = '.pdf,application/pdf,image/png,image/jpeg,.png,.jpg,.jpeg';

/** The item's detail fields the web names (others are shown by value). */
const DETAIL_KEYS = ['supplier', 'budgetLine', 'reference', 'description', 'paymentReference', 'receipt'] as const;
type DetailKey = (typeof DETAIL_KEYS)[number];

/** An exception needs a note saying what was wrong. */
function notesForException(group: AbstractControl): ValidationErrors | null {
  const result = group.get('result')?.value as string;
  const notes = group.get('notes');
  const missing = result === 'exception' && String(notes?.value ?? '').trim() === '';
  if (notes) toggleError(notes, 'required', missing);
  return null;
}

/**
 * Testing one sampled item: what it is, the checklist (each check yes / no / not applicable), the result (pass or
 * exception) and notes; its working papers (list and upload). On an exception the auditor raises a finding from here.
 */
@Component({
  selector: 'mz-test-dialog',
  imports: [
    FieldErrorDirective,
    FilePickComponent,
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MoneyTextComponent,
    ReactiveFormsModule,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let it = item();
    <h2 mat-dialog-title>{{ 'audit.sample.test.title' | t: { order: it.pickOrder } }}</h2>
    <mat-dialog-content>
      <dl class="facts" data-testid="test-item">
        <dt>{{ 'audit.sample.col.item' | t }}</dt>
        <dd><bdi>{{ it.population.label }}</bdi></dd>
        <dt>{{ 'audit.sample.col.grant' | t }}</dt>
        <dd><bdi dir="ltr" class="mz-code">{{ it.population.grantNumber }}</bdi></dd>
        <dt>{{ 'audit.sample.col.date' | t }}</dt>
        <dd>{{ date(it.population.bookedOn) }}</dd>
        <dt>{{ 'audit.sample.col.amount' | t }}</dt>
        <dd><mz-money-text [minor]="it.population.amountMinor" [currency]="it.population.currency" /></dd>
        <dt>{{ 'audit.sample.col.reasons' | t }}</dt>
        <dd>
          @for (r of it.reasons; track r) {
            <mz-tone-badge tone="info">{{ reasonKey(r) | t }}</mz-tone-badge>
          }
        </dd>
        @for (d of details(); track d.key) {
          <dt>{{ d.label ? (d.label | t) : d.key }}</dt>
          <dd><bdi>{{ d.value }}</bdi></dd>
        }
      </dl>

      @if (data.canTest) {
        <form id="test-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
          <fieldset class="checks" formGroupName="checks" data-testid="test-checklist">
            <legend>{{ 'audit.sample.test.checklist' | t }}</legend>
            @for (id of checkIds; track id) {
              <div class="check" [attr.data-check]="id">
                <span class="check-label" [id]="'check-' + id">{{ checkKey(id) | t }}</span>
                <mat-radio-group [formControlName]="id" class="answers" [attr.aria-labelledby]="'check-' + id" [attr.data-testid]="'test-check-' + id">
                  @for (a of answers; track a) {
                    <mat-radio-button [value]="a" [attr.data-testid]="'test-check-' + id + '-' + a">{{ answerKey(a) | t }}</mat-radio-button>
                  }
                </mat-radio-group>
                @if (form.controls.checks.controls[id].invalid && form.controls.checks.controls[id].touched) {
                  <span class="field-problem">{{ 'audit.sample.test.answerRequired' | t }}</span>
                }
              </div>
            }
          </fieldset>
          <fieldset class="checks">
            <legend>{{ 'audit.sample.test.result' | t }}</legend>
            <mat-radio-group formControlName="result" class="answers" data-testid="test-result" [attr.aria-label]="'audit.sample.test.result' | t">
              @for (r of results; track r) {
                <mat-radio-button [value]="r" [attr.data-testid]="'test-result-' + r">{{ resultKey(r) | t }}</mat-radio-button>
              }
            </mat-radio-group>
            @if (form.controls.result.invalid && form.controls.result.touched) {
              <span class="field-problem" data-testid="test-result-missing">{{ 'audit.sample.test.resultRequired' | t }}</span>
            }
            @if (suggestsException()) {
              <p class="muted" data-testid="test-suggest">{{ 'audit.sample.test.suggestException' | t }}</p>
            }
          </fieldset>
          <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
            <mat-label>{{ 'audit.sample.test.notes' | t }}</mat-label>
            <textarea matInput rows="3" formControlName="notes" data-testid="test-notes"></textarea>
            <mat-error [mzFieldError]="form.controls.notes" [messages]="{ required: 'audit.sample.test.notesRequired' }" />
          </mat-form-field>
          <mz-form-problem [problem]="submission.problem()" testId="test-error" />
          <p class="saved" role="status" data-testid="test-saved">
            @if (saved()) {
              {{ 'audit.sample.test.saved' | t }}
            }
          </p>
        </form>
      } @else {
        <section data-testid="test-readonly">
          <p>
            <mz-tone-badge [tone]="resultTone(it.result)">{{ resultKey(it.result) | t }}</mz-tone-badge>
            @if (it.testedBy) {
              <span class="muted">{{ 'audit.sample.test.testedBy' | t: { who: it.testedBy.name, when: date(it.testedAt ?? '') } }}</span>
            }
          </p>
          <ul class="plain">
            @for (c of it.checks; track c.id) {
              <li>{{ checkKey(c.id) | t }}: {{ answerKey(c.answer) | t }}</li>
            }
          </ul>
          @if (it.notes) {
            <p class="text" dir="auto">{{ it.notes }}</p>
          }
        </section>
      }

      <section class="papers" aria-labelledby="papers-heading" data-testid="test-papers">
        <h3 class="sub-title" id="papers-heading">{{ 'audit.papers.title' | t }}</h3>
        @if (papers().length === 0) {
          <p class="muted" data-testid="test-papers-empty">{{ 'audit.papers.none' | t }}</p>
        } @else {
          <ul class="plain">
            @for (p of papers(); track p.id) {
              <li data-testid="test-paper">
                <a [href]="paperHref(p.id)" download><bdi>{{ p.fileName }}</bdi></a>
                <span class="muted"> · {{ bytes(p.sizeBytes) }} · <bdi>{{ p.uploadedBy.name }}</bdi> · {{ date(p.uploadedAt) }}</span>
              </li>
            }
          </ul>
        }
        <mz-form-problem [problem]="papersProblem()" testId="test-papers-error" />
        @if (data.canTest) {
          <div class="upload">
            <mz-file-pick [accept]="accept" testId="test-paper" [(file)]="paper" [missing]="paperMissing()" />
            <button mat-stroked-button type="button" data-testid="test-paper-upload" [disabled]="uploading()" (click)="upload()">
              <mat-icon svgIcon="upload" />
              {{ 'audit.papers.upload' | t }}
            </button>
          </div>
        }
      </section>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (data.canRaise && it.result === 'exception') {
        <button mat-stroked-button type="button" data-testid="test-raise" (click)="raise()">{{ 'audit.sample.raiseFinding' | t }}</button>
      }
      <button mat-button type="button" data-testid="test-close" (click)="close()">{{ 'common.close' | t }}</button>
      @if (data.canTest) {
        <button mat-flat-button type="submit" form="test-form" data-testid="test-submit" [disabled]="submission.busy()">{{ 'audit.sample.test.save' | t }}</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: fit-content(40%) minmax(0, 1fr);
      gap: 4px 16px;
      margin: 0 0 16px;
    }
    .facts dt {
      color: var(--mat-sys-on-surface-variant);
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    .checks {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 8px 12px;
      margin: 0 0 16px;
    }
    legend {
      font: var(--mat-sys-label-large);
      padding-inline: 4px;
    }
    .check {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: center;
      gap: 0 12px;
      padding-block: 4px;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
    }
    .check:last-child {
      border-block-end: none;
    }
    .answers {
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
    }
    .field-problem {
      grid-column: 1 / -1;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .saved {
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
    .text {
      white-space: pre-line;
    }
    .plain {
      list-style: none;
      padding: 0;
      margin: 0 0 8px;
    }
    .plain li {
      margin-block: 4px;
      overflow-wrap: anywhere;
    }
    .sub-title {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .upload {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    @media (max-width: 599px) {
      .check {
        grid-template-columns: 1fr;
      }
      .facts {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class TestDialogComponent {
  protected readonly checkKey = checkKey;
  protected readonly answerKey = answerKey;
  protected readonly resultKey = resultKey;
  protected readonly resultTone = resultTone;
  protected readonly reasonKey = reasonKey;
  protected readonly checkIds = AUDIT_CHECKS;
  protected readonly answers = ANSWERS;
  protected readonly results = RESULTS;
  protected readonly accept = PAPER_ACCEPT;

  private readonly api = inject(FieldworkApiService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly dialogRef = inject<MatDialogRef<TestDialogComponent, TestDialogResult>>(MatDialogRef);
  protected readonly data = inject<TestDialogData>(MAT_DIALOG_DATA);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly item = signal<SampleItemView>(this.data.item);
  protected readonly papers = signal<WorkingPaperView[]>([]);
  protected readonly papersProblem = signal<FormProblem | null>(null);
  protected readonly paper = signal<File | null>(null);
  protected readonly paperMissing = signal(false);
  protected readonly uploading = signal(false);
  protected readonly submission = new FormSubmission<SampleItemView>();
  private changed = false;
  protected readonly saved = signal(false);

  protected readonly form = this.fb.group(
    {
      checks: this.fb.group(
        Object.fromEntries(
          AUDIT_CHECKS.map((id) => [id, this.fb.control<AuditCheckAnswer | ''>(this.data.item.checks.find((c) => c.id === id)?.answer ?? '', [Validators.required])]),
        ) as Record<AuditCheckId, FormControl<AuditCheckAnswer | ''>>,
      ),
      result: [(this.data.item.result === 'untested' ? '' : this.data.item.result) as SampleResult | '', [Validators.required]],
      notes: [this.data.item.notes, [Validators.maxLength(10000)]],
    },
    { validators: [notesForException] },
  );

  private readonly answered = signal(this.form.controls.checks.getRawValue());
  /** Any "no" points to an exception: say so (the auditor decides). */
  protected readonly suggestsException = computed(() => Object.values(this.answered()).includes('no') && this.resultValue() === 'pass');
  private readonly resultValue = signal(this.form.controls.result.value);

  protected readonly details = computed(() =>
    Object.entries(this.item().detail)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
      .map(([key, value]) => ({ key, value, label: (DETAIL_KEYS as readonly string[]).includes(key) ? detailKey(key as DetailKey) : null })),
  );

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.answered.set(this.form.controls.checks.getRawValue());
      this.resultValue.set(this.form.controls.result.value);
    });
    this.loadPapers();
  }

  protected date(iso: string): string {
    return iso ? this.i18n.formatDate(iso) : '—';
  }

  protected bytes(size: string): string {
    return formatBytes(Number(size), this.i18n.locale());
  }

  protected paperHref(paperId: string): string {
    return this.api.workingPaperHref(this.data.engagementId, paperId);
  }

  private loadPapers(): void {
    this.api
      .workingPapers(this.data.engagementId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (papers) => this.papers.set(papers.filter((p) => p.sampleItemId === this.item().id)),
        error: (error: unknown) => this.papersProblem.set(errorMessage(toWebError(error))),
      });
  }

  protected save(): void {
    const v = this.form.getRawValue();
    const item = this.item();
    this.submission.run(
      this.form,
      () =>
        this.api.testItem(this.data.engagementId, item.id, {
          checks: AUDIT_CHECKS.map((id) => ({ id, answer: v.checks[id] as AuditCheckAnswer })),
          result: v.result as Exclude<SampleResult, 'untested'>,
          notes: v.notes.trim(),
          rowVersion: item.rowVersion,
        }),
      (saved) => {
        this.changed = true;
        this.saved.set(true);
        // The api answers with the tested item; keep what it says (row version for the next save).
        if (saved && typeof saved === 'object' && 'id' in saved) this.item.set(saved);
        else this.item.set({ ...item, result: v.result as SampleResult, notes: v.notes.trim(), rowVersion: item.rowVersion + 1 });
        if (!this.data.canRaise || this.item().result !== 'exception') this.close();
      },
    );
  }

  protected upload(): void {
    const file = this.paper();
    this.paperMissing.set(!file);
    if (!file || this.uploading()) return;
    this.uploading.set(true);
    this.papersProblem.set(null);
    this.api
      .uploadWorkingPaper(this.data.engagementId, file, { sampleItemId: this.item().id })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (paper) => {
          this.uploading.set(false);
          this.paper.set(null);
          this.changed = true;
          this.papers.update((list) => [...list, paper]);
        },
        error: (error: unknown) => {
          this.uploading.set(false);
          this.papersProblem.set(errorMessage(toWebError(error)));
        },
      });
  }

  protected raise(): void {
    this.dialogRef.close({ changed: this.changed, raiseFrom: this.item() });
  }

  protected close(): void {
    this.dialogRef.close({ changed: this.changed });
  }
}

function detailKey(key: DetailKey): `audit.sample.detail.${DetailKey}` {
  return `audit.sample.detail.${key}`;
}
