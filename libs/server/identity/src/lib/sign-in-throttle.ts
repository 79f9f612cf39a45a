import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { ErrorCode } from '@mizan/contracts';
import { MIZAN_CONFIG, MizanConfig, MizanException, REDIS } from '@mizan/server/core';

const IP_WINDOW_SECONDS = 600;

/**
 * Reserves one password check, atomically (a Lua script runs alone in Redis).
 * KEYS: 1 lock of the address, 2 attempts of the address (hash: reserved, failed), 3 attempts of the client address.
 * ARGV: 1 max reserved checks per window, 2 lock-out / window seconds, 3 max attempts per client address, 4 its window.
 * Returns [verdict, seconds]: 'ok' with the reservation's number, or 'locked' | 'busy' | 'ip' with the seconds to wait.
 *
 * `reserved` counts checks in flight plus checks that failed, so however many
 * requests arrive at once, no more than ARGV[1] passwords are ever compared per
 * window. INCR and EXPIRE of a counter happen in the same script, so a crash in
 * between cannot leave a key that never expires.
 */
const RESERVE = `
local lockTtl = redis.call('TTL', KEYS[1])
if lockTtl > 0 then return {'locked', lockTtl} end
local fromIp = redis.call('INCR', KEYS[3])
if fromIp == 1 or redis.call('TTL', KEYS[3]) < 0 then redis.call('EXPIRE', KEYS[3], ARGV[4]) end
if fromIp > tonumber(ARGV[3]) then return {'ip', redis.call('TTL', KEYS[3])} end
local reserved = tonumber(redis.call('HGET', KEYS[2], 'reserved') or '0')
if reserved >= tonumber(ARGV[1]) then return {'busy', redis.call('TTL', KEYS[2])} end
redis.call('HINCRBY', KEYS[2], 'reserved', 1)
if redis.call('TTL', KEYS[2]) < 0 then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
return {'ok', reserved + 1}
`;

/**
 * Turns a reservation into a failure; the failure that reaches the limit sets
 * the lock and clears the attempts (none can be in flight then: failed ≤ reserved ≤ limit).
 * KEYS: 1 lock, 2 attempts. ARGV: 1 max failures, 2 lock-out seconds. Returns [locked 0|1, failures].
 */
const FAIL = `
local failed = redis.call('HINCRBY', KEYS[2], 'failed', 1)
if redis.call('TTL', KEYS[2]) < 0 then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
if failed >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'EX', ARGV[2])
  redis.call('DEL', KEYS[2])
  return {1, failed}
end
return {0, failed}
`;

/**
 * Gives back a reservation whose check passed without ending the sign-in (the
 * right password of an account that still owes its second factor): the check
 * is no longer in flight, and earlier failures stay counted. KEYS: 1 attempts.
 */
const RELEASE = `
local reserved = redis.call('HINCRBY', KEYS[1], 'reserved', -1)
local failed = tonumber(redis.call('HGET', KEYS[1], 'failed') or '0')
if reserved < failed then redis.call('HSET', KEYS[1], 'reserved', failed) end
return reserved
`;

/**
 * Slows down password guessing: after SIGN_IN_MAX_FAILURES wrong passwords for
 * one email address the address is locked for SIGN_IN_LOCKOUT_SECONDS, whether
 * or not an account exists (so the lock tells nothing); each failure before
 * that waits a little longer; and one client address may try only so often.
 *
 * The limit holds under concurrency: `before` reserves the password check in
 * Redis before the password is looked at, so a burst of guesses sent at once
 * gets at most SIGN_IN_MAX_FAILURES checks and 429 for the rest. A reservation
 * whose check never ends (a crash) counts as a failure until the window ends:
 * the limit errs on the side of the account.
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

  /** Reserves one password check for this address, or throws 429 with the seconds to wait. */
  async before(email: string, ip: string): Promise<void> {
    const [verdict, value] = (await this.redis.eval(
      RESERVE,
      3,
      this.key('lock', email),
      this.key('attempts', email),
      this.key('ip', ip),
      this.config.signInMaxFailures,
      this.config.signInLockoutSeconds,
      this.config.signInIpMaxAttempts,
      IP_WINDOW_SECONDS,
    )) as [string, number];
    if (verdict === 'ok') return;
    const seconds = Math.max(1, value);
    if (verdict === 'ip') {
      throw new MizanException(ErrorCode.TooManyAttempts, `Too many sign-in attempts from this address. Try again in ${seconds} seconds.`, undefined, seconds);
    }
    // 'locked' and 'busy' (the last checks allowed are still running) answer alike: the caller cannot tell them apart.
    throw new MizanException(ErrorCode.TooManyAttempts, `Too many failed sign-ins. Try again in ${seconds} seconds.`, undefined, seconds);
  }

  /** Records a failure of a reserved check; `locked` when this failure locked the address. */
  async failed(email: string): Promise<{ locked: boolean; failures: number }> {
    const [locked, failures] = (await this.redis.eval(
      FAIL,
      2,
      this.key('lock', email),
      this.key('attempts', email),
      this.config.signInMaxFailures,
      this.config.signInLockoutSeconds,
    )) as [number, number];
    if (locked === 1) return { locked: true, failures };
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 150 * failures)));
    return { locked: false, failures };
  }

  /** A reserved check passed, but the sign-in is not complete yet: free the reservation, keep the failures. */
  async released(email: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key('attempts', email));
  }

  /** The right password: earlier failures and reservations of this address are forgotten. */
  async succeeded(email: string): Promise<void> {
    await this.redis.del(this.key('attempts', email));
  }
}
