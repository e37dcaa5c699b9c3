// The SDKs under test and the pages that load them. Faultline is its script-tag bundles as built;
// @sentry/browser is bundled from the npm package by esbuild (as scripts/bench-capture.mjs does),
// once, and initialised either with its default transport or with its opt-in offline transport.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const FULL = 'packages/core/dist/faultline.full.min.js';
const version = (path) => JSON.parse(readFileSync(path, 'utf8')).version;

export async function loadSdks() {
  // Two script-tag bundles: faultline.full.min.js has everything (the retry queue, sessions);
  // faultline.min.js, the 12 KB one, goes without the retry queue and sessions.
  const faultlineFull = existsSync(FULL) ? readFileSync(FULL) : undefined;
  const faultline = readFileSync('packages/core/dist/faultline.min.js');
  const sentry = Buffer.from(
    (
      await build({
        stdin: { contents: `import * as Sentry from '@sentry/browser'; window.Sentry = Sentry;`, resolveDir: process.cwd() },
        bundle: true, minify: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent',
      })
    ).outputFiles[0].contents,
  );
  const faultlineVersion = version('packages/core/package.json');
  const sentryVersion = version('node_modules/@sentry/browser/package.json');
  const faultlineInit = (dsn) => `Faultline.init({ dsn: ${JSON.stringify(dsn)}, release: 'bench@1' }); window.SDK = Faultline;`;
  return [
    ...(faultlineFull
      ? [
          {
            key: 'faultline-full',
            name: `@faultline/core ${faultlineVersion} (faultline.full.min.js)`,
            version: faultlineVersion,
            file: 'faultline.full.js',
            code: faultlineFull,
            init: faultlineInit,
          },
        ]
      : []),
    {
      key: 'faultline',
      name: `@faultline/core ${faultlineVersion} (faultline.min.js)`,
      version: faultlineVersion,
      file: 'faultline.js',
      code: faultline,
      init: faultlineInit,
    },
    {
      key: 'sentry',
      name: `@sentry/browser ${sentryVersion} (default transport)`,
      version: sentryVersion,
      file: 'sentry.js',
      code: sentry,
      init: (dsn) => `Sentry.init({ dsn: ${JSON.stringify(dsn)}, release: 'bench@1' }); window.SDK = Sentry;`,
    },
    {
      key: 'sentry-offline',
      name: `@sentry/browser ${sentryVersion} (makeBrowserOfflineTransport)`,
      version: sentryVersion,
      file: 'sentry.js',
      code: sentry,
      init: (dsn) =>
        `Sentry.init({ dsn: ${JSON.stringify(dsn)}, release: 'bench@1', transport: Sentry.makeBrowserOfflineTransport(Sentry.makeFetchTransport) }); window.SDK = Sentry;`,
    },
  ];
}

// Cross-origin isolated pages get a 5 µs timer instead of 100 µs.
const PAGE_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };

// Before the SDK: every long task (50 ms or more) the page runs, for the 1,000-error loop.
const LONG_TASKS = `<script>window.__longTasks = []; try { new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true }); } catch (e) {}</script>`;

/**
 * Serves the SDK scripts and `/page?sdk=<key>&port=<ingest port>&project=<id>`, on a port of its
 * own: every send is cross-origin, as in production.
 */
export async function startPages(sdks) {
  const server = createServer((req, res) => {
    const url = new URL(req.url || '/', 'http://127.0.0.1');
    const script = sdks.find((s) => url.pathname == `/${s.file}`);
    if (script) return void res.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': 'text/javascript' }).end(script.code);
    const sdk = sdks.find((s) => s.key == url.searchParams.get('sdk'));
    if (url.pathname != '/page' || !sdk) return void res.writeHead(404).end();
    const dsn = `http://benchkey@127.0.0.1:${Number(url.searchParams.get('port'))}/${Number(url.searchParams.get('project'))}`;
    const html = `<!doctype html><html><head><title>bench</title>${LONG_TASKS}<script src="/${sdk.file}"></script><script>${sdk.init(dsn)}</script></head><body>bench</body></html>`;
    res.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': 'text/html' }).end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: (sdk, ingestPort, project) => `http://127.0.0.1:${server.address().port}/page?sdk=${sdk.key}&port=${ingestPort}&project=${project}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
