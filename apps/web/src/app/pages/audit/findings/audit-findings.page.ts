import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';

/** Placeholder of the groundwork commit: replaced by the audit web work (issue 12) before it lands. */
@Component({
  selector: 'mz-audit-findings-page',
  imports: [PageHeaderComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<mz-page-header [title]="'audit.findings.title' | t" />`,
})
export class AuditFindingsPage {}
