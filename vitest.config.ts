import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Crawler and browser tests start real processes and a real browser.
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
