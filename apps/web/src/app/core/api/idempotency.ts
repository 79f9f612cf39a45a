import { HttpHeaders } from '@angular/common/http';
import { IDEMPOTENCY_HEADER } from '@mizan/contracts';

/**
 * One key per submission of a money-moving form, kept while the same dialog
 * retries (a lost answer, a re-authentication), so the api does the work once.
 * A new dialog makes a new key.
 */
export class IdempotencyKey {
  private current = newIdempotencyKey();

  get value(): string {
    return this.current;
  }

  /** After the api answered for sure (success, or a refusal of this very body), a new form starts over. */
  renew(): void {
    this.current = newIdempotencyKey();
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
