export * from './lib/audit-access';
export * from './lib/audit-access.module';
export * from './lib/reconciliation/reconciliation.service';
export * from './lib/reports/report-snapshot';
export * from './lib/reports/audit-reports.service';
export * from './lib/reports/audit-reports.module';
