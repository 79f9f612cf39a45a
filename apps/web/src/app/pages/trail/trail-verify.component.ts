import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { TrailChainVerification, TrailVerification } from '@mizan/contracts';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../core/api/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { TrailApiService } from './trail-api.service';

type VerifyState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: TrailVerification }
  | { kind: 'failed'; error: WebError };

@Component({
  selector: 'mz-trail-verify',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-stroked-button
      type="button"
      data-testid="trail-verify"
      [disabled]="state().kind === 'running'"
      (click)="verify()"
    >
      <mat-icon svgIcon="verified" />
      {{
        (state().kind === 'running' ? 'trail.verifying' : 'trail.verify') | t
      }}
    </button>
    <div
      class="verify-result"
      role="status"
      aria-live="polite"
      aria-atomic="true"
    >
      @if (verification(); as result) {
        <div
          class="mz-banner"
          data-testid="trail-verify-result"
          [class.mz-banner-success]="result.intact"
          [class.mz-banner-error]="!result.intact"
          [attr.data-intact]="result.intact"
        >
          <mat-icon [svgIcon]="result.intact ? 'check_circle' : 'error'" />
          <div>
            <p class="mz-banner-text">
              @if (result.intact) {
                {{
                  'trail.verify.intact'
                    | t
                      : {
                          count: i18n.formatNumber(result.count),
                          hash: result.headHash,
                        }
                }}
              } @else {
                {{
                  'trail.verify.broken'
                    | t
                      : {
                          seq: result.brokenAtSeq ?? '?',
                          problem: result.problem ?? '',
                        }
                }}
              }
            </p>
            <p class="mz-banner-meta">
              {{
                'trail.verify.at'
                  | t: { time: i18n.formatDateTime(result.verifiedAt) }
              }}
            </p>
            <p class="mz-banner-meta" data-testid="trail-verify-checkpoints">
              @if (result.checkpoints.latest; as latest) {
                {{
                  'trail.verify.checkpoints'
                    | t
                      : {
                          agreeing: i18n.formatNumber(result.checkpoints.agreeing),
                          number: latest.number,
                          seq: latest.seq,
                          time: i18n.formatDateTime(latest.signedAt),
                        }
                }}
              } @else if (result.checkpoints.found === 0) {
                {{ 'trail.verify.noCheckpoints' | t }}
              }
            </p>
            @if (shownChains(result); as chains) {
              @if (chains.length > 0) {
                <p class="mz-banner-meta">{{ 'trail.chains.heading' | t }}</p>
                <ul class="chains" data-testid="trail-verify-chains">
                  @for (chain of chains; track chain.kind + (chain.agencyId ?? '')) {
                    <li
                      class="mz-banner-meta"
                      [attr.data-kind]="chain.kind"
                      [attr.data-intact]="chain.intact"
                    >
                      <strong>
                        @switch (chain.kind) {
                          @case ('legacy') {
                            {{ 'trail.chains.legacy' | t }}
                          }
                          @case ('platform') {
                            {{ 'trail.chains.platform' | t }}
                          }
                          @default {
                            {{
                              'trail.chains.agency'
                                | t: { name: chain.agencyName ?? chain.agencyId ?? '' }
                            }}
                          }
                        }
                      </strong>
                      —
                      @if (chain.intact) {
                        {{
                          'trail.chains.intact'
                            | t
                              : {
                                  count: i18n.formatNumber(chain.count),
                                  seq: chain.headSeq,
                                }
                        }}
                      } @else {
                        {{
                          'trail.chains.broken'
                            | t
                              : {
                                  seq: chain.brokenAtSeq ?? '?',
                                  problem: chain.problem ?? '',
                                }
                        }}
                      }
                    </li>
                  }
                </ul>
              }
            }
          </div>
        </div>
      } @else if (failure(); as problem) {
        <div
          class="mz-banner mz-banner-error"
          data-testid="trail-verify-result"
          data-intact="unknown"
        >
          <mat-icon svgIcon="error" />
          <p class="mz-banner-text">{{ problem.key | t: problem.params }}</p>
        </div>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .verify-result {
      margin-top: 12px;
    }
    .chains {
      margin: 4px 0 0;
      padding-inline-start: 20px;
    }
  `,
})
export class TrailVerifyComponent {
  private readonly api = inject(TrailApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);
  protected readonly state = signal<VerifyState>({ kind: 'idle' });

  /**
   * The chains checked (the agency's own and the legacy chain of the records written before per-agency chains);
   * an empty legacy chain (a deployment that started with per-agency chains) is not worth a line.
   */
  protected shownChains(result: TrailVerification): TrailChainVerification[] {
    return result.chains.filter((c) => c.kind !== 'legacy' || c.count > 0 || !c.intact);
  }

  protected verification(): TrailVerification | null {
    const state = this.state();
    return state.kind === 'done' ? state.result : null;
  }

  protected failure(): ReturnType<typeof errorMessage> | null {
    const state = this.state();
    return state.kind === 'failed' ? errorMessage(state.error) : null;
  }

  protected verify(): void {
    this.state.set({ kind: 'running' });
    this.api
      .verify()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => this.state.set({ kind: 'done', result }),
        error: (error: unknown) =>
          this.state.set({ kind: 'failed', error: toWebError(error) }),
      });
  }
}
