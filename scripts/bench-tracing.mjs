// Tracing benchmark (not a test): what performance monitoring costs a page, @faultline/tracing
// (with core) beside @sentry/browser with browserTracingIntegration, in the same run, in headless
// Chromium via playwright-core. Everything stays on 127.0.0.1. Run after `npm run build`.
//
// Per variant, medians over RUNS fresh pages:
//   eval+init   ms from before the inlined SDK script to after its init() returned (parse,
//               evaluation and setup; the bundle is inline, so no network time is in it).
//   heap        usedJSHeapSize after the load event and a forced GC, minus a blank page's, KiB.
//   per fetch   synchronous µs one fetch('/ok') call costs the caller while a page-load
//               transaction is open (so the tracing wrapper times it and adds headers), minus
//               the same call on a blank page. Batches of 20 calls, cross-origin isolated for
//               5 µs timers.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS) || 7;
const FETCH_BATCHES = 15;
const FETCH_BATCH = 20;

const guard = setTimeout(() => {
  console.error('bench-tracing: gave up after 180 s');
  process.exit(1);
}, 180_000);
guard.unref();

const version = (pkg) => JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')).version;
async function iife(contents) {
  const result = await build({ stdin: { contents, resolveDir: process.cwd() }, bundle: true, minify: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', logLevel: 'silent' });
  return result.outputFiles[0].text;
}

// Both SDKs from their built packages, bundled the same way; idle timeouts long enough that the
// page-load transaction is still open while fetches are timed.
const faultline = await iife(`import * as core from '@faultline/core'; import { tracingIntegration } from '@faultline/tracing'; window.SDK = { ...core, tracingIntegration };`);
const sentry = await iife(`import * as Sentry from '@sentry/browser'; window.SDK = Sentry;`);
const VARIANTS = [
  { name: 'blank page', code: '', init: '' },
  { name: `@faultline/core ${version('@faultline/core')}`, code: faultline, init: 'SDK.init({ dsn: DSN })' },
  { name: `@faultline/core + @faultline/tracing ${version('@faultline/tracing')}`, code: faultline, init: 'SDK.init({ dsn: DSN, tracesSampleRate: 1, integrations: [SDK.tracingIntegration({ idleTimeout: 60000 })] })', traced: true },
  { name: `@sentry/browser ${version('@sentry/browser')}`, code: sentry, init: 'SDK.init({ dsn: DSN })' },
  { name: '@sentry/browser + browserTracingIntegration', code: sentry, init: 'SDK.init({ dsn: DSN, tracesSampleRate: 1, integrations: [SDK.browserTracingIntegration({ idleTimeout: 60000 })] })', traced: true },
];

// ---- servers: an ingest that answers 200 to everything, and the pages on another port --------
const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'POST, OPTIONS' };
const ingest = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(req.method == 'OPTIONS' ? 204 : 200, CORS).end('{}'));
});
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
let dsn;
const pages = createServer((req, res) => {
  const url = new URL(req.url || '/', 'http://127.0.0.1');
  if (url.pathname == '/ok') return void res.writeHead(200, { ...ISOLATION, 'Content-Type': 'text/plain' }).end('ok');
  const variant = VARIANTS[Number(url.searchParams.get('v'))];
  if (url.pathname != '/page' || !variant) return void res.writeHead(404).end();
  const html = `<!doctype html><html><head><title>bench</title>
<script>var DSN = ${JSON.stringify(dsn)}; window.__t0 = performance.now();</script>
<script>${variant.code}</script>
<script>${variant.init}; window.__t1 = performance.now();</script>
</head><body><p>${'Some text to paint. '.repeat(20)}</p></body></html>`;
  res.writeHead(200, { ...ISOLATION, 'Content-Type': 'text/html' }).end(html);
});
const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
dsn = `http://benchkey@127.0.0.1:${await listen(ingest)}/1`;
const origin = `http://127.0.0.1:${await listen(pages)}`;

const browser = await chromium.launch({
  executablePath: CHROME,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});

