export * from './lib/directory.service';
export * from './lib/directory.module';
