import { Global, Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';

/** Global: `@Idempotent()` mounts its interceptor on routes of many api modules, which all need the service. */
@Global()
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
