import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { REAUTH_WINDOW_SECONDS, STAFF_ROLES, type Role } from '@mizan/contracts';

/** RFC 6238 defaults, which every common authenticator app understands. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side tolerates a phone clock a little off and a code typed as it rolls over. */
const WINDOW_STEPS = 1;

function totpFor(secretBase32: string, label = 'user', issuer = 'Mizan'): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A new 160-bit secret (the RFC 4226 recommendation for SHA-1), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUri(secretBase32: string, label: string, issuer: string): string {
  return totpFor(secretBase32, label, issuer).toString();
}

export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ''));
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'replayed' };

/**
 * Checks a code at `nowMs` and refuses one whose time step is not after the last
 * accepted step: RFC 6238 §5.2 — an accepted code must not be accepted again.
 */
export function checkTotp(secretBase32: string, code: string, nowMs: number, lastUsedStep: number | null): TotpCheck {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: 'wrong' };
  const delta = totpFor(secretBase32).validate({ token, timestamp: nowMs, window: WINDOW_STEPS });
  if (delta === null) return { ok: false, reason: 'wrong' };
  const step = TOTP.counter({ period: PERIOD_SECONDS, timestamp: nowMs }) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}

/** Unambiguous lower-case letters and digits (no 0/o, 1/l/i), so a code read off paper types back right. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten characters from 31 (about 49 bits), shown as `xxxxx-xxxxx`. */
export function newRecoveryCodes(count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let raw = '';
    for (let i = 0; i < 10; i++) raw += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    codes.add(`${raw.slice(0, 5)}-${raw.slice(5)}`);
  }
  return [...codes];
}

/** What is hashed: case, spaces and hyphens do not matter when a code is typed back. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** Keys for the second factor are derived from the session secret, each for one purpose only. */
function derivedKey(sessionSecret: string, purpose: string): Buffer {
  return createHmac('sha256', sessionSecret).update(`mizan:${purpose}`).digest();
}

export function recoveryCodeHash(code: string, sessionSecret: string): string {
  return createHmac('sha256', derivedKey(sessionSecret, 'recovery-code:v1')).update(normalizeRecoveryCode(code)).digest('hex');
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url): AES-256-GCM, so a changed ciphertext fails to decrypt instead of yielding another secret. */
export function encryptTotpSecret(secretBase32: string, sessionSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(sessionSecret, 'totp-secret:v1'), iv);
  const ciphertext = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export function decryptTotpSecret(stored: string, sessionSecret: string): string {
  const [version, iv, tag, ciphertext] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext) throw new Error('Unknown format of a stored TOTP secret');
  const decipher = createDecipheriv('aes-256-gcm', derivedKey(sessionSecret, 'totp-secret:v1'), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** Staff of an agency that requires it must have a second factor; grantees and reviewers may choose. */
export function twoFactorRequiredFor(roles: readonly Role[], agencyRequires: boolean): boolean {
  return agencyRequires && roles.some((r) => STAFF_ROLES.includes(r));
}

/** A re-authentication counts for REAUTH_WINDOW_SECONDS; one in the future (clock skew, tampering) does not count. */
export function reauthIsRecent(reauthenticatedAt: Date | null, now: Date): boolean {
  if (!reauthenticatedAt) return false;
  const age = now.getTime() - reauthenticatedAt.getTime();
  return age >= -5_000 && age <= REAUTH_WINDOW_SECONDS * 1000;
}
