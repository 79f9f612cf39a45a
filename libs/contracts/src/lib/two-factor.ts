/**
 * Two-factor sign-in (TOTP, RFC 6238) with recovery codes, and re-authentication
 * before sensitive actions (issue 8).
 */
import type { SessionInfo } from './identity';

/**
 * Where a session stands. `full`: signed in. `second_factor`: the password was
 * right, a code is still owed. `enrolment`: the password was right and the agency
 * requires a second factor this user has not set up — only enrolment is open.
 */
export const SESSION_STAGES = ['full', 'second_factor', 'enrolment'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

/** How long a recent re-authentication lets a sensitive action through. */
export const REAUTH_WINDOW_SECONDS = 300;
/** How many single-use recovery codes are issued at a time. */
export const RECOVERY_CODE_COUNT = 10;

export const TwoFactorPaths = {
  status: 'auth/two-factor',
  enrolment: 'auth/two-factor/enrolment',
  enrolmentConfirm: 'auth/two-factor/enrolment/confirm',
  verify: 'auth/two-factor/verify',
  recoveryCodes: 'auth/two-factor/recovery-codes',
  disable: 'auth/two-factor/disable',
  reauth: 'auth/reauth',
  agencySecurity: 'agency/security',
  resetUser: (userId: string) => `users/${userId}/two-factor/reset`,
} as const;

export interface TwoFactorStatus {
  /** A confirmed second factor is active. */
  enabled: boolean;
  /** The agency requires it of this user (a staff member of an agency that requires it). */
  required: boolean;
  /** Unused recovery codes left (0 when not enabled). */
  recoveryCodesLeft: number;
  /** ISO time of the last re-authentication of this session, if any. */
  reauthenticatedAt: string | null;
}

/** Returned once, when enrolment starts. The secret is never returned again. */
export interface TwoFactorEnrolment {
  /** Base32 secret, for typing into an authenticator by hand. */
  secret: string;
  /** The otpauth:// URI the QR code encodes. */
  otpauthUri: string;
  /** The QR code as a PNG data URL. */
  qrCodeDataUrl: string;
}

export interface TwoFactorCodeRequest {
  /** A 6-digit code from the authenticator, or a recovery code. */
  code: string;
}

/** Returned once, at enrolment or regeneration: only hashes are kept. */
export interface RecoveryCodes {
  recoveryCodes: string[];
}

export interface ReauthRequest {
  password: string;
  /** Required when the user has a second factor: a TOTP code or a recovery code. */
  code?: string;
}

export interface ReauthResult {
  reauthenticatedAt: string;
  /** Until when sensitive actions go through without asking again. */
  validUntil: string;
}

export interface AgencySecurity {
  /** Officers, finance, auditors and admins must sign in with a second factor. */
  requiresTwoFactor: boolean;
}

export interface UpdateAgencySecurityRequest {
  requiresTwoFactor: boolean;
  reason: string;
}

export interface ResetTwoFactorRequest {
  reason: string;
}

/** Enrolment confirmed: the codes (shown once) and the session, now full if enrolment was what it owed. */
export interface TwoFactorEnabled extends RecoveryCodes {
  session: SessionInfo;
}
