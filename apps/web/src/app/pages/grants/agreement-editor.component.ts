import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  type OnInit,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  type FormArray,
  type FormControl,
  type FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type {
  GrantView,
  Modality,
  ReleaseConditionKind,
  ReportKind,
} from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { startWith } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';
import { conditionKindKey, financeFailure, modalityKey, reportKindKey } from '../../shared/finance/finance-labels';
import { MoneyTextComponent } from '../../core/ui/money-text.component';
import { MoneyFieldComponent } from '../../core/ui/money-field.component';
import { formatPercent } from '../officer/shared/money';
import { moneyValidator } from '../../core/ui/money-input';
import { FormSubmission } from '../../core/ui/form-submission';
import { notBlank } from '../officer/shared/validators';
import {
  type ConditionModel,
  type ContentModel,
  STANDARD_CONDITIONS,
  absDiff,
  contentFromModel,
  contentToModel,
  newLineId,
  nextConditionId,
  shareBp,
  sumInputs,
  sumStanding,
} from './grant-view';
import { GrantsApiService } from './grants-api.service';
import { MODALITIES } from './risk';

/**
 * The agreement's content: period, purpose, budget lines (live sum against the
 * approved amount), tranche plan (share of each, dates, release conditions),
 * reporting schedule, special conditions and modality. In a draft it saves in
 * place (optimistic row version); on an active grant it proposes an amendment,
 * a new version with a reason. The api's field problems land on their inputs:
 * the control paths are the api's (`content.budgetLines.1.amountMinor`).
 */
@Component({
  selector: 'mz-agreement-editor',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MoneyTextComponent,
    MoneyFieldComponent,
    ReactiveFormsModule,
    ReasonFieldComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agreement-editor.component.html',
  styleUrls: ['./grants.scss', './agreement-editor.component.scss'],
})
export class AgreementEditorComponent implements OnInit {
  private readonly api = inject(GrantsApiService);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly i18n = inject(I18nService);

  readonly grant = input.required<GrantView>();
  readonly mode = input<'draft' | 'amend'>('draft');
  readonly saved = output<GrantView>();
  readonly cancelled = output();

  protected readonly submission = new FormSubmission<GrantView>();
  protected readonly modalities = MODALITIES;
  protected readonly modalityKey = modalityKey;
  protected readonly reportKindKey = reportKindKey;
  protected readonly conditionKindKey = conditionKindKey;
  protected readonly standardConditions = STANDARD_CONDITIONS;
  protected readonly reportKinds: readonly ReportKind[] = ['interim', 'final'];
  protected readonly announcement = signal('');

  protected readonly form = this.fb.group({
    content: this.fb.group({
      startsOn: ['', Validators.required],
      endsOn: ['', Validators.required],
      purpose: ['', [Validators.required, notBlank]],
      specialConditions: [''],
      modality: this.fb.control<Modality>('advance'),
      reallocationTolerancePercent: ['10'],
      budgetLines: this.fb.array<FormGroup>([]),
      tranches: this.fb.array<FormGroup>([]),
      reportingSchedule: this.fb.array<FormGroup>([]),
    }),
    reason: [''],
  });

  protected get content() {
    return this.form.controls.content;
  }
  protected get lines(): FormArray<FormGroup> {
    return this.content.controls.budgetLines;
  }
  protected get tranches(): FormArray<FormGroup> {
    return this.content.controls.tranches;
  }
  protected get reports(): FormArray<FormGroup> {
    return this.content.controls.reportingSchedule;
  }
  protected conditionsOf(tranche: number): FormArray<FormGroup> {
    return this.tranches.at(tranche).get('conditions') as FormArray<FormGroup>;
  }

  private readonly value = toSignal(this.form.valueChanges.pipe(startWith(null)));

  protected readonly currency = computed<CurrencyCode>(() => this.grant().currency);
  protected readonly approved = computed(() => BigInt(this.grant().amountMinor));

  protected readonly lineSum = computed(() => {
    this.value();
    return sumInputs(
      this.lines.controls.map((g) => String(g.get('amountMinor')?.value ?? '')),
      this.currency(),
    );
  });
  protected readonly lineStanding = computed(() => sumStanding(this.lineSum(), this.approved()));

  protected readonly trancheSum = computed(() => {
    this.value();
    return sumInputs(
      this.tranches.controls.map((g) => String(g.get('amountMinor')?.value ?? '')),
      this.currency(),
    );
  });
  protected readonly trancheStanding = computed(() => sumStanding(this.trancheSum(), this.approved()));

  constructor() {
    // The risk assessment may set the modality on the grant: follow it, keep the officer's other edits.
    effect(() => {
      const modality = this.grant().content.modality;
      untracked(() => {
        if (this.content.controls.modality.value !== modality) this.content.controls.modality.setValue(modality);
      });
    });
  }

  ngOnInit(): void {
    const model = contentToModel(this.grant().content, this.currency());
    this.content.patchValue({
      startsOn: model.startsOn,
      endsOn: model.endsOn,
      purpose: model.purpose,
      specialConditions: model.specialConditions,
      modality: model.modality,
      reallocationTolerancePercent: model.reallocationTolerancePercent,
    });
    for (const line of model.budgetLines) this.lines.push(this.lineGroup(line));
    for (const t of model.tranches) this.tranches.push(this.trancheGroup(t));
    for (const r of model.reportingSchedule) this.reports.push(this.reportGroup(r));
    if (this.mode() === 'amend') {
      this.form.controls.reason.addValidators([Validators.required, notBlank]);
    }
  }

