import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FaultlineWebpackPlugin } from '../../src/index';
import { buildFixture, cleanupBuilds, type BuildResult } from '../helpers/build';
import { startMockSentry, type MockSentry, type StoredBundle } from '../helpers/mock-sentry';
import { knownThrow, locate, resolvePosition, runScript, topFrame } from '../helpers/resolve';

// Webpack builds share two cores with the other test files: give them room.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const DEBUG_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const scripts = (files: string[]) => files.filter((f) => f.endsWith('.js'));
const maps = (files: string[]) => files.filter((f) => f.endsWith('.map'));
const commentId = (code: string) => /\n\/\/# debugId=([0-9a-f-]{36})$/.exec(code)?.[1];

/** Checks a stack from the minified main script resolves, through `mapOf`, to the known throw. */
async function expectThrowResolves(code: string, url: string, map: Buffer) {
  const expected = knownThrow();
  // 1. The throw statement's position in the minified code.
  const atThrow = await resolvePosition(map, locate(code, 'throw new Error("boom")'));
  expect(atThrow.source).toMatch(/src\/cart\.js$/);
  expect(atThrow.line).toBe(expected.line);
  // 2. A real stack: run the script as a browser would, make it throw, map its top frame.
  const context = runScript(code, url);
  let stack = '';
  try {
    context.fixtureApp.checkout();
  } catch (e) {
    stack = (e as Error).stack || '';
  }
  expect(stack).toMatch(/^Error: boom/);
  const frame = topFrame(stack);
  expect(frame.file).toBe(url);
  const original = await resolvePosition(map, frame);
  expect(original.source).toMatch(/src\/cart\.js$/);
  expect(original.line).toBe(expected.line);
}

afterAll(cleanupBuilds);

