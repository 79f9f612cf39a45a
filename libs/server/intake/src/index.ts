export * from './lib/entities/program.entity';
export * from './lib/entities/grant-call.entity';
export * from './lib/entities/organization.entity';
export * from './lib/entities/application.entity';
export * from './lib/access/intake-access.service';
export * from './lib/access/intake-access.module';
