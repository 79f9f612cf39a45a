import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreateUserRequest, ErrorCode, LanguageView, Role, UserLanguage, UserSummary, FieldErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { checkRolePairs } from '@mizan/domain';
import { TrailActor, TrailService } from '@mizan/server/trail';
import { hashPassword } from './password';
import { SessionService } from './session.service';
import { UserRole } from './user-role.entity';
import { User } from './user.entity';
import { UserTwoFactor } from './two-factor/two-factor.entities';

export interface Acting {
  actor: TrailActor & { id: string };
  agencyId: string;
}

export function toSummary(user: User, twoFactorEnabled = false): UserSummary {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles(),
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    twoFactorEnabled,
  };
}

/** Ids of the users among `userIds` with a confirmed second factor. */
async function withTwoFactor(manager: EntityManager, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await manager
    .getRepository(UserTwoFactor)
    .createQueryBuilder('f')
    .select('f.userId', 'userId')
    .where('f.userId IN (:...userIds)', { userIds })
    .andWhere('f.confirmedAt IS NOT NULL')
    .getRawMany<{ userId: string }>();
  return new Set(rows.map((r) => r.userId));
}

/**
 * Segregation of duties between roles (ROLE_PAIRS of @mizan/domain): a refused pair is a 422 naming it; a pair
 * that needs a reason and is new to the user needs `rolePairReason`. Returns what goes on the trail.
 */
export function assertRolePairs(roles: readonly Role[], before: readonly Role[], rolePairReason: string | undefined): { rolePairs: string[]; rolePairReason: string } | null {
  const check = checkRolePairs(roles, before);
  const [refused] = check.refused;
  if (refused) {
    const [first, second] = refused.roles;
    throw MizanException.withParams(
      ErrorCode.RolePairRefused,
      `The ${first} and ${second} roles are never given to one person (segregation of duties): ${check.refused.map((p) => p.id).join(', ')}`,
      { pair: refused.id, first, second },
    );
  }
  const reason = rolePairReason?.trim() ?? '';
  const [needed] = check.needReason;
  if (needed && reason === '') {
    const [first, second] = needed.roles;
    throw MizanException.withParams(
      ErrorCode.RolePairReasonRequired,
      `One person holding the ${first} and ${second} roles needs a reason on the trail (rolePairReason): ${check.needReason.map((p) => p.id).join(', ')}`,
      { pair: needed.id, first, second },
      [{ field: 'rolePairReason', message: 'say why one person must hold both roles' }],
    );
  }
  return check.needReason.length > 0 ? { rolePairs: check.needReason.map((p) => p.id), rolePairReason: reason } : null;
}

