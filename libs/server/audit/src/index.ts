export * from './lib/audit-access';
export * from './lib/audit-access.module';
export * from './lib/engagements/engagements.service';
export * from './lib/engagements/assurance.service';
export * from './lib/engagements/engagements.module';
export * from './lib/findings/findings.service';
export * from './lib/findings/findings.module';
