module.exports = {
  displayName: 'server-intake',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: require('../../../jest.swc.cjs').transform,
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/server/intake',
  passWithNoTests: true,
};
