export * from './lib/test-environment';
export * from './lib/seed';
export * from './lib/test-smtp';
export * from './lib/grant-fixtures';
