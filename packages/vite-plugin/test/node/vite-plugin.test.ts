import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createServer } from 'vite';
import faultline, { type FaultlineVitePluginOptions } from '@faultline/vite-plugin';
import type { MockSentry, Personality } from '../../../upload/test/helpers/mock-sentry';
import { mockSentryPerTest } from '../../../upload/test/helpers/mock-per-test';
import { resolvePosition } from '../../../upload/test/helpers/resolve';
import { mapByDebugId, mapByName } from '../../../upload/test/helpers/server-maps';
import { buildVueApp, cleanupBuilds, knownThrow, throwInBuild, VUE_APP } from '../helpers/vite-build';

// Real `vite build`s of a Vue 3 app (an SFC whose click handler throws) with the built plugin,
// uploading to the mock Sentry in both personalities.
vi.setConfig({ testTimeout: 60_000 });

const RELEASE = 'shop@1.4.2';
const DEBUG_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const mockSentry = mockSentryPerTest();
const serve = (personality: Personality) => mockSentry({ personality });
afterAll(cleanupBuilds);

const plugin = (m: MockSentry, options: FaultlineVitePluginOptions = {}) =>
  faultline({ url: m.url, authToken: m.token, org: 'acme', project: 'shop', release: RELEASE, retryDelay: 10, ...options });

/** The known throw of `code` resolved through `map` lands on App.vue's line. */
async function expectKnownThrow(map: Buffer | undefined, code: string) {
  expect(map).toBeDefined();
  const original = await resolvePosition(map!, throwInBuild(code));
  expect(original.source).toMatch(knownThrow().source);
  expect(original.line).toBe(knownThrow().line);
}

describe('vite build with faultline(), current server', () => {
  it('injects a debug ID in each chunk and its hidden map, uploads one artifact bundle, and the throw resolves by debug ID to App.vue', async () => {
    const m = await serve('current');
    const build = await buildVueApp([plugin(m)]);
    // No `build.sourcemap` in the config: the plugin asked for hidden maps.
    expect(build.files).toEqual([build.main, `${build.main}.map`, 'index.html']);
    const code = readFileSync(join(build.outDir, build.main), 'utf8');
    expect(code).not.toContain('sourceMappingURL');
    const id = /\n\/\/# debugId=([0-9a-f-]{36})\n?$/.exec(code)?.[1];
    expect(id).toMatch(DEBUG_ID);
    expect(code.startsWith(';!function(){try{')).toBe(true);
    expect(code).toContain(`[s]="${id}"`);
    expect(JSON.parse(readFileSync(join(build.outDir, `${build.main}.map`), 'utf8'))).toMatchObject({ debug_id: id, debugId: id });

    expect(m.bundles).toHaveLength(1);
    expect(m.bundles[0]).toMatchObject({ version: RELEASE, projects: ['shop'] });
    expect(Object.values(m.bundles[0].manifest.files).map((f) => [f.url, f.headers['debug-id']]).sort()).toEqual([
      [`~/${build.main}`, id],
      [`~/${build.main}.map`, id],
    ]);
    expect(m.releases.get(RELEASE)).toMatchObject({ dateReleased: expect.any(String) });
    await expectKnownThrow(mapByDebugId(m, id!), code);
    expect(build.logs.filter((l) => l.startsWith('warn'))).toEqual([]);
  });

  it('dryRun: lists what it would upload and sends nothing', async () => {
    const m = await serve('current');
    const build = await buildVueApp([plugin(m, { dryRun: true })]);
    expect(m.requests).toEqual([]);
    expect(build.files).toContain(`${build.main}.map`);
  });
});

