export * from './lib/naming.strategy';
export * from './lib/data-source';
