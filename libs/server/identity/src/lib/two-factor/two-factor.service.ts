import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toDataURL as qrToDataUrl } from 'qrcode';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import {
  AgencySecurity,
  ErrorCode,
  RECOVERY_CODE_COUNT,
  REAUTH_WINDOW_SECONDS,
  ReauthResult,
  RecoveryCodes,
  TwoFactorEnabled,
  TwoFactorEnrolment,
  TwoFactorStatus,
  FieldErrorCode,
} from '@mizan/contracts';
import { MIZAN_CONFIG, MizanConfig, MizanException } from '@mizan/server/core';
import { TrailActor, TrailEntry, TrailService } from '@mizan/server/trail';
import { Agency } from '../agency.entity';
import { verifyPassword } from '../password';
import { AuthenticatedRequestContext, SessionService } from '../session.service';
import { SignInThrottle } from '../sign-in-throttle';
import { User } from '../user.entity';
import {
  checkTotp,
  decryptTotpSecret,
  encryptTotpSecret,
  looksLikeTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  reauthIsRecent,
  recoveryCodeHash,
  twoFactorRequiredFor,
} from './totp';
import { UserRecoveryCode, UserTwoFactor } from './two-factor.entities';

export interface SecondFactorClient {
  ip: string;
}

type CodeOutcome = { ok: true; method: 'totp' | 'recovery_code'; recoveryCodesLeft: number } | { ok: false; reason: 'wrong' | 'replayed' };

const WRONG_CODE = 'The code is not correct, or it was already used. Enter the current code from your app, or a recovery code.';

function actorOf(ctx: AuthenticatedRequestContext): TrailActor {
  return { id: ctx.user.id, label: ctx.user.email };
}

/**
 * The second factor of a user: enrolment, checking codes at sign-in and at
 * re-authentication, recovery codes, and the admin's levers (requiring it for
 * the agency's staff, resetting a user's factor). Every change is on the trail.
 */
