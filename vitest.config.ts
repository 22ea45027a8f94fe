import { defineConfig } from 'vitest/config';

// Unit and API tests (core, server, client logic). Browser tests have their own config
// (vitest.e2e.config.ts) because they build the client and drive Chromium.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