describe('against current Sentry: one artifact bundle', () => {
  let mock: MockSentry;
  let build: BuildResult;
  let bundle: StoredBundle;

  beforeAll(async () => {
    mock = await startMockSentry({ personality: 'current' });
    build = await buildFixture([
      new FaultlineWebpackPlugin({ url: mock.url, authToken: mock.token, org: 'acme', project: 'shop', release: 'shop@1.4.2', dist: '7' }),
    ]);
    bundle = mock.bundles[0];
  });
  afterAll(() => mock.close());

  it('builds cleanly and stores one bundle for the release, dist and project', () => {
    expect(build.errors).toEqual([]);
    expect(build.warnings).toEqual([]);
    expect(mock.bundles).toHaveLength(1);
    expect(bundle).toMatchObject({ version: 'shop@1.4.2', dist: '7', projects: ['shop'] });
    expect(mock.releases.get('shop@1.4.2')).toMatchObject({ projects: ['shop'], dateReleased: expect.any(String) });
  });

  it('lists every emitted script and map in the manifest, named ~/<path>, with its type and content', () => {
    expect(scripts(build.files).length).toBeGreaterThanOrEqual(2); // main + lazy chunk
    const entries = Object.values(bundle.manifest.files);
    expect(entries.map((e) => e.url).sort()).toEqual(build.files.map((f) => `~/${f}`));
    for (const [path, entry] of Object.entries(bundle.manifest.files)) {
      const file = entry.url.slice(2);
      expect(path).toBe(`files/_/_/${file}`);
      expect(entry.type).toBe(file.endsWith('.map') ? 'source_map' : 'minified_source');
      expect(bundle.files.get(path)!.equals(readFileSync(join(build.outDir, file)))).toBe(true);
    }
  });

  it('gives each script one debug ID, the same in its snippet, comment, map and manifest', () => {
    const ids = new Set<string>();
    for (const file of scripts(build.files)) {
      const code = readFileSync(join(build.outDir, file), 'utf8');
      const id = commentId(code)!;
      expect(id).toMatch(DEBUG_ID);
      ids.add(id);
      // First statement of the file, after a "use strict" prologue if there is one.
      expect(code).toMatch(/^("use strict";)?;!function\(\)\{try\{/);
      expect(code).toContain(`[s]="${id}"`);
      const map = JSON.parse(readFileSync(join(build.outDir, `${file}.map`), 'utf8'));
      expect(map.debug_id).toBe(id);
      expect(bundle.manifest.files[`files/_/_/${file}`].headers).toEqual({ 'debug-id': id, Sourcemap: `${file.split('/').pop()}.map` });
      expect(bundle.manifest.files[`files/_/_/${file}.map`].headers).toEqual({ 'debug-id': id });
    }
    expect(ids.size).toBe(scripts(build.files).length);
  });

  it('resolves the known throw, through the map the server received, to src/cart.js and its line', async () => {
    const main = scripts(build.files).find((f) => f.includes('main.'))!;
    const code = bundle.files.get(`files/_/_/${main}`)!.toString('utf8');
    await expectThrowResolves(code, `https://shop.example.com/${main}`, bundle.files.get(`files/_/_/${main}.map`)!);
  });

  it("registers the debug ID so the core SDK lists it in the event's debug_meta", async () => {
    const main = scripts(build.files).find((f) => f.includes('main.'))!;
    const code = readFileSync(join(build.outDir, main), 'utf8');
    const url = `https://shop.example.com/${main}`;
    const context = runScript(code, url);
    const registered = context._sentryDebugIds as Record<string, string>;
    expect(Object.values(registered)).toEqual([commentId(code)]);
    expect(topFrame(Object.keys(registered)[0]).file).toBe(url);

    const { debugIdsIntegration } = await import('@faultline/core');
    const g = globalThis as { _sentryDebugIds?: Record<string, string> };
    g._sentryDebugIds = { ...registered };
    try {
      const processEvent = debugIdsIntegration().processEvent as (event: object, hint: object) => { debug_meta?: unknown } | null;
      const event = processEvent(
        { exception: { values: [{ type: 'Error', value: 'boom', stacktrace: { frames: [{ filename: url, abs_path: url, lineno: 1, colno: 900 }] } }] } },
        {},
      );
      expect(event && event.debug_meta).toEqual({ images: [{ type: 'sourcemap', code_file: url, debug_id: commentId(code) }] });
    } finally {
      delete g._sentryDebugIds;
    }
  });

  it('logs one line per phase with files, bytes and time', () => {
    const lines = build.logs.filter((l) => l.includes('[FaultlineWebpackPlugin]'));
    expect(lines).toEqual([
      expect.stringMatching(/release shop@1\.4\.2 \(dist 7\) created: 4 files, [\d.]+ KB as artifact bundle$/),
      expect.stringMatching(/uploaded artifact bundle: 4 files \(4 debug IDs\), [\d.]+ KB zipped, 1 of 1 chunk sent in 1 request, assembled in \d+ ms$/),
      expect.stringMatching(/release shop@1\.4\.2 finalized$/),
    ]);
  });
});

describe('against Sentry 20.x: release files', () => {
  let mock: MockSentry;
  let build: BuildResult;

  beforeAll(async () => {
    mock = await startMockSentry({ personality: '20.x' });
    // The published CommonJS build, loaded the way a webpack.config.js does.
    const { FaultlineWebpackPlugin: Published } = createRequire(import.meta.url)('@faultline/webpack-plugin');
    build = await buildFixture(
      [
        new Published({
          url: mock.url, authToken: mock.token, org: 'acme', project: 'shop',
          release: 'shop@1.4.2', dist: '7', urlPrefix: '~/static/js', deleteAfterUpload: true, deploy: { env: 'production' },
        }),
      ],
      { output: { filename: '[name].[contenthash:8].js', chunkFilename: '[name].[contenthash:8].js', publicPath: '/static/js/' } },
    );
  });
  afterAll(() => mock.close());

  it('creates the release and uploads each script and map once, with its name, dist and Sourcemap header', () => {
    expect(build.errors).toEqual([]);
    expect(mock.releases.get('shop@1.4.2')).toMatchObject({ projects: ['shop'], dateReleased: expect.any(String), deploys: [{ environment: 'production' }] });
    const jsFiles = scripts(build.files);
    expect(jsFiles.length).toBeGreaterThanOrEqual(2);
    const stored = [...mock.releaseFiles].sort((a, b) => a.name.localeCompare(b.name));
    expect(stored.map((f) => f.name)).toEqual(jsFiles.flatMap((f) => [`~/static/js/${f}`, `~/static/js/${f}.map`]).sort());
    for (const f of stored) {
      expect(f).toMatchObject({ release: 'shop@1.4.2', project: 'shop', dist: '7' });
      expect(f.headers).toEqual(f.name.endsWith('.map') ? {} : { Sourcemap: `${f.name.split('/').pop()}.map` });
    }
    for (const js of jsFiles) {
      const uploaded = stored.find((f) => f.name == `~/static/js/${js}`)!;
      expect(uploaded.content.equals(readFileSync(join(build.outDir, js)))).toBe(true);
    }
  });

  it('deletes the maps from the output after the upload, and keeps the scripts', () => {
    expect(maps(build.files)).toEqual([]);
    expect(scripts(build.files).length).toBeGreaterThanOrEqual(2);
    expect(build.logs.some((l) => /deleted 2 uploaded source maps from /.test(l))).toBe(true);
  });

  it('resolves the known throw, through the map the server received, to src/cart.js and its line', async () => {
    const main = scripts(build.files).find((f) => f.startsWith('main.'))!;
    const js = mock.releaseFiles.find((f) => f.name == `~/static/js/${main}`)!;
    const map = mock.releaseFiles.find((f) => f.name == `~/static/js/${js.headers.Sourcemap}`)!;
    await expectThrowResolves(js.content.toString('utf8'), `https://shop.example.com/static/js/${main}`, map.content);
  });
});

describe('against Sentry with chunk upload but no artifact bundles (21.x to 23.5)', () => {
  it('falls back to release files', async () => {
    const mock = await startMockSentry({ personality: 'release-files-only' });
    try {
      const build = await buildFixture([new FaultlineWebpackPlugin({ url: mock.url, authToken: mock.token, org: 'acme', project: ['shop', 'shop-admin'], release: 'r1' })]);
      expect(build.errors).toEqual([]);
      expect(mock.bundles).toEqual([]);
      expect(mock.releaseFiles.map((f) => f.name).sort()).toEqual(build.files.map((f) => `~/${f}`));
      expect(mock.releases.get('r1')!.projects).toEqual(['shop', 'shop-admin']);
      expect(build.logs.some((l) => l.includes('as release files (server does not accept artifact bundles)'))).toBe(true);
    } finally {
      await mock.close();
    }
  });
});

describe('logging and concurrency options', () => {
  it('silent drops the progress lines but keeps warnings; debug traces each request', async () => {
    const mock = await startMockSentry({ personality: '20.x', latency: 30 });
    try {
      const base = { url: mock.url, authToken: mock.token, org: 'acme', project: 'shop', release: 'r2' };
      const quiet = await buildFixture([new FaultlineWebpackPlugin({ ...base, silent: true, organisation: 'acme' })]);
      expect(quiet.logs.filter((l) => l.includes('FaultlineWebpackPlugin'))).toEqual([
        expect.stringMatching(/option `organisation` is deprecated/),
      ]);
      mock.maxInFlight = 0;
      const traced = await buildFixture([new FaultlineWebpackPlugin({ ...base, release: 'r3', debug: true, concurrency: 2 })]);
      const requests = traced.logs.filter((l) => / -> \d{3} \(\d+ ms\)$/.test(l));
      expect(requests.some((l) => l.includes(`GET ${mock.url}/api/0/organizations/acme/chunk-upload/ -> 404`))).toBe(true);
      // A release this build created has no files to list: the four files, two at a time (an
      // explicit `concurrency` caps small files too).
      expect(requests.filter((l) => l.includes('/files/ -> ')).map((l) => l.replace(/^.*\] /, '').replace(/ \(\d+ ms\)$/, ''))).toEqual([
        ...Array(4).fill(`POST ${mock.url}/api/0/projects/acme/shop/releases/r3/files/ -> 201`),
      ]);
      expect(mock.maxInFlight).toBe(2);
    } finally {
      await mock.close();
    }
  });
});
