import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { RuleResult } from '@mizan/domain';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ruleText } from '../shared/eligibility-text';
import { ruleNameKey } from '../shared/labels';

/** A call's rules, each passed or failed with its reason in the user's language. Failures first. */
@Component({
  selector: 'mz-rules-list',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="rules" role="list">
      @for (r of sorted(); track r.rule) {
        <li
          class="rule"
          [class.failed]="!r.passed"
          data-testid="rule"
          [attr.data-rule]="r.rule"
          [attr.data-passed]="r.passed"
        >
          <mat-icon
            [svgIcon]="r.passed ? 'check_circle' : 'cancel'"
            [class]="r.passed ? 'icon-pass' : 'icon-fail'"
          />
          <span>
            <span class="rule-name"
              >{{ ruleNameKey(r.rule) | t
              }}<span class="mz-visually-hidden"
                >:
                {{
                  (r.passed ? 'applicant.passed' : 'applicant.failed') | t
                }}</span
              ></span
            >
            <span class="rule-text" data-testid="rule-text">{{ text(r) }}</span>
          </span>
        </li>
      }
    </ul>
  `,
  styles: `
    .rules {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .rule {
      display: flex;
      gap: 8px;
      align-items: flex-start;
    }
    .rule-name {
      display: block;
      font: var(--mat-sys-title-small);
    }
    .rule-text {
      display: block;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .failed .rule-text {
      color: var(--mat-sys-on-surface);
    }
    .icon-pass {
      color: #0b6b2e;
      flex: none;
    }
    .icon-fail {
      color: var(--mat-sys-error);
      flex: none;
    }
  `,
})
export class RulesListComponent {
  private readonly i18n = inject(I18nService);
  readonly results = input.required<readonly RuleResult[]>();
  /** Only the failed rules (e.g. next to the budget). */
  readonly failedOnly = input(false);

  protected readonly ruleNameKey = ruleNameKey;
  protected readonly sorted = computed(() => {
    const list = this.failedOnly()
      ? this.results().filter((r) => !r.passed)
      : [...this.results()];
    return list.sort((a, b) => Number(a.passed) - Number(b.passed));
  });

  protected text(result: RuleResult): string {
    return ruleText(result, (k, p) => this.i18n.t(k, p), this.i18n.locale());
  }
}
