import type { Permission } from './permissions';
import type { Role } from './roles';
import type { SessionStage } from './two-factor';

export interface SignInRequest {
  email: string;
  password: string;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  agencyId: string;
  agencyName: string;
  /** The language the user reads Mizan in (notifications, emails); null until they chose one. */
  language: UserLanguage | null;
}

/** The languages a user can choose; the server writes notifications and emails in these. */
export const USER_LANGUAGES = ['en', 'ar', 'sv'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

export function isUserLanguage(value: unknown): value is UserLanguage {
  return typeof value === 'string' && (USER_LANGUAGES as readonly string[]).includes(value);
}

/** `PUT auth/language`: the signed-in user's own language. */
export interface UpdateLanguageRequest {
  language: UserLanguage;
}

export interface LanguageView {
  language: UserLanguage;
}

/** GET auth/session/probe: the session when there is one (in any stage), null for a signed-out visitor. */
export interface SessionProbe {
  signedIn: boolean;
  session: SessionInfo | null;
}

export interface SessionInfo {
  user: SessionUser;
  permissions: Permission[];
  /** ISO time at which the session ends if idle. */
  idleExpiresAt: string;
  /** ISO time at which the session ends whatever happens. */
  absoluteExpiresAt: string;
  /** `full` once signed in; otherwise the second-factor step still owed (permissions are then empty). */
  stage: SessionStage;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  createdAt: string;
  /** A confirmed second factor is active. */
  twoFactorEnabled: boolean;
}

export interface CreateUserRequest {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
  /** Why one person holds roles that need a reason together (officer + reviewer…: `checkRolePairs` of @mizan/domain); on the trail. */
  rolePairReason?: string;
}

export interface UpdateUserRolesRequest {
  roles: Role[];
  reason: string;
  /** Why one person holds roles that need a reason together, when the change gives such a pair; on the trail. */
  rolePairReason?: string;
}

export interface UpdateUserActiveRequest {
  active: boolean;
  reason: string;
}
