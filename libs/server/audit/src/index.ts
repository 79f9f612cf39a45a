export * from './lib/audit-access';
export * from './lib/audit-access.module';
export * from './lib/sampling/sampling.service';
export * from './lib/sampling/sampling.module';
export * from './lib/sampling/working-papers-workbook';
