/** Unit tests (core/, *.test.ts) and integration tests (test/, *.int.test.ts, *.e2e.test.ts) share one config. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/core', '<rootDir>/test', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/cli'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    }],
  },
  testTimeout: 60000,
  setupFiles: ['reflect-metadata'],
};
