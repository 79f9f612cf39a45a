import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { DirectorySkillSuggestionView } from '@mizan/contracts';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { DirectoryApiService } from '../shared/directory-api.service';

/** Most named first, then alphabetically (the server's order, kept whatever it sends). */
export function bySuggestionCount(list: readonly DirectorySkillSuggestionView[]): DirectorySkillSuggestionView[] {
  return [...list].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}

/**
 * Skills experts typed that the taxonomy lacks (issue 15), with how many experts name each, most named first:
 * read-only — adding a skill to the taxonomy is a database migration, which the page says.
 */
@Component({
  selector: 'mz-skill-suggestions-page',
  imports: [EmptyStateComponent, FormProblemComponent, LoadingBarComponent, PageHeaderComponent, TableFrameComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../shared/directory.scss',
  template: `
    <mz-page-header [title]="'directory.suggestions.title' | t" [intro]="'directory.suggestions.intro' | t" headingTestId="suggestions-heading" />
    <p class="dir-muted" data-testid="suggestions-migration">{{ 'directory.suggestions.migration' | t }}</p>
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="suggestions-error" />
    @if (loaded()) {
      <mz-table-frame [label]="'directory.suggestions.caption' | t" [empty]="rows().length === 0">
        <table class="dir-table" data-testid="suggestions-table">
          <caption class="mz-visually-hidden">{{ 'directory.suggestions.caption' | t }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'directory.suggestions.col.skill' | t }}</th>
              <th scope="col">{{ 'directory.suggestions.col.experts' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (s of rows(); track s.text) {
              <tr data-testid="suggestions-row">
                <td><bdi>{{ s.text }}</bdi></td>
                <td>{{ number(s.count) }}</td>
              </tr>
            }
          </tbody>
        </table>
        <mz-empty-state mzEmpty icon="inbox" data-testid="suggestions-empty" [title]="'directory.suggestions.empty' | t" [body]="'directory.suggestions.emptyBody' | t" />
      </mz-table-frame>
    }
  `,
})
export class SkillSuggestionsPage {
  private readonly i18n = inject(I18nService);
  protected readonly rows = signal<DirectorySkillSuggestionView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);

  constructor() {
    inject(DirectoryApiService)
      .skillSuggestions()
      .subscribe({
        next: (rows) => {
          this.rows.set(bySuggestionCount(rows));
          this.loading.set(false);
          this.loaded.set(true);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problem.set(errorMessage(toWebError(error)));
        },
      });
  }

  protected number(value: number): string {
    return this.i18n.formatNumber(value);
  }
}
