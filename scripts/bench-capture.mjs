// Capture benchmark (not a test): Faultline's CDN bundle and @sentry/browser (bundled by esbuild
// in memory) measured in the same run, in headless Chromium via playwright-core. Both send to a
// local ingest on 127.0.0.1; the pages come from a second port, so every send is cross-origin as
// in production. Nothing leaves 127.0.0.1. Run after `npm run build`.
//
// Per SDK:
//   capture   synchronous cost of one captureException(new Error(...)): 50 warm-up captures, then
//             500 timed in batches of 10 (Chromium clamps performance.now), median and p95 of the
//             per-call average of each batch. "main thread" is all main-thread task time per
//             capture (CDP TaskDuration), so work an SDK defers past the call counts too.
//   burst     100 captures with distinct messages in one synchronous loop; events the ingest
//             received within 1 s and within 5 s.
//   bundle    gzip -9 bytes of the script the page loaded.
//   heap      usedJSHeapSize after init and forced GC, minus a blank page's (median of 3).
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const WARMUP = 50;
const TIMED = 500;
const BATCH = 10;
const BURST = 100;
const HEAP_REPEATS = 3;

// A hung browser or server must not hang `npm run bench`.
const guard = setTimeout(() => {
  console.error('bench-capture: gave up after 120 s');
  process.exit(1);
}, 120_000);
guard.unref();

// ---- the two bundles -------------------------------------------------------------------------
const faultlineJs = readFileSync('packages/core/dist/faultline.min.js');
const sentryVersion = JSON.parse(readFileSync('node_modules/@sentry/browser/package.json', 'utf8')).version;
const sentryJs = Buffer.from(
  (
    await build({
      stdin: { contents: `import * as Sentry from '@sentry/browser'; window.Sentry = Sentry;`, resolveDir: process.cwd() },
      bundle: true, minify: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent',
    })
  ).outputFiles[0].contents,
);
const faultlineVersion = JSON.parse(readFileSync('packages/core/package.json', 'utf8')).version;

const SDKS = [
  { name: `Faultline ${faultlineVersion} (faultline.min.js)`, file: 'faultline.js', code: faultlineJs, global: 'Faultline' },
  { name: `@sentry/browser ${sentryVersion} (esbuild)`, file: 'sentry.js', code: sentryJs, global: 'Sentry' },
];

// ---- ingest: counts events per project id, so runs never mix --------------------------------
const received = new Map(); // project id -> events
const otherItems = new Map(); // item type -> count, printed with BENCH_VERBOSE
const count = (project, n) => received.set(project, (received.get(project) || 0) + n);
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Expose-Headers': 'retry-after, x-sentry-rate-limits',
};

/** Item headers of an envelope: one JSON line each, a payload after it (by length, or to the newline). */
function envelopeItemTypes(buf) {
  const types = [];
  let pos = buf.indexOf(10); // skip the envelope header
  if (pos < 0) return types;
  pos++;
  while (pos < buf.length) {
    let end = buf.indexOf(10, pos);
    if (end < 0) end = buf.length;
    const line = buf.subarray(pos, end).toString('utf8').trim();
    pos = end + 1;
    if (!line) continue;
    let header;
    try {
      header = JSON.parse(line);
    } catch {
      continue;
    }
    types.push(header.type);
    if (typeof header.length == 'number') {
      pos += header.length;
      if (buf[pos] == 10) pos++;
    } else {
      const next = buf.indexOf(10, pos);
      pos = next < 0 ? buf.length : next + 1;
    }
  }
  return types;
}

const ingest = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const match = /^\/api\/(\d+)\/(envelope|store)\/(\?|$)/.exec(req.url || '');
    if (req.method == 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    if (req.method != 'POST' || !match) {
      res.writeHead(404, CORS).end();
      return;
    }
    let body = Buffer.concat(chunks);
    try {
      if (req.headers['content-encoding'] == 'gzip') body = gunzipSync(body);
    } catch {
      // counted as nothing
    }
    const project = match[1];
    if (match[2] == 'store') count(project, 1);
    else {
      for (const type of envelopeItemTypes(body)) {
        if (type == 'event') count(project, 1);
        else otherItems.set(type, (otherItems.get(type) || 0) + 1);
      }
    }
    res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' }).end('{}');
  });
});

