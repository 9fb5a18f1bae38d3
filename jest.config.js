/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking is `npm run typecheck`'s job; here each file is only transpiled, which keeps
    // decorator metadata (type-graphql needs it) and takes seconds instead of minutes.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // A guard against a hung test, not a speed check (speed is the benchmarks' business): the
  // child-process job tests must pass on a loaded 2-core machine too.
  testTimeout: 120000,
};