/** Users of one agency; every change is on the trail in the same transaction. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly sessions: SessionService,
  ) {}

  async list(agencyId: string): Promise<UserSummary[]> {
    const users = await this.dataSource
      .getRepository(User)
      .find({ where: { agencyId }, relations: { roleRows: true }, order: { email: 'ASC' } });
    const enabled = await withTwoFactor(this.dataSource.manager, users.map((u) => u.id));
    return users.map((u) => toSummary(u, enabled.has(u.id)));
  }

  async create(acting: Acting, request: CreateUserRequest): Promise<UserSummary> {
    const email = request.email.trim().toLowerCase();
    const pairs = assertRolePairs(request.roles, [], request.rolePairReason);
    const passwordHash = await hashPassword(request.password);
    return this.trail.record(async (manager) => {
      const existing = await manager.getRepository(User).findOneBy({ email });
      if (existing) {
        throw new MizanException(ErrorCode.Conflict, 'A user with this email address already exists', [
          { field: 'email', code: FieldErrorCode.AlreadyExists, message: 'already in use' },
        ]);
      }
      const user = manager.create(User, { agencyId: acting.agencyId, email, displayName: request.displayName.trim(), passwordHash, active: true });
      await manager.save(user);
      await this.writeRoles(manager, user.id, request.roles);
      const saved = await this.load(manager, acting.agencyId, user.id);
      const summary = toSummary(saved);
      return {
        result: summary,
        entries: [
          {
            actor: acting.actor,
            agencyId: acting.agencyId,
            action: 'user.created',
            entityType: 'user',
            entityId: user.id,
            after: { ...summaryForTrail(summary), ...(pairs ? { rolePairs: pairs.rolePairs } : {}) },
            ...(pairs ? { reason: pairs.rolePairReason } : {}),
          },
        ],
      };
    });
  }

  /**
   * The user's own language (notifications and emails are written in it). On the
   * trail: it decides the language of the official notices a grantee receives
   * (a decision's email), so when it changed is part of the record. Setting the
   * language already held changes nothing and writes nothing.
   */
  async setLanguage(acting: Acting, language: UserLanguage): Promise<LanguageView> {
    const [current] = (await this.dataSource.query('SELECT language FROM app_user WHERE id = $1', [acting.actor.id])) as { language: UserLanguage | null }[];
    if (current?.language === language) return { language };
    return this.trail.record(async (manager) => {
      const [row] = (await manager.query('SELECT language FROM app_user WHERE id = $1 FOR UPDATE', [acting.actor.id])) as { language: UserLanguage | null }[];
      if (!row) throw MizanException.notFound('User');
      // A concurrent identical request may have changed it while this one waited for the row lock: nothing changes, nothing to record.
      if (row.language === language) return { result: { language }, entries: [] };
      await manager.query('UPDATE app_user SET language = $2 WHERE id = $1', [acting.actor.id, language]);
      return {
        result: { language },
        entries: [
          {
            actor: acting.actor,
            agencyId: acting.agencyId,
            action: 'user.language_changed',
            entityType: 'user',
            entityId: acting.actor.id,
            before: { language: row.language },
            after: { language },
          },
        ],
      };
    });
  }

  async setRoles(acting: Acting, userId: string, roles: Role[], reason: string, rolePairReason?: string): Promise<UserSummary> {
    return this.trail.record(async (manager) => {
      const user = await this.load(manager, acting.agencyId, userId, true);
      const before = user.roles();
      const after = [...new Set(roles)].sort();
      if (userId === acting.actor.id && before.includes('admin') && !after.includes('admin')) {
        throw new MizanException(ErrorCode.Conflict, 'You cannot remove your own admin role; ask another administrator', [
          { field: 'roles', message: 'must keep admin for yourself' },
        ]);
      }
      const pairs = assertRolePairs(after, before, rolePairReason);
      await manager.delete(UserRole, { userId });
      await this.writeRoles(manager, userId, after);
      const saved = await this.load(manager, acting.agencyId, userId);
      return {
        result: toSummary(saved, (await withTwoFactor(manager, [userId])).has(userId)),
        entries: [
          { actor: acting.actor, agencyId: acting.agencyId, action: 'user.roles_changed', entityType: 'user', entityId: userId, before: { roles: before }, after: { roles: after, ...(pairs ?? {}) }, reason },
        ],
      };
    });
  }

  async setActive(acting: Acting, userId: string, active: boolean, reason: string): Promise<UserSummary> {
    return this.trail.record(async (manager) => {
      const user = await this.load(manager, acting.agencyId, userId, true);
      if (userId === acting.actor.id && !active) {
        throw new MizanException(ErrorCode.Conflict, 'You cannot deactivate your own account', [{ field: 'active', message: 'cannot deactivate yourself' }]);
      }
      const before = user.active;
      await manager.update(User, { id: userId }, { active });
      if (!active) await this.sessions.revokeAllOf(manager, userId);
      const saved = await this.load(manager, acting.agencyId, userId);
      return {
        result: toSummary(saved, (await withTwoFactor(manager, [userId])).has(userId)),
        entries: [
          { actor: acting.actor, agencyId: acting.agencyId, action: active ? 'user.activated' : 'user.deactivated', entityType: 'user', entityId: userId, before: { active: before }, after: { active }, reason },
        ],
      };
    });
  }

  private async writeRoles(manager: EntityManager, userId: string, roles: Role[]): Promise<void> {
    if (roles.length === 0) return;
    await manager.insert(UserRole, [...new Set(roles)].map((role) => ({ userId, role })));
  }

  /** Only within the caller's agency: another agency's user is "not found", never "forbidden". */
  private async load(manager: EntityManager, agencyId: string, userId: string, lock = false): Promise<User> {
    if (!/^[0-9a-f-]{36}$/i.test(userId)) throw MizanException.notFound('User');
    if (lock) await manager.query('SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE', [userId]);
    const user = await manager.getRepository(User).findOne({ where: { id: userId, agencyId }, relations: { roleRows: true } });
    if (!user) throw MizanException.notFound('User');
    return user;
  }
}

function summaryForTrail(summary: UserSummary): Record<string, unknown> {
  return { email: summary.email, displayName: summary.displayName, roles: summary.roles, active: summary.active };
}
