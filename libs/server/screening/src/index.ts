export * from './lib/lists/un-list-parser';
export * from './lib/matches/screening-gate';
export * from './lib/matches/screening-matches.service';
export * from './lib/matches/screening-matches.module';
