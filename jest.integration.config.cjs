// Integration specs: *.integration-spec.ts anywhere in apps/, libs/ and tools/, against
// the real PostgreSQL and Redis. Each spec file makes its own database and
// queue prefix (libs/server/testing), so files may run in parallel. Their databases are copies of one
// template migrated once per run (tools/test/integration-setup.mjs and integration-teardown.mjs).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');
const { transform } = require('./jest.swc.cjs');

module.exports = {
  displayName: 'integration',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.integration-spec.ts'],
  // The tus server packages (and srvx, which they use) ship only as ES modules: compiled to CommonJS like our own code.
  transform: { ...transform, '^.+/node_modules/(@tus|srvx)/.+\\.m?js$': transform['^.+\\.[tj]s$'] },
  transformIgnorePatterns: ['/node_modules/(?!(@tus|srvx)/)'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  // Builds and test output, which npm test writes while these specs run (tools/test/run-all.mjs).
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/tmp/'],
  globalSetup: '<rootDir>/tools/test/integration-setup.mjs',
  globalTeardown: '<rootDir>/tools/test/integration-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
};
