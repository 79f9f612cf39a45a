module.exports = {
  displayName: 'server-screening',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: require('../../../jest.swc.cjs').transform,
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/server/screening',
  passWithNoTests: true,
};
