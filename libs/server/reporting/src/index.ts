export * from './lib/entities/reporting.entities';
export * from './lib/reports/report-rules';
export * from './lib/reports/reports.service';
export * from './lib/reports/reports.module';
export * from './lib/reports/report-workbook';
