import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ErrorCode, Role, SessionInfo, SessionStage, permissionsOf } from '@mizan/contracts';
import { MIZAN_CONFIG, MizanConfig, MizanException } from '@mizan/server/core';
import { Agency } from './agency.entity';
import { User } from './user.entity';
import { UserRole } from './user-role.entity';
import { UserSession } from './user-session.entity';
import { SESSION_RESOLVE_SQL, SessionResolveRow } from './session-resolve.sql';

export interface AuthenticatedRequestContext {
  user: User;
  session: UserSession;
  agency: Agency;
}

/**
 * What is stored for a token: HMAC-SHA256 keyed with MIZAN_SESSION_SECRET, so
 * neither a copy of the database alone nor a guessed token list is enough to
 * match sessions.
 */
export function hashToken(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

/** The entities a resolved row stands for, built directly (no query builder, no metadata walk on the hot path). */
function contextOf(row: SessionResolveRow): AuthenticatedRequestContext {
  const session = Object.assign(new UserSession(), {
    id: row.id,
    userId: row.user_id,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    idleExpiresAt: row.idle_expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    revokedAt: row.revoked_at,
    clientIp: row.client_ip,
    userAgent: row.user_agent,
    stage: row.stage as SessionStage,
    reauthenticatedAt: row.reauthenticated_at,
  });
  const user = Object.assign(new User(), {
    id: row.user_id,
    agencyId: row.agency_id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    active: row.active,
    language: row.language as User['language'],
    createdAt: row.user_created_at,
    roleRows: row.roles.map((role) => Object.assign(new UserRole(), { userId: row.user_id, role: role as Role })),
  });
  const agency = Object.assign(new Agency(), {
    id: row.agency_id,
    name: row.agency_name,
    slug: row.agency_slug,
    countryCode: row.agency_country_code,
    requiresTwoFactor: row.agency_requires_two_factor,
    createdAt: row.agency_created_at,
  });
  return { session, user, agency };
}

/** Re-writing last_seen on every request would turn reads into writes; once a minute is enough for idle expiry. */
const TOUCH_INTERVAL_MS = 60_000;
/** A session that still owes its second factor (or its enrolment) ends this soon, whatever happens. */
export const PENDING_SESSION_MS = 10 * 60_000;

@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MIZAN_CONFIG) private readonly config: MizanConfig,
  ) {}

  tokenHash(token: string): string {
    return hashToken(token, this.config.sessionSecret);
  }

  /** 256 bits from the OS CSPRNG; only its SHA-256 is stored. */
  async create(
    manager: EntityManager,
    user: User,
    clientIp: string | null,
    userAgent: string | null,
    stage: SessionStage = 'full',
  ): Promise<{ token: string; session: UserSession }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const pendingEnd = new Date(now.getTime() + PENDING_SESSION_MS);
    const session = manager.create(UserSession, {
      userId: user.id,
      tokenHash: this.tokenHash(token),
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: stage === 'full' ? new Date(now.getTime() + this.config.sessionIdleMinutes * 60_000) : pendingEnd,
      absoluteExpiresAt: stage === 'full' ? new Date(now.getTime() + this.config.sessionAbsoluteHours * 3_600_000) : pendingEnd,
      revokedAt: null,
      clientIp,
      userAgent: userAgent?.slice(0, 300) ?? null,
      stage,
      reauthenticatedAt: null,
    });
    await manager.save(session);
    return { token, session };
  }

  /**
   * The session behind a token, with its user, roles and agency: one statement (SESSION_RESOLVE_SQL), read from the
   * database on every request, never cached in the process, so a sign-out or a deactivation holds on the very next
   * request whichever api process answers it.
   */
  async resolve(token: string): Promise<AuthenticatedRequestContext> {
    const rows: SessionResolveRow[] = await this.dataSource.query(SESSION_RESOLVE_SQL, [this.tokenHash(token)]);
    const row = rows[0];
    if (!row) throw new MizanException(ErrorCode.NotAuthenticated, 'Please sign in');
    const now = new Date();
    if (row.idle_expires_at <= now || row.absolute_expires_at <= now) {
      throw new MizanException(ErrorCode.SessionExpired, 'Your session has expired; please sign in again');
    }
    if (!row.active) throw new MizanException(ErrorCode.NotAuthenticated, 'Please sign in');
    const { session, user, agency } = contextOf(row);
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      const idle = new Date(Math.min(now.getTime() + this.config.sessionIdleMinutes * 60_000, session.absoluteExpiresAt.getTime()));
      await this.dataSource.getRepository(UserSession).update({ id: session.id }, { lastSeenAt: now, idleExpiresAt: idle });
      session.lastSeenAt = now;
      session.idleExpiresAt = idle;
    }
    return { user, session, agency };
  }

  /** Every factor is checked: the pending session becomes a full one with the usual lifetimes. */
  async promote(manager: EntityManager, session: UserSession): Promise<void> {
    const now = new Date();
    session.stage = 'full';
    session.lastSeenAt = now;
    session.idleExpiresAt = new Date(now.getTime() + this.config.sessionIdleMinutes * 60_000);
    session.absoluteExpiresAt = new Date(now.getTime() + this.config.sessionAbsoluteHours * 3_600_000);
    await manager.update(
      UserSession,
      { id: session.id, revokedAt: IsNull() },
      { stage: 'full', lastSeenAt: now, idleExpiresAt: session.idleExpiresAt, absoluteExpiresAt: session.absoluteExpiresAt },
    );
  }

  async markReauthenticated(manager: EntityManager, session: UserSession, at: Date): Promise<void> {
    session.reauthenticatedAt = at;
    await manager.update(UserSession, { id: session.id }, { reauthenticatedAt: at });
  }

  async revoke(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.update(UserSession, { id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllOf(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(UserSession, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  info(ctx: AuthenticatedRequestContext): SessionInfo {
    const roles = ctx.user.roles();
    return {
      user: {
        id: ctx.user.id,
        email: ctx.user.email,
        displayName: ctx.user.displayName,
        roles,
        agencyId: ctx.agency.id,
        agencyName: ctx.agency.name,
        language: ctx.user.language ?? null,
      },
      // A pending session holds no permission: only its own step is open.
      permissions: ctx.session.stage === 'full' ? permissionsOf(roles) : [],
      idleExpiresAt: ctx.session.idleExpiresAt.toISOString(),
      absoluteExpiresAt: ctx.session.absoluteExpiresAt.toISOString(),
      stage: ctx.session.stage,
    };
  }
}
