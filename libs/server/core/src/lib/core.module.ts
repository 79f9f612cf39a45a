import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { MIZAN_CONFIG, MizanConfig } from './config';
import { REDIS, redisConnection } from './redis';

/** Configuration and the Redis connection, available to every module. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  static forRoot(config: MizanConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: MIZAN_CONFIG, useValue: config },
        {
          provide: REDIS,
          useFactory: () => {
            const redis = redisConnection(config.redisUrl);
            // ioredis reconnects by itself; without a listener each failure is printed as an "unhandled error event".
            redis.on('error', (error: Error) => new Logger('Redis').error(error.message));
            return redis;
          },
        },
      ],
      exports: [MIZAN_CONFIG, REDIS],
    };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
