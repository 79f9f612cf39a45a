export * from './lib/test-environment';
export * from './lib/seed';
export * from './lib/test-smtp';
