export * from './lib/activity-record.entity';
export * from './lib/trail-export.entity';
export * from './lib/sha256';
export * from './lib/trail.service';
export * from './lib/trail-export.service';
export * from './lib/trail.module';
