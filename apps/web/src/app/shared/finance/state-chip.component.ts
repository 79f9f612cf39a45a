import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { I18nService } from '../../core/i18n/i18n.service';
import { ToneBadgeComponent } from '../../core/ui/tone-badge.component';
import { stateLabel, stateTone, type StateKind } from './finance-labels';

/** The state of a grant, tranche, payment, report or background job as a coloured label with its words. */
@Component({
  selector: 'mz-state-chip',
  imports: [ToneBadgeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-state]': 'state()' },
  template: `<mz-tone-badge [tone]="tone()">{{
    label()
  }}</mz-tone-badge>`,
})
export class StateChipComponent {
  private readonly i18n = inject(I18nService);
  readonly kind = input.required<StateKind>();
  readonly state = input.required<string>();
  protected readonly tone = computed(() => stateTone(this.kind(), this.state()));
  protected readonly label = computed(() =>
    stateLabel(this.i18n, this.kind(), this.state()),
  );
}
