import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { OrganizationView } from '@mizan/contracts';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ddCheckKey, ddStatusKey, ddTone } from '../shared/labels';

/** What the agency decided about the organization's file, and the automatic checks behind it. Read-only. */
@Component({
  selector: 'mz-org-due-diligence-tab',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let dd = org().dueDiligence;
    <h2 class="mz-section-title">{{ 'applicant.dd.title' | t }}</h2>
    <p class="muted">{{ 'applicant.dd.intro' | t }}</p>
    <dl class="facts">
      <dt>{{ 'applicant.dd.status' | t }}</dt>
      <dd>
        <span
          class="mz-chip"
          data-testid="dd-status"
          [attr.data-tone]="ddTone(dd.status, dd.expired)"
        >
          {{
            (dd.expired ? 'applicant.dd.expired' : ddStatusKey(dd.status)) | t
          }}
        </span>
      </dd>
      @if (dd.conditions) {
        <dt>{{ 'applicant.dd.conditions' | t }}</dt>
        <dd>{{ dd.conditions }}</dd>
      }
      <dt>{{ 'applicant.dd.expiresOn' | t }}</dt>
      <dd>
        @if (dd.expiresOn) {
          <time [attr.datetime]="dd.expiresOn">{{
            i18n.formatDate(dd.expiresOn)
          }}</time>
        } @else {
          {{ 'applicant.dd.noExpiry' | t }}
        }
      </dd>
      @if (dd.reviewedAt) {
        <dt>{{ 'applicant.dd.reviewedAt' | t }}</dt>
        <dd>
          <time [attr.datetime]="dd.reviewedAt">{{
            i18n.formatDate(dd.reviewedAt)
          }}</time>
          @if (dd.reviewedBy) {
            · <bdi>{{ dd.reviewedBy }}</bdi>
          }
        </dd>
      }
    </dl>

    <h3 class="sub-title">{{ 'applicant.dd.checks' | t }}</h3>
    <ul class="checks" role="list">
      @for (c of dd.checks; track c.check) {
        <li
          class="check"
          data-testid="dd-check"
          [attr.data-check]="c.check"
          [attr.data-passed]="c.passed"
        >
          <mat-icon
            [svgIcon]="c.passed ? 'check_circle' : 'cancel'"
            [class]="c.passed ? 'icon-pass' : 'icon-fail'"
          />
          <div>
            <p class="check-name">
              {{ ddCheckKey(c.check) | t }}
              <span class="mz-visually-hidden"
                >:
                {{
                  (c.passed ? 'applicant.passed' : 'applicant.failed') | t
                }}</span
              >
            </p>
            <p class="check-message" lang="en">{{ c.message }}</p>
          </div>
        </li>
      }
    </ul>
  `,
  styleUrls: [
    '../shared/intake.scss',
    './org-due-diligence-tab.component.scss',
  ],
})
export class OrgDueDiligenceTabComponent {
  protected readonly i18n = inject(I18nService);
  readonly org = input.required<OrganizationView>();
  protected readonly ddStatusKey = ddStatusKey;
  protected readonly ddTone = ddTone;
  protected readonly ddCheckKey = ddCheckKey;
}
