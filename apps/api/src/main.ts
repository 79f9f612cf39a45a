import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, assertRedisReachable, loadConfig, logLevelsFrom } from '@mizan/server/core';
import { RedisUnavailableError } from '@mizan/server/core';
import { DataSource } from 'typeorm';
import { privilegedRoleWarning } from '@mizan/server/db';
import { createApiApp } from './app/create-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  Logger.overrideLogger(logLevelsFrom(process.env['LOG_LEVEL']));
  await assertRedisReachable(config.redisUrl);
  const app = await createApiApp(config);
  const dataSource = app.get(DataSource);
  const roleWarning = await privilegedRoleWarning((sql) => dataSource.query(sql));
  if (roleWarning) Logger.warn(roleWarning, 'Database');
  try {
    await app.listen(config.apiPort, config.apiHost);
  } catch (error: unknown) {
    // Say plainly that the port is taken: whoever started us must not mistake the
    // server already listening there for this api.
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      console.error(`mizan api: cannot listen on ${config.apiHost}:${config.apiPort} (${code}): ${code === 'EADDRINUSE' ? 'another process uses this port; set API_PORT to a free one' : 'not allowed to use this port'}`);
      await app.close().catch(() => undefined);
      process.exit(1);
    }
    throw error;
  }
  // The bound port, not the configured one: API_PORT=0 lets the system pick (the process-level specs do).
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : config.apiPort;
  Logger.log(`Mizan api listening on http://${config.apiHost}:${port}/api/v1 (docs: /api/docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof RedisUnavailableError) {
    console.error(`mizan api: ${error.message}`);
  } else {
    console.error('mizan api: failed to start:', error);
  }
  process.exit(1);
});
