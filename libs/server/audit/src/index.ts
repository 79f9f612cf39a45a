export * from './lib/audit-access';
export * from './lib/audit-access.module';
export * from './lib/engagements/engagements.service';
export * from './lib/engagements/assurance.service';
export * from './lib/engagements/engagements.module';
