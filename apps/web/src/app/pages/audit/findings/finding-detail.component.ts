import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import type { AuditFindingView, ResponseKind } from '@mizan/contracts';
import { of, switchMap } from 'rxjs';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { askToConfirm } from '../../../core/ui/confirm-dialog.component';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FilePickComponent } from '../../../core/ui/file-pick.component';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { formatMoney } from '../../officer/shared/money';
import { notBlank } from '../../officer/shared/validators';
import { FieldworkApiService } from '../fieldwork-api.service';
import { actionStateKey, actionStateTone, priorityKey, priorityTone, responseKindKey, sideKey } from './finding-labels';

/** What a completion may carry (as the api takes it): a PDF, PNG or JPEG — a document or a photo. */
export const COMPLETION_ACCEPT = '.pdf,application/pdf,image/png,image/jpeg,.png,.jpg,.jpeg';

/**
 * One finding in full: what was found and what was agreed, the responses (who, on which side, what kind), and the
 * forms the reader may use (`actions`): respond, accept or comment, confirm the refund (officer), complete the
 * action (note, and a file for high priority), check it (a second person). Shared by the auditor's findings tab
 * and the grantee's findings page; `changed` fires after each step that went through.
 */
@Component({
  selector: 'mz-finding-detail',
  imports: [
    FieldErrorDirective,
    FilePickComponent,
    FormProblemComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MoneyTextComponent,
    ReactiveFormsModule,
    ReasonFieldComponent,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let f = finding();
    <div class="badges">
      <mz-tone-badge [tone]="priorityTone(f.priority)" data-testid="finding-priority-badge">{{ priorityKey(f.priority) | t }}</mz-tone-badge>
      <mz-tone-badge [tone]="actionStateTone(f.actionState)" data-testid="finding-action-state">{{ actionStateKey(f.actionState) | t }}</mz-tone-badge>
      @if (f.blocksTranche) {
        <mz-tone-badge tone="bad" data-testid="finding-blocks">{{ 'audit.findings.blocksTranche' | t }}</mz-tone-badge>
      }
    </div>
    <dl class="facts" data-testid="finding-facts">
      <dt>{{ 'audit.findings.grant' | t }}</dt>
      <dd><bdi dir="ltr" class="mz-code">{{ f.grantNumber }}</bdi> · <bdi>{{ f.grantTitle }}</bdi></dd>
      <dt>{{ 'audit.findings.description' | t }}</dt>
      <dd class="text" dir="auto">{{ f.description }}</dd>
      <dt>{{ 'audit.findings.affected' | t }}</dt>
      <dd><mz-money-text [minor]="f.affectedMinor" [currency]="f.currency" /></dd>
      <dt>{{ 'audit.findings.ineligible' | t }}</dt>
      <dd>
        <mz-money-text [minor]="f.ineligibleMinor" [currency]="f.currency" />
        @if (f.refund.state === 'confirmed') {
          <span class="muted" data-testid="finding-refund-state">
            — {{ 'audit.findings.refundConfirmed' | t: { who: f.refund.confirmedBy?.name ?? '—', when: date(f.refund.confirmedAt) } }}
          </span>
        } @else if (f.refund.state === 'pending') {
          <span class="muted" data-testid="finding-refund-state">— {{ 'audit.findings.refundPending' | t }}</span>
        }
      </dd>
      <dt>{{ 'audit.findings.recommendation' | t }}</dt>
      <dd class="text" dir="auto">{{ f.recommendation }}</dd>
      <dt>{{ 'audit.findings.action' | t }}</dt>
      <dd class="text" dir="auto">{{ f.action }}</dd>
      <dt>{{ 'audit.findings.owner' | t }}</dt>
      <dd>
        <bdi>{{ f.actionOwner }}</bdi>
        @if (f.actionDueOn) {
          · {{ 'audit.findings.dueOn' | t: { date: date(f.actionDueOn) } }}
        }
      </dd>
      @if (f.completedAt) {
        <dt>{{ 'audit.findings.completion' | t }}</dt>
        <dd data-testid="finding-completion">
          <span class="text">{{ f.completionNote }}</span>
          <span class="muted line">{{ 'audit.findings.by' | t: { who: f.completedBy?.name ?? '—', when: date(f.completedAt) } }}</span>
          @if (f.completionFile; as file) {
            <a class="line" [href]="completionHref()" download data-testid="finding-completion-file"><bdi>{{ file.name }}</bdi></a>
          }
        </dd>
      }
      @if (f.checkedAt) {
        <dt>{{ 'audit.findings.checked' | t }}</dt>
        <dd data-testid="finding-checked">{{ 'audit.findings.by' | t: { who: f.checkedBy?.name ?? '—', when: date(f.checkedAt) } }}</dd>
      }
    </dl>

    <section class="thread" [attr.aria-labelledby]="'thread-' + f.id">
      <h3 class="sub-title" [id]="'thread-' + f.id">{{ 'audit.response.title' | t }}</h3>
      @if (f.responses.length === 0) {
        <p class="muted" data-testid="finding-no-responses">{{ 'audit.response.none' | t }}</p>
      } @else {
        <ol class="responses" data-testid="finding-responses">
          @for (r of f.responses; track r.id) {
            <li [class]="'response side-' + r.side" data-testid="finding-response">
              <p class="response-head">
                <strong><bdi>{{ r.author.name }}</bdi></strong>
                <mz-tone-badge tone="neutral">{{ sideKey(r.side) | t }}</mz-tone-badge>
                <mz-tone-badge [tone]="r.kind === 'accepted' ? 'good' : 'info'">{{ responseKindKey(r.kind) | t }}</mz-tone-badge>
                <span class="muted">{{ dateTime(r.createdAt) }}</span>
              </p>
              @if (r.body) {
                <p class="text" dir="auto">{{ r.body }}</p>
              }
            </li>
          }
        </ol>
      }
    </section>

    @if (responseKinds().length > 0) {
      <form #respondDir="ngForm" class="step" [formGroup]="respondForm" (ngSubmit)="respond()" novalidate data-testid="finding-respond-form">
        <h3 class="sub-title">{{ (canAnswerAsAuditor() ? 'audit.response.answerTitle' : 'audit.response.respondTitle') | t }}</h3>
        @if (responseKinds().length > 1) {
          <mat-radio-group formControlName="kind" class="choices" data-testid="finding-response-kind" [attr.aria-label]="'audit.response.kindLabel' | t">
            @for (k of responseKinds(); track k) {
              <mat-radio-button [value]="k" [attr.data-testid]="'finding-response-kind-' + k">{{ responseKindKey(k) | t }}</mat-radio-button>
            }
          </mat-radio-group>
        }
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.response.body' | t }}</mat-label>
          <textarea matInput rows="3" formControlName="body" data-testid="finding-respond-body"></textarea>
          <mat-error [mzFieldError]="respondForm.controls.body" [messages]="{ required: 'audit.response.bodyRequired' }" />
        </mat-form-field>
        <mz-form-problem [problem]="responding.problem()" testId="finding-respond-error" />
        <button mat-flat-button type="submit" class="big" data-testid="finding-respond-submit" [disabled]="responding.busy()">
          {{ 'audit.response.send' | t }}
        </button>
      </form>
    }

    @if (can('confirm_refund')) {
      <form #refundDir="ngForm" class="step" [formGroup]="refundForm" (ngSubmit)="confirmRefund()" novalidate data-testid="finding-refund-form">
        <h3 class="sub-title">{{ 'audit.findings.refund.title' | t }}</h3>
        <p>{{ 'audit.findings.refund.body' | t: { amount: money(f.ineligibleMinor) } }}</p>
        <mz-reason-field [control]="refundForm.controls.reason" testId="finding-refund-reason" />
        <mz-form-problem [problem]="refunding.problem()" testId="finding-refund-error" />
        <button mat-flat-button type="submit" class="big" data-testid="finding-refund-submit" [disabled]="refunding.busy()">
          {{ 'audit.findings.refund.confirm' | t }}
        </button>
      </form>
    }

    @if (can('complete')) {
      <form #completeDir="ngForm" class="step" [formGroup]="completeForm" (ngSubmit)="complete()" novalidate data-testid="finding-complete-form">
        <h3 class="sub-title">{{ 'audit.findings.complete.title' | t }}</h3>
        @if (f.priority === 'high') {
          <p class="muted">{{ 'audit.findings.complete.fileRequired' | t }}</p>
        }
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.findings.complete.note' | t }}</mat-label>
          <textarea matInput rows="3" formControlName="note" data-testid="finding-complete-note" required></textarea>
          <mat-error [mzFieldError]="completeForm.controls.note" [messages]="{ required: 'audit.findings.complete.noteRequired' }" />
        </mat-form-field>
        <mz-file-pick [accept]="accept" testId="finding-complete" [(file)]="file" [missing]="fileMissing()" />
        <mz-form-problem [problem]="completing.problem()" testId="finding-complete-error" />
        <button mat-flat-button type="submit" class="big" data-testid="finding-complete-submit" [disabled]="completing.busy()">
          {{ 'audit.findings.complete.submit' | t }}
        </button>
      </form>
    }

    @if (can('check')) {
      <form #checkDir="ngForm" class="step" [formGroup]="checkForm" (ngSubmit)="check()" novalidate data-testid="finding-check-form">
        <h3 class="sub-title">{{ 'audit.findings.check.title' | t }}</h3>
        <p class="muted">{{ 'audit.findings.check.body' | t }}</p>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.findings.check.note' | t }}</mat-label>
          <textarea matInput rows="2" formControlName="note" data-testid="finding-check-note"></textarea>
          <mat-hint>{{ 'audit.findings.check.noteHint' | t }}</mat-hint>
          <mat-error [mzFieldError]="checkForm.controls.note" />
        </mat-form-field>
        <mz-form-problem [problem]="checking.problem()" testId="finding-check-error" />
        <button mat-flat-button type="submit" class="big" data-testid="finding-check-submit" [disabled]="checking.busy()">
          {{ 'audit.findings.check.submit' | t }}
        </button>
      </form>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .badges {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin-block-end: 8px;
    }
    .facts {
      display: grid;
      grid-template-columns: fit-content(40%) minmax(0, 1fr);
      gap: 6px 16px;
      margin: 0 0 16px;
    }
    .facts dt {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .facts dd {
      margin: 0;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .text {
      white-space: pre-line;
    }
    .line {
      display: block;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .sub-title {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .responses {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    .response {
      border: 1px solid var(--mat-sys-outline-variant);
      border-inline-start: 4px solid var(--mat-sys-outline);
      border-radius: 8px;
      padding: 8px 12px;
    }
    .response.side-grantee {
      border-inline-start-color: var(--mat-sys-primary);
    }
    .response.side-auditor {
      border-inline-start-color: var(--mat-sys-tertiary);
    }
    .response p {
      margin: 0;
    }
    .response-head {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      align-items: center;
      margin-block-end: 4px !important;
    }
    .step {
      border-block-start: 1px solid var(--mat-sys-outline-variant);
      margin-block-start: 16px;
      padding-block-start: 12px;
      display: grid;
      gap: 8px;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
    }
    .big {
      min-height: 48px;
      justify-self: start;
    }
    @media (max-width: 599px) {
      .facts {
        grid-template-columns: 1fr;
        gap: 2px;
      }
      .facts dd {
        margin-block-end: 8px;
      }
      .big {
        justify-self: stretch;
      }
    }
  `,
})
export class FindingDetailComponent {
  protected readonly priorityKey = priorityKey;
  protected readonly priorityTone = priorityTone;
  protected readonly actionStateKey = actionStateKey;
  protected readonly actionStateTone = actionStateTone;
  protected readonly sideKey = sideKey;
  protected readonly responseKindKey = responseKindKey;
  protected readonly accept = COMPLETION_ACCEPT;

  private readonly api = inject(FieldworkApiService);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly finding = input.required<AuditFindingView>();
  /** After a step went through: the page reads the finding again. */
  readonly changed = output<void>();

  protected readonly responding = new FormSubmission<unknown>();
  protected readonly refunding = new FormSubmission<unknown>();
  protected readonly completing = new FormSubmission<unknown>();
  protected readonly checking = new FormSubmission<unknown>();

  private readonly respondDir = viewChild('respondDir', { read: FormGroupDirective });
  private readonly refundDir = viewChild('refundDir', { read: FormGroupDirective });
  private readonly completeDir = viewChild('completeDir', { read: FormGroupDirective });
  private readonly checkDir = viewChild('checkDir', { read: FormGroupDirective });

  protected readonly file = signal<File | null>(null);
  protected readonly fileMissing = signal(false);

  /** The kinds of answer the reader may give: a management response, or the auditor's accept / comment. */
  protected readonly responseKinds = computed((): ResponseKind[] => {
    const actions = this.finding().actions;
    const kinds: ResponseKind[] = [];
    if (actions.includes('respond')) kinds.push('response');
    if (actions.includes('accept')) kinds.push('accepted');
    if (actions.includes('comment')) kinds.push('comment');
    return kinds;
  });
  protected readonly canAnswerAsAuditor = computed(() => !this.finding().actions.includes('respond'));

  protected readonly respondForm = this.fb.group({ kind: ['response' as ResponseKind], body: ['', [Validators.maxLength(10000)]] });
  protected readonly refundForm = this.fb.group({ reason: ['', [Validators.required, notBlank, Validators.maxLength(2000)]] });
  protected readonly completeForm = this.fb.group({ note: ['', [Validators.required, notBlank, Validators.maxLength(4000)]] });
  protected readonly checkForm = this.fb.group({ note: ['', [Validators.maxLength(4000)]] });

  protected can(action: AuditFindingView['actions'][number]): boolean {
    return this.finding().actions.includes(action);
  }

  protected date(iso: string | null): string {
    return iso ? this.i18n.formatDate(iso) : '—';
  }

  protected dateTime(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  protected money(minor: string): string {
    return formatMoney(minor, this.finding().currency, this.i18n.locale());
  }

  protected completionHref(): string {
    const f = this.finding();
    return this.api.completionFileHref(f.engagementId, f.id);
  }

  protected respond(): void {
    const kinds = this.responseKinds();
    const kind = kinds.includes(this.respondForm.controls.kind.value) ? this.respondForm.controls.kind.value : kinds[0];
    const body = this.respondForm.controls.body;
    // A response or a comment says something; accepting may stand alone.
    body.setValidators(kind === 'accepted' ? [Validators.maxLength(10000)] : [Validators.required, notBlank, Validators.maxLength(10000)]);
    body.updateValueAndValidity();
    const f = this.finding();
    this.responding.run(
      this.respondForm,
      () => this.api.respond(f.engagementId, f.id, { kind, body: body.value.trim() }),
      () =>
        this.done(
          () => {
            body.setValidators([Validators.maxLength(10000)]);
            this.responding.reset(this.respondForm, this.respondDir(), { kind: kinds[0], body: '' });
          },
          'audit.response.sent',
        ),
    );
  }

  protected confirmRefund(): void {
    const f = this.finding();
    this.refunding.run(
      this.refundForm,
      () =>
        askToConfirm(this.dialog, {
          titleKey: 'audit.findings.refund.title',
          bodyKey: 'audit.findings.refund.confirmBody',
          detailKeys: ['audit.findings.refund.confirmLedger', 'audit.findings.refund.confirmFinal'],
          params: { amount: this.money(f.ineligibleMinor), grant: f.grantNumber },
          confirmKey: 'audit.findings.refund.confirm',
        }).pipe(switchMap((ok) => (ok ? this.api.confirmRefund(f.engagementId, f.id, this.refundForm.controls.reason.value.trim()).pipe(switchMap(() => of(true))) : of(false)))),
      (went) => {
        if (went) this.done(() => this.refunding.reset(this.refundForm, this.refundDir()), 'audit.findings.refund.done');
      },
    );
  }

  protected complete(): void {
    const f = this.finding();
    const file = this.file();
    const missing = f.priority === 'high' && !file;
    this.fileMissing.set(missing);
    if (missing) {
      this.completeForm.markAllAsTouched();
      this.completing.problem.set({ key: 'errors.code.AUDIT_ATTACHMENT_REQUIRED' });
      return;
    }
    this.completing.run(
      this.completeForm,
      () => this.api.complete(f.engagementId, f.id, this.completeForm.controls.note.value.trim(), file),
      () =>
        this.done(
          () => {
            this.completing.reset(this.completeForm, this.completeDir());
            this.file.set(null);
            this.fileMissing.set(false);
          },
          'audit.findings.complete.done',
        ),
    );
  }

  protected check(): void {
    const f = this.finding();
    this.checking.run(
      this.checkForm,
      () => this.api.check(f.engagementId, f.id, this.checkForm.controls.note.value.trim() || null),
      () => this.done(() => this.checking.reset(this.checkForm, this.checkDir()), 'audit.findings.check.done'),
    );
  }

  private done(reset: () => void, message: 'audit.response.sent' | 'audit.findings.refund.done' | 'audit.findings.complete.done' | 'audit.findings.check.done'): void {
    reset();
    this.notifier.notify(this.i18n.t(message));
    this.changed.emit();
  }
}
