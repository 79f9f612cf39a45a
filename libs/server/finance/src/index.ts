export * from './lib/entities';
export * from './lib/ledger/ledger.service';
export * from './lib/ledger/ledger.module';
export * from './lib/grants/grants.module';
export * from './lib/grants/grants.service';
export * from './lib/grants/grant-reads';
export * from './lib/grants/grant-agreements.service';
export { CAPACITY_QUESTION_IDS, agencyPolicy } from './lib/grants/grant-rules';
