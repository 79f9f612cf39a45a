module.exports = {
  displayName: 'server-finance',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: require('../../../jest.swc.cjs').transform,
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/server/finance',
  passWithNoTests: true,
};
