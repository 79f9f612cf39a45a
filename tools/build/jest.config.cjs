// Unit specs of the build steps (tools/build: index.html's sign-in shell): run with the other unit projects
// (jest.config.ts lists this one) or alone: npx jest -c tools/build/jest.config.cjs
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../../tsconfig.base.json');
const { transform } = require('../../jest.swc.cjs');

module.exports = {
  displayName: 'tools-build',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform,
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, {
    prefix: '<rootDir>/../../',
  }),
};
