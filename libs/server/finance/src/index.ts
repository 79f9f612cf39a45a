export * from './lib/entities';
export * from './lib/ledger/ledger.service';
export * from './lib/ledger/ledger.module';
export * from './lib/grants/grants.module';
export * from './lib/grants/grants.service';
export * from './lib/grants/grant-reads';
export * from './lib/grants/grant-agreements.service';
export { CAPACITY_QUESTIONS, DEFAULT_RISK_POLICY, MONITORING_LEVELS, mergePolicy, type RiskPolicy, type RiskPolicyEntry } from './lib/grants/grant-rules';
