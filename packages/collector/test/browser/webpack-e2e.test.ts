// End to end: a real webpack 5 production build of test/fixtures/e2e-app, its source maps
// uploaded to a real collector by @faultline/webpack-plugin (artifact bundle, release files) or by
// Sentry's own @sentry/webpack-plugin (sentry-cli), served from another origin to real headless
// Chromium, a click that throws, and what the collector's Sentry-shaped API then shows: issues,
// titles, culprits, symbolicated frames with source context, notes when maps are missing.
import { sentryWebpackPlugin } from '@sentry/webpack-plugin';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { WebpackPluginInstance } from 'webpack';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, openPage, type OpenedPage } from '../../../core/test/helpers/browser';
import { FaultlineWebpackPlugin, type FaultlineWebpackPluginOptions } from '../../../webpack-plugin/src/index';
import { latestEvent, listIssues, mainException, topFrame, waitForIssues, type ApiIssue } from '../helpers/e2e-api';
import { buildE2eApp, removeE2eBuilds, sourceLine, type E2eBuild } from '../helpers/e2e-build';
import { appPage, startStaticServer, type StaticServer } from '../helpers/e2e-static-server';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';

// Six webpack builds (the one with Sentry's SDK the slowest) on two cores, one Chromium.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const RELEASE = 'e2e@1.0.0';
const BOOM = sourceLine('cart.js', "throw new Error('boom')");
const COUPON = sourceLine('coupon.js', 'throw new TypeError');
const MAIN_SCRIPT = /^static\/js\/main\.[0-9a-f]{8}\.js$/;

let browser: Browser;
const pages: OpenedPage[] = [];
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(pages.splice(0).map((p) => p.page.close().catch(() => undefined)));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await browser?.close();
  removeE2eBuilds();
  removeTestDirs();
});

/** A collector on port 0, closed (and its temp dir removed) after the file. */
async function collectorForTest(): Promise<TestCollector> {
  const collector = await startTestCollector();
  cleanups.push(() => collector.close());
  return collector;
}

/** Our plugin uploading to `collector` for RELEASE; an upload that fails fails the build. */
const ourPlugin = (collector: TestCollector, options: FaultlineWebpackPluginOptions = {}) =>
  new FaultlineWebpackPlugin({ url: collector.url, authToken: collector.token, org: 'sentry', project: 'default', release: RELEASE, silent: true, failOnError: true, ...options });

/** A collector, the app built with the plugins made for it (none: maps never uploaded), and the build served. */
async function builtSite(entry: 'index.js' | 'sentry.js', plugins?: (collector: TestCollector) => WebpackPluginInstance[]) {
  const collector = await collectorForTest();
  const build = await buildE2eApp(entry, plugins?.(collector));
  return { collector, build, site: await serve(build) };
}

/** The build's output on its own web server (another origin than the collector's). */
async function serve(build: E2eBuild): Promise<StaticServer> {
  const site = await startStaticServer(build.outDir);
  cleanups.push(() => site.close());
  return site;
}

/** Opens the app's page in Chromium, with the SDK pointed at `dsn`, and clicks each button given. */
async function clickThrough(site: StaticServer, build: E2eBuild, dsn: string, buttons: string[], dist?: string): Promise<OpenedPage> {
  const opened = await openPage(browser, site.page(appPage(build.main, dsn, dist)));
  pages.push(opened);
  for (const button of buttons) await opened.page.click(button);
  return opened;
}

const summary = (issues: ApiIssue[]) => issues.map(({ title, culprit, count }) => ({ title, culprit, count })).sort((a, b) => a.title.localeCompare(b.title));

/**
 * What a user checks after clicking Checkout once: one issue `Error: boom` blamed on
 * `checkout(src/cart.js)`, whose latest event's top frame is the original throw (file, line,
 * function, source context) while the raw stack keeps the minified frame, and no processing notes.
 */
