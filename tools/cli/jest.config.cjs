// Unit specs of the command-line tools' pure modules (the demo's data): run with the other unit projects
// (jest.config.ts lists this one) or alone: npx jest -c tools/cli/jest.config.cjs
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../../tsconfig.base.json');
const { transform } = require('../../jest.swc.cjs');

module.exports = {
  displayName: 'tools-cli',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform,
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, {
    prefix: '<rootDir>/../../',
  }),
};
