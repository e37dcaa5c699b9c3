import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpack from 'webpack';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { FaultlineWebpackPlugin, makeFetchTransport, type FaultlineWebpackPluginOptions, type Transport } from '../../src/index';
import { FIXTURE_APP, buildFixture, cleanupBuilds, fixtureConfig, listFiles } from '../helpers/build';
import { startMockSentry, type MockSentry, type Personality } from '../helpers/mock-sentry';

// Webpack builds share two cores with the other test files: give them room.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let mock: MockSentry | undefined;
const start = async (personality: Personality) => (mock = await startMockSentry({ personality }));
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});
afterAll(cleanupBuilds);

const pluginFor = (m: MockSentry, options: FaultlineWebpackPluginOptions = {}) =>
  new FaultlineWebpackPlugin({ url: m.url, authToken: m.token, org: 'acme', project: 'shop', release: 'shop@2.0.0', retryDelay: 10, ...options });

const statuses = (m: MockSentry, path: RegExp) => m.requests.filter((r) => path.test(r.path) && r.method == 'POST').map((r) => r.status);

describe('retries', () => {
  it.each([
    ['20.x', /\/releases\/shop%402\.0\.0\/files\/$/],
    ['current', /\/chunk-upload\/$/],
  ] as const)('survives two 502s on the %s upload path', async (personality, path) => {
    const m = await start(personality);
    m.fail({ method: 'POST', path, status: 502, times: 2, body: '<html>502 Bad Gateway</html>' });
    const build = await buildFixture([pluginFor(m, { failOnError: true })]);
    expect(build.errors).toEqual([]);
    expect(statuses(m, path).slice(0, 3)).toEqual([502, 502, personality == '20.x' ? 201 : 200]);
    const stored = personality == '20.x' ? m.releaseFiles.map((f) => f.name) : Object.values(m.bundles[0].manifest.files).map((f) => f.url);
    expect(stored.sort()).toEqual(build.files.map((f) => `~/${f}`));
  });

  it('fails the build naming the step, status and answer when the 502s do not stop', async () => {
    const m = await start('20.x');
    m.fail({ method: 'POST', path: /\/files\/$/, status: 502, times: 100, body: 'upstream down' });
    const build = await buildFixture([pluginFor(m, { failOnError: true, retries: 2 })]);
    expect(build.errors).toHaveLength(1);
    expect(build.errors[0]).toMatch(/^FaultlineWebpackPlugin: source map upload failed: upload release file ~\/static\/js\/.+ failed: HTTP 502: upstream down \[POST http:\/\/127\.0\.0\.1:\d+\/api\/0\/projects\/acme\/shop\/releases\/shop%402\.0\.0\/files\/, 3 attempts\]/);
    expect(m.releases.get('shop@2.0.0')!.dateReleased).toBeUndefined(); // not finalized
  });
});

describe('409 already exists', () => {
  it('counts a 409 on a release file as uploaded', async () => {
    const m = await start('20.x');
    m.fail({ method: 'POST', path: /\/files\/$/, status: 409, times: 1, body: '{"detail":"A file matching this name already exists for the given release"}' });
    const build = await buildFixture([pluginFor(m, { failOnError: true })]);
    expect(build.errors).toEqual([]);
    expect(m.releaseFiles).toHaveLength(build.files.length - 1);
    expect(build.logs.some((l) => /uploaded 3 release files \(.+\), 1 already there/.test(l))).toBe(true);
  });

  it('accepts 409 when creating a release that exists, and re-uploads of the same build', async () => {
    const m = await start('20.x');
    m.fail({ method: 'POST', path: /\/organizations\/acme\/releases\/$/, status: 409, times: 1, body: '{"detail":"Release already exists"}' });
    m.releases.set('shop@2.0.0', { version: 'shop@2.0.0', projects: ['shop'], deploys: [] });
    const first = await buildFixture([pluginFor(m, { failOnError: true })]);
    const second = await buildFixture([pluginFor(m, { failOnError: true })]);
    expect([first.errors, second.errors]).toEqual([[], []]);
    // The second build lists the release's files and finds them identical: nothing posted again.
    expect(statuses(m, /\/files\/$/)).toEqual([201, 201, 201, 201]);
    expect(second.logs.some((l) => /uploaded 0 release files \(.+\), 4 already there/.test(l))).toBe(true);
  });
});

