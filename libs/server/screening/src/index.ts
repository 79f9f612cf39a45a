export * from './lib/lists/un-list-parser';
