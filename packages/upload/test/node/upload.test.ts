import { afterEach, describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/artifacts';
import type { Logger } from '../../src/logger';
import { resolveUploadOptions as resolveOptions } from '../../src/resolve-options';
import { uploadArtifacts } from '../../src/upload';
import type { UploadOptions } from '../../src/options';
import { startMockSentry, type MockSentry, type Personality } from '../helpers/mock-sentry';

const ID = '85314830-023f-4cf1-8267-535f4e37bb17';
const contents: Record<string, string> = {
  'app.js': `app()\n//# debugId=${ID}`,
  'app.js.map': `{"version":3,"sources":[],"mappings":"","debug_id":"${ID}"}`,
};
const artifacts: Artifact[] = [
  { file: 'app.js', url: '~/app.js', type: 'minified_source', sourceMap: 'app.js.map', size: contents['app.js'].length },
  { file: 'app.js.map', url: '~/app.js.map', type: 'source_map', size: contents['app.js.map'].length },
];

let mock: MockSentry | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function run(personality: Personality, options: UploadOptions, release: string | null = 'r1') {
  const m = (mock = await startMockSentry({ personality }));
  const lines: string[] = [];
  const log: Logger = { info: (l) => lines.push(l), warn: (l) => lines.push(`warn: ${l}`), debug() {} };
  const o = resolveOptions({ url: m.url, authToken: m.token, org: 'acme', project: 'shop', retryDelay: 1, ...options }, {});
  const result = await uploadArtifacts({ options: o, artifacts, read: async (a) => Buffer.from(contents[a.file]), release: () => release ?? undefined, log }).catch((e: Error) => e);
  return { m, result, lines, paths: m.requests.map((r) => `${r.method} ${r.path}`) };
}

describe('uploadArtifacts', () => {
  it("mode 'legacy' uploads release files without asking about chunk upload, even to a current server", async () => {
    const { m, result, paths } = await run('current', { mode: 'legacy' });
    expect(result).toMatchObject({ method: 'release-files', release: 'r1', files: 2 });
    expect(paths.some((p) => p.includes('chunk-upload'))).toBe(false);
    expect(m.releaseFiles.map((f) => f.name).sort()).toEqual(['~/app.js', '~/app.js.map']);
  });

  it("mode 'artifact-bundle' fails against a server without them, saying what to do", async () => {
    const { result, m } = await run('20.x', { mode: 'artifact-bundle' });
    expect((result as Error).message).toBe("server has no chunk upload (Sentry before 23.6?): use mode 'auto' or 'legacy'");
    expect(m.releaseFiles).toEqual([]);
    const other = await run('release-files-only', { mode: 'artifact-bundle' });
    expect((other.result as Error).message).toBe("server does not accept artifact bundles (Sentry before 23.6?): use mode 'auto' or 'legacy'");
  });

  it('uploads a bundle matched by debug ID alone when no release is known, creating and finalizing nothing', async () => {
    const { m, result, lines } = await run('current', {}, null);
    expect(result).toMatchObject({ method: 'artifact-bundle', release: undefined });
    expect(m.bundles[0]).toMatchObject({ version: undefined, projects: ['shop'] });
    expect(m.releases.size).toBe(0);
    expect(lines[0]).toMatch(/^release \(none: matched by debug ID only\): 2 files/);
  });

  it('needs a release for release files', async () => {
    const { result, m } = await run('20.x', {}, null);
    expect((result as Error).message).toBe('release unknown: set `release` or SENTRY_RELEASE, or build in a git checkout');
    expect(m.releaseFiles).toEqual([]);
  });

  it.each([
    [{ authToken: '' }, 'missing option `authToken` (or SENTRY_AUTH_TOKEN)'],
    [{ org: '' }, 'missing option `org` (or SENTRY_ORG)'],
    [{ project: [] }, 'missing option `project` (or SENTRY_PROJECT)'],
  ])('names a missing setting (%j) before sending anything', async (options, message) => {
    const { result, m } = await run('current', options);
    expect((result as Error).message).toBe(message);
    expect(m.requests).toEqual([]);
  });

  it('names the step and server answer of a 404 for a wrong org', async () => {
    const { result } = await run('20.x', { org: 'nope' });
    expect((result as Error).message).toMatch(/^check chunk upload failed: HTTP 404|^create release r1 failed: HTTP 404/);
  });
});

describe('release files on a 20.x server', () => {
  /** `count` files of `size` bytes, each a script with its own content. */
  const filesOf = (count: number, size: number, tag: string) =>
    Array.from({ length: count }, (_, i): Artifact => ({ file: `${tag}${i}.js`, url: `~/${tag}${i}.js`, type: 'minified_source', size }));
  const upload = (m: MockSentry, files: Artifact[], options: UploadOptions = {}) =>
    uploadArtifacts({
      options: resolveOptions({ url: m.url, authToken: m.token, org: 'acme', project: 'shop', silent: true, ...options }, {}),
      artifacts: files,
      read: async (a) => Buffer.alloc(a.size, a.file),
      release: () => 'r1',
      log: { info() {}, warn() {}, debug() {} },
    });

  // The server holds each answer long enough that a loaded CI machine still has every request open at once.
  it('sends up to 32 small files at once to a release it created, without listing its (no) files', async () => {
    const m = (mock = await startMockSentry({ personality: '20.x', latency: 250 }));
    await upload(m, filesOf(40, 2048, 'small'));
    expect(m.releaseFiles).toHaveLength(40);
    expect(m.requests.filter((r) => r.method == 'GET' && r.path.endsWith('/files/'))).toEqual([]);
    expect(m.maxInFlight).toBe(32);
  });

  it('keeps an explicit `concurrency` for small files too (a small self-hosted server)', async () => {
    const m = (mock = await startMockSentry({ personality: '20.x', latency: 20 }));
    await upload(m, filesOf(12, 2048, 'small'), { concurrency: 2 });
    expect(m.releaseFiles).toHaveLength(12);
    expect(m.maxInFlight).toBe(2);
  });

  it('sends files over 256 KiB five at a time', async () => {
    const m = (mock = await startMockSentry({ personality: '20.x', latency: 250 }));
    await upload(m, filesOf(8, 300 * 1024, 'large'));
    expect(m.releaseFiles).toHaveLength(8);
    expect(m.maxInFlight).toBe(5);
  });

  it('lists the files of a release that existed once, and sends none of those it has', async () => {
    const m = (mock = await startMockSentry({ personality: '20.x' }));
    const files = filesOf(3, 100, 'again');
    await upload(m, files);
    const before = m.requests.length;
    const result = await upload(m, files);
    expect(result).toMatchObject({ method: 'release-files', files: 3 });
    const second = m.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(second.filter((r) => r.includes('/files/'))).toEqual(['GET /api/0/projects/acme/shop/releases/r1/files/ 200']);
    expect(m.releaseFiles).toHaveLength(3);
  });
});
