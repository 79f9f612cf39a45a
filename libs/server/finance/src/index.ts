export * from './lib/entities';
export * from './lib/ledger/ledger.service';
export * from './lib/ledger/ledger.module';
export * from './lib/idempotency';
export * from './lib/ledger/ledger-read.service';
export * from './lib/ledger/ledger-read.module';
export * from './lib/ledger/ledger-workbook';