describe('401', () => {
  const secret = 'sntrys_wrong-token-0123456789';

  it.each(['current', '20.x'] as const)('fails the %s build with a clear error, without retrying, never showing the token', async (personality) => {
    const m = await start(personality);
    const build = await buildFixture([pluginFor(m, { authToken: secret, failOnError: true, mode: personality == '20.x' ? 'legacy' : 'auto' })]);
    expect(build.errors).toHaveLength(1);
    const step = personality == '20.x' ? 'create release shop@2.0.0' : 'check chunk upload';
    expect(build.errors[0]).toContain(`source map upload failed: ${step} failed: HTTP 401: {"detail":"Invalid token"}`);
    expect(build.errors[0]).toContain('Check `authToken`');
    expect(build.errors.join() + build.warnings.join() + build.logs.join()).not.toContain(secret);
    // Not retried: each request went once, and nothing came after the 401s.
    expect(m.requests.map((r) => r.status)).toEqual(personality == '20.x' ? [401] : [401, 401]);
    expect(new Set(m.requests.map((r) => r.path)).size).toBe(m.requests.length);
  });

  it('with failOnError: false, warns and still emits the build, maps included', async () => {
    const m = await start('current');
    const build = await buildFixture([pluginFor(m, { authToken: secret, failOnError: false, deleteAfterUpload: true })]);
    expect(build.errors).toEqual([]);
    expect(build.warnings).toHaveLength(1);
    expect(build.warnings[0]).toMatch(/check chunk upload failed: HTTP 401.*Source maps were kept in /);
    expect(build.files.filter((f) => f.endsWith('.js'))).toHaveLength(2);
    expect(build.files.filter((f) => f.endsWith('.map'))).toHaveLength(2);
  });
});

