import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { ErrorCode } from '@mizan/contracts';
import { MIZAN_CONFIG, MizanConfig, MizanException, REDIS } from '@mizan/server/core';

const IP_WINDOW_SECONDS = 600;

/**
 * Slows down password guessing: after SIGN_IN_MAX_FAILURES wrong passwords for
 * one email address the address is locked for SIGN_IN_LOCKOUT_SECONDS, whether
 * or not an account exists (so the lock tells nothing); each failure before
 * that waits a little longer; and one client address may try only so often.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(MIZAN_CONFIG) private readonly config: MizanConfig,
  ) {}

  private key(kind: string, value: string): string {
    return `${this.config.queuePrefix}:signin:${kind}:${createHash('sha256').update(value).digest('hex').slice(0, 32)}`;
  }

  async before(email: string, ip: string): Promise<void> {
    const lockTtl = await this.redis.ttl(this.key('lock', email));
    if (lockTtl > 0) {
      throw new MizanException(ErrorCode.TooManyAttempts, `Too many failed sign-ins. Try again in ${lockTtl} seconds.`, undefined, lockTtl);
    }
    const ipKey = this.key('ip', ip);
    const attempts = await this.redis.incr(ipKey);
    if (attempts === 1) await this.redis.expire(ipKey, IP_WINDOW_SECONDS);
    if (attempts > this.config.signInIpMaxAttempts) {
      const ttl = Math.max(1, await this.redis.ttl(ipKey));
      throw new MizanException(ErrorCode.TooManyAttempts, `Too many sign-in attempts from this address. Try again in ${ttl} seconds.`, undefined, ttl);
    }
  }

  /** Records a failure; returns true when this failure locked the address. */
  async failed(email: string): Promise<{ locked: boolean; failures: number }> {
    const failKey = this.key('fail', email);
    const failures = await this.redis.incr(failKey);
    if (failures === 1) await this.redis.expire(failKey, this.config.signInLockoutSeconds);
    if (failures >= this.config.signInMaxFailures) {
      await this.redis.set(this.key('lock', email), '1', 'EX', this.config.signInLockoutSeconds);
      await this.redis.del(failKey);
      return { locked: true, failures };
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 150 * failures)));
    return { locked: false, failures };
  }

  async succeeded(email: string): Promise<void> {
    await this.redis.del(this.key('fail', email));
  }
}
