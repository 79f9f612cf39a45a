export * from './lib/server-intake';
