export * from './lib/entities/reporting.entities';
export * from './lib/verification/verification.service';
export * from './lib/verification/refunds.service';
export * from './lib/verification/verification.module';
