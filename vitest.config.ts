import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every server test runs real HTTP + WebSocket servers on loopback with a
    // SQLite file of its own; two cores, so two workers.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    setupFiles: ['tests/support/fail-on-console-error.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit-and-server',
          globalSetup: ['tests/support/template-database.ts'],
          include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
          exclude: ['tests/browser/**', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          exclude: ['tests/browser/sync-checker.test.ts'],
          // Builds the SPA once per run, and only when a browser test is selected.
          globalSetup: ['tests/support/template-database.ts', 'tests/browser/support/build-spa.ts'],
          testTimeout: 45_000,
        },
      },
      {
        extends: true,
        test: {
          // The randomized sync checker, on its own: with six tabs and a server restarted under it, it would
          // slow the other browser tests past their bounds, and they its own. `npm test` runs it after them.
          name: 'sync-check',
          include: ['tests/browser/sync-checker.test.ts'],
          globalSetup: ['tests/support/template-database.ts', 'tests/browser/support/build-spa.ts'],
          testTimeout: 45_000,
        },
      },
    ],
  },
});