async function expectSymbolicatedBoom(collector: TestCollector, site: StaticServer, build: E2eBuild, opened: OpenedPage, resolvedWith: 'debug-id' | 'release', dist?: string) {
  const issues = await waitForIssues(collector, (list) => list.length > 0);
  // Soft: one run shows every field that is off, not just the first.
  expect.soft(summary(issues)).toEqual([{ title: 'Error: boom', culprit: 'checkout(src/cart.js)', count: '1' }]);
  expect.soft(issues[0].metadata).toMatchObject({ type: 'Error', value: 'boom', filename: 'src/cart.js', function: 'checkout' });

  const event = await latestEvent(collector, issues[0].id);
  expect.soft(event.errors).toEqual([]);
  expect.soft(event).toMatchObject({ title: 'Error: boom', release: { version: RELEASE }, dist: dist ?? null, processingState: 'processed' });
  const exception = mainException(event);
  expect.soft(exception).toMatchObject({ type: 'Error', value: 'boom', mechanism: { handled: false } });

  const top = topFrame(exception.stacktrace?.frames)!;
  expect.soft(top).toMatchObject({ filename: 'src/cart.js', function: 'checkout', lineNo: BOOM.line, colNo: BOOM.text.indexOf('new Error') + 1, inApp: true });
  expect.soft(top.absPath).toMatch(/\/src\/cart\.js$/);
  expect.soft(top.context).toContainEqual([BOOM.line, BOOM.text]);
  expect.soft(top.context).toContainEqual([BOOM.line - 2, sourceLine('cart.js', 'const total').text]);
  expect.soft(top.data).toMatchObject({ symbolicated: true, resolved_with: resolvedWith, sourcemap: expect.stringMatching(/\.js\.map$/) });

  const raw = topFrame(exception.rawStacktrace?.frames)!;
  // Sentry's SDK sends only `filename`; Relay moves it to `abs_path` before processing, so both SDKs' raw frames have it.
  expect.soft(raw).toMatchObject({ absPath: `${site.url}/${build.main}`, context: [] });
  expect.soft(raw.lineNo).toBeGreaterThanOrEqual(1);
  expect.soft(raw.function).not.toBe('checkout'); // minified

  // The page really threw, uncaught: the SDK reported it without swallowing it.
  expect.soft(opened.pageErrors).toEqual(['Error: boom']);
}

describe('uploaded by @faultline/webpack-plugin, mode auto (the collector takes artifact bundles)', () => {
  let collector: TestCollector;
  let build: E2eBuild;
  let site: StaticServer;

  beforeAll(async () => {
    ({ collector, build, site } = await builtSite('index.js', (c) => [ourPlugin(c)]));
  });

  it('builds cleanly, with a debug ID in the script and its map, and the release on the collector', async () => {
    expect(build.errors).toEqual([]);
    expect(build.warnings).toEqual([]);
    expect(build.files).toEqual([build.main, `${build.main}.map`]);
    expect(build.main).toMatch(MAIN_SCRIPT);
    const code = readFileSync(join(build.outDir, build.main), 'utf8');
    const debugId = /\/\/# debugId=([0-9a-f-]{36})\s*$/.exec(code)?.[1];
    expect(debugId).toBeDefined();
    expect(code).not.toContain('sourceMappingURL'); // hidden-source-map
    expect(JSON.parse(readFileSync(join(build.outDir, `${build.main}.map`), 'utf8')).debug_id).toBe(debugId);
    const release = await collector.api(`/api/0/organizations/sentry/releases/${RELEASE}/`);
    expect(release.status).toBe(200);
    expect(await release.json()).toMatchObject({ version: RELEASE, dateReleased: expect.any(String) });
    // Artifact bundles are not release files.
    expect(await (await collector.api(`/api/0/projects/sentry/default/releases/${RELEASE}/files/`)).json()).toEqual([]);
  });

  it('shows a click that throws in Chromium (@faultline/core) as one issue, symbolicated through the debug ID', async () => {
    const opened = await clickThrough(site, build, collector.info.dsn, ['#checkout']);
    await expectSymbolicatedBoom(collector, site, build, opened, 'debug-id');
  });
});

