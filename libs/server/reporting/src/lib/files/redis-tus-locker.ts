import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/server';

/** A lock lives this long unless its holder renews it (every third of it): a process that dies frees its uploads soon. */
const LOCK_TTL_MS = 15_000;
/** How long a request waits for an upload's lock before giving up (@tus/server's MemoryLocker waits as long). */
const ACQUIRE_TIMEOUT_MS = 30_000;
const RETRY_MS = 50;

/** Deletes the lock only if it is still ours (compare and delete in one step). */
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/** Extends the lock only if it is still ours. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/**
 * tus upload locks in Redis, so every api process sees them (@tus/server's own
 * MemoryLocker knows only its process). A request that wants an upload another
 * request holds — in this process or another — publishes a release request; the
 * holder's process tells its request to finish (tus's `cancel`: stop reading,
 * keep what arrived, unlock), and the waiter takes the lock. So a client that
 * resumes through another api process after a stalled connection is never
 * written concurrently with the stalled one.
 */
export class RedisTusLocker implements Locker {
  /** Release callbacks of the locks this process holds, by upload id. */
  readonly held = new Map<string, RequestRelease>();
  private readonly subscriber: Redis;
  private readonly channel: string;

  constructor(
    readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.channel = `${prefix}:tus:release`;
    this.subscriber = redis.duplicate();
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, id: string) => void this.held.get(id)?.());
    void this.subscriber.subscribe(this.channel).catch(() => undefined);
  }

  key(id: string): string {
    return `${this.prefix}:tus:lock:${id}`;
  }

  newLock(id: string): Lock {
    return new RedisTusLock(this, id);
  }

  async askRelease(id: string): Promise<void> {
    await this.redis.publish(this.channel, id);
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}

class RedisTusLock implements Lock {
  private readonly token = randomUUID();
  private renewal: NodeJS.Timeout | undefined;

  constructor(
    private readonly locker: RedisTusLocker,
    private readonly id: string,
  ) {}

  private get redis(): Redis {
    return this.locker.redis;
  }

  async lock(stopSignal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const key = this.locker.key(this.id);
    const deadline = Date.now() + ACQUIRE_TIMEOUT_MS;
    for (let attempt = 0; ; attempt++) {
      if (stopSignal.aborted) throw ERRORS.ERR_LOCK_TIMEOUT;
      const taken = await this.redis.set(key, this.token, 'PX', LOCK_TTL_MS, 'NX');
      if (taken === 'OK') break;
      // Asked at once, and again every second (a holder that took the lock meanwhile hears it too).
      if (attempt % 20 === 0) await this.locker.askRelease(this.id);
      if (Date.now() > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    this.locker.held.set(this.id, requestRelease);
    this.renewal = setInterval(() => void this.redis.eval(RENEW, 1, key, this.token, LOCK_TTL_MS).catch(() => undefined), LOCK_TTL_MS / 3);
    this.renewal.unref();
  }

  async unlock(): Promise<void> {
    clearInterval(this.renewal);
    this.locker.held.delete(this.id);
    await this.redis.eval(UNLOCK, 1, this.locker.key(this.id), this.token);
  }
}
