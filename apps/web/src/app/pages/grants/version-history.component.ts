import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { GrantVersionView } from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { changeLabel, changeValue } from './version-changes';

/** The versions of a grant with what changed in each, newest first (officer and grantee). */
@Component({
  selector: 'mz-version-history',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (versions().length === 0) {
      <p class="muted" data-testid="versions-empty">{{ 'grants.versions.empty' | t }}</p>
    } @else {
      <ol class="versions" reversed data-testid="versions">
        @for (v of versions(); track v.version) {
          <li data-testid="version" [attr.data-version]="v.version">
            <p class="head">
              <strong>{{ 'grants.versions.version' | t: { version: v.version } }}</strong>
              · {{ kindKey(v.kind) | t }} · {{ dateTime(v.createdAt) }} · <bdi>{{ v.createdBy.name }}</bdi>
            </p>
            @if (v.reason) {
              <p class="reason">{{ 'grants.versions.reason' | t }} <bdi>{{ v.reason }}</bdi></p>
            }
            @if (v.changes.length > 0) {
              <ul class="changes" data-testid="version-changes">
                @for (c of v.changes; track c.path) {
                  <li data-testid="version-change">
                    <span class="what">{{ label(c.path) }}</span>:
                    <del><bdi>{{ value(c.path, c.before) }}</bdi></del>
                    <span aria-hidden="true"> → </span>
                    <span class="mz-visually-hidden">{{ 'grants.versions.becomes' | t }}</span>
                    <ins><bdi>{{ value(c.path, c.after) }}</bdi></ins>
                  </li>
                }
              </ul>
            }
          </li>
        }
      </ol>
    }
  `,
  styles: `
    .versions {
      margin: 0;
      padding-inline-start: 1.5rem;
    }
    .head,
    .reason {
      margin: 0 0 4px;
      overflow-wrap: anywhere;
    }
    .changes {
      margin: 0 0 12px;
      padding-inline-start: 1.2rem;
      overflow-wrap: anywhere;
    }
    del {
      color: var(--mat-sys-on-surface-variant);
    }
    ins {
      text-decoration: none;
      font-weight: 600;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class VersionHistoryComponent {
  private readonly i18n = inject(I18nService);
  readonly versions = input.required<readonly GrantVersionView[]>();
  readonly currency = input.required<CurrencyCode>();

  protected kindKey(kind: GrantVersionView['kind']) {
    return `grants.versions.kind.${kind}` as const;
  }

  protected dateTime(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  protected label(path: string): string {
    return changeLabel(this.i18n, path);
  }

  protected value(path: string, value: unknown): string {
    return changeValue(this.i18n, path, value, this.currency());
  }
}
