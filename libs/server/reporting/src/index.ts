export * from './lib/entities/reporting.entities';
export * from './lib/files/report-files.module';
export * from './lib/files/report-files.service';
export * from './lib/files/tus-uploads';
export * from './lib/files/upload-metadata';
