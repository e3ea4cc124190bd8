import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The built package (dist/, what `ecomgen` resolves to) is plain ESM: Node loads it as a user's program
// does. Being inside the project, vitest would otherwise transform and evaluate each of its files in its
// own module runner: ~3 CPU-seconds for each e2e file that imports `ecomgen`, ~0.5 natively.
const BUILT_PACKAGE = new RegExp(`^${fileURLToPath(new URL('./dist/', import.meta.url)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

// Two tiers. unit: in-process, in memory, no CLI spawn and no dataset on disk (`npm run test:unit`).
// e2e: what only a real process or real files prove: the CLI, signals, crashes, disks, formats, loads.
export default defineConfig({
  test: {
    // Generation tests start worker pools of their own; two files at a time suits a 2-core machine.
    maxWorkers: 2,
    // Removes the temporary directories each file made (datasets up to prod size).
    setupFiles: ['./test/helpers/cleanup.ts'],
    server: { deps: { external: [BUILT_PACKAGE] } },
    reporters: ['default', './test/helpers/summaryReporter.ts'],
    // Timeouts only catch hangs: a shared machine under load may run any test several times slower, and a
    // test must not fail for that (a 10 s hook budget failed whole unit files at a load average of 6; a
    // file's own 60 s hook and 120 s test budgets failed at 40). So no test file sets a budget of its own:
    // these are the only ones. e2e runs spawn CLIs that each take 20-90 s at such loads.
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000, pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 600_000 },
      },
    ],
  },
});
