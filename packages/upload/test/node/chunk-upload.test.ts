import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { getChunkUploadOptions, planRequests, uploadArtifactBundle } from '../../src/chunk-upload';
import { createApi } from '../../src/http';
import type { Logger } from '../../src/logger';
import { makeFetchTransport } from '../../src/transport';
import { createZip } from '../../src/zip';
import { startMockSentry, type MockSentry, type MockSentryOptions } from '../helpers/mock-sentry';

const quiet: Logger = { info() {}, warn() {}, debug() {} };
let mock: MockSentry | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function setup(options: Partial<MockSentryOptions> = {}) {
  mock = await startMockSentry({ personality: 'current', ...options });
  const api = createApi({ url: mock.url, authToken: mock.token, transport: makeFetchTransport(), retries: 1, retryDelay: 5, timeout: 10_000, log: quiet });
  return { mock, api };
}

/** A bundle of incompressible files, so its size is known. */
const bundleOf = (bytes: number) =>
  createZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify({ files: { 'files/_/_/a.js': { url: '~/a.js', type: 'minified_source', headers: {} } } })) },
    { name: 'files/_/_/a.js', data: randomBytes(bytes) },
  ]);

describe('planRequests', () => {
  it.each([
    [[1, 1, 1, 1, 1], { chunksPerRequest: 2, maxRequestSize: 100 }, [[0, 1], [2, 3], [4]]],
    [[60, 60, 30, 10], { chunksPerRequest: 64, maxRequestSize: 100 }, [[0], [1, 2, 3]]],
    [[200], { chunksPerRequest: 64, maxRequestSize: 100 }, [[0]]],
    [[], { chunksPerRequest: 4, maxRequestSize: 100 }, []],
  ])('groups %j within %j', (sizes, limits, groups) => expect(planRequests(sizes, limits)).toEqual(groups));
});

describe('getChunkUploadOptions', () => {
  it('reads the server settings, or undefined where there is no chunk upload', async () => {
    const { api, mock: current } = await setup({ chunkSize: 1024, concurrency: 3 });
    expect(await getChunkUploadOptions(api, 'acme')).toMatchObject({
      url: `${current.url}/api/0/organizations/acme/chunk-upload/`,
      chunkSize: 1024,
      concurrency: 3,
      hashAlgorithm: 'sha1',
      compression: ['gzip'],
      accept: expect.arrayContaining(['artifact_bundles']),
    });
    await current.close();
    const old = (mock = await startMockSentry({ personality: '20.x' }));
    const oldApi = createApi({ url: old.url, authToken: old.token, transport: makeFetchTransport(), retries: 0, retryDelay: 0, timeout: 5000, log: quiet });
    expect(await getChunkUploadOptions(oldApi, 'acme')).toBeUndefined();
  });

  it('fails on an answer that is not chunk-upload settings (e.g. a login page)', async () => {
    const { api, mock: m } = await setup();
    m.fail({ path: /chunk-upload/, status: 200, body: '<html>Sign in</html>' });
    await expect(getChunkUploadOptions(api, 'acme')).rejects.toThrow('check chunk upload failed: HTTP 200: unexpected answer: <html>Sign in</html>');
  });
});

