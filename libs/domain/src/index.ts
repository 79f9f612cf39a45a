export * from './lib/trail/canonical-json';
export * from './lib/trail/hash-chain';
