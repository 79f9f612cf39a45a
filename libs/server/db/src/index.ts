export * from './lib/naming.strategy';
export * from './lib/data-source';
export * from './lib/database-roles';
export { revokeFromRuntime, runtimeRole } from './lib/migrations/runtime-role';
export { backfillOpenTasks } from './lib/migrations/1765420000000-open-tasks';
