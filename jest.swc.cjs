// One SWC transform for every server-side jest project: fast, and with the
// decorator metadata NestJS and TypeORM need.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = { transform: { '^.+\\.[tj]s$': ['@swc/jest', swc] } };
