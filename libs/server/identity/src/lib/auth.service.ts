import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, SessionInfo, SessionStage } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { TrailService } from '@mizan/server/trail';
import { Agency } from './agency.entity';
import { dummyPasswordHash, verifyPassword } from './password';
import { AuthenticatedRequestContext, SessionService } from './session.service';
import { SignInThrottle } from './sign-in-throttle';
import { User } from './user.entity';
import { UserTwoFactor } from './two-factor/two-factor.entities';
import { twoFactorRequiredFor } from './two-factor/totp';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  /** A token the browser still holds: revoked at sign-in, so every sign-in rotates the session. */
  previousToken?: string;
}

const WRONG_CREDENTIALS = 'The email address or password is not correct';

/**
 * Experts of the directory (issue 15) are on the trail by id only, never by email: their account can be erased
 * (GDPR) while the append-only trail stays as it is.
 */
export function isPseudonymous(user: User): boolean {
  return user.roles().includes('expert');
}

/** How the trail names a user acting: their email, or `user <id>` for an expert. */
export function trailLabelOf(user: User): string {
  return isPseudonymous(user) ? `user ${user.id}` : user.email;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly throttle: SignInThrottle,
    private readonly trail: TrailService,
  ) {}

  async signIn(rawEmail: string, password: string, client: ClientInfo): Promise<{ token: string; info: SessionInfo }> {
    const email = rawEmail.trim().toLowerCase();
    await this.throttle.before(email, client.ip);
    const user = await this.dataSource.getRepository(User).findOne({ where: { email }, relations: { roleRows: true } });
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !valid || !user.active) {
      const { locked } = await this.throttle.failed(email);
      if (user) {
        await this.trail.record(async () => ({
          result: undefined,
          entries: [
            {
              actor: { id: null, label: `anonymous (${client.ip})` },
              agencyId: user.agencyId,
              action: locked ? 'auth.locked_out' : 'auth.sign_in_failed',
              entityType: 'user',
              entityId: user.id,
              after: isPseudonymous(user) ? {} : { email },
            },
          ],
        }));
      }
      throw new MizanException(ErrorCode.InvalidCredentials, WRONG_CREDENTIALS);
    }
    const agency = await this.dataSource.getRepository(Agency).findOneByOrFail({ id: user.agencyId });
    const factor = await this.dataSource.getRepository(UserTwoFactor).findOneBy({ userId: user.id });
    const stage: SessionStage = factor?.confirmedAt
      ? 'second_factor'
      : twoFactorRequiredFor(user.roles(), agency.requiresTwoFactor)
        ? 'enrolment'
        : 'full';
    // Failures are forgiven only once every factor is checked: a right password
    // must not reset the count that wrong codes are building up.
    if (stage === 'full') await this.throttle.succeeded(email);
    else await this.throttle.released(email);
    return this.trail.record(async (manager) => {
      if (client.previousToken) {
        const previous = await manager.query('SELECT id FROM user_session WHERE token_hash = $1', [this.sessions.tokenHash(client.previousToken)]);
        if (previous[0]) await this.sessions.revoke(manager, previous[0].id as string);
      }
      const { token, session } = await this.sessions.create(manager, user, client.ip, client.userAgent, stage);
      return {
        result: { token, info: this.sessions.info({ user, session, agency }) },
        entries: [
          {
            actor: { id: user.id, label: trailLabelOf(user) },
            agencyId: user.agencyId,
            action: stage === 'full' ? 'auth.signed_in' : 'auth.password_accepted',
            entityType: 'user',
            entityId: user.id,
            after: stage === 'full' ? { sessionId: session.id, ip: client.ip } : { sessionId: session.id, ip: client.ip, pending: stage },
          },
        ],
      };
    });
  }

  async signOut(ctx: AuthenticatedRequestContext): Promise<void> {
    await this.trail.record(async (manager) => {
      await this.sessions.revoke(manager, ctx.session.id);
      return {
        result: undefined,
        entries: [
          {
            actor: { id: ctx.user.id, label: trailLabelOf(ctx.user) },
            agencyId: ctx.user.agencyId,
            action: 'auth.signed_out',
            entityType: 'user',
            entityId: ctx.user.id,
            after: { sessionId: ctx.session.id },
          },
        ],
      };
    });
  }
}
