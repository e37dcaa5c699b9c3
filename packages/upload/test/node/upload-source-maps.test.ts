import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { injectDebugIds, uploadSourceMaps, type UploadSourceMapsOptions } from '@faultline/upload';
import { mockSentryPerTest } from '../helpers/mock-per-test';
import { resolvePosition, runScript, stackOf, topFrame } from '../helpers/resolve';
import { mapByDebugId, mapByName } from '../helpers/server-maps';
import { buildShop, cleanupShopBuilds, knownThrow } from '../helpers/shop-build';

// The library as a CI script or another bundler's plugin calls it: the built package.
vi.setConfig({ testTimeout: 30_000 });

const serve = mockSentryPerTest();
afterAll(cleanupShopBuilds);

async function upload(personality: '20.x' | 'current', options: UploadSourceMapsOptions) {
  const m = await serve({ personality });
  const lines: string[] = [];
  const result = await uploadSourceMaps({
    url: m.url,
    authToken: m.token,
    org: 'acme',
    project: 'shop',
    logger: { info: (l) => lines.push(l), warn: (l) => lines.push(`warn: ${l}`) },
    ...options,
  });
  return { m, result, lines };
}

describe('uploadSourceMaps', () => {
  it('uploads a directory as an artifact bundle with the debug IDs injectDebugIds gave it', async () => {
    const { dist, scripts } = await buildShop();
    const injected = await injectDebugIds(dist);
    expect(injected.map((s) => s.injected)).toEqual([true, true]);
    const { m, result, lines } = await upload('current', { directory: dist, release: 'shop@2.0.0' });
    expect(result).toEqual({ method: 'artifact-bundle', release: 'shop@2.0.0', files: 4, bytes: expect.any(Number) });
    expect(lines).toHaveLength(3);
    const main = scripts.find((s) => s.includes('main-'))!;
    const url = `https://shop.example.com/${main}`;
    const context = runScript(readFileSync(join(dist, main), 'utf8'), url);
    const frame = topFrame(stackOf(() => context.shop.order()));
    const id = injected.find((s) => s.file == join(dist, main))!.debugId;
    expect(Object.values(context._sentryDebugIds)).toEqual([id]);
    const original = await resolvePosition(mapByDebugId(m, id)!, frame);
    expect(original).toMatchObject({ source: expect.stringMatching(/src\/orders\.js$/), line: knownThrow().line });
  });

  it('uploads only the files given, as release files to 20.x, with the dist', async () => {
    const { dist, scripts } = await buildShop();
    const main = scripts.find((s) => s.includes('main-'))!;
    const { m, result } = await upload('20.x', { directory: dist, files: [main, `${main}.map`], release: 'shop@2.0.0', dist: '3', urlPrefix: '~/' });
    expect(result).toMatchObject({ method: 'release-files', files: 2 });
    // Uploaded side by side: in whatever order they finished.
    expect(m.releaseFiles.map((f) => [f.name, f.dist, f.headers]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      [`~/${main}`, '3', { Sourcemap: `${main.split('/').pop()}.map` }],
      [`~/${main}.map`, '3', {}],
    ]);
    const url = `https://shop.example.com/${main}`;
    expect(mapByName(m, url, 'shop@2.0.0', '3')).toEqual(readFileSync(join(dist, `${main}.map`)));
  });

  it('refuses a file outside the directory', async () => {
    const { dist } = await buildShop();
    await expect(upload('current', { directory: dist, files: ['../secret.js'], release: 'r' })).rejects.toThrow(`../secret.js is not inside ${dist}`);
    expect(serve.current()!.requests).toEqual([]);
  });

  it('takes the server settings and release from FAULTLINE_* before SENTRY_*', async () => {
    const m = await serve({ personality: '20.x' });
    const { dist } = await buildShop();
    const saved = { ...process.env };
    Object.assign(process.env, {
      FAULTLINE_URL: m.url,
      SENTRY_URL: 'http://127.0.0.1:9',
      FAULTLINE_AUTH_TOKEN: m.token,
      SENTRY_AUTH_TOKEN: 'wrong',
      SENTRY_ORG: 'acme',
      SENTRY_PROJECT: 'shop',
      FAULTLINE_RELEASE: 'from-env@1',
    });
    try {
      const result = await uploadSourceMaps({ directory: dist, silent: true });
      expect(result).toMatchObject({ method: 'release-files', release: 'from-env@1', files: 4 });
    } finally {
      for (const k of ['FAULTLINE_URL', 'SENTRY_URL', 'FAULTLINE_AUTH_TOKEN', 'SENTRY_AUTH_TOKEN', 'SENTRY_ORG', 'SENTRY_PROJECT', 'FAULTLINE_RELEASE']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });
});

describe('uploadSourceMaps deleteAfterUpload', () => {
  it('true deletes the uploaded maps once they are on the server, and keeps the scripts', async () => {
    const { dist, scripts } = await buildShop();
    const { m, result, lines } = await upload('current', { directory: dist, release: 'shop@2.0.0', deleteAfterUpload: true });
    expect(m.bundles).toHaveLength(1);
    expect(result.deleted?.sort()).toEqual(scripts.map((s) => `${s}.map`).sort());
    for (const s of scripts) {
      expect(existsSync(join(dist, s))).toBe(true);
      expect(existsSync(join(dist, `${s}.map`))).toBe(false);
    }
    expect(lines.at(-1)).toBe(`deleted 2 uploaded source maps from ${dist}`);
  });

  it('globs pick the files, from the working directory as Sentry reads filesToDeleteAfterUpload, or in the directory', async () => {
    const { dist, scripts } = await buildShop();
    const main = scripts.find((s) => s.includes('main-'))!;
    const admin = scripts.find((s) => s.includes('admin-'))!;
    const fromCwd = `./${relative(process.cwd(), dist)}/**/main-*.js.map`;
    const { result } = await upload('20.x', { directory: dist, release: 'shop@2.0.0', deleteAfterUpload: [fromCwd, 'assets/admin-*.map'] });
    expect(result.deleted?.sort()).toEqual([`${admin}.map`, `${main}.map`].sort());
    expect(existsSync(join(dist, `${main}.map`))).toBe(false);
    expect(existsSync(join(dist, `${admin}.map`))).toBe(false);
    expect(existsSync(join(dist, main))).toBe(true);
  });

  it('keeps every file after a failed upload and in a dry run', async () => {
    const { dist, scripts } = await buildShop();
    const m = await serve({ personality: 'current' });
    m.fail({ path: /releases/, status: 401, body: '{"detail":"Invalid token"}', times: 5 });
    const common = { directory: dist, release: 'r', url: m.url, authToken: m.token, org: 'acme', project: 'shop', silent: true, deleteAfterUpload: true };
    await expect(uploadSourceMaps(common)).rejects.toThrow(/HTTP 401/);
    await uploadSourceMaps({ ...common, dryRun: true, logger: { info: () => {}, warn: () => {} } });
    for (const s of scripts) expect(existsSync(join(dist, `${s}.map`))).toBe(true);
  });
});
