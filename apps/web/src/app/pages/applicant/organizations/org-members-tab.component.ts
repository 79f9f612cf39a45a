import { Clipboard } from '@angular/cdk/clipboard';
import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type {
  InvitationView,
  OrganizationView,
  PartnerView,
} from '@mizan/contracts';
import { forkJoin } from 'rxjs';
import { applyFieldErrors, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { roleLabelKey } from '../../../core/i18n/role-label';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { OrganizationsApiService } from '../shared/organizations-api.service';
import { problemOf, unmatchedProblem, type Problem } from '../shared/problem';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';

/** Members of the organization, and invitations for new members (applicants) or partner users. */
@Component({
  selector: 'mz-org-members-tab',
  imports: [
    FieldErrorDirective,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './org-members-tab.component.html',
  styleUrls: ['../shared/intake.scss', './org-members-tab.component.scss'],
})
export class OrgMembersTabComponent {
  private readonly api = inject(OrganizationsApiService);
  private readonly clipboard = inject(Clipboard);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  readonly org = input.required<OrganizationView>();

  protected readonly partners = signal<PartnerView[]>([]);
  protected readonly invitations = signal<InvitationView[]>([]);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** The link of the invitation just created: shown once, the api never returns it again. */
  protected readonly acceptLink = signal<string | null>(null);
  protected readonly copied = signal(false);
  protected readonly roleKey = roleLabelKey;

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    role: ['applicant' as 'applicant' | 'partner', Validators.required],
    partnerOrganizationId: [''],
  });
  protected readonly role = signal<'applicant' | 'partner'>('applicant');
  protected readonly memberColumns = ['name', 'email', 'role'];
  protected readonly inviteColumns = ['email', 'role', 'status'];

  constructor() {
    effect(() => this.load(this.org().id));
    this.form.controls.role.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((role) => {
        this.role.set(role);
        const partner = this.form.controls.partnerOrganizationId;
        if (role === 'partner') partner.setValidators(Validators.required);
        else partner.clearValidators();
        partner.updateValueAndValidity();
      });
  }

  private load(id: string): void {
    forkJoin({
      partners: this.api.partners(id),
      invitations: this.api.invitations(id),
    })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ partners, invitations }) => {
          this.partners.set(partners);
          this.invitations.set(invitations);
        },
        error: (error: unknown) =>
          this.problem.set(problemOf(toWebError(error))),
      });
  }

  protected partnerName(id: string | null): string {
    return this.partners().find((p) => p.id === id)?.name ?? '';
  }

  protected invite(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    this.acceptLink.set(null);
    this.copied.set(false);
    this.api
      .invite(this.org().id, {
        email: value.email.trim(),
        role: value.role,
        partnerOrganizationId:
          value.role === 'partner' ? value.partnerOrganizationId : null,
      })
      .subscribe({
        next: (invitation) => {
          this.busy.set(false);
          const origin = this.document.defaultView?.location.origin ?? '';
          this.acceptLink.set(
            invitation.acceptPath ? origin + invitation.acceptPath : null,
          );
          const stored: InvitationView = { ...invitation };
          delete stored.acceptPath;
          this.invitations.update((list) => [stored, ...list]);
          this.form.reset({
            email: '',
            role: value.role,
            partnerOrganizationId: '',
          });
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const webError = toWebError(error);
          const unmatched = applyFieldErrors(this.form, webError.fields);
          this.problem.set(
            unmatched.length > 0
              ? unmatchedProblem(unmatched)
              : webError.fields.length > 0
                ? null
                : problemOf(webError),
          );
        },
      });
  }

  protected copy(link: string): void {
    this.copied.set(this.clipboard.copy(link));
  }

  protected expired(invitation: InvitationView): boolean {
    return (
      invitation.acceptedAt === null &&
      new Date(invitation.expiresAt).getTime() < Date.now()
    );
  }
}
