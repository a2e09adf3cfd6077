import preset from '../../jest.preset.js';

export default {
  ...preset,
  displayName: 'platform-e2e',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts', '<rootDir>/src/**/*.spec.ts'],
  // Each suite boots five processes; give them room, and never run two suites' platforms at once.
  testTimeout: 60_000,
  maxWorkers: 1,
};
