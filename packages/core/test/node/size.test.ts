import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// Raise only in a change that says why: every byte ships to every visitor.
const CORE_BUDGET_BYTES = 10 * 1024;

describe('CDN bundle size', () => {
  it('faultline.min.js stays within its gzipped budget', () => {
    const bundle = readFileSync(new URL('../../dist/faultline.min.js', import.meta.url));
    expect(gzipSync(bundle, { level: 9 }).length).toBeLessThanOrEqual(CORE_BUDGET_BYTES);
  });
});
