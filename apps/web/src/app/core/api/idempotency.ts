import { HttpHeaders } from '@angular/common/http';
import { IDEMPOTENCY_HEADER } from '@mizan/contracts';
import type { WebError } from './api-error';

/**
 * The Idempotency-Key of one money-moving action (a dialog's submission, a
 * "Release" click). The key is kept while the outcome is unknown (network
 * failure, 5xx, a re-authentication that was cancelled), so "Try again" sends
 * the same key and the api answers with the original result instead of acting
 * twice. Once the api has answered for sure (success, or a 4xx naming the
 * problem) the key is spent and the next attempt gets a new one.
 */
export class IdempotencyKey {
  private current: string;
  private pending = false;

  constructor(private readonly newKey: () => string = newIdempotencyKey) {
    this.current = newKey();
  }

  get value(): string {
    return this.current;
  }

  /** The key for an attempt: the unanswered attempt's key on a retry, a new one otherwise. */
  key(retry: boolean): string {
    if (!retry || !this.pending) this.current = this.newKey();
    this.pending = true;
    return this.current;
  }

  /** Whether a retry would repeat an attempt whose outcome is unknown. */
  get unanswered(): boolean {
    return this.pending;
  }

  /** A new key for the next attempt. */
  renew(): void {
    this.current = this.newKey();
    this.pending = false;
  }

  succeeded(): void {
    this.renew();
  }

  /** Keeps the key only when the api may not have seen or finished the request. */
  failed(error: Pick<WebError, 'status' | 'code'>): void {
    const unknownOutcome =
      error.status === 0 || error.status >= 500 || error.code === 'REAUTH_REQUIRED';
    if (unknownOutcome) this.pending = true;
    else this.renew();
  }

  headers(): HttpHeaders {
    return new HttpHeaders({ [IDEMPOTENCY_HEADER]: this.current });
  }
}

/** A random UUID v4 (randomUUID needs a secure context; getRandomValues does not). */
export function newIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
