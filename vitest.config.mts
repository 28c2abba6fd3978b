import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    globalSetup: ['test/helpers/globalSetup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two cores: keep the heavy end-to-end and crash files from starving each other.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