// Runs in the page: per-call synchronous µs of fetch('/ok'), batches awaited so requests do not pile up.
async function timeFetch({ batches, batch }) {
  const samples = [];
  for (let b = 0; b < batches; b++) {
    const pending = [];
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) pending.push(fetch('/ok'));
    samples.push(((performance.now() - t0) * 1000) / batch);
    await Promise.all(pending);
  }
  return { samples, isolated: self.crossOriginIsolated };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(index) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/page?v=${index}`, { waitUntil: 'load' });
  const evalInit = await page.evaluate(() => window.__t1 - window.__t0);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  const heap = await page.evaluate(() => (gc(), gc(), performance.memory.usedJSHeapSize));
  // Warm the path once, then time it.
  await page.evaluate(timeFetch, { batches: 2, batch: FETCH_BATCH });
  const { samples, isolated } = await page.evaluate(timeFetch, { batches: FETCH_BATCHES, batch: FETCH_BATCH });
  if (!isolated) throw new Error('the page is not cross-origin isolated: timers too coarse for µs');
  await context.close();
  return { evalInit, heap, fetch: median(samples) };
}

const results = VARIANTS.map(() => ({ evalInit: [], heap: [], fetch: [] }));
for (let run = 0; run < RUNS; run++) {
  // Interleaved, so a slow moment of the machine does not fall on one variant only.
  for (let i = 0; i < VARIANTS.length; i++) {
    const m = await measure(i);
    for (const key of Object.keys(m)) results[i][key].push(m[key]);
  }
}
await browser.close();
ingest.close();
pages.close();

const rows = VARIANTS.map((v, i) => ({
  name: v.name,
  evalInit: median(results[i].evalInit),
  heap: (median(results[i].heap) - median(results[0].heap)) / 1024,
  fetch: median(results[i].fetch) - median(results[0].fetch),
}));
console.log(`Tracing cost in headless Chromium, medians of ${RUNS} runs (load average ${loadavg()[0].toFixed(2)} at the end)`);
console.log('variant'.padEnd(52), 'eval+init ms'.padStart(13), 'heap KiB'.padStart(10), 'µs/fetch'.padStart(10));
for (const r of rows.slice(1)) console.log(r.name.padEnd(52), r.evalInit.toFixed(2).padStart(13), r.heap.toFixed(0).padStart(10), r.fetch.toFixed(1).padStart(10));
console.log(`${'blank page (the baseline)'.padEnd(52)} ${rows[0].evalInit.toFixed(2).padStart(13)} ${'0'.padStart(10)} ${'0.0'.padStart(10)}  (fetch: ${median(results[0].fetch).toFixed(1)} µs/call)`);
// What tracing adds to each SDK, and Sentry's figure over ours.
const ours = { evalInit: rows[2].evalInit - rows[1].evalInit, heap: rows[2].heap - rows[1].heap, fetch: rows[2].fetch - rows[1].fetch };
const theirs = { evalInit: rows[4].evalInit - rows[3].evalInit, heap: rows[4].heap - rows[3].heap, fetch: rows[4].fetch - rows[3].fetch };
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(1)}x` : 'n/a');
console.log('\nwhat tracing adds'.padEnd(53), 'eval+init ms'.padStart(13), 'heap KiB'.padStart(10), 'µs/fetch'.padStart(10));
console.log('@faultline/tracing (on core)'.padEnd(52), ours.evalInit.toFixed(2).padStart(13), ours.heap.toFixed(0).padStart(10), ours.fetch.toFixed(1).padStart(10));
console.log('browserTracingIntegration (on @sentry/browser)'.padEnd(52), theirs.evalInit.toFixed(2).padStart(13), theirs.heap.toFixed(0).padStart(10), theirs.fetch.toFixed(1).padStart(10));
console.log('Sentry / Faultline'.padEnd(52), ratio(theirs.evalInit, ours.evalInit).padStart(13), ratio(theirs.heap, ours.heap).padStart(10), ratio(theirs.fetch, ours.fetch).padStart(10));
