export * from './lib/test-environment';
export * from './lib/seed';
