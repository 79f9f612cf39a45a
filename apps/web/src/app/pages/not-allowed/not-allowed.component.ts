import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

@Component({
  selector: 'mz-not-allowed',
  imports: [MatButtonModule, MatIconModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="mz-empty-state" data-testid="not-allowed">
      <mat-icon svgIcon="block" class="mz-empty-icon" />
      <h1 class="mz-page-title">{{ 'notAllowed.title' | t }}</h1>
      <p>{{ 'notAllowed.body' | t }}</p>
      <a mat-flat-button routerLink="/home">{{ 'notAllowed.home' | t }}</a>
    </div>
  `,
})
export class NotAllowedComponent {}