describe('include', () => {
  const uploaded = (m: MockSentry) => Object.values(m.bundles[0].manifest.files).map((f) => f.url).sort();

  it('takes a brace glob such as **/*.{js,map}', async () => {
    const m = await start('current');
    const build = await buildFixture([pluginFor(m, { include: '**/*.{js,map}', failOnError: true })]);
    expect([build.errors, build.warnings]).toEqual([[], []]);
    expect(uploaded(m)).toEqual(build.files.map((f) => `~/${f}`));
  });

  it.each(['.', './dist', 'dist'])('takes a directory, %j, as @sentry/webpack-plugin 1.x did', async (include) => {
    const m = await start('current');
    // The project is `root`, webpack writes to root/dist: the usual layout.
    const root = mkdtempSync(join(tmpdir(), 'faultline-wp-root-'));
    try {
      const build = await buildFixture([pluginFor(m, { include, failOnError: true })], {
        context: root,
        entry: { main: join(FIXTURE_APP, 'src/index.js') },
        output: { path: join(root, 'dist') },
      });
      expect([build.errors, build.warnings]).toEqual([[], []]);
      const written = listFiles(join(root, 'dist'));
      expect(written.filter((f) => f.endsWith('.map'))).toHaveLength(2);
      expect(uploaded(m)).toEqual(written.map((f) => `~/${f}`));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('fails the build when nothing matches, naming the patterns and the files it saw', async () => {
    const m = await start('current');
    const build = await buildFixture([pluginFor(m, { include: 'build/**/*.js', failOnError: true })]);
    expect(build.errors).toHaveLength(1);
    expect(build.errors[0]).toMatch(/^FaultlineWebpackPlugin: no files to upload: include: "build\/\*\*\/\*\.js" matched none of the 4 emitted files \(static\/js\/[^ ]+, /);
    for (const f of build.files) expect(build.errors[0]).toContain(f);
    expect(m.requests).toEqual([]);
  });

  it('fails the build when no source map is among the files, and only warns with failOnError: false', async () => {
    const m = await start('current');
    const failed = await buildFixture([pluginFor(m, { failOnError: true })], { devtool: false });
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors[0]).toMatch(/^FaultlineWebpackPlugin: no source maps among the 2 files to upload \(include: the emitted \.js, \.mjs, \.cjs and \.map files; saw static\/js\/[^ ]+\.js, static\/js\/[^ ]+\.js\): set devtool: 'hidden-source-map'/);
    expect(m.requests).toEqual([]);
    const warned = await buildFixture([pluginFor(m, { failOnError: false, include: 'nothing' })]);
    expect(warned.errors).toEqual([]);
    expect(warned.warnings).toEqual([expect.stringMatching(/^FaultlineWebpackPlugin: no files to upload: include: "nothing" matched none of the 4 emitted files/)]);
  });
});

describe('dry run', () => {
  it('sends nothing, lists the files and deletes nothing', async () => {
    const m = await start('current');
    let calls = 0;
    const counting: Transport = (request) => {
      calls++;
      return makeFetchTransport()(request);
    };
    const build = await buildFixture([pluginFor(m, { dryRun: true, transport: counting, deleteAfterUpload: true })]);
    expect(build.errors).toEqual([]);
    expect([calls, m.requests.length]).toEqual([0, 0]);
    expect(build.files.filter((f) => f.endsWith('.map'))).toHaveLength(2);
    const lines = build.logs.filter((l) => l.includes('FaultlineWebpackPlugin'));
    expect(lines[0]).toMatch(/dry run: would upload 4 files, [\d.]+ KB for release shop@2\.0\.0 to http:\/\/127\.0\.0\.1:\d+, mode auto; nothing sent$/);
    expect(lines.slice(1).map((l) => l.replace(/^.*\] +/, '').replace(/ \(.*$/, '')).sort()).toEqual(build.files.map((f) => `~/${f}`));
  });
});

describe('deleteAfterUpload', () => {
  it('leaves no map behind once the artifact bundle is assembled', async () => {
    const m = await start('current');
    const build = await buildFixture([pluginFor(m, { deleteAfterUpload: true })]);
    expect(build.errors).toEqual([]);
    expect(build.files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(Object.values(m.bundles[0].manifest.files).filter((f) => f.type == 'source_map')).toHaveLength(2);
  });
});

describe('watch mode', () => {
  it('uploads nothing and says so once, unless uploadInWatchMode is set', async () => {
    const m = await start('current');
    for (const uploadInWatchMode of [false, true]) {
      const { config, outDir, logs } = fixtureConfig([pluginFor(m, { uploadInWatchMode, release: `watch-${uploadInWatchMode}` })]);
      const compiler = webpack(config);
      await new Promise<void>((resolve, reject) => {
        let first = true;
        const watching = compiler.watch({}, (err) => {
          if (!first) return;
          first = false;
          if (err) reject(err);
          else setImmediate(() => watching!.close(() => resolve()));
        });
      });
      const main = listFiles(outDir).find((f) => f.endsWith('.js') && f.includes('main'))!;
      const uploaded = m.bundles.some((b) => b.version == `watch-${uploadInWatchMode}`);
      expect({ uploadInWatchMode, uploaded, said: logs.filter((l) => l.includes('watch mode: no upload')).length }).toEqual({
        uploadInWatchMode,
        uploaded: uploadInWatchMode,
        said: uploadInWatchMode ? 0 : 1,
      });
      // Without upload, the dev build is left as webpack made it: no debug ID snippet.
      expect(readFileSync(join(outDir, main), 'utf8').includes('_sentryDebugIds')).toBe(uploadInWatchMode);
    }
    expect(m.requests.filter((r) => r.path.includes('releases') && r.method == 'POST')).toHaveLength(1);
  });
});

describe('older plugin option names', () => {
  it('maps organization, apiKey, baseSentryURL, deleteAfterCompile, suppressErrors and filenameTransform, with deprecation notes', async () => {
    const m = await start('20.x');
    const build = await buildFixture([
      new FaultlineWebpackPlugin({
        baseSentryURL: `${m.url}/api/0`,
        organization: 'acme',
        project: 'shop',
        apiKey: m.token,
        release: (hash) => `legacy-${hash.slice(0, 6)}`,
        deleteAfterCompile: true,
        suppressErrors: true,
        filenameTransform: (file) => `~/assets/${file.split('/').pop()}`,
      }),
    ]);
    expect(build.errors).toEqual([]);
    expect(m.releases.size).toBe(1);
    expect([...m.releases.keys()][0]).toMatch(/^legacy-[0-9a-f]{6}$/);
    expect(m.releaseFiles.map((f) => f.name).every((n) => /^~\/assets\/[^/]+$/.test(n))).toBe(true);
    expect(m.releaseFiles).toHaveLength(4);
    expect(build.files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const notes = build.logs.filter((l) => l.includes('is deprecated'));
    expect(notes.map((l) => /option `(\w+)`/.exec(l)![1]).sort()).toEqual(
      ['apiKey', 'baseSentryURL', 'deleteAfterCompile', 'filenameTransform', 'organization', 'suppressErrors'],
    );
  });
});
