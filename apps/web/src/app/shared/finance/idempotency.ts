import type { WebError } from '../../core/api/api-error';

/**
 * The Idempotency-Key of one money-moving click. A click gets a new UUID; when
 * the answer never arrived (network failure, 5xx, a re-authentication that was
 * cancelled) the "Try again" of that same click sends the same key again, so the
 * server answers with the original result instead of acting twice. Once the
 * server has answered (success or a 4xx naming the problem) the key is spent.
 */
export class IdempotentAttempt {
  private pendingKey: string | null = null;

  constructor(
    private readonly newKey: () => string = () => crypto.randomUUID(),
  ) {}

  /** The key for this attempt: the unanswered attempt's key on a retry, a new one otherwise. */
  key(retry: boolean): string {
    if (!retry || this.pendingKey === null) this.pendingKey = this.newKey();
    return this.pendingKey;
  }

  /** Whether a retry would repeat an attempt whose outcome is unknown. */
  get unanswered(): boolean {
    return this.pendingKey !== null;
  }

  succeeded(): void {
    this.pendingKey = null;
  }

  /** Keeps the key only when the server may not have seen or finished the request. */
  failed(error: WebError): void {
    const unknownOutcome =
      error.status === 0 ||
      error.status >= 500 ||
      error.code === 'REAUTH_REQUIRED';
    if (!unknownOutcome) this.pendingKey = null;
  }
}
