export * from './lib/roles';
export * from './lib/permissions';
export * from './lib/errors';
export * from './lib/api-paths';
export * from './lib/identity';
export * from './lib/trail';
export * from './lib/intake';
