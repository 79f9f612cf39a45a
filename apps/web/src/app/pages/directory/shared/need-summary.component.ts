import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { DirectoryNeedView } from '@mizan/contracts';
import { catchError, of } from 'rxjs';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { DirectoryApiService } from './directory-api.service';
import { governorateLabel, languageKey, modeKey, needStateKey, TaxonomyNames } from './directory-labels';

/** A need's terms in a few lines: title, host, state, and the assignment's or partnership's terms. */
@Component({
  selector: 'mz-need-summary',
  imports: [ToneBadgeComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './directory.scss',
  template: `
    @let n = need();
    <h3 data-testid="need-title"><bdi>{{ n.title }}</bdi></h3>
    <ul class="dir-meta">
      <li><mz-tone-badge [tone]="n.state === 'open' ? 'info' : 'neutral'" data-testid="need-state">{{ stateKey() | t }}</mz-tone-badge></li>
      <li>{{ (n.kind === 'assignment' ? 'directory.need.kind.assignment' : 'directory.need.kind.partnership') | t }}</li>
      <li><bdi>{{ n.host.name }}</bdi></li>
      <li>{{ governorate() }}</li>
    </ul>
    @if (n.assignment; as a) {
      <ul class="dir-meta">
        <li>{{ sector() }}</li>
        @if (skills()) {
          <li>{{ skills() }}</li>
        }
        <li>{{ languageKey(a.language) | t }}</li>
        <li>{{ modeKey(a.mode) | t }}</li>
        <li>{{ 'directory.need.weeks' | t: { weeks: a.durationWeeks, days: a.daysNeeded } }}</li>
        <li>{{ 'directory.need.window' | t: { from: date(a.startFrom), to: date(a.startTo) } }}</li>
      </ul>
    }
    @if (n.partnership; as p) {
      <ul class="dir-meta">
        <li>{{ sector() }}</li>
      </ul>
      <p>{{ 'directory.need.offer' | t }} <bdi>{{ p.offer }}</bdi></p>
      <p>{{ 'directory.need.seek' | t }} <bdi>{{ p.seek }}</bdi></p>
    }
    @if (n.description) {
      <p class="description"><bdi>{{ n.description }}</bdi></p>
    }
  `,
  styles: `
    .description {
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
  `,
})
export class NeedSummaryComponent {
  private readonly i18n = inject(I18nService);
  private readonly taxonomy = toSignal(inject(DirectoryApiService).taxonomy().pipe(catchError(() => of(null))), { initialValue: null });
  readonly need = input.required<DirectoryNeedView>();
  protected readonly languageKey = languageKey;
  protected readonly modeKey = modeKey;
  protected readonly stateKey = computed(() => needStateKey(this.need().state));
  private readonly names = computed(() => new TaxonomyNames(this.taxonomy()));
  protected readonly governorate = computed(() => {
    const n = this.need();
    return governorateLabel(n.assignment?.governorate ?? n.partnership?.governorate ?? '', this.i18n.lang());
  });
  protected readonly sector = computed(() => {
    const n = this.need();
    return this.names().sector(n.assignment?.sector ?? n.partnership?.theme ?? '', this.i18n.lang());
  });
  protected readonly skills = computed(() => {
    const lang = this.i18n.lang();
    return (this.need().assignment?.skills ?? []).map((code) => this.names().skill(code, lang)).join(lang === 'ar' ? '، ' : ', ');
  });

  protected date(iso: string): string {
    return this.i18n.formatDate(iso);
  }
}
