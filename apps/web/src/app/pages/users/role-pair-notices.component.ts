import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FormControl } from '@angular/forms';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';
import type { PairNotice } from './role-pairs';

/**
 * The role pairs the chosen roles form, said before saving: refused ones as errors, the others as a warning with the
 * field for their reason (the create-user and the roles dialogs).
 */
@Component({
  selector: 'mz-role-pair-notices',
  imports: [MatIconModule, ReasonFieldComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div aria-live="polite">
      @for (n of refused(); track n.id) {
        <p class="mz-banner mz-banner-error" data-testid="role-pair-refused" [attr.data-pair]="n.id">
          <mat-icon svgIcon="block" />
          <span>{{ n.key | t: n.params }}</span>
        </p>
      }
      @for (n of needReason(); track n.id) {
        <p class="mz-banner mz-banner-info" data-testid="role-pair-reason-needed" [attr.data-pair]="n.id">
          <mat-icon svgIcon="warning" />
          <span>{{ n.key | t: n.params }}</span>
        </p>
      }
    </div>
    @if (needReason().length > 0) {
      <mz-reason-field [control]="reason()" testId="role-pair-reason" labelKey="users.pairs.reasonLabel" hintKey="users.pairs.reasonHint" />
    }
  `,
})
export class RolePairNoticesComponent {
  readonly refused = input.required<readonly PairNotice[]>();
  readonly needReason = input.required<readonly PairNotice[]>();
  /** The reason the pairs that need one are given. */
  readonly reason = input.required<FormControl<string>>();
}