// ---- pages: a second port, so sends are cross-origin; cross-origin isolated for a 5 µs timer --
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
let ingestPort;
const pages = createServer((req, res) => {
  const url = new URL(req.url || '/', 'http://127.0.0.1');
  const sdk = SDKS.find((s) => url.pathname == `/${s.file}`);
  if (sdk) {
    res.writeHead(200, { ...ISOLATION, 'Content-Type': 'text/javascript' }).end(sdk.code);
    return;
  }
  if (url.pathname == '/page') {
    const which = SDKS.find((s) => s.file == url.searchParams.get('sdk'));
    const dsn = `http://benchkey@127.0.0.1:${ingestPort}/${Number(url.searchParams.get('project')) || 1}`;
    const body = which ? `<script src="/${which.file}"></script><script>${which.global}.init({ dsn: ${JSON.stringify(dsn)} });</script>` : '';
    res.writeHead(200, { ...ISOLATION, 'Content-Type': 'text/html' }).end(`<!doctype html><html><head><title>bench</title>${body}</head><body>bench</body></html>`);
    return;
  }
  res.writeHead(404).end();
});

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
ingestPort = await listen(ingest);
const pagePort = await listen(pages);
const origin = `http://127.0.0.1:${pagePort}`;

const browser = await chromium.launch({
  executablePath: CHROME,
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-quic', '--js-flags=--expose-gc', '--enable-precise-memory-info',
  ],
});

let nextProject = 100;
/** A fresh context (so a fresh renderer and JS heap) and page for one measurement. */
async function open(sdk) {
  const project = String(nextProject++);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/page?${sdk ? `sdk=${sdk.file}&` : ''}project=${project}`, { waitUntil: 'load' });
  if (sdk && !(await page.evaluate((g) => !!window[g], sdk.global))) throw new Error(`${sdk.name}: the global ${sdk.global} is missing`);
  return { page, project, close: () => context.close() };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Runs in the page. Batches of BATCH captures with distinct messages; between batches the page
// gets 40 ms so earlier sends complete: a full send buffer would make captures skip sending and
// look cheaper (the footnote says whether all of them arrived). With `capture` false, the same
// loop without the captures, to subtract the loop's own main-thread time.
async function timeCaptures({ global, timed, batch, capture }) {
  const sdk = window[global];
  const sync = [];
  for (let b = 0; b < timed / batch; b++) {
    const t0 = performance.now();
    if (capture) for (let i = 0; i < batch; i++) sdk.captureException(new Error(`timed capture ${window.__n++}`));
    sync.push(((performance.now() - t0) * 1000) / batch);
    await new Promise((r) => setTimeout(r, 40));
  }
  return { sync, isolated: self.crossOriginIsolated };
}

// Runs in the page: what one bare fetch() call costs the caller here, the way both SDKs send
// (a POST with a string body, keepalive), to an ingest URL that counts nothing.
async function timeFetch({ url, batch }) {
  const samples = [];
  for (let b = 0; b < 10; b++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fetch(url, { method: 'POST', body: '{}', keepalive: true }).catch(() => {});
    samples.push(((performance.now() - t0) * 1000) / batch);
    await new Promise((r) => setTimeout(r, 40));
  }
  return samples.sort((a, b) => a - b)[samples.length >> 1];
}

async function heapUsed(page) {
  return page.evaluate(async () => {
    for (let i = 0; i < 3; i++) {
      window.gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    return performance.memory.usedJSHeapSize;
  });
}

const results = SDKS.map((sdk) => ({ sdk }));
let isolated = true;
const chromeVersion = browser.version();
try {
  // 1. synchronous capture cost, and main-thread time per capture all told
  for (const r of results) {
    const { page, project, close } = await open(r.sdk);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name == 'TaskDuration').value;
    await page.evaluate(async ({ global, warmup }) => {
      window.__n = 0;
      for (let i = 0; i < warmup; i++) window[global].captureException(new Error(`warm-up ${window.__n++}`));
      await new Promise((r) => setTimeout(r, 500));
    }, { global: r.sdk.global, warmup: WARMUP });
    const pass = async (capture) => {
      const before = await taskSeconds();
      const t = await page.evaluate(timeCaptures, { global: r.sdk.global, timed: TIMED, batch: BATCH, capture });
      await sleep(1000); // sends still queued finish (their responses are main-thread work too)
      return { ...t, task: (await taskSeconds()) - before };
    };
    const idle = await pass(false);
    const t = await pass(true);
    isolated &&= t.isolated;
    r.syncMedian = median(t.sync);
    r.syncP95 = pct(t.sync, 95);
    r.mainThread = ((t.task - idle.task) * 1e6) / TIMED;
    if (process.env.BENCH_VERBOSE) console.log(`${r.sdk.global}: task time ${t.task.toFixed(3)} s with captures, ${idle.task.toFixed(3)} s without`);
    // Did every capture reach the ingest (if not, some were measured on a drop path)?
    for (let i = 0; i < 20 && (received.get(project) || 0) < WARMUP + TIMED; i++) await sleep(100);
    r.timingDelivered = received.get(project) || 0;
    await close();
  }

  // 2. burst, one SDK after the other, each counted under its own project id
  for (const r of results) {
    const { page, project, close } = await open(r.sdk);
    await page.evaluate(({ global, burst }) => {
      for (let i = 0; i < burst; i++) window[global].captureException(new Error(`burst capture ${i}`));
    }, { global: r.sdk.global, burst: BURST });
    const start = Date.now();
    while (Date.now() - start < 1000) await sleep(20);
    r.burst1s = received.get(project) || 0;
    // Once all have arrived, the 5 s figure is known.
    while (Date.now() - start < 5000 && (received.get(project) || 0) < BURST) await sleep(50);
    r.burst5s = received.get(project) || 0;
    await close();
  }

  // 3. bundle bytes as the page loaded them
  for (const r of results) {
    r.raw = r.sdk.code.length;
    r.gzip = gzipSync(r.sdk.code, { level: 9 }).length;
  }

  // 4. heap after init, minus a blank page's; pages taken in turn, median of 3 each
  const heaps = new Map([[null, []], ...results.map((r) => [r.sdk, []])]);
  for (let i = 0; i < HEAP_REPEATS; i++) {
    for (const sdk of heaps.keys()) {
      const { page, close } = await open(sdk);
      heaps.get(sdk).push(await heapUsed(page));
      await close();
    }
  }
  const blank = median(heaps.get(null));
  for (const r of results) r.heapKiB = (median(heaps.get(r.sdk)) - blank) / 1024;
  results.blankKiB = blank / 1024;

  // for the footnote: one bare fetch() on a blank page
  const { page, close } = await open(null);
  results.fetchUs = await page.evaluate(timeFetch, { url: `http://127.0.0.1:${ingestPort}/api/0/envelope/`, batch: BATCH });
  await close();
} finally {
  await browser.close();
  ingest.closeAllConnections();
  pages.closeAllConnections();
  ingest.close();
  pages.close();
}

