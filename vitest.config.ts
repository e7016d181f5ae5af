import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/no-network.ts'],
    testTimeout: 20_000,
    // Storage suites share the real Redis and PostgreSQL servers; each uses its own key prefix/table.
    pool: 'forks',
  },
});
