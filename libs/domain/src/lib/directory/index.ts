export * from './matching';
export * from './aggregation';
export * from './org-matching';
export * from './search-text';
export * from './taxonomy';
