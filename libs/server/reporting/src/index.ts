export * from './lib/entities/reporting.entities';
export * from './lib/red-flags/red-flag-runs.service';
export * from './lib/red-flags/red-flag-evaluator';
export * from './lib/red-flags/red-flag-facts';
export * from './lib/red-flags/red-flags.service';
export * from './lib/red-flags/red-flags.module';
