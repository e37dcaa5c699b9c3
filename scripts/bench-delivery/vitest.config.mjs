// The benchmark's own tests (its ingest), outside the packages' projects:
// `npx vitest run --config scripts/bench-delivery/vitest.config.mjs`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { root: 'scripts/bench-delivery', include: ['*.test.mjs'], environment: 'node', reporters: ['default'] },
});
