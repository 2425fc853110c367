/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The fixture app's own tests run inside its install (test/user-paths), not here.
  testPathIgnorePatterns: ['/node_modules/', '/test/user-paths/fixture-app/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testTimeout: 60000,
  // Construct tests: every synthesized stack also goes through terraform validate (test/support/terraform-check.ts).
  // Rebuild when sources changed since the last build; one temporary root per run, removed after.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/terraform-check.ts'],
  // e2e suites start real servers and terraform: keep them from starving each other on 2 cores.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
