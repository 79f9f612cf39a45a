export * from './lib/lists/un-list-parser';
export * from './lib/lists/un-list-schema';
export * from './lib/lists/sanctions-import';
export * from './lib/lists/sanctions-lists.service';
export * from './lib/lists/sanctions-lists.module';
export * from './lib/matches/screening-gate';
export * from './lib/matches/screening-matches.service';
export * from './lib/matches/screening-matches.module';
