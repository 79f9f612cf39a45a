export * from './lib/entities/reporting.entities';
export * from './lib/files/report-files.module';
export * from './lib/files/report-files.service';
export * from './lib/files/tus-uploads';
export * from './lib/files/upload-metadata';
export * from './lib/verification/verification.service';
export * from './lib/verification/refunds.service';
export * from './lib/verification/verification.module';
export * from './lib/reports/report-rules';
export * from './lib/reports/reports.service';
export * from './lib/reports/reports.module';
export * from './lib/reports/report-workbook';
export * from './lib/reports/report-reminders.service';
export * from './lib/reports/report-reminders.module';
export * from './lib/monitoring/monitoring.service';
export * from './lib/monitoring/monitoring.module';
export * from './lib/monitoring/photo-metadata';
/** Test fixture (a tiny JPEG with EXIF time and GPS), for specs of visit and evidence uploads. */
export { jpegWithExif } from './lib/monitoring/exif-fixture';
