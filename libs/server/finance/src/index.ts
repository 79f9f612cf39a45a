export * from './lib/entities';
export * from './lib/ledger/ledger.service';
export * from './lib/ledger/ledger.module';
export * from './lib/idempotency';
