import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { faultline } from '@faultline/vite-plugin';
import { mockSentryPerTest } from '../../../upload/test/helpers/mock-per-test';
import { resolvePosition, runScript, stackOf, topFrame } from '../../../upload/test/helpers/resolve';
import { mapByDebugId } from '../../../upload/test/helpers/server-maps';
import { knownThrow, SHOP_APP } from '../../../upload/test/helpers/shop-build';
import { cleanupBuilds, listFiles, tempDir } from '../helpers/vite-build';

// Plain Rollup 4 (no Vite): the same plugin injects debug IDs after the minifier and uploads
// what `write` wrote.
vi.setConfig({ testTimeout: 30_000 });

const serve = mockSentryPerTest();
afterAll(cleanupBuilds);

describe('rollup() with faultline()', () => {
  it('injects a debug ID into the minified chunk, uploads it, and a real throw resolves by debug ID to the original line', async () => {
    const m = await serve({ personality: 'current' });
    const dir = tempDir('faultline-rollup-');
    const bundle = await rollup({
      input: join(SHOP_APP, 'src/main.js'),
      plugins: [terser(), faultline({ url: m.url, authToken: m.token, org: 'acme', project: 'shop', release: 'shop@3.0.0', silent: true })],
    });
    await bundle.write({ dir, format: 'iife', sourcemap: true, entryFileNames: 'assets/[name]-[hash].js' });
    await bundle.close();

    const files = await listFiles(dir);
    expect(files).toHaveLength(2);
    const [main, map] = files;
    expect(map).toBe(`${main}.map`);
    const code = readFileSync(join(dir, main), 'utf8');
    // Kept by the minifier (it ran first), followed by Rollup's own comment.
    const id = /\n\/\/# debugId=([0-9a-f-]{36})\n\/\/# sourceMappingURL=[^\n]+\n?$/.exec(code)?.[1];
    expect(id).toBeDefined();
    expect(JSON.parse(readFileSync(join(dir, map), 'utf8')).debug_id).toBe(id);
    expect(Object.values(m.bundles[0].manifest.files).map((f) => f.url).sort()).toEqual([`~/${main}`, `~/${map}`]);

    const url = `https://shop.example.com/${main}`;
    const context = runScript(code, url);
    const frame = topFrame(stackOf(() => context.shop.order()));
    expect(frame.file).toBe(url);
    expect(Object.values(context._sentryDebugIds)).toEqual([id]);
    const original = await resolvePosition(mapByDebugId(m, id!)!, frame);
    expect(original.source).toMatch(/src\/orders\.js$/);
    expect(original.line).toBe(knownThrow().line);
    // V8 points at `new Error`: the column survives the minifier, the snippet and both maps.
    const line = readFileSync(join(SHOP_APP, 'src/orders.js'), 'utf8').split('\n')[knownThrow().line - 1];
    expect(original.column).toBe(line.indexOf('new Error'));
  });
});
