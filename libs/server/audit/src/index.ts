export * from './lib/audit-access';
export * from './lib/audit-access.module';
export * from './lib/findings/findings.service';
export * from './lib/findings/findings.module';
