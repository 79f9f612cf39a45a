export * from './lib/audit-access';
export * from './lib/audit-access.module';
