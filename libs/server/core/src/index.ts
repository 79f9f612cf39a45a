export * from './lib/config';
export * from './lib/mizan.exception';
export * from './lib/error.filter';
export * from './lib/validation';
export * from './lib/redis';
export * from './lib/core.module';
