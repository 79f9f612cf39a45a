import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { ApiPaths } from '@mizan/contracts';
import { REDIS } from '@mizan/server/core';
import { Public } from '@mizan/server/identity';
import { healthInstanceId } from './instance-id';

@ApiTags('health')
@Controller()
export class HealthController {
  /** Lets a launcher tell this process from another server on the same port (see instance-id.ts). */
  private readonly instance = healthInstanceId();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Public()
  @ApiOperation({ summary: 'Check the api, its database and Redis' })
  @Get(ApiPaths.health)
  async health(): Promise<{ status: 'ok'; database: 'ok'; redis: 'ok'; instance: string }> {
    await this.dataSource.query('SELECT 1');
    await this.redis.ping();
    return { status: 'ok', database: 'ok', redis: 'ok', instance: this.instance };
  }
}
