export * from './lib/entities';
export * from './lib/idempotency';
