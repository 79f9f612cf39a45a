export * from './lib/entities/reporting.entities';
