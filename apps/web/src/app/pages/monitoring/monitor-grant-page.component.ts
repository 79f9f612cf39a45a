import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { PageHeaderComponent } from '../../core/ui/page-header.component';
import { GrantMonitoringComponent } from './grant-monitoring.component';

/** A monitor's page of one assigned grant: its monitoring, visits, and visit recording with photo upload. */
@Component({
  selector: 'mz-monitor-grant-page',
  imports: [GrantMonitoringComponent, MatButtonModule, MatIconModule, PageHeaderComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mz-page-header [title]="'monitoring.grant.title' | t" [intro]="'monitoring.grant.intro' | t" headingTestId="monitor-grant-heading">
      <a mat-button routerLink="/monitor/grants"><mat-icon svgIcon="arrow_back" />{{ 'monitoring.grant.back' | t }}</a>
    </mz-page-header>
    <mz-grant-monitoring side="monitor" [grantId]="id()" />
  `,
})
export class MonitorGrantPageComponent {
  /** The route's `:id` (component input binding). */
  readonly id = input.required<string>();
}
