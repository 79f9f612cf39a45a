import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';

/** Placeholder of the groundwork commit: replaced by the grantee's findings page (issue 12) before it lands. */
@Component({
  selector: 'mz-my-findings-page',
  imports: [PageHeaderComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<mz-page-header [title]="'audit.myFindings.title' | t" />`,
})
export class MyFindingsPage {}
