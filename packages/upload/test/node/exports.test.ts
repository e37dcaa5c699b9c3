import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const API = [
  'UploadError',
  'artifactType',
  'createLogger',
  'debugIdFor',
  'debugIdInsertOffset',
  'debugIdSnippet',
  'deleteUploadedFiles',
  'describeFailure',
  'filesToDelete',
  'gitCommit',
  'injectDebugIdIntoCode',
  'injectDebugIds',
  'insertionSourceMap',
  'isUploadError',
  'listNames',
  'makeFetchTransport',
  'makeHttpTransport',
  'plural',
  'readDebugId',
  'relativeMapPath',
  'resolveUploadOptions',
  'stripQuery',
  'uploadArtifacts',
  'uploadSourceMaps',
  'withMapDebugId',
  'withTrailingSlash',
];

// The published package, as built: ESM and CommonJS export the same names.
describe('@faultline/upload exports', () => {
  it('exports the two calls, the error, the transport and the building blocks bundler plugins use', async () => {
    const esm = await import('@faultline/upload');
    expect(Object.keys(esm).sort()).toEqual(API);
    const cjs = createRequire(import.meta.url)('@faultline/upload');
    expect(Object.keys(cjs).sort()).toEqual(API);
    expect(typeof cjs.uploadSourceMaps).toBe('function');
  });
});
