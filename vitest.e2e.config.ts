import { defineConfig } from 'vitest/config';

// Browser tests: headless Debian Chromium driven by playwright-core against the real server.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