describe("uploaded by @faultline/webpack-plugin, mode 'legacy' (release files), with a dist", () => {
  let collector: TestCollector;
  /** Receives the same upload; its events come with a different dist. */
  let other: TestCollector;
  let build: E2eBuild;
  let site: StaticServer;

  beforeAll(async () => {
    collector = await collectorForTest();
    other = await collectorForTest();
    const legacy = { dist: '7', mode: 'legacy' } as const;
    build = await buildE2eApp('index.js', [ourPlugin(collector, legacy), ourPlugin(other, legacy)]);
    site = await serve(build);
  });

  it('uploads the script and its map as release files named ~/static/js/…, with the dist and a Sourcemap header', async () => {
    expect(build.errors).toEqual([]);
    expect(build.warnings).toEqual([]);
    const code = readFileSync(join(build.outDir, build.main), 'utf8');
    expect(code).not.toContain('debugId'); // legacy mode leaves the output as webpack made it
    const res = await collector.api(`/api/0/projects/sentry/default/releases/${RELEASE}/files/`);
    expect(res.status).toBe(200);
    const files = ((await res.json()) as Array<{ name: string; dist: string | null; headers: Record<string, string>; size: number }>).sort((a, b) => a.name.localeCompare(b.name));
    const mapName = `${build.main.split('/').pop()}.map`;
    expect(files).toEqual([
      expect.objectContaining({ name: `~/${build.main}`, dist: '7', headers: { Sourcemap: mapName }, size: Buffer.byteLength(code) }),
      expect.objectContaining({ name: `~/${build.main}.map`, dist: '7', headers: {} }),
    ]);
  });

  it('shows a click that throws in Chromium (@faultline/core, dist 7) as one issue, symbolicated through the release files', async () => {
    const opened = await clickThrough(site, build, collector.info.dsn, ['#checkout'], '7');
    await expectSymbolicatedBoom(collector, site, build, opened, 'release', '7');
  });

  it('with a wrong dist, keeps the minified frames and notes js_no_source naming the file it looked for', async () => {
    const opened = await clickThrough(site, build, other.info.dsn, ['#checkout'], '8');
    const [issue] = await waitForIssues(other, (list) => list.length > 0);
    const event = await latestEvent(other, issue.id);
    expect(event.dist).toBe('8');
    const exception = mainException(event);
    const top = topFrame(exception.stacktrace?.frames)!;
    expect(top.absPath).toBe(`${site.url}/${build.main}`);
    expect(top.function).not.toBe('checkout');
    expect(top.context).toEqual([]);
    expect(exception.rawStacktrace).toBeNull(); // nothing was mapped, so nothing to keep apart
    expect(event.errors).toContainEqual(
      expect.objectContaining({ type: 'js_no_source', url: `${site.url}/${build.main}`, message: expect.stringContaining(`~/${build.main}`) }),
    );
    expect(event.errors.find((e) => e.type == 'js_no_source')!.message).toContain('dist 8');
    expect(issue.title).toBe('Error: boom');
    expect(issue.culprit).not.toBe('checkout(src/cart.js)');
    expect(opened.pageErrors).toEqual(['Error: boom']);
  });
});

describe('uploaded by @sentry/webpack-plugin 4 (sentry-cli)', () => {
  let collector: TestCollector;
  let build: E2eBuild;
  let site: StaticServer;
  const uploadErrors: unknown[] = [];

  beforeAll(async () => {
    collector = await collectorForTest();
    // sentry-cli is a native binary that would check for updates and could use proxies: keep it
    // on 127.0.0.1 (anything else fails fast at port 9).
    const env = { SENTRY_DISABLE_UPDATE_CHECK: 'true', HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1,localhost', CI: '' };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      build = await buildE2eApp('index.js', (outDir) => [
        sentryWebpackPlugin({
          url: collector.url,
          authToken: collector.token,
          org: 'sentry',
          project: 'default',
          release: { name: RELEASE, create: true, finalize: true },
          sourcemaps: { assets: [`${outDir}/**`] },
          telemetry: false,
          silent: true,
          errorHandler: (error) => void uploadErrors.push(error),
        }),
      ]);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    site = await serve(build);
  });

  it('builds and uploads without errors, and creates the release', async () => {
    expect(uploadErrors.map(String)).toEqual([]);
    expect(build.errors).toEqual([]);
    expect(build.main).toMatch(MAIN_SCRIPT);
    const code = readFileSync(join(build.outDir, build.main), 'utf8');
    expect(code).toContain('_sentryDebugIds');
    const release = await collector.api(`/api/0/organizations/sentry/releases/${RELEASE}/`);
    expect(release.status).toBe(200);
  });

  it('shows a click that throws in Chromium (@faultline/core) as one issue, symbolicated through the debug ID', async () => {
    const opened = await clickThrough(site, build, collector.info.dsn, ['#checkout']);
    await expectSymbolicatedBoom(collector, site, build, opened, 'debug-id');
  });
});