describe('vite build with faultline(), Sentry 20.x', () => {
  it('uploads release files named ~/ + base path: the throw resolves by name to App.vue', async () => {
    const m = await serve('20.x');
    const build = await buildVueApp([plugin(m, { dist: '7' })], { base: 'https://cdn.example/shop/' });
    expect(m.releaseFiles.map((f) => [f.name, f.dist]).sort()).toEqual([
      [`~/shop/${build.main}`, '7'],
      [`~/shop/${build.main}.map`, '7'],
    ]);
    const code = readFileSync(join(build.outDir, build.main), 'utf8');
    await expectKnownThrow(mapByName(m, `https://cdn.example/shop/${build.main}`, RELEASE, '7'), code);
  });
});

describe('failures', () => {
  const secret = 'sntrys_wrong-token-0123456789';

  it('a 401 with failOnError fails the build with the step and status, never the token', async () => {
    const m = await serve('current');
    m.fail({ path: /./, status: 401, body: `{"detail":"Invalid token ${secret}"}`, times: 10 });
    const failed = await buildVueApp([plugin(m, { authToken: secret, failOnError: true })]).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(failed).toBeInstanceOf(Error);
    expect(failed!.message).toMatch(/source map upload failed: (check chunk upload|create release shop@1\.4\.2) failed: HTTP 401/);
    expect(failed!.message).toContain('Check `authToken`');
    expect(String(failed!.stack) + failed!.message).not.toContain(secret);
  });

  it('a 401 without failOnError only warns, and the build keeps its output', async () => {
    const m = await serve('current');
    m.fail({ path: /./, status: 401, body: '{"detail":"Invalid token"}', times: 10 });
    const build = await buildVueApp([plugin(m, { failOnError: false, deleteMapsAfterUpload: true })]);
    const warnings = build.logs.filter((l) => l.startsWith('warn'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/source map upload failed: .* HTTP 401/);
    expect(warnings[0]).toContain(`Source maps were kept in ${build.outDir}`);
    expect(build.files).toEqual([build.main, `${build.main}.map`, 'index.html']);
  });
});

describe('deleting maps after upload', () => {
  it('deleteMapsAfterUpload: the uploaded hidden maps are gone, the scripts stay', async () => {
    const m = await serve('current');
    const build = await buildVueApp([plugin(m, { deleteMapsAfterUpload: true })]);
    expect(m.bundles).toHaveLength(1);
    expect(build.files).toEqual([build.main, 'index.html']);
    expect(build.logs).toContain(`info: [plugin faultline] deleted 1 uploaded source map from ${build.outDir}`);
  });

  it('sourcemaps.filesToDeleteAfterUpload: the files its globs pick are gone', async () => {
    const m = await serve('20.x');
    const build = await buildVueApp([plugin(m, { sourcemaps: { filesToDeleteAfterUpload: ['assets/*.js.map'] } })]);
    expect(m.releaseFiles).toHaveLength(2);
    expect(build.files).toEqual([build.main, 'index.html']);
  });

  it('by default the maps stay', async () => {
    const m = await serve('current');
    const build = await buildVueApp([plugin(m)]);
    expect(existsSync(join(build.outDir, `${build.main}.map`))).toBe(true);
  });
});

describe('the dev server', () => {
  it('never runs the plugin: apply is build, and serving the app sends nothing', async () => {
    const m = await serve('current');
    const p = plugin(m);
    expect(p.apply).toBe('build');
    // No dependency pre-bundling: the server answers at once, and nothing runs after close.
    const server = await createServer({ configFile: false, root: VUE_APP, logLevel: 'silent', plugins: [p], optimizeDeps: { noDiscovery: true, include: [] }, server: { port: 0, host: '127.0.0.1', ws: false } });
    try {
      await server.listen();
      const address = server.resolvedUrls?.local[0];
      expect(address).toBeDefined();
      const page = await fetch(address!);
      expect(page.status).toBe(200);
      const main = await fetch(new URL('src/main.js', address!));
      expect(await main.text()).not.toContain('_sentryDebugIds');
    } finally {
      await server.close();
    }
    expect(m.requests).toEqual([]);
  });
});
