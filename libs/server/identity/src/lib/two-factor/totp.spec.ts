import { Secret, TOTP } from 'otpauth';
import {
  checkTotp,
  decryptTotpSecret,
  encryptTotpSecret,
  looksLikeTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  otpauthUri,
  reauthIsRecent,
  recoveryCodeHash,
  twoFactorRequiredFor,
} from './totp';

const KEY = 'a-session-secret-of-at-least-thirty-two-characters';
/** RFC 6238 appendix B's SHA-1 seed "12345678901234567890", in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

function code(secret: string, atMs: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: atMs });
}

describe('TOTP checks', () => {
  it('matches the RFC 6238 test vector (T = 59 s → 287082, the last 6 of 94287082)', () => {
    expect(code(RFC_SECRET, 59_000)).toBe('287082');
    expect(checkTotp(RFC_SECRET, '287082', 59_000, null)).toEqual({ ok: true, step: 1 });
  });

  it('accepts one step of clock drift either way and nothing further', () => {
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(checkTotp(RFC_SECRET, code(RFC_SECRET, now - 30_000), now, null)).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(RFC_SECRET, code(RFC_SECRET, now + 30_000), now, null)).toEqual({ ok: true, step: step + 1 });
    expect(checkTotp(RFC_SECRET, code(RFC_SECRET, now - 90_000), now, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(checkTotp(RFC_SECRET, code(RFC_SECRET, now + 90_000), now, null)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses the step already used and older ones (replay), accepts a later one', () => {
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    const current = code(RFC_SECRET, now);
    expect(checkTotp(RFC_SECRET, current, now, step)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(RFC_SECRET, code(RFC_SECRET, now - 30_000), now, step)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(RFC_SECRET, code(RFC_SECRET, now + 30_000), now, step)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses anything that is not six digits, spaces aside', () => {
    const now = 1_800_000_000_000;
    const c = code(RFC_SECRET, now);
    expect(checkTotp(RFC_SECRET, `${c.slice(0, 3)} ${c.slice(3)}`, now, null).ok).toBe(true);
    for (const bad of ['', '12345', '1234567', 'abcdef', `${c}0`]) expect(checkTotp(RFC_SECRET, bad, now, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(looksLikeTotpCode('123 456')).toBe(true);
    expect(looksLikeTotpCode('abcde-fghjk')).toBe(false);
  });

  it('makes 160-bit secrets and an otpauth URI authenticator apps read', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = otpauthUri(secret, 'karin@agency.se', 'Mizan (Sida)');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const parsed = new URL(uri);
    expect(parsed.searchParams.get('secret')).toBe(secret);
    expect(parsed.searchParams.get('digits')).toBe('6');
    expect(parsed.searchParams.get('period')).toBe('30');
    expect(parsed.searchParams.get('issuer')).toBe('Mizan (Sida)');
  });
});

describe('secret storage', () => {
  it('round-trips, differs each time (random IV), and fails on tampering or another key', () => {
    const secret = newTotpSecret();
    const a = encryptTotpSecret(secret, KEY);
    const b = encryptTotpSecret(secret, KEY);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(decryptTotpSecret(a, KEY)).toBe(secret);
    const parts = a.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => decryptTotpSecret([parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.'), KEY)).toThrow();
    expect(() => decryptTotpSecret(a, `${KEY}-other`)).toThrow();
    expect(() => decryptTotpSecret('v2.x.y.z', KEY)).toThrow(/Unknown format/);
  });
});

describe('recovery codes', () => {
  it('issues distinct codes of unambiguous characters, xxxxx-xxxxx', () => {
    const codes = newRecoveryCodes(10);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it('hashes a code the same however it is typed, differently under another key, never containing it', () => {
    const [c] = newRecoveryCodes(1);
    const h = recoveryCodeHash(c, KEY);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(recoveryCodeHash(` ${c.toUpperCase().replace('-', '')} `, KEY)).toBe(h);
    expect(recoveryCodeHash(c, `${KEY}-other`)).not.toBe(h);
    expect(h).not.toContain(normalizeRecoveryCode(c));
  });
});

describe('who must, and how recent is recent', () => {
  it('requires a second factor of staff only, and only when the agency says so', () => {
    for (const role of ['officer', 'finance', 'auditor', 'admin'] as const) {
      expect(twoFactorRequiredFor([role], true)).toBe(true);
      expect(twoFactorRequiredFor([role], false)).toBe(false);
    }
    for (const role of ['applicant', 'partner', 'reviewer'] as const) expect(twoFactorRequiredFor([role], true)).toBe(false);
    expect(twoFactorRequiredFor(['reviewer', 'officer'], true)).toBe(true);
  });

  it('counts a re-authentication for 5 minutes, not one from the future', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    expect(reauthIsRecent(null, now)).toBe(false);
    expect(reauthIsRecent(new Date(now.getTime() - 299_000), now)).toBe(true);
    expect(reauthIsRecent(new Date(now.getTime() - 300_000), now)).toBe(true);
    expect(reauthIsRecent(new Date(now.getTime() - 301_000), now)).toBe(false);
    expect(reauthIsRecent(new Date(now.getTime() + 60_000), now)).toBe(false);
  });
});
