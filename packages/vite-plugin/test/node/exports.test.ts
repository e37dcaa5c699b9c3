import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const API = ['UploadError', 'default', 'faultline', 'makeFetchTransport'];

// The published package, as built: ESM and CommonJS export the same plugin factory.
describe('@faultline/vite-plugin exports', () => {
  it('exports faultline (also as default), the upload error and the transport', async () => {
    const esm = await import('@faultline/vite-plugin');
    expect(Object.keys(esm).sort()).toEqual(API);
    expect(esm.default).toBe(esm.faultline);
    const cjs = createRequire(import.meta.url)('@faultline/vite-plugin');
    expect(Object.keys(cjs).sort()).toEqual(API);
    expect(cjs.default).toBe(cjs.faultline);
    expect(cjs.faultline().name).toBe('faultline');
  });
});