describe('uploadArtifactBundle', () => {
  it('splits into chunks, groups them by the server limits, keeps to its concurrency, and assembles', async () => {
    const { api, mock: m } = await setup({ chunkSize: 1024, chunksPerRequest: 3, maxRequestSize: 2048, concurrency: 2, latency: 20 });
    const zip = await bundleOf(10_000);
    const server = (await getChunkUploadOptions(api, 'acme'))!;
    const stats = await uploadArtifactBundle(api, server, zip, { org: 'acme', projects: ['shop'], version: 'r1', dist: '7' }, 8, quiet);
    const chunks = Math.ceil(zip.length / 1024);
    expect(stats).toMatchObject({ chunks, sent: chunks, requests: Math.ceil(chunks / 2) });
    expect(m.maxInFlight).toBe(2);
    expect(m.bundles).toHaveLength(1);
    expect(m.bundles[0]).toMatchObject({ version: 'r1', dist: '7', projects: ['shop'] });
    expect(Buffer.concat([...m.chunks.values()]).length).toBe(zip.length);
    // ask, upload, assemble ("created"), poll ("ok")
    const assembles = m.requests.filter((r) => r.path.endsWith('/assemble/'));
    expect(assembles).toHaveLength(3);
  });

  it('polls a bundle still being assembled at once, then after 50 ms, 100 ms, … until it is ok', async () => {
    const { api, mock: m } = await setup();
    const server = (await getChunkUploadOptions(api, 'acme'))!;
    // A server whose assembly takes a while: "created" three more times before the mock's own
    // "created", then "ok".
    m.fail({ path: /assemble/, status: 200, body: JSON.stringify({ state: 'created', missingChunks: [] }), times: 3 });
    const polls: string[] = [];
    await uploadArtifactBundle(api, server, await bundleOf(100), { org: 'acme', projects: ['shop'] }, 4, { ...quiet, debug: (l) => polls.push(l) });
    expect(polls).toEqual(['artifact bundle created: polling again in 0 ms', 'artifact bundle created: polling again in 50 ms', 'artifact bundle created: polling again in 100 ms', 'artifact bundle created: polling again in 200 ms']);
    const at = m.requests.filter((r) => r.path.endsWith('/assemble/')).map((r) => r.at);
    expect(at).toHaveLength(5);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(45);
    expect(at[3] - at[2]).toBeGreaterThanOrEqual(95);
    expect(at[4] - at[3]).toBeGreaterThanOrEqual(195);
    expect(m.bundles).toHaveLength(1);
  });

  it('sends again the chunks the server says it misses', async () => {
    const { api, mock: m } = await setup({ dropChunkOnFirstAssemble: true });
    const server = (await getChunkUploadOptions(api, 'acme'))!;
    const stats = await uploadArtifactBundle(api, server, await bundleOf(100), { org: 'acme', projects: ['shop'] }, 4, quiet);
    expect(stats).toMatchObject({ chunks: 1, sent: 2, requests: 2 });
    expect(m.bundles).toHaveLength(1);
    expect(m.bundles[0].version).toBeUndefined();
  });

  it('asks first for a bundle of several chunks, and sends nothing when the server has them all', async () => {
    const { api, mock: m } = await setup({ chunkSize: 1024 });
    const server = (await getChunkUploadOptions(api, 'acme'))!;
    const zip = await bundleOf(3000);
    await uploadArtifactBundle(api, server, zip, { org: 'acme', projects: ['shop'] }, 4, quiet);
    const sequence = m.requests.slice(1).map((r) => `${r.method} ${r.path.split('/').slice(-2, -1)[0]}`);
    expect(sequence).toEqual(['POST assemble', 'POST chunk-upload', 'POST assemble', 'POST assemble']);
    const again = await uploadArtifactBundle(api, server, zip, { org: 'acme', projects: ['shop'] }, 4, quiet);
    expect(again).toMatchObject({ chunks: 4, sent: 0, requests: 0 });
    expect(m.bundles).toHaveLength(1);
  });

  it('sends a one-chunk bundle at once, without asking first', async () => {
    const { api, mock: m } = await setup();
    const server = (await getChunkUploadOptions(api, 'acme'))!;
    const stats = await uploadArtifactBundle(api, server, await bundleOf(100), { org: 'acme', projects: ['shop'] }, 4, quiet);
    expect(stats).toMatchObject({ chunks: 1, sent: 1, requests: 1 });
    const sequence = m.requests.slice(1).map((r) => `${r.method} ${r.path.split('/').slice(-2, -1)[0]}`);
    expect(sequence).toEqual(['POST chunk-upload', 'POST assemble', 'POST assemble']);
  });

  it('fails with the server detail when assembly fails', async () => {
    const { api, mock: m } = await setup();
    const server = (await getChunkUploadOptions(api, 'acme'))!;
    m.fail({ path: /assemble/, status: 200, times: 1, body: '{"state":"error","detail":"Invalid manifest"}' });
    await expect(uploadArtifactBundle(api, server, await bundleOf(100), { org: 'acme', projects: ['shop'] }, 4, quiet)).rejects.toThrow(
      'assemble artifact bundle failed: HTTP 200: Invalid manifest',
    );
  });
});
