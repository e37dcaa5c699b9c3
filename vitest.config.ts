import { defineConfig } from 'vitest/config';

// Three kinds of tests, each in its own folder of a package:
// - test/unit: pure modules, fast, in jsdom;
// - test/node: built packages loaded by Node (exports maps, import and require);
// - test/browser: the built bundles in real headless Chromium against a test ingest on 127.0.0.1.
export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results.json' },
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['packages/*/test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/*/test/node/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['packages/*/test/browser/**/*.test.ts', 'examples/test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // One Chromium per file; two cores here, so keep files from starving each other.
          // A worker limit of its own needs a group of its own: browser files run after the rest.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