describe("with Sentry's @sentry/browser 10 in the page instead of @faultline/core", () => {
  let collector: TestCollector;
  let build: E2eBuild;
  let site: StaticServer;

  beforeAll(async () => {
    ({ collector, build, site } = await builtSite('sentry.js', (c) => [ourPlugin(c)]));
  });

  it("symbolicates the same top frame from Sentry's envelope", async () => {
    expect(build.errors).toEqual([]);
    const opened = await clickThrough(site, build, collector.info.dsn, ['#checkout']);
    await expectSymbolicatedBoom(collector, site, build, opened, 'debug-id');
    const [issue] = await listIssues(collector);
    const event = await latestEvent(collector, issue.id);
    expect(event.sdk).toMatchObject({ name: 'sentry.javascript.browser' });
    // Sentry's own wrapper around the listener maps into node_modules: not the app's code.
    const frames = mainException(event).stacktrace!.frames;
    const sdkFrames = frames.filter((f) => f.absPath?.includes('node_modules/@sentry/'));
    expect(sdkFrames.length).toBeGreaterThan(0);
    expect(sdkFrames.filter((f) => f.inApp)).toEqual([]);
  });
});

describe('a build whose maps were never uploaded', () => {
  let collector: TestCollector;
  let build: E2eBuild;
  let site: StaticServer;

  beforeAll(async () => {
    ({ collector, build, site } = await builtSite('index.js'));
  });

  it('keeps the minified frames, and notes js_no_source naming the file it looked for', async () => {
    const opened = await clickThrough(site, build, collector.info.dsn, ['#checkout']);
    const issues = await waitForIssues(collector, (list) => list.length > 0);
    expect(issues.map((i) => i.title)).toEqual(['Error: boom']);
    const event = await latestEvent(collector, issues[0].id);
    const exception = mainException(event);
    const top = topFrame(exception.stacktrace?.frames)!;
    expect(top).toMatchObject({ absPath: `${site.url}/${build.main}`, context: [] });
    expect(top.function).not.toBe('checkout');
    expect(exception.rawStacktrace).toBeNull();
    const note = event.errors.find((e) => e.type == 'js_no_source');
    expect(note).toMatchObject({ url: `${site.url}/${build.main}` });
    expect(note!.message).toContain(`~/${build.main}`);
    expect(note!.message).toContain(RELEASE);
    expect(opened.pageErrors).toEqual(['Error: boom']);
  });
});

describe('grouping of real clicks', () => {
  let collector: TestCollector;
  let build: E2eBuild;
  let site: StaticServer;

  beforeAll(async () => {
    ({ collector, build, site } = await builtSite('index.js', (c) => [ourPlugin(c)]));
  });

  it('makes two issues of two throw sites, and one issue (count "2") of the same error thrown twice', async () => {
    await clickThrough(site, build, collector.info.dsn, ['#checkout', '#coupon']);
    const two = await waitForIssues(collector, (list) => list.length >= 2);
    expect(summary(two)).toEqual([
      { title: 'Error: boom', culprit: 'checkout(src/cart.js)', count: '1' },
      { title: 'TypeError: coupon spring expired', culprit: 'applyCoupon(src/coupon.js)', count: '1' },
    ]);
    const couponIssue = two.find((i) => i.title.startsWith('TypeError'))!;
    const couponTop = topFrame(mainException(await latestEvent(collector, couponIssue.id)).stacktrace?.frames)!;
    expect(couponTop).toMatchObject({ filename: 'src/coupon.js', function: 'applyCoupon', lineNo: COUPON.line });

    // The same error again, from a fresh page load (the SDK drops an exact repeat within one page).
    await clickThrough(site, build, collector.info.dsn, ['#checkout']);
    const after = await waitForIssues(collector, (list) => list.some((i) => i.title == 'Error: boom' && i.count == '2'));
    expect(summary(after)).toEqual([
      { title: 'Error: boom', culprit: 'checkout(src/cart.js)', count: '2' },
      { title: 'TypeError: coupon spring expired', culprit: 'applyCoupon(src/coupon.js)', count: '1' },
    ]);
    const boom = after.find((i) => i.title == 'Error: boom')!;
    const events = (await (await collector.api(`/api/0/issues/${boom.id}/events/`)).json()) as unknown[];
    expect(events).toHaveLength(2);
    expect(await listIssues(collector)).toHaveLength(2);
  });
});
