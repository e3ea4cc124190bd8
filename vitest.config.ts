import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Generation tests start worker pools of their own; two files at a time suits a 2-core machine.
    maxWorkers: 2,
    // Removes the temporary directories each file made (datasets up to prod size).
    setupFiles: ['./test/helpers/cleanup.ts'],
    reporters: ['default', './test/helpers/summaryReporter.ts'],
  },
});
