import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { Permission } from '@mizan/contracts';
import { SessionService } from '../auth/session.service';
import { TranslatePipe } from '../i18n/translate.pipe';
import { ToneBadgeComponent } from './tone-badge.component';

/**
 * Whether the reader sees the agency's pages only as an auditor (issue 12): they conduct audits and hold no
 * agency-wide read of their own, so the server shows them only what lies in the scope of their open engagements,
 * and offers no action.
 */
export function readsAsAuditorOnly(permissions: readonly Permission[]): boolean {
  return permissions.includes('audit.conduct') && !permissions.includes('grant.read') && !permissions.includes('grant.manage');
}

/** "Read-only — audit engagement": said on every page an auditor opens outside the audit workspace. */
@Component({
  selector: 'mz-audit-readonly-note',
  imports: [TranslatePipe, ToneBadgeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (shown()) {
      <p class="note" role="note" data-testid="audit-readonly-note">
        <mz-tone-badge tone="info">{{ 'audit.readonly.badge' | t }}</mz-tone-badge>
        <span>{{ 'audit.readonly.note' | t }}</span>
      </p>
    }
  `,
  styles: `
    .note {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin: 0 0 12px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class AuditReadonlyNoteComponent {
  private readonly sessions = inject(SessionService);
  protected readonly shown = computed(() => readsAsAuditorOnly(this.sessions.permissions()));
}
