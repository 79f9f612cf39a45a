export * from './lib/entities/reporting.entities';
export * from './lib/monitoring/monitoring.service';
export * from './lib/monitoring/monitoring.module';
export * from './lib/monitoring/photo-metadata';
/** Test fixture (a tiny JPEG with EXIF time and GPS), for specs of visit and evidence uploads. */
export { jpegWithExif } from './lib/monitoring/exif-fixture';
