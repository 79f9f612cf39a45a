// Unit specs of the data generator's pure modules (tools/mizan generate): run with the other unit projects
// (jest.config.ts lists this one) or alone: npx jest -c tools/generate/jest.config.cjs
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../../tsconfig.base.json');
const { transform } = require('../../jest.swc.cjs');

module.exports = {
  displayName: 'tools-generate',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform,
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, {
    prefix: '<rootDir>/../../',
  }),
};
