export * from './lib/job-names';
export * from './lib/job-producer.service';
export * from './lib/jobs.module';
