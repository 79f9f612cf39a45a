module.exports = {
  displayName: 'server-reporting',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: require('../../../jest.swc.cjs').transform,
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/server/reporting',
  passWithNoTests: true,
};
