import IORedis, { Redis, RedisOptions } from 'ioredis';

/** ioredis options BullMQ needs for its blocking connections. */
export function redisConnection(url: string, extra: RedisOptions = {}): Redis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: true, ...extra });
}

export class RedisUnavailableError extends Error {}

/**
 * Fails fast with one clear line when Redis does not answer, instead of the
 * endless reconnect loop ioredis would otherwise log.
 */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  const probe = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const where = url.replace(/\/\/[^@]*@/, '//***@');
    throw new RedisUnavailableError(
      `Redis is not reachable at ${where} (${(error as Error).message}). Mizan needs Redis for its background jobs: start it, e.g. "redis-server --daemonize yes --port 6379", or set REDIS_URL.`,
    );
  } finally {
    probe.disconnect();
  }
}

/** The shared ioredis connection (BullMQ queues, sign-in throttling). */
export const REDIS = Symbol('REDIS');
