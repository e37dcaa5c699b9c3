import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { FaultlineWebpackPlugin, type FaultlineWebpackPluginOptions } from '../../src/index';
import { FIXTURE_APP, buildFixture, cleanupBuilds } from '../helpers/build';
import { startMockSentry, type MockSentry } from '../helpers/mock-sentry';
import { locate, resolvePosition, runScript, topFrame } from '../helpers/resolve';

// Webpack builds share two cores with the other test files: give them room.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let mock: MockSentry | undefined;
const roots: string[] = [];
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});
afterAll(() => {
  cleanupBuilds();
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A copy of the fixture app whose sources a test may change. */
function copyApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'faultline-wp-app-'));
  roots.push(root);
  cpSync(join(FIXTURE_APP, 'src'), join(root, 'src'), { recursive: true });
  return root;
}

/** Stable names (no content hash), as with a git SHA for release: a rebuild reuses them. */
const stableNames = (root: string) => ({
  context: root,
  output: { filename: '[name].js', chunkFilename: '[name].js', publicPath: '/' },
});

const pluginFor = (m: MockSentry, options: FaultlineWebpackPluginOptions = {}) =>
  new FaultlineWebpackPlugin({ url: m.url, authToken: m.token, org: 'acme', project: 'shop', release: 'abc123', mode: 'legacy', failOnError: true, retryDelay: 10, ...options });

/** Throws the fixture's `boom` from the script the server holds, and maps the top frame through the map it holds. */
async function resolveThrowOnServer(m: MockSentry) {
  const js = m.releaseFiles.find((f) => f.name == '~/main.js')!;
  const map = m.releaseFiles.find((f) => f.name == `~/${js.headers.Sourcemap}`)!;
  const context = runScript(js.content.toString('utf8'), 'https://shop.example.com/main.js');
  let stack = '';
  try {
    context.fixtureApp.checkout();
  } catch (e) {
    stack = (e as Error).stack || '';
  }
  return resolvePosition(map.content, topFrame(stack));
}

describe('release files of a rebuilt bundle under the same release', () => {
  it('replaces the files that changed, so the throw resolves through the new map', async () => {
    const m = (mock = await startMockSentry({ personality: '20.x' }));
    const root = copyApp();
    const first = await buildFixture([pluginFor(m)], stableNames(root));
    expect(first.errors).toEqual([]);
    const before = await resolveThrowOnServer(m);
    const cart = readFileSync(join(root, 'src/cart.js'), 'utf8');
    expect(before.line).toBe(locate(cart, "throw new Error('boom')").line);

    // A local change moves the throw down by five lines; the release stays the same.
    const changed = `${'// a local change\n'.repeat(5)}${cart}`;
    writeFileSync(join(root, 'src/cart.js'), changed);
    m.requests.length = 0;
    const second = await buildFixture([pluginFor(m)], stableNames(root));
    expect(second.errors).toEqual([]);
    const after = await resolveThrowOnServer(m);
    expect(after).toMatchObject({ source: expect.stringMatching(/src\/cart\.js$/), line: locate(changed, "throw new Error('boom')").line });

    // One list request. The minified main.js is the same (only lines of the source moved), its
    // map is not: the map alone is replaced (delete + upload), the other three are kept.
    const calls = m.requests.filter((r) => r.path.includes('/files/')).map((r) => `${r.method} ${r.status}`);
    expect(calls.filter((c) => c.startsWith('GET'))).toEqual(['GET 200']);
    expect(calls.filter((c) => c.startsWith('DELETE'))).toEqual(['DELETE 204']);
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual(['POST 201']);
    expect(m.releaseFiles.map((f) => f.name).sort()).toEqual(first.files.map((f) => `~/${f}`));
    expect(second.logs.some((l) => /uploaded 1 release file \(.+\), 3 already there, 1 replaced in /.test(l))).toBe(true);
  });

  it('skips identical files after one list request, across list pages', async () => {
    const m = (mock = await startMockSentry({ personality: '20.x', releaseFilesPerPage: 3 }));
    const root = copyApp();
    await buildFixture([pluginFor(m)], stableNames(root));
    m.requests.length = 0;
    const again = await buildFixture([pluginFor(m)], stableNames(root));
    expect(again.errors).toEqual([]);
    const calls = m.requests.filter((r) => r.path.includes('/files/')).map((r) => r.method);
    expect(calls).toEqual(['GET', 'GET']); // 4 files, pages of 3
    expect(again.logs.some((l) => /uploaded 0 release files \(.+\), 4 already there in /.test(l))).toBe(true);
  });
});
