import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, RedisUnavailableError, assertRedisReachable, loadConfig, logLevelsFrom } from '@mizan/server/core';
import { DataSource } from 'typeorm';
import { privilegedRoleWarning } from '@mizan/server/db';
import { TrailKeyError } from '@mizan/server/trail';
import { WorkerModule } from './app/worker.module';

/** The worker: a Nest application context (no HTTP) that consumes the BullMQ queues. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  Logger.overrideLogger(logLevelsFrom(process.env['LOG_LEVEL']));
  await assertRedisReachable(config.redisUrl);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config));
  app.enableShutdownHooks();
  const dataSource = app.get(DataSource);
  const roleWarning = await privilegedRoleWarning((sql) => dataSource.query(sql));
  if (roleWarning) Logger.warn(roleWarning, 'Database');
  Logger.log('Mizan worker started', 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof RedisUnavailableError || error instanceof TrailKeyError) {
    console.error(`mizan worker: ${error.message}`);
  } else {
    console.error('mizan worker: failed to start:', error);
  }
  process.exit(1);
});
