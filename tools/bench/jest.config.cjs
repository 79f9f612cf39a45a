// Unit specs of the benchmark harness's pure parts (tools/bench/bench-kit.ts): run with the other unit projects
// (jest.config.ts lists this one) or alone: npx jest -c tools/bench/jest.config.cjs
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../../tsconfig.base.json');
const { transform } = require('../../jest.swc.cjs');

module.exports = {
  displayName: 'tools-bench',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform,
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, {
    prefix: '<rootDir>/../../',
  }),
};
