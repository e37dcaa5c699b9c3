import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The published package, as built: ESM for `import`, CommonJS for `require` (webpack.config.js).
describe('@faultline/webpack-plugin exports', () => {
  it('exports only the plugin (named and default), the error class and the fetch transport', async () => {
    const esm = await import('@faultline/webpack-plugin');
    expect(Object.keys(esm).sort()).toEqual(['FaultlineWebpackPlugin', 'UploadError', 'default', 'makeFetchTransport']);
    expect(esm.default).toBe(esm.FaultlineWebpackPlugin);
    const cjs = createRequire(import.meta.url)('@faultline/webpack-plugin');
    expect(Object.keys(cjs).sort()).toEqual(['FaultlineWebpackPlugin', 'UploadError', 'default', 'makeFetchTransport']);
    expect(typeof new cjs.FaultlineWebpackPlugin({}).apply).toBe('function');
  });
});
