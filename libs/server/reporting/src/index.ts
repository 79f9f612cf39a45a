export * from './lib/entities/reporting.entities';
export * from './lib/reports/report-rules';
export * from './lib/reports/reports.service';
export * from './lib/reports/reports.module';
export * from './lib/reports/report-workbook';
export * from './lib/reports/report-reminders.service';
export * from './lib/reports/report-reminders.module';
