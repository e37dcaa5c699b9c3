import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The built package, as an app or script loads it.
describe('@faultline/collector package', () => {
  it('exports startCollector and runCli from ESM and CJS, nothing else', async () => {
    const esm = await import('@faultline/collector');
    expect(Object.keys(esm).sort()).toEqual(['runCli', 'startCollector']);
    const cjs = createRequire(import.meta.url)('@faultline/collector');
    expect(Object.keys(cjs).sort()).toEqual(['runCli', 'startCollector']);
  });

  it('declares the faultline-collector bin', async () => {
    const pkg = createRequire(import.meta.url)('@faultline/collector/package.json');
    expect(pkg.bin).toEqual({ 'faultline-collector': './bin/faultline-collector.mjs' });
  });
});
