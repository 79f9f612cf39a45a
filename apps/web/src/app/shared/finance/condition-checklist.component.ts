import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { ConditionCheckView } from '@mizan/contracts';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { conditionKindKey, conditionReason } from './finance-labels';

/**
 * A tranche's release conditions as a checklist: ✓ or ✗ (icon plus words, not
 * colour alone), what the condition is, and why it holds or not. Officers get a
 * "Tick"/"Untick" button on custom conditions when `editable`.
 */
@Component({
  selector: 'mz-condition-checklist',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="checklist" role="list" [attr.data-testid]="testId()">
      @for (c of conditions(); track c.id) {
        <li
          class="item"
          [class.ok]="c.ok"
          data-testid="condition"
          [attr.data-kind]="c.kind"
          [attr.data-ok]="c.ok"
        >
          <mat-icon
            [svgIcon]="c.ok ? 'check_circle' : 'cancel'"
            class="mark"
            aria-hidden="true"
          />
          <div class="text">
            <span class="label">
              <span class="mz-visually-hidden">{{
                (c.ok ? 'fin.condition.met' : 'fin.condition.notMet') | t
              }}</span>
              @if (c.kind === 'custom' && c.label) {
                <bdi>{{ c.label }}</bdi>
              } @else {
                {{ kindKey(c.kind) | t }}
              }
            </span>
            <span class="reason" data-testid="condition-reason">{{
              reason(c)
            }}</span>
            @if (c.note) {
              <span class="note"
                >{{ 'fin.condition.note' | t }} <bdi>{{ c.note }}</bdi></span
              >
            }
          </div>
          @if (editable() && c.kind === 'custom') {
            <button
              mat-stroked-button
              type="button"
              class="tick"
              data-testid="condition-tick"
              (click)="tick.emit(c)"
            >
              {{ (c.ok ? 'fin.condition.untick' : 'fin.condition.tick') | t }}
            </button>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .checklist {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    .item {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      flex-wrap: wrap;
    }
    .mark {
      color: var(--mat-sys-error);
      flex: none;
    }
    .ok .mark {
      color: #1b6e35;
    }
    .text {
      display: flex;
      flex-direction: column;
      flex: 1 1 12rem;
      min-width: 0;
    }
    .label {
      font-weight: 500;
    }
    .reason,
    .note {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
  `,
})
export class ConditionChecklistComponent {
  private readonly i18n = inject(I18nService);
  readonly conditions = input.required<readonly ConditionCheckView[]>();
  readonly editable = input(false);
  readonly testId = input('condition-checklist');
  readonly tick = output<ConditionCheckView>();
  protected readonly kindKey = conditionKindKey;

  protected reason(c: ConditionCheckView): string {
    return conditionReason(this.i18n, c);
  }
}
