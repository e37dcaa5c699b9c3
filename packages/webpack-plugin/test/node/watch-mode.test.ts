import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpack from 'webpack';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FaultlineWebpackPlugin } from '../../src/index';
import { FIXTURE_APP, cleanupBuilds, fixtureConfig, listFiles } from '../helpers/build';
import { startMockSentry } from '../helpers/mock-sentry';
import { locate, resolvePosition, runScript, topFrame } from '../helpers/resolve';

// A first build and three rebuilds share two cores with the other test files: give them room.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

const roots: string[] = [];
afterAll(() => {
  cleanupBuilds();
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

describe('uploadInWatchMode', () => {
  it('uploads only what each rebuild emitted, creates and finalizes the release once, across three rebuilds', async () => {
    const mock = await startMockSentry({ personality: 'current' });
    const root = mkdtempSync(join(tmpdir(), 'faultline-wp-watch-'));
    roots.push(root);
    cpSync(join(FIXTURE_APP, 'src'), join(root, 'src'), { recursive: true });
    const cartFile = join(root, 'src/cart.js');
    const cart = readFileSync(cartFile, 'utf8');
    const plugin = new FaultlineWebpackPlugin({
      url: mock.url, authToken: mock.token, org: 'acme', project: 'shop', release: 'dev', failOnError: true, retryDelay: 10,
      uploadInWatchMode: true, deleteAfterUpload: true,
    });
    // The memory cache of `webpack --watch` in development: unchanged chunks and their maps are
    // not written again, so the lazy chunk's map, deleted after the first upload, stays gone.
    const { config, outDir } = fixtureConfig([plugin], { context: root, cache: { type: 'memory' } });
    const compiler = webpack(config);

    // Each watch callback comes after the plugin's afterEmit (upload and delete) finished.
    const results: Array<{ errors: string[]; emitted: string[] }> = [];
    let wake: (() => void) | undefined;
    let failure: Error | undefined;
    const watching = compiler.watch({ aggregateTimeout: 20 }, (err, stats) => {
      if (err || !stats) failure = err || new Error('no stats');
      else results.push({ errors: stats.compilation.errors.map((e) => e.message), emitted: [...stats.compilation.emittedAssets].sort() });
      wake?.();
    });
    const nextBuild = (count: number) =>
      new Promise<void>((resolve, reject) => {
        const check = () => (failure ? reject(failure) : results.length >= count ? resolve() : undefined);
        wake = check;
        check();
      });
    try {
      await nextBuild(1);
      for (let i = 1; i <= 3; i++) {
        // Each change moves the throw down one line and changes the minified main chunk.
        writeFileSync(cartFile, `${'//\n'.repeat(i)}${cart.replace('total < 10', `total < ${10 + i}`)}`);
        await nextBuild(i + 1);
      }
    } finally {
      await new Promise<void>((resolve) => (watching ? watching.close(() => resolve()) : resolve()));
      await mock.close();
    }

    expect(results.map((r) => r.errors)).toEqual([[], [], [], []]);
    // The first build uploads all four files; each rebuild only its new main script and map.
    expect(mock.bundles.map((b) => Object.keys(b.manifest.files).length)).toEqual([4, 2, 2, 2]);
    for (const [i, b] of mock.bundles.entries()) {
      const urls = Object.values(b.manifest.files).map((f) => f.url).sort();
      expect(urls).toEqual(results[i].emitted.filter((f) => /\.(js|map)$/.test(f)).map((f) => `~/${f}`));
    }
    const calls = (method: string, path: RegExp) => mock.requests.filter((r) => r.method == method && path.test(r.path)).length;
    expect(calls('POST', /\/organizations\/acme\/releases\/$/)).toBe(1);
    expect(calls('PUT', /\/releases\/dev\/$/)).toBe(1);
    // deleteAfterUpload left no map behind, and no rebuild tried to read a deleted one.
    expect(listFiles(outDir).filter((f) => f.endsWith('.map'))).toEqual([]);

    // The last upload resolves the last build's throw.
    const last = mock.bundles[3];
    const main = Object.values(last.manifest.files).find((f) => f.type == 'minified_source')!;
    const code = last.files.get(`files/_/_/${main.url.slice(2)}`)!.toString('utf8');
    const context = runScript(code, `https://shop.example.com/${main.url.slice(2)}`);
    let stack = '';
    try {
      context.fixtureApp.checkout();
    } catch (e) {
      stack = (e as Error).stack || '';
    }
    const map = last.files.get(`files/_/_/${main.url.slice(2)}.map`)!;
    const original = await resolvePosition(map, topFrame(stack));
    expect(original.line).toBe(locate(readFileSync(cartFile, 'utf8'), "throw new Error('boom')").line);
  });
});