@Injectable()
export class TwoFactorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MIZAN_CONFIG) private readonly config: MizanConfig,
    private readonly sessions: SessionService,
    private readonly throttle: SignInThrottle,
    private readonly trail: TrailService,
  ) {}

  async status(ctx: AuthenticatedRequestContext): Promise<TwoFactorStatus> {
    const factor = await this.dataSource.getRepository(UserTwoFactor).findOneBy({ userId: ctx.user.id });
    const enabled = !!factor?.confirmedAt;
    return {
      enabled,
      required: twoFactorRequiredFor(ctx.user.roles(), ctx.agency.requiresTwoFactor),
      recoveryCodesLeft: enabled ? await this.codesLeft(this.dataSource.manager, ctx.user.id) : 0,
      reauthenticatedAt: ctx.session.reauthenticatedAt?.toISOString() ?? null,
    };
  }

  /** A new secret, kept encrypted; it is shown this once (QR code and text) and never again. */
  async startEnrolment(ctx: AuthenticatedRequestContext): Promise<TwoFactorEnrolment> {
    // A session that owes enrolment gave its password minutes ago; a full one gives it again, so that a
    // stolen session cookie cannot bind the thief's authenticator to the account.
    if (ctx.session.stage === 'full' && !reauthIsRecent(ctx.session.reauthenticatedAt, new Date())) {
      throw new MizanException(ErrorCode.ReauthRequired, 'Confirm it is you: enter your password again');
    }
    const secret = newTotpSecret();
    await this.trail.record(async (manager) => {
      const existing = await manager.getRepository(UserTwoFactor).findOne({ where: { userId: ctx.user.id }, lock: { mode: 'pessimistic_write' } });
      if (existing?.confirmedAt) {
        throw new MizanException(ErrorCode.Conflict, 'Two-factor sign-in is already set up; turn it off first to set it up again');
      }
      if (existing) await manager.delete(UserTwoFactor, { userId: ctx.user.id });
      await manager.insert(UserTwoFactor, {
        userId: ctx.user.id,
        secretCiphertext: encryptTotpSecret(secret, this.config.sessionSecret),
        confirmedAt: null,
        lastUsedStep: null,
      });
      return { result: undefined, entries: [this.entry(ctx, 'auth.two_factor_enrolment_started', {})] };
    });
    const uri = otpauthUri(secret, ctx.user.email, `Mizan (${ctx.agency.name})`);
    // PNG rather than SVG: browsers' and Angular's URL sanitizers accept data:image/png in an <img>.
    const qrCodeDataUrl = await qrToDataUrl(uri, { type: 'image/png', errorCorrectionLevel: 'M', margin: 2, scale: 5 });
    return { secret, otpauthUri: uri, qrCodeDataUrl };
  }

  /** The first right code turns the factor on and issues the recovery codes; a session that owed enrolment becomes full. */
  async confirmEnrolment(ctx: AuthenticatedRequestContext, code: string, client: SecondFactorClient): Promise<TwoFactorEnabled> {
    const pending = ctx.session.stage !== 'full';
    if (pending) await this.throttle.before(ctx.user.email, client.ip);
    const outcome = await this.trail.record(async (manager) => {
      const factor = await manager.getRepository(UserTwoFactor).findOne({ where: { userId: ctx.user.id }, lock: { mode: 'pessimistic_write' } });
      if (!factor || factor.confirmedAt) {
        if (pending) await this.throttle.released(ctx.user.email);
        throw new MizanException(ErrorCode.Conflict, factor ? 'Two-factor sign-in is already set up' : 'Start setting up two-factor sign-in first');
      }
      const check = checkTotp(decryptTotpSecret(factor.secretCiphertext, this.config.sessionSecret), code, Date.now(), null);
      if (!check.ok) return { result: null, entries: [] };
      await manager.update(UserTwoFactor, { userId: ctx.user.id }, { confirmedAt: new Date(), lastUsedStep: String(check.step) });
      const recoveryCodes = await this.replaceRecoveryCodes(manager, ctx.user.id);
      const entries: TrailEntry[] = [this.entry(ctx, 'auth.two_factor_enabled', { recoveryCodes: RECOVERY_CODE_COUNT })];
      if (ctx.session.stage === 'enrolment') {
        await this.sessions.promote(manager, ctx.session);
        entries.push(this.entry(ctx, 'auth.signed_in', { sessionId: ctx.session.id, ip: client.ip, method: 'totp_enrolment' }));
      }
      return { result: recoveryCodes, entries };
    });
    if (!outcome) {
      if (pending) await this.failed(ctx, client, 'auth.second_factor_failed', 'wrong');
      throw new MizanException(ErrorCode.InvalidSecondFactor, WRONG_CODE, [{ field: 'code', message: 'wrong' }]);
    }
    if (pending) await this.throttle.succeeded(ctx.user.email);
    return { recoveryCodes: outcome, session: this.sessions.info(ctx) };
  }

  /** The code step of sign-in: a TOTP code (each accepted once) or a recovery code (each usable once). */
  async verifySignIn(ctx: AuthenticatedRequestContext, code: string, client: SecondFactorClient): Promise<void> {
    if (ctx.session.stage !== 'second_factor') throw new MizanException(ErrorCode.Conflict, 'This session does not wait for a code');
    await this.throttle.before(ctx.user.email, client.ip);
    const outcome = await this.trail.record<CodeOutcome>(async (manager) => {
      const check = await this.checkCode(manager, ctx.user.id, code);
      if (!check.ok) return { result: check, entries: [] };
      await this.sessions.promote(manager, ctx.session);
      return { result: check, entries: this.successEntries(ctx, check, 'auth.signed_in', { sessionId: ctx.session.id, ip: client.ip }) };
    });
    if (!outcome.ok) {
      await this.failed(ctx, client, 'auth.second_factor_failed', outcome.reason);
      throw new MizanException(ErrorCode.InvalidSecondFactor, WRONG_CODE, [{ field: 'code', message: outcome.reason }]);
    }
    await this.throttle.succeeded(ctx.user.email);
  }

  /** Password again, and the second factor where set up: sensitive actions then go through for a few minutes. */
  async reauthenticate(ctx: AuthenticatedRequestContext, password: string, code: string | undefined, client: SecondFactorClient): Promise<ReauthResult> {
    // A missing code is refused before anything is checked: it takes no lock-out slot and says nothing of the password.
    const factor = await this.dataSource.getRepository(UserTwoFactor).findOneBy({ userId: ctx.user.id });
    if (factor?.confirmedAt && !code?.trim()) {
      throw new MizanException(ErrorCode.InvalidSecondFactor, 'Enter the code from your authenticator app, or a recovery code', [{ field: 'code', code: FieldErrorCode.Required, message: 'required' }]);
    }
    await this.throttle.before(ctx.user.email, client.ip);
    if (!(await verifyPassword(ctx.user.passwordHash, password))) {
      await this.failed(ctx, client, 'auth.reauth_failed', 'password');
      throw new MizanException(ErrorCode.InvalidCredentials, 'The password is not correct', [{ field: 'password', message: 'wrong' }]);
    }
    const now = new Date();
    const outcome = await this.trail.record<{ ok: true } | { ok: false; reason: 'wrong' | 'replayed' }>(async (manager) => {
      let method = 'password';
      let check: CodeOutcome | null = null;
      if (factor?.confirmedAt) {
        check = await this.checkCode(manager, ctx.user.id, code ?? '');
        if (!check.ok) return { result: check, entries: [] };
        method = `password+${check.method}`;
      }
      await this.sessions.markReauthenticated(manager, ctx.session, now);
      const entries = check?.ok
        ? this.successEntries(ctx, check, 'auth.reauthenticated', { sessionId: ctx.session.id, method })
        : [this.entry(ctx, 'auth.reauthenticated', { sessionId: ctx.session.id, method })];
      return { result: { ok: true }, entries };
    });
    if (!outcome.ok) {
      await this.failed(ctx, client, 'auth.reauth_failed', outcome.reason);
      throw new MizanException(ErrorCode.InvalidSecondFactor, WRONG_CODE, [{ field: 'code', message: outcome.reason }]);
    }
    await this.throttle.succeeded(ctx.user.email);
    return { reauthenticatedAt: now.toISOString(), validUntil: new Date(now.getTime() + REAUTH_WINDOW_SECONDS * 1000).toISOString() };
  }

  /** New recovery codes; the old ones stop working. */
  async regenerateRecoveryCodes(ctx: AuthenticatedRequestContext): Promise<RecoveryCodes> {
    const recoveryCodes = await this.trail.record(async (manager) => {
      const factor = await manager.getRepository(UserTwoFactor).findOne({ where: { userId: ctx.user.id }, lock: { mode: 'pessimistic_write' } });
      if (!factor?.confirmedAt) throw new MizanException(ErrorCode.Conflict, 'Two-factor sign-in is not set up');
      const codes = await this.replaceRecoveryCodes(manager, ctx.user.id);
      return { result: codes, entries: [this.entry(ctx, 'auth.recovery_codes_regenerated', { recoveryCodes: codes.length })] };
    });
    return { recoveryCodes };
  }

  async disable(ctx: AuthenticatedRequestContext): Promise<void> {
    if (twoFactorRequiredFor(ctx.user.roles(), ctx.agency.requiresTwoFactor)) {
      throw new MizanException(ErrorCode.Conflict, 'Your agency requires two-factor sign-in for your role, so it cannot be turned off');
    }
    await this.trail.record(async (manager) => {
      const removed = await this.removeFactor(manager, ctx.user.id);
      if (!removed) throw new MizanException(ErrorCode.Conflict, 'Two-factor sign-in is not set up');
      return { result: undefined, entries: [this.entry(ctx, 'auth.two_factor_disabled', { twoFactorEnabled: false }, { twoFactorEnabled: true })] };
    });
  }

  async agencySecurity(agencyId: string): Promise<AgencySecurity> {
    const agency = await this.dataSource.getRepository(Agency).findOneByOrFail({ id: agencyId });
    return { requiresTwoFactor: agency.requiresTwoFactor };
  }

  /** Sessions already open keep going; from their next sign-in staff without a factor must set one up first. */
  async setAgencySecurity(ctx: AuthenticatedRequestContext, requiresTwoFactor: boolean, reason: string): Promise<AgencySecurity> {
    return this.trail.record(async (manager) => {
      await manager.query('SELECT 1 FROM agency WHERE id = $1 FOR UPDATE', [ctx.agency.id]);
      const agency = await manager.getRepository(Agency).findOneByOrFail({ id: ctx.agency.id });
      const before = agency.requiresTwoFactor;
      await manager.update(Agency, { id: agency.id }, { requiresTwoFactor });
      return {
        result: { requiresTwoFactor },
        entries: [
          {
            actor: actorOf(ctx),
            agencyId: agency.id,
            action: 'agency.two_factor_requirement_changed',
            entityType: 'agency',
            entityId: agency.id,
            before: { requiresTwoFactor: before },
            after: { requiresTwoFactor },
            reason,
          },
        ],
      };
    });
  }

  /** For a user who lost their phone and codes: the factor goes, their sessions end, and they set it up again. */
  async resetUser(ctx: AuthenticatedRequestContext, userId: string, reason: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(userId)) throw MizanException.notFound('User');
    await this.trail.record(async (manager) => {
      const user = await manager.getRepository(User).findOneBy({ id: userId, agencyId: ctx.agency.id });
      if (!user) throw MizanException.notFound('User');
      const removed = await this.removeFactor(manager, userId);
      if (!removed) throw new MizanException(ErrorCode.Conflict, 'This user has no second factor to reset');
      await this.sessions.revokeAllOf(manager, userId);
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(ctx),
            agencyId: ctx.agency.id,
            action: 'user.two_factor_reset',
            entityType: 'user',
            entityId: userId,
            before: { twoFactorEnabled: true },
            after: { twoFactorEnabled: false },
            reason,
          },
        ],
      };
    });
  }

  /** Under the factor's row lock, so two requests with the same code cannot both pass. */
  private async checkCode(manager: EntityManager, userId: string, code: string): Promise<CodeOutcome> {
    const factor = await manager.getRepository(UserTwoFactor).findOne({ where: { userId }, lock: { mode: 'pessimistic_write' } });
    if (!factor?.confirmedAt) return { ok: false, reason: 'wrong' };
    if (looksLikeTotpCode(code)) {
      const secret = decryptTotpSecret(factor.secretCiphertext, this.config.sessionSecret);
      const check = checkTotp(secret, code, Date.now(), factor.lastUsedStep === null ? null : Number(factor.lastUsedStep));
      if (!check.ok) return check;
      await manager.update(UserTwoFactor, { userId }, { lastUsedStep: String(check.step) });
      return { ok: true, method: 'totp', recoveryCodesLeft: await this.codesLeft(manager, userId) };
    }
    const row = await manager.getRepository(UserRecoveryCode).findOneBy({ userId, codeHash: recoveryCodeHash(code, this.config.sessionSecret), usedAt: IsNull() });
    if (!row) return { ok: false, reason: 'wrong' };
    await manager.update(UserRecoveryCode, { id: row.id }, { usedAt: new Date() });
    return { ok: true, method: 'recovery_code', recoveryCodesLeft: await this.codesLeft(manager, userId) };
  }

  private successEntries(ctx: AuthenticatedRequestContext, check: CodeOutcome & { ok: true }, action: TrailEntry['action'], after: Record<string, unknown>): TrailEntry[] {
    const entries: TrailEntry[] = [];
    if (check.method === 'recovery_code') {
      entries.push(this.entry(ctx, 'auth.recovery_code_used', { recoveryCodesLeft: check.recoveryCodesLeft }));
    }
    entries.push(this.entry(ctx, action, { ...after, method: after['method'] ?? check.method }));
    return entries;
  }

  /** A wrong code counts towards the same lock-out as a wrong password; at the lock the session ends. */
  private async failed(ctx: AuthenticatedRequestContext, client: SecondFactorClient, action: TrailEntry['action'], reason: string): Promise<void> {
    const { locked } = await this.throttle.failed(ctx.user.email);
    await this.trail.record(async (manager) => {
      if (locked) await this.sessions.revoke(manager, ctx.session.id);
      return {
        result: undefined,
        entries: [
          {
            actor: { id: ctx.user.id, label: `${ctx.user.email} (${client.ip})` },
            agencyId: ctx.user.agencyId,
            action: locked ? 'auth.locked_out' : action,
            entityType: 'user',
            entityId: ctx.user.id,
            after: { sessionId: ctx.session.id, reason },
          },
        ],
      };
    });
  }

  private async replaceRecoveryCodes(manager: EntityManager, userId: string): Promise<string[]> {
    await manager.delete(UserRecoveryCode, { userId });
    const codes = newRecoveryCodes(RECOVERY_CODE_COUNT);
    await manager.insert(
      UserRecoveryCode,
      codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code, this.config.sessionSecret), usedAt: null })),
    );
    return codes;
  }

  private async removeFactor(manager: EntityManager, userId: string): Promise<boolean> {
    const factor = await manager.getRepository(UserTwoFactor).findOne({ where: { userId }, lock: { mode: 'pessimistic_write' } });
    await manager.delete(UserRecoveryCode, { userId });
    if (!factor) return false;
    await manager.delete(UserTwoFactor, { userId });
    return !!factor.confirmedAt;
  }

  private async codesLeft(manager: EntityManager, userId: string): Promise<number> {
    return manager.getRepository(UserRecoveryCode).countBy({ userId, usedAt: IsNull() });
  }

  private entry(ctx: AuthenticatedRequestContext, action: TrailEntry['action'], after: Record<string, unknown>, before?: Record<string, unknown>): TrailEntry {
    return { actor: actorOf(ctx), agencyId: ctx.user.agencyId, action, entityType: 'user', entityId: ctx.user.id, ...(before ? { before } : {}), after };
  }
}
