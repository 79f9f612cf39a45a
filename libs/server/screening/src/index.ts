export * from './lib/lists/un-list-parser';
export * from './lib/matching-evaluation';
