import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { GovernorateView, IatiActivityPreview, IatiPreviewView, RedactionView } from '@mizan/contracts';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { ScrollRegionComponent } from '../../core/ui/scroll-region.component';
import { ToneBadgeComponent } from '../../core/ui/tone-badge.component';
import { governorateName } from '../applicant/shared/reference-data.service';
import {
  reasonMessage,
  redactedElementKey,
  redactionCounts,
  replacementKey,
  sourceKey,
  traceGroups,
  type TraceGroup,
} from './transparency-view';

/**
 * A program's IATI file before it is published: whether it validates (each error with its element path), every
 * redaction with its reason, each activity's elements with the record they came from (an activity's table is built
 * when it is opened: a program may have thousands), and the raw XML.
 */
@Component({
  selector: 'mz-iati-preview',
  imports: [EmptyStateComponent, MatIconModule, ScrollRegionComponent, ToneBadgeComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../officer/shared/officer-page.scss', './transparency.scss'],
  template: `
    @let p = preview();
    <section class="panel" aria-labelledby="validation-title" data-testid="iati-validation" [attr.data-valid]="p.validation.valid">
      <h3 id="validation-title" class="mz-section-title">{{ 'transparency.preview.validation' | t }}</h3>
      <p>
        @if (p.validation.valid) {
          <mz-tone-badge tone="good" data-testid="iati-valid">{{ 'transparency.preview.valid' | t }}</mz-tone-badge>
        } @else {
          <mz-tone-badge tone="bad" data-testid="iati-invalid">{{ 'transparency.preview.invalid' | t: { count: p.validation.errors.length } }}</mz-tone-badge>
        }
        <span class="muted"> {{ 'transparency.preview.generated' | t: { when: i18n.formatDateTime(p.generatedAt), count: p.activities.length } }}</span>
      </p>
      @if (p.validation.errors.length > 0) {
        <ul class="list-plain" data-testid="iati-errors">
          @for (e of p.validation.errors; track $index) {
            <li data-testid="iati-error">
              <code class="hash" dir="ltr">{{ e.path }}</code>
              @if (e.line) {
                <span class="muted"> · {{ 'transparency.preview.line' | t: { line: e.line } }}</span>
              }
              <span class="muted"> · {{ (e.kind === 'schema' ? 'transparency.preview.schema' : 'transparency.preview.codelist') | t }}</span>
              <div dir="ltr" lang="en">{{ e.message }}</div>
            </li>
          }
        </ul>
      }
      <p class="muted">
        {{ 'transparency.preview.sha' | t }} <code class="hash" dir="ltr" data-testid="iati-preview-sha">{{ p.sha256 }}</code>
      </p>
    </section>

    <section class="panel" aria-labelledby="redactions-title" data-testid="iati-redactions">
      <h3 id="redactions-title" class="mz-section-title">{{ 'transparency.redactions.title' | t }}</h3>
      <p class="muted">{{ 'transparency.redactions.intro' | t }}</p>
      @if (p.redactions.length === 0) {
        <mz-empty-state data-testid="iati-redactions-empty" [title]="'transparency.redactions.none' | t" />
      } @else {
        <p>
          @for (c of counts(); track c.reason) {
            <mz-tone-badge tone="warn">{{ 'transparency.redactions.count' | t: { count: c.count, reason: (reasonTitleKey(c.reason) | t) } }}</mz-tone-badge>
            {{ ' ' }}
          }
        </p>
        <mz-scroll-region [label]="'transparency.redactions.title' | t">
          <table class="plain-table">
            <thead>
              <tr>
                <th scope="col">{{ 'transparency.redactions.grant' | t }}</th>
                <th scope="col">{{ 'transparency.redactions.element' | t }}</th>
                <th scope="col">{{ 'transparency.redactions.reason' | t }}</th>
                <th scope="col">{{ 'transparency.redactions.instead' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of p.redactions; track $index) {
                <tr data-testid="iati-redaction" [attr.data-reason]="r.reason" [attr.data-element]="r.element">
                  <td class="nowrap"><bdi>{{ r.grantNumber }}</bdi></td>
                  <td>{{ elementKey(r.element) | t }}</td>
                  <td data-testid="iati-redaction-reason">{{ reason(r) }}</td>
                  <td>{{ replacement(r.replacement) | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        </mz-scroll-region>
      }
    </section>

    <section class="panel" aria-labelledby="activities-title" data-testid="iati-activities">
      <h3 id="activities-title" class="mz-section-title">{{ 'transparency.activities.title' | t: { count: p.activities.length } }}</h3>
      <p class="muted">{{ 'transparency.activities.intro' | t }}</p>
      @if (p.activities.length === 0) {
        <mz-empty-state data-testid="iati-activities-empty" [title]="'transparency.activities.none' | t" />
      }
      <ul class="list-plain">
        @for (a of p.activities; track a.grantId) {
          <li>
            <details class="activity" data-testid="iati-activity" [attr.data-grant]="a.grantId" (toggle)="toggled(a, $event)">
              <summary>
                <span class="activity-title"><bdi>{{ a.title }}</bdi></span>
                <code class="hash" dir="ltr">{{ a.iatiIdentifier }}</code>
                @if (a.redactions.length > 0) {
                  <mz-tone-badge tone="warn">{{ 'transparency.activities.redacted' | t: { count: a.redactions.length } }}</mz-tone-badge>
                }
              </summary>
              @if (opened().has(a.grantId)) {
                <mz-scroll-region [label]="'transparency.activities.elements' | t: { title: a.title }">
                  <table class="plain-table" data-testid="iati-trace">
                    <thead>
                      <tr>
                        <th scope="col">{{ 'transparency.activities.element' | t }}</th>
                        <th scope="col">{{ 'transparency.activities.value' | t }}</th>
                        <th scope="col">{{ 'transparency.activities.source' | t }}</th>
                      </tr>
                    </thead>
                    @for (g of groups(a); track g.segment) {
                      <tbody>
                        @for (row of g.items; track row.path; let first = $first) {
                          <tr data-testid="iati-trace-row" [attr.data-element]="g.element" [attr.data-source]="row.kind">
                            <th scope="row" class="element">
                              <code dir="ltr">{{ first ? g.segment : '' }}{{ row.within ? (first ? '/' : '  ') + row.within : '' }}</code>
                            </th>
                            <td><bdi>{{ row.value }}</bdi></td>
                            <td>
                              {{ sourceLabel(row.kind) | t }}
                              @if (row.record) {
                                <code class="hash muted" dir="ltr">{{ row.record }}</code>
                              }
                            </td>
                          </tr>
                        }
                      </tbody>
                    }
                  </table>
                </mz-scroll-region>
              }
            </details>
          </li>
        }
      </ul>
    </section>

    <details class="panel raw" data-testid="iati-raw">
      <summary>{{ 'transparency.preview.raw' | t }}</summary>
      <pre dir="ltr" lang="en" tabindex="0" role="region" [attr.aria-label]="'transparency.preview.raw' | t"><code>{{ p.xml }}</code></pre>
    </details>
  `,
  styles: `
    .activity summary,
    .raw summary {
      cursor: pointer;
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
      min-height: 32px;
      font: var(--mat-sys-title-small);
    }
    .activity {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 4px 12px;
    }
    .element code {
      white-space: pre;
      font-size: 0.85em;
    }
    .element {
      font-weight: normal;
    }
    pre {
      max-height: 60vh;
      overflow: auto;
      font-size: 0.8em;
      background: var(--mat-sys-surface-container);
      padding: 8px;
      border-radius: 8px;
    }
  `,
})
export class IatiPreviewComponent {
  protected readonly i18n = inject(I18nService);
  readonly preview = input.required<IatiPreviewView>();
  readonly governorates = input<readonly GovernorateView[]>([]);

  /** The activities whose element tables are built (opened once). */
  protected readonly opened = signal<ReadonlySet<string>>(new Set());
  protected readonly counts = computed(() => redactionCounts(this.preview().redactions));
  private readonly groupCache = new WeakMap<IatiActivityPreview, TraceGroup[]>();

  protected toggled(activity: IatiActivityPreview, event: Event): void {
    if (!(event.target as HTMLDetailsElement).open || this.opened().has(activity.grantId)) return;
    this.opened.update((set) => new Set([...set, activity.grantId]));
  }

  protected groups(activity: IatiActivityPreview): TraceGroup[] {
    let groups = this.groupCache.get(activity);
    if (!groups) {
      groups = traceGroups(activity.trace);
      this.groupCache.set(activity, groups);
    }
    return groups;
  }

  protected reason(r: RedactionView): string {
    const lang = this.i18n.lang();
    const { key, params } = reasonMessage(
      r,
      (k) => this.i18n.t(k),
      (code) => governorateName(this.governorates().find((g) => g.code === code), lang) || undefined,
    );
    return this.i18n.t(key, params);
  }

  protected reasonTitleKey(reason: RedactionView['reason']) {
    return `transparency.reasonTitle.${reason}` as const;
  }

  protected elementKey = redactedElementKey;
  protected replacement = replacementKey;
  protected sourceLabel = sourceKey;
}
