import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';

/** Placeholder of the groundwork commit: replaced by the screening web work (issue 13) before it lands. */
@Component({
  selector: 'mz-sanctions-check-page',
  imports: [PageHeaderComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<mz-page-header [title]="'sanctions.check.title' | t" />`,
})
export class SanctionsCheckPage {}