  private lineGroup(line: ContentModel['budgetLines'][number]): FormGroup {
    return this.fb.group({
      id: [line.id],
      category: [line.category, [Validators.required, notBlank]],
      description: [line.description],
      amountMinor: [line.amountMinor, [Validators.required, moneyValidator(() => this.currency())]],
    });
  }

  private conditionGroup(c: ConditionModel): FormGroup {
    return this.fb.group({
      id: [c.id],
      kind: [c.kind],
      label: [c.label, c.kind === 'custom' ? [Validators.required, notBlank] : []],
      minPercent: [c.minPercent],
    });
  }

  private trancheGroup(t: ContentModel['tranches'][number]): FormGroup {
    return this.fb.group({
      seq: [t.seq],
      plannedOn: [t.plannedOn, Validators.required],
      amountMinor: [t.amountMinor, [Validators.required, moneyValidator(() => this.currency())]],
      conditions: this.fb.array(t.conditions.map((c) => this.conditionGroup(c))),
    });
  }

  private reportGroup(r: ContentModel['reportingSchedule'][number]): FormGroup {
    return this.fb.group({
      kind: [r.kind],
      periodFrom: [r.periodFrom, Validators.required],
      periodTo: [r.periodTo, Validators.required],
      dueOn: [r.dueOn, Validators.required],
    });
  }

  protected money(minor: bigint): string {
    return minor.toString();
  }

  protected diff(sum: bigint | null): string {
    return sum === null ? '0' : absDiff(sum, this.approved()).toString();
  }

  protected share(index: number): string {
    const minor = sumInputs([String(this.tranches.at(index).get('amountMinor')?.value ?? '')], this.currency());
    if (minor === null) return '—';
    return formatPercent(shareBp(minor, this.approved()), this.i18n.locale());
  }

  protected addLine(): void {
    this.lines.push(this.lineGroup({ id: newLineId(), category: '', description: '', amountMinor: '' }));
    this.announcement.set(this.i18n.t('grants.editor.lineAdded'));
  }

  protected removeLine(index: number): void {
    this.lines.removeAt(index);
    this.announcement.set(this.i18n.t('grants.editor.lineRemoved'));
  }

  protected addTranche(): void {
    const seq = this.tranches.length + 1;
    this.tranches.push(
      this.trancheGroup({
        seq,
        plannedOn: this.content.controls.endsOn.value,
        amountMinor: '',
        conditions: [
          { id: 'c1', kind: 'agreement_countersigned', label: '', minPercent: '' },
          ...(seq > 1
            ? [{ id: 'c2', kind: 'previous_report_accepted' as const, label: '', minPercent: '' }]
            : []),
        ],
      }),
    );
    this.announcement.set(this.i18n.t('grants.editor.trancheAdded', { seq }));
  }

  protected removeTranche(index: number): void {
    this.tranches.removeAt(index);
    this.announcement.set(this.i18n.t('grants.editor.trancheRemoved'));
  }

  protected addCondition(tranche: number, kind: ReleaseConditionKind): void {
    const list = this.conditionsOf(tranche);
    const existing = list.controls.map((g) => ({ id: String(g.get('id')?.value) }));
    list.push(
      this.conditionGroup({
        id: nextConditionId(existing),
        kind,
        label: '',
        minPercent: kind === 'earlier_tranches_accounted' ? '70' : '',
      }),
    );
  }

  protected removeCondition(tranche: number, index: number): void {
    this.conditionsOf(tranche).removeAt(index);
  }

  protected hasCondition(tranche: number, kind: ReleaseConditionKind): boolean {
    return this.conditionsOf(tranche).controls.some((g) => g.get('kind')?.value === kind);
  }

  protected addReport(): void {
    const c = this.content.controls;
    this.reports.push(
      this.reportGroup({ kind: 'interim', periodFrom: c.startsOn.value, periodTo: c.endsOn.value, dueOn: c.endsOn.value }),
    );
  }

  protected removeReport(index: number): void {
    this.reports.removeAt(index);
  }

  protected ctrl(group: FormGroup, name: string): FormControl<string> {
    return group.get(name) as FormControl<string>;
  }

  protected kindOf(group: FormGroup): ReleaseConditionKind {
    return group.get('kind')?.value as ReleaseConditionKind;
  }

  protected save(): void {
    const grant = this.grant();
    const content = contentFromModel(this.content.getRawValue() as unknown as ContentModel, this.currency());
    this.submission.run(
      this.form,
      () =>
        this.mode() === 'draft'
          ? this.api.saveDraft(grant.id, { content, rowVersion: grant.rowVersion })
          : this.api.amend(grant.id, { content, reason: this.form.controls.reason.value.trim() }),
      (updated) => {
        this.form.markAsPristine();
        this.saved.emit(updated);
      },
      financeFailure(this.submission.problem, this.i18n),
      () => this.focusFirstError(),
    );
  }

  private focusFirstError(): void {
    queueMicrotask(() =>
      document.querySelector<HTMLElement>('mz-agreement-editor .ng-invalid input, mz-agreement-editor .ng-invalid textarea')?.focus(),
    );
  }
}
