import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// On top of core, in every Vue app's bundle: raise only in a change that says why.
const VUE_BUDGET_BYTES = 2048;

describe('script-tag bundle size', () => {
  it('faultline-vue.min.js stays within its gzipped budget', () => {
    const bundle = readFileSync(new URL('../../dist/faultline-vue.min.js', import.meta.url));
    expect(gzipSync(bundle, { level: 9 }).length).toBeLessThanOrEqual(VUE_BUDGET_BYTES);
  });
});