// ---- report ------------------------------------------------------------------------------------
const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);
const us = (x) => `${x.toFixed(1)} µs`;
console.log(`Capture benchmark in headless Chromium ${chromeVersion}; ingest and pages on 127.0.0.1 (cross-origin).`);
console.log('Figures vary with the load of this machine: compare the two rows of one run, not runs with each other.\n');
const cols = [
  ['SDK', 40], ['capture med', 12], ['p95', 10], ['main thread', 13], ['burst 1 s', 10], ['5 s', 9], ['gzip -9', 10], ['heap', 10],
];
console.log(cols.map(([h, n], i) => (i ? padL(h, n) : pad(h, n))).join(''));
for (const r of results) {
  const cells = [
    r.sdk.name, us(r.syncMedian), us(r.syncP95), us(r.mainThread),
    `${r.burst1s}/${BURST}`, `${r.burst5s}/${BURST}`, `${(r.gzip / 1024).toFixed(1)} KB`, `${Math.round(r.heapKiB)} KiB`,
  ];
  console.log(cells.map((c, i) => (i ? padL(c, cols[i][1]) : pad(c, cols[i][1]))).join(''));
}
console.log(`
capture: per call, over ${TIMED} calls after ${WARMUP} warm-up, timed in batches of ${BATCH} (p95 is of batch averages)${isolated ? '; page cross-origin isolated, timer 5 µs' : '; page NOT cross-origin isolated, timer 100 µs'}.
main thread: all main-thread task time per capture during those ${TIMED} and the 1 s after (CDP TaskDuration, minus the
  same loop without captures): what deferred work adds (Faultline builds and sends after the call returns).
  One bare fetch() call (POST, keepalive, no SDK) costs ${us(results.fetchUs)} here; each sent event makes one.
burst: ${BURST} captures in one synchronous loop; events the ingest received 1 s and 5 s after the loop.
gzip -9: the script the page loaded (minified: ${results.map((r) => `${r.sdk.global} ${(r.raw / 1024).toFixed(1)} KB`).join(', ')}); the Sentry bundle is \`import * as Sentry\`, so not tree-shaken.
heap: usedJSHeapSize after init and forced GC, minus a blank page's (${Math.round(results.blankKiB)} KiB), median of ${HEAP_REPEATS} fresh contexts.
events delivered during the timing runs: ${results.map((r) => `${r.sdk.global} ${r.timingDelivered}/${WARMUP + TIMED}`).join(', ')}.`);
if (process.env.BENCH_VERBOSE) console.log(`other envelope items received: ${JSON.stringify(Object.fromEntries(otherItems))}`);
process.exit(0);
