export * from './idempotency.service';
export * from './idempotency.module';
