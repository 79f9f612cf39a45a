export * from './lib/lists/un-list-parser';
export * from './lib/engine/screening-index.cache';
export * from './lib/engine/screening-thresholds';
export * from './lib/engine/party-screening.service';
export * from './lib/engine/screening-runs.service';
export * from './lib/engine/screening-settings.service';
export * from './lib/engine/screening-checks.service';
export * from './lib/engine/screening-engine.module';
