import nx from '@nx/eslint-plugin';

const SERVER_ONLY_PACKAGES = ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'pdfkit', 'pg', 'argon2', 'fastify', '@fastify/*', 'class-validator', 'class-transformer'];

const TEST_FUNCTIONS = '/^(describe|it|test|suite|context|bench)$/';
const FOCUS_OR_SKIP = '/^(only|skip|fixme)$/';
const FOCUS_OR_SKIP_MESSAGE = 'No focused or skipped tests (.only, .skip, .fixme, xit, fit …): a skipped test passes silently, a focused one hides the others.';

/**
 * `.only` / `.skip` in jest and Playwright specs, by syntax (eslint-plugin-jest
 * is not installed). Only members of the test functions are matched, so
 * TypeORM's `query.skip(n)` stays allowed.
 */
const NO_FOCUSED_OR_SKIPPED_TESTS = [
  // describe.only, it.skip, test.only, it.skip.each, test.fixme …
  { selector: `MemberExpression[object.name=${TEST_FUNCTIONS}][property.name=${FOCUS_OR_SKIP}]`, message: FOCUS_OR_SKIP_MESSAGE },
  // test.describe.only, test.describe.skip, describe.each.only …
  {
    selector: `MemberExpression[object.type='MemberExpression'][object.object.name=${TEST_FUNCTIONS}][property.name=${FOCUS_OR_SKIP}]`,
    message: FOCUS_OR_SKIP_MESSAGE,
  },
  // test.describe.parallel.only, test.describe.serial.skip …
  {
    selector: `MemberExpression[object.type='MemberExpression'][object.object.type='MemberExpression'][object.object.object.name=${TEST_FUNCTIONS}][property.name=${FOCUS_OR_SKIP}]`,
    message: FOCUS_OR_SKIP_MESSAGE,
  },
  // xit(), xdescribe(), xtest(), fit(), fdescribe(), and their .each
  { selector: "CallExpression[callee.name=/^(xit|xdescribe|xtest|fit|fdescribe|ftest)$/]", message: FOCUS_OR_SKIP_MESSAGE },
  { selector: "MemberExpression[object.name=/^(xit|xdescribe|xtest|fit|fdescribe|ftest)$/]", message: FOCUS_OR_SKIP_MESSAGE },
];

/** Module boundaries (docs/ARCHITECTURE.md): each scope may depend on what is listed, nothing else. `testOnly`: packages specs may add. */
const moduleBoundaries = (testOnly = []) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
    depConstraints: [
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
      { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'], bannedExternalImports: SERVER_ONLY_PACKAGES },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], allowedExternalImports: ['tslib', 'fastest-levenshtein', ...testOnly] },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'], allowedExternalImports: ['tslib', ...testOnly] },
      // The api never renders PDFs: that is the worker's job.
      { sourceTag: 'runtime:api', notDependOnLibsWithTags: ['type:pdf'] },
      { sourceTag: 'type:app', notDependOnLibsWithTags: ['type:app'] },
    ],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', 'tmp', 'var', '.nx', '.angular'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(),
    },
  },
  {
    // Property tests of the pure libraries use fast-check; the libraries themselves still may not.
    files: ['**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(['fast-check']),
    },
  },
  {
    // A library's spec helpers (`src/testing.ts`, e.g. `@mizan/contracts/testing`), which only specs import: they may use what specs use.
    files: ['**/src/testing.ts', '**/src/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(['fast-check', '@formatjs/icu-messageformat-parser']),
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
    rules: {
      'no-restricted-syntax': ['error', ...NO_FOCUSED_OR_SKIPPED_TESTS],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
];
