import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

@Component({
  selector: 'mz-not-found',
  imports: [MatButtonModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="mz-empty-state" data-testid="not-found">
      <h1 class="mz-page-title">{{ 'notFound.title' | t }}</h1>
      <p>{{ 'notFound.body' | t }}</p>
      <a mat-flat-button routerLink="/home">{{ 'notAllowed.home' | t }}</a>
    </div>
  `,
})
export class NotFoundComponent {}
