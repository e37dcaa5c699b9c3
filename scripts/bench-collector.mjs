// Collector benchmark (not a test): @faultline/collector measured, and for ingest Sentry
// Spotlight beside it in the same run. Every server runs in its own child process, so autocannon
// (here) and the server never share an event loop; both share this machine's cores. Nothing leaves
// 127.0.0.1. Run after `npm run build`.
//
//   ingest   autocannon, 64 connections, BENCH_SECONDS (10) s per load after 1 s of warm-up, one
//            fresh server per load. Envelopes as @faultline/core sends them (one event each: an
//            exception with 15 frames, breadcrumbs, request, user, contexts, tags, sdk), padded
//            with breadcrumbs and `extra` to 5 KB or 50 KB of event JSON; every request has its
//            own event_id (20 issue shapes in rotation). events/s = 200 answers per second;
//            p50/p99 of all answers; non-200 = other statuses plus socket errors and timeouts;
//            caught up = from the end of the load until no event is `queued` in the collector's
//            database (polled every 10 ms through a read-only connection); peak RSS = VmHWM of
//            the server process (/proc/<pid>/status); cores = CPU the server, autocannon and the
//            rest of the machine used during the load (/proc/stat), since this machine is shared;
//            per core-s = events per CPU-second of the server. Median run of BENCH_RUNS (3), by
//            events/s. Then the collector once more per size, paced evenly at its target rate
//            (3,000/s of 5 KB, 500/s of 50 KB, up to 64 sockets, latency from when each request
//            was due), where catch-up and p99 are judged. Spotlight runs as its CLI ships, on a free port, and gets the same loads
//            (content type application/x-sentry-envelope, which it needs to parse envelopes).
//   symbolicate   10,000 frames (200 events of 50) through one cached ~1 MB source map of a
//            generated, esbuild-minified bundle, calling the collector's symbolicateEvent()
//            directly (compiled from packages/collector/src/symbolicate for this script) with an
//            in-memory artifact lookup; frame positions are generated positions of the map's own
//            mappings. Per frame, median of 5 runs after one warm-up pass.
//   read API   a collector seeded over HTTP with BENCH_SEED_EVENTS (100,000) events in 1,000
//            issues, timestamps spread over the last 24 h (nothing written behind the collector's
//            back); then 50 sequential requests each (after 5 unmeasured) on one keep-alive
//            loopback connection with the token from collector.json: median and max latency.
//
//   process   processRow() per 5 KB event (the ingest section's events, 20 shapes, 1,000 events), with no
//            maps uploaded and with the app's frames mapped through release files in a real SQLite
//            store; median of 5 passes after one that fills the caches.
//
// BENCH_ONLY=ingest,symbolicate,process,api picks sections; BENCH_CPU_PROF=<dir> runs each collector
// child with `node --cpu-prof` into that folder.
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { build as esbuild } from 'esbuild';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect, createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { writeBenchModules } from './bench-app.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const RUNS = Number(process.env.BENCH_RUNS || 3);
const SEED_EVENTS = Number(process.env.BENCH_SEED_EVENTS || 100_000);
const SEED_ISSUES = 1000;
const CONNECTIONS = 64;
const SIZES = [5_000, 50_000];
const ONLY = new Set((process.env.BENCH_ONLY || 'ingest,symbolicate,process,api').split(','));
const CPU_PROF = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : '';
const COLLECTOR_BIN = 'packages/collector/bin/faultline-collector.mjs';
const SPOTLIGHT_BIN = 'node_modules/@spotlightjs/spotlight/dist/run.js';
const CAUGHT_UP_LIMIT_MS = Number(process.env.BENCH_CAUGHT_UP_LIMIT_MS || 180_000);
const scriptStart = performance.now();

// Anything a child tries to send out through a proxy-aware client fails fast instead.
const OFFLINE_ENV = { HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1,localhost' };

const work = mkdtempSync(join(tmpdir(), 'faultline-bench-collector-'));
const children = new Set();
const cleanUp = () => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
// A hung server must not hang `npm run bench`.
setTimeout(() => {
  console.error('bench-collector: gave up after 40 min');
  process.exit(1);
}, 40 * 60_000).unref();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const versionOf = (pkg) => {
  try {
    return JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')).version;
  } catch {
    return '(not installed)';
  }
};
const mulberry32 = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

// ---- events as @faultline/core sends them ------------------------------------------------------
const ID_MARK = 'deadbeef'.repeat(4); // 32 hex: replaced per request
const TS_MARK = 1111111111.111; // 14 characters, like every epoch second with 3 decimals until 2286
const APP = 'https://shop.example.com';
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const VERBS = 'load,save,render,parse,submit,fetch,update,validate,format,resolve,apply,build,merge,select,toggle,open,close,sync,track,compute'.split(',');
const NOUNS = 'Cart,Order,Price,Address,Payment,Coupon,Basket,Invoice,Product,Review,Filter,Search,Session,Profile,Wishlist,Shipping,Tax,Voucher,Menu,Banner,Modal,Form,Table,Chart,Grid,Tab,Step,Wizard,Toast,Avatar,Badge,Carousel,Dialog,Drawer,Footer,Header,List,Map,Pager,Picker,Slider,Stepper,Tree,Upload,Video,Audio,Canvas,Editor,Feed,Inbox'.split(',');
const TYPES = ['TypeError', 'Error', 'RangeError', 'ReferenceError', 'SyntaxError', 'ChunkLoadError'];

function makeEvent(k, bytes, rand) {
  const now = Date.now() / 1000;
  const chunk = `${APP}/static/js/main.8c1f${(k % 37).toString(16).padStart(2, '0')}e2.js`;
  const vendors = `${APP}/static/js/vendors.4f2a9c1e.js`;
  const appFn = (i) => `${VERBS[(k + i * 7) % VERBS.length]}${NOUNS[Math.floor(k / VERBS.length + i) % NOUNS.length]}`;
  const frames = [];
  for (let i = 0; i < 15; i++) {
    const app = i >= 9; // the newest six frames are the app's, the rest React and the router
    const file = app ? chunk : vendors;
    const fn = app ? (i >= 12 ? appFn(i) : `Object.${appFn(i)}`) : ['HTMLUnknownElement.callCallback', 'Object.invokeGuardedCallbackDev', 'invokeGuardedCallback', 'dispatchEvent', 'batchedUpdates$1', 'Ke', 'Ye', 'Xt', 'Object.Yn'][i];
    frames.push({ filename: file, abs_path: file, function: fn, in_app: true, lineno: app ? 2 : 1, colno: 1000 + Math.floor(rand() * 90000) });
  }
  const event = {
    event_id: ID_MARK,
    timestamp: TS_MARK,
    platform: 'javascript',
    level: 'error',
    release: 'shop@1.4.2',
    environment: 'production',
    exception: {
      values: [
        {
          type: TYPES[k % TYPES.length],
          value: `Cannot read properties of undefined (reading '${NOUNS[k % NOUNS.length].toLowerCase()}Id')`,
          mechanism: { type: 'onerror', handled: false },
          stacktrace: { frames },
        },
      ],
    },
    breadcrumbs: { values: [] },
    request: { url: `${APP}/checkout/step-${k % 5}?ref=newsletter&utm_source=mail`, headers: { 'User-Agent': UA, Referer: `${APP}/cart` } },
    user: { id: `user-${(k * 7919) % 100_003}`, ip_address: '{{auto}}' },
    contexts: {
      browser: { name: 'Chrome', version: '131.0.0.0' },
      os: { name: 'Windows', version: '10' },
      device: { family: 'Desktop', screen_resolution: '1920x1080', online: true },
      trace: { trace_id: randomBytes(16).toString('hex'), span_id: randomBytes(8).toString('hex') },
    },
    tags: { route: `/checkout/step-${k % 5}`, locale: 'en-GB', 'ab.checkout': k % 2 ? 'b' : 'a' },
    extra: {},
    sdk: { name: 'faultline.javascript.browser', version: '0.1.0', integrations: ['InboundFilters', 'GlobalHandlers', 'BrowserApiErrors', 'Breadcrumbs', 'LinkedErrors', 'Dedupe', 'HttpContext'] },
  };
  const crumbs = event.breadcrumbs.values;
  const crumb = (i) => {
    const t = Number((now - 60 + i * 0.5).toFixed(3));
    switch (i % 4) {
      case 0: return { timestamp: t, type: 'http', category: 'fetch', data: { method: 'GET', url: `${APP}/api/v2/cart/items?page=${i}&include=prices,stock`, status_code: 200 } };
      case 1: return { timestamp: t, category: 'ui.click', message: `body > div#root > main.checkout > form > fieldset:nth-child(${i}) > button.btn.btn-primary[type="submit"]` };
      case 2: return { timestamp: t, category: 'console', level: 'warning', message: `[cart] price for sku-${1000 + i} is stale (${i * 3} s old), refetching with the new currency table`, data: { logger: 'console', arguments: [`[cart] price for sku-${1000 + i} is stale`, { sku: 1000 + i, age: i * 3 }] } };
      default: return { timestamp: t, category: 'navigation', data: { from: `/checkout/step-${i % 5}`, to: `/checkout/step-${(i + 1) % 5}` } };
    }
  };
  // Sizes add up item by item (ASCII only, so characters are bytes); one stringify checks at the end.
  let size = JSON.stringify(event).length;
  for (let i = 0; crumbs.length < 100 && size < bytes - 300; i++) {
    const c = crumb(i);
    crumbs.push(c);
    size += JSON.stringify(c).length + (crumbs.length > 1 ? 1 : 0);
  }
  // Past 100 breadcrumbs (the SDK's limit), the rest is app state in `extra`, as apps attach it.
  const items = [];
  event.extra.cart = { currency: 'EUR', items };
  size = JSON.stringify(event).length;
  for (let i = 0; size < bytes - 200; i++) {
    const item = { sku: `sku-${1000 + i}`, name: `${NOUNS[i % NOUNS.length]} ${VERBS[i % VERBS.length]} deluxe edition`, qty: 1 + (i % 3), price: 9.99 + i, tags: ['sale', 'new'] };
    items.push(item);
    size += JSON.stringify(item).length + (items.length > 1 ? 1 : 0);
  }
  event.extra.note = '';
  event.extra.note = 'x'.repeat(Math.max(0, bytes - JSON.stringify(event).length));
  return event;
}

/** An envelope as core's eventEnvelope() writes it, with the offsets of the id and timestamp. */
function envelopeTemplate(event) {
  const json = JSON.stringify(event);
  const header = JSON.stringify({ event_id: ID_MARK, sent_at: new Date().toISOString(), sdk: { name: event.sdk.name, version: event.sdk.version } });
  const buf = Buffer.from(`${header}\n${JSON.stringify({ type: 'event', length: Buffer.byteLength(json) })}\n${json}`);
  const find = (mark) => {
    const at = [];
    for (let i = buf.indexOf(mark); i >= 0; i = buf.indexOf(mark, i + 1)) at.push(i);
    return at;
  };
  return { buf, idAt: find(ID_MARK), tsAt: find(String(TS_MARK)), eventBytes: Buffer.byteLength(json) };
}

function withIdAndTime(t, id, ts) {
  const b = Buffer.from(t.buf);
  for (const at of t.idAt) b.write(id, at, 'latin1');
  const stamp = ts.toFixed(3);
  for (const at of t.tsAt) b.write(stamp, at, 'latin1');
  return b;
}

function templates(count, bytes, seed) {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, (_, k) => envelopeTemplate(makeEvent(k, bytes, rand)));
}

// ---- load ---------------------------------------------------------------------------------------
/** autocannon posting the templates in rotation, each request with a new event_id. */
async function blast(server, tpls, { duration, amount, timestamp = () => Date.now() / 1000 }) {
  const tag = randomBytes(6).toString('hex');
  let n = 0;
  const query = `sentry_key=${server.key}&sentry_version=7&sentry_client=faultline.javascript.browser%2F0.1.0`;
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    ...(amount ? { amount } : { duration }),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: `/api/${server.projectId}/envelope/?${query}`,
        headers: { 'content-type': 'application/x-sentry-envelope', 'user-agent': UA, origin: APP },
        setupRequest(req) {
          const i = n++;
          req.body = withIdAndTime(tpls[i % tpls.length], tag + i.toString(16).padStart(20, '0'), timestamp(i));
          return req;
        },
      },
    ],
  });
  const ok = result.statusCodeStats?.['200']?.count || 0;
  const answered = Object.values(result.statusCodeStats || {}).reduce((a, s) => a + s.count, 0);
  return {
    ok,
    perSecond: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: answered - ok + result.errors,
    statuses: Object.keys(result.statusCodeStats || {}).join(','),
    duration: result.duration,
  };
}

/**
 * An evenly paced load (autocannon's rate mode sends each second's quota in a burst at its start):
 * a request every 1/rate s over up to CONNECTIONS keep-alive sockets; latency counted from when
 * the request was due, so time spent waiting for a free socket counts too.
 */
async function paced(server, tpls, { rate, duration }) {
  const tag = randomBytes(6).toString('hex');
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const url = new URL(`/api/${server.projectId}/envelope/?sentry_key=${server.key}&sentry_version=7&sentry_client=faultline.javascript.browser%2F0.1.0`, server.url);
  const latencies = [];
  let ok = 0;
  let failed = 0;
  let sent = 0;
  const inFlight = new Set();
  const send = (i, due) => {
    const body = withIdAndTime(tpls[i % tpls.length], tag + i.toString(16).padStart(20, '0'), Date.now() / 1000);
    const done = new Promise((resolve) => {
      const req = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/x-sentry-envelope', 'content-length': body.length, 'user-agent': UA, origin: APP } }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode == 200) ok++, latencies.push(performance.now() - due);
          else failed++;
          resolve();
        });
      });
      req.on('error', () => (failed++, resolve()));
      req.end(body);
    });
    inFlight.add(done);
    done.then(() => inFlight.delete(done));
  };
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const start = performance.now();
  const total = Math.round(rate * duration);
  await new Promise((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) / 1000) * rate));
      while (sent < due) send(sent, start + (sent++ * 1000) / rate);
      if (sent >= total) clearInterval(tick), resolve();
    }, 2);
  });
  await Promise.all(inFlight);
  lag.disable();
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { ok, perSecond: ok / elapsed, p50: at(0.5), p99: at(0.99), failed, duration: elapsed, clientLagP99: Math.round(lag.percentile(99) / 1e6) };
}

function vmHWM(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds so far: the whole machine (busy), one process, and this one. /proc ticks are 1/100 s. */
function cpuNow(pid) {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] || 0);
  let server = 0;
  try {
    const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = st.slice(st.lastIndexOf(')') + 2).split(' ');
    server = Number(fields[11]) + Number(fields[12]);
  } catch {}
  const self = process.cpuUsage();
  return { at: performance.now(), busy: busy / 100, server: server / 100, self: (self.user + self.system) / 1e6 };
}
/** Cores used between two cpuNow() readings by the server, by autocannon (this process) and by everything else. */
function coresUsed(a, b) {
  const s = (b.at - a.at) / 1000;
  const server = (b.server - a.server) / s;
  const self = (b.self - a.self) / s;
  return { server, self, others: Math.max(0, (b.busy - a.busy) / s - server - self) };
}

// ---- servers in child processes ---------------------------------------------------------------
function spawnChild(args, env) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  children.add(child);
  let out = '';
  let err = '';
  const keep = (s, chunk) => (s + chunk).slice(-8000);
  child.stdout.setEncoding('utf8').on('data', (c) => (out = keep(out, c)));
  child.stderr.setEncoding('utf8').on('data', (c) => (err = keep(err, c)));
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  exited.then(() => children.delete(child));
  return {
    child,
    output: () => out,
    errors: () => err.trim().split('\n').slice(-3).join(' | '),
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

async function startCollector() {
  const dir = mkdtempSync(join(work, 'collector-'));
  const args = [...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []), COLLECTOR_BIN, '--port', '0', '--data-dir', dir];
  const proc = spawnChild(args, {});
  const deadline = Date.now() + 30_000;
  let m;
  while (!(m = /^Faultline collector\s+(http:\/\/\S+)\s*\nDSN\s+http:\/\/(\w+)@[^/\s]+\/(\d+)/m.exec(proc.output()))) {
    if (proc.child.exitCode !== null) throw new Error(`the collector exited (${proc.child.exitCode}): ${proc.errors()}`);
    if (Date.now() > deadline) throw new Error(`the collector printed no URL and DSN within 30 s: ${proc.output().slice(0, 300)}`);
    await sleep(20);
  }
  const info = JSON.parse(readFileSync(join(dir, 'collector.json'), 'utf8'));
  const db = new Database(join(dir, 'collector.db'), { readonly: true, fileMustExist: true });
  const queued = db.prepare("SELECT count(*) AS n FROM events WHERE state = 'queued'");
  const states = db.prepare('SELECT state, count(*) AS n FROM events GROUP BY state');
  const issueCount = db.prepare('SELECT count(*) AS n FROM issues');
  return {
    name: `@faultline/collector ${JSON.parse(readFileSync('packages/collector/package.json', 'utf8')).version}`,
    pid: proc.child.pid,
    url: m[1],
    key: m[2],
    projectId: m[3],
    info,
    queued: () => queued.get().n,
    states: () => Object.fromEntries(states.all().map((r) => [r.state, r.n])),
    issues: () => issueCount.get().n,
    log: () => `${proc.output().slice(-600)} ${proc.errors()}`,
    async stop() {
      db.close();
      await proc.stop();
    },
  };
}

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer().once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
const canConnect = (port) =>
  new Promise((ok) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      ok(true);
    }).once('error', () => ok(false));
  });

/** Spotlight's CLI as it ships (its own Sentry SDK on: its sends to sentry.io fail here, offline). */
async function startSpotlight() {
  const port = await freePort();
  const proc = spawnChild([SPOTLIGHT_BIN, '--port', String(port)], { ...OFFLINE_ENV, SENTRY_SPOTLIGHT: '' });
  const deadline = Date.now() + 30_000;
  while (!(await canConnect(port))) {
    if (proc.child.exitCode !== null) throw new Error(`spotlight exited (${proc.child.exitCode}): ${proc.errors()}`);
    if (Date.now() > deadline) throw new Error(`spotlight did not listen on ${port} within 30 s: ${proc.errors()}`);
    await sleep(50);
  }
  const server = { name: `Spotlight ${versionOf('@spotlightjs/spotlight')} (hono ${versionOf('hono')})`, pid: proc.child.pid, url: `http://127.0.0.1:${port}`, key: 'benchkey', projectId: '1', stop: () => proc.stop() };
  // One envelope first: a 500 here is the hono 4.13 trap of DESIGN.md.
  const probe = await postOnce(server, withIdAndTime(templates(1, 5000, 1)[0], randomBytes(16).toString('hex'), Date.now() / 1000));
  if (probe.status != 200) {
    await proc.stop();
    throw new Error(`spotlight answers ${probe.status} to an envelope (${probe.body.slice(0, 160).replace(/\s+/g, ' ')})${probe.status == 500 ? '; with hono 4.13 it answers 500 to everything: install hono@4.12.25 beside it' : ''}`);
  }
  return server;
}

function postOnce(server, body) {
  return new Promise((ok) => {
    const u = new URL(`/api/${server.projectId}/envelope/?sentry_key=${server.key}&sentry_version=7`, server.url);
    const req = httpRequest(u, { method: 'POST', headers: { 'content-type': 'application/x-sentry-envelope', 'content-length': body.length } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => ok({ status: res.statusCode, body: text }));
    });
    req.on('error', (e) => ok({ status: 0, body: e.message }));
    req.end(body);
  });
}

/** ms from now until no event is queued (the collector has processed everything it acknowledged). */
async function caughtUp(server) {
  const t0 = performance.now();
  while (server.queued() > 0) {
    if (performance.now() - t0 > CAUGHT_UP_LIMIT_MS) return Infinity;
    await sleep(10);
  }
  return performance.now() - t0;
}

// ---- 1 + 2: ingest, collector and Spotlight -----------------------------------------------------
const CONTENDERS = [
  { id: 'faultline', start: startCollector },
  { id: 'spotlight', start: startSpotlight },
];

async function ingestRun(contender, size, tpls, rate) {
  const server = await contender.start();
  try {
    await blast(server, tpls, { duration: 1 }); // warm-up: JIT, SQLite page cache
    if (server.queued) await caughtUp(server);
    const before = cpuNow(server.pid);
    const r = rate ? await paced(server, tpls, { rate, duration: SECONDS }) : await blast(server, tpls, { duration: SECONDS });
    const cores = coresUsed(before, cpuNow(server.pid));
    const backlog = server.queued ? server.queued() : undefined;
    const caught = server.queued ? await caughtUp(server) : undefined;
    const states = server.states ? server.states() : undefined;
    if (process.env.BENCH_VERBOSE) console.log(`${server.name} said: ${server.log()}`);
    return { ...r, cores, backlog, caught, states, issues: server.issues?.(), rss: vmHWM(server.pid), name: server.name };
  } finally {
    await server.stop();
  }
}

const TARGETS = { 5000: 3000, 50000: 500 };
const ingestRows = [];
const ingestTemplates = new Map(SIZES.map((s) => [s, templates(20, s, s)]));
console.log(`Collector benchmark on ${process.version}, ${CONNECTIONS} connections, ${SECONDS} s per load, median run of ${RUNS}.`);
console.log(`Event JSON per envelope: ${SIZES.map((s) => `${ingestTemplates.get(s)[0].eventBytes} B (${ingestTemplates.get(s)[0].buf.length} B envelope)`).join(', ')}.`);
for (const contender of ONLY.has('ingest') ? CONTENDERS : []) {
  for (const size of SIZES) {
    const runs = [];
    let failure;
    for (let i = 0; i < RUNS && !failure; i++) {
      try {
        runs.push(await ingestRun(contender, size, ingestTemplates.get(size)));
      } catch (e) {
        failure = e && e.message ? e.message : String(e);
      }
    }
    runs.sort((a, b) => a.perSecond - b.perSecond);
    const row = failure ? { contender: contender.id, size, failure } : { contender: contender.id, size, ...runs[Math.floor(runs.length / 2)], all: runs.map((r) => Math.round(r.perSecond)) };
    ingestRows.push(row);
    if (process.env.BENCH_VERBOSE) console.log(JSON.stringify(row));
  }
}
// Flat out, ingest can outrun processing (large events); the targets are also checked where they
// are set: the collector paced at the target rate, one run per size.
const pacedRows = [];
for (const size of ONLY.has('ingest') || ONLY.has('paced') ? SIZES : []) {
  try {
    pacedRows.push({ size, ...(await ingestRun(CONTENDERS[0], size, ingestTemplates.get(size), TARGETS[size])) });
  } catch (e) {
    pacedRows.push({ size, failure: e && e.message ? e.message : String(e) });
  }
  if (process.env.BENCH_VERBOSE) console.log(JSON.stringify(pacedRows.at(-1)));
}

// ---- 3: symbolication ---------------------------------------------------------------------------
async function symbolicationBench() {
  // The collector's symbolication, compiled from TypeScript for this script; trace-mapping stays
  // the one installed copy (the collector resolves the same one).
  const traceMappingUrl = import.meta.resolve('@jridgewell/trace-mapping');
  const out = join(work, 'symbolicate.mjs');
  await esbuild({
    entryPoints: ['packages/collector/src/symbolicate/index.ts'],
    bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'silent',
    plugins: [{ name: 'external-trace-mapping', setup: (b) => b.onResolve({ filter: /^@jridgewell\/trace-mapping$/ }, () => ({ path: traceMappingUrl, external: true })) }],
  });
  const { symbolicateEvent, createSourceMapCache } = await import(pathToFileURL(out).href);
  const { TraceMap, eachMapping } = await import(traceMappingUrl);

  // A generated app of 600 modules, bundled and minified: ~1 MB of source map with sourcesContent.
  const src = join(work, 'app/src');
  const MODULES = 600;
  writeBenchModules(src, { count: MODULES, chain: 40, fn: 'step', lorem: 2 });
  writeFileSync(join(src, 'index.js'), Array.from({ length: MODULES }, (_, i) => `export * from './m${i}.js';`).join('\n'));
  const dist = join(work, 'app/dist');
  await esbuild({ entryPoints: [join(src, 'index.js')], bundle: true, minify: true, sourcemap: 'external', format: 'iife', globalName: 'app', outfile: join(dist, 'app.min.js'), logLevel: 'silent' });
  // esbuild writes no comment for 'external'; a release upload carries one (or a Sourcemap header).
  const js = `${readFileSync(join(dist, 'app.min.js'), 'utf8').trimEnd()}\n//# sourceMappingURL=app.min.js.map\n`;
  const mapText = readFileSync(join(dist, 'app.min.js.map'), 'utf8');
  const jsBuf = Buffer.from(js);
  const mapBuf = Buffer.from(mapText);

  // Real positions: generated positions of the map's own mappings, with the minified name of the
  // function declared last before them (what V8 prints for a frame), from the generated lines.
  const jsLines = js.split('\n');
  const mappings = [];
  eachMapping(new TraceMap(mapText), (m) => {
    if (m.source !== null) mappings.push([m.generatedLine, m.generatedColumn]);
  });
  const rand = mulberry32(42);
  const declared = /function ([\w$]+)\(/g;
  const frameAt = ([line, column]) => {
    let fn = '?';
    declared.lastIndex = Math.max(0, column - 4000);
    for (let m = declared.exec(jsLines[line - 1]); m && m.index < column; m = declared.exec(jsLines[line - 1])) fn = m[1];
    return { filename: `${APP}/static/js/app.min.js`, abs_path: `${APP}/static/js/app.min.js`, function: fn, in_app: true, lineno: line, colno: column + 1 };
  };
  const FRAMES = 10_000;
  const PER_EVENT = 50;
  const pick = () => Array.from({ length: FRAMES }, () => frameAt(mappings[Math.floor(rand() * mappings.length)]));
  const debugId = '5f6c7a10-2b3c-4d5e-8f90-a1b2c3d4e5f6';
  const eventsJson = (frames, withDebugId) =>
    JSON.stringify(
      Array.from({ length: FRAMES / PER_EVENT }, (_, e) => ({
        event_id: randomBytes(16).toString('hex'), platform: 'javascript', release: 'shop@1.4.2',
        exception: { values: [{ type: 'Error', value: `module ${e} cannot handle 2000`, stacktrace: { frames: frames.slice(e * PER_EVENT, (e + 1) * PER_EVENT) } }] },
        ...(withDebugId && { debug_meta: { images: [{ type: 'sourcemap', code_file: `${APP}/static/js/app.min.js`, debug_id: debugId }] } }),
      })),
    );
  const artifact = (key, name, buf, headers = {}) => ({ key, name, headers, size: buf.length, read: () => buf });
  const minified = artifact('sha1:min', '~/static/js/app.min.js', jsBuf);
  const map = artifact('sha1:map', '~/static/js/app.min.js.map', mapBuf);
  const lookups = {
    'debug ID (artifact bundle)': { byDebugId: (id, type) => (id == debugId ? (type == 'source_map' ? map : minified) : undefined), byName: () => undefined },
    'release file + sourceMappingURL': { byDebugId: () => undefined, byName: (release, dist, name) => (release == 'shop@1.4.2' && dist == '' ? [minified, map].find((a) => a.name == name) : undefined) },
  };
  const frames = pick();
  const fresh = pick(); // positions not seen before, for the map-cached-but-new-frames figure
  const rows = [];
  for (const [variant, lookup] of Object.entries(lookups)) {
    const withId = variant.startsWith('debug');
    const json = eventsJson(frames, withId);
    const cache = createSourceMapCache();
    const pass = (text) => {
      const events = JSON.parse(text);
      const t0 = performance.now();
      for (const e of events) symbolicateEvent(e, lookup, cache);
      const us = ((performance.now() - t0) * 1000) / FRAMES;
      const mapped = events.reduce((n, e) => n + e.exception.values[0].stacktrace.frames.filter((f) => f.data?.symbolicated).length, 0);
      const named = events.reduce((n, e) => n + e.exception.values[0].stacktrace.frames.filter((f, i) => f.function != e.exception.values[0].raw_stacktrace?.frames[i].function).length, 0);
      return { us, mapped, named };
    };
    const first = pass(json); // parses the map: the warm-up
    const warm = [];
    let last;
    for (let i = 0; i < 5; i++) warm.push((last = pass(json)).us);
    const unseen = pass(eventsJson(fresh, withId));
    rows.push({ variant, first: first.us, warm: median(warm), unseen: unseen.us, mapped: last.mapped, named: last.named });
  }
  // The bundle and its frames, for the processing section.
  const app = { js, mapText, frame: () => frameAt(mappings[Math.floor(rand() * mappings.length)]) };
  return { rows, jsBytes: jsBuf.length, mapBytes: mapBuf.length, sources: MODULES + 1, lines: jsLines.length, app };
}

let symbolication;
try {
  symbolication = ONLY.has('symbolicate') ? await symbolicationBench() : { failure: 'not run (BENCH_ONLY)' };
} catch (e) {
  symbolication = { failure: e && e.stack ? e.stack : String(e) };
}

// ---- 3b: processing per event ------------------------------------------------------------------
async function processBench() {
  // processRow() (normalise, symbolicate, group, tags, JSON in and out) and the real SQLite
  // artifact store, compiled from TypeScript for this script; native and shared packages stay external.
  const external = ['@jridgewell/trace-mapping', 'better-sqlite3'].map((name) => [name, import.meta.resolve(name)]);
  const out = join(work, 'process.mjs');
  await esbuild({
    stdin: {
      contents: ['process/process-row', 'symbolicate/index', 'store/database', 'store/projects', 'store/releases', 'store/artifacts'].map((m) => `export * from './packages/collector/src/${m}';`).join('\n'),
      resolveDir: process.cwd(), loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'silent',
    plugins: [{ name: 'external', setup: (b) => b.onResolve({ filter: /^(@jridgewell\/trace-mapping|better-sqlite3)$/ }, (a) => ({ path: Object.fromEntries(external)[a.path], external: true })) }],
  });
  const m = await import(pathToFileURL(out).href);
  // The bundle of the symbolication section; built here when that section was not run.
  const app = symbolication.app ?? (await symbolicationBench()).app;

  // The ingest section's 5 KB events (15 frames: 9 of vendors.js, 6 of the app's chunk), 20 shapes
  // in rotation as ingest sends them. With maps, the app's 6 frames are frames of the uploaded bundle.
  const EVENTS = 1000;
  const SHAPES = 20;
  const rand = mulberry32(5000);
  const shapes = (mapped) =>
    Array.from({ length: SHAPES }, (_, k) => {
      const event = makeEvent(k, 5_000, rand);
      event.timestamp = Date.now() / 1000;
      if (mapped) event.exception.values[0].stacktrace.frames.splice(9, 6, ...Array.from({ length: 6 }, app.frame));
      return JSON.stringify(event);
    });
  const variants = { 'no maps uploaded (notes only)': shapes(false), '6 of 15 frames mapped (release files)': shapes(true) };
  const rows = [];
  for (const [variant, payloads] of Object.entries(variants)) {
    const db = m.openDatabase(join(work, `process-${rows.length}.db`));
    const projects = m.createProjectStore(db);
    m.bootstrap(db, projects);
    const project = projects.list()[0];
    const artifacts = m.createArtifactStore(db);
    if (variant.startsWith('6')) {
      const { release } = m.createReleaseStore(db).upsert(project.orgId, 'shop@1.4.2', [project.id]);
      artifacts.addReleaseFile(release.id, '~/static/js/app.min.js', '', {}, Buffer.from(app.js));
      artifacts.addReleaseFile(release.id, '~/static/js/app.min.js.map', '', {}, Buffer.from(app.mapText));
    }
    const cache = m.createSourceMapCache();
    const queued = Array.from({ length: EVENTS }, (_, i) => ({ id: i + 1, project_id: project.id, event_id: randomBytes(16).toString('hex'), received: Date.now() / 1000, client_ip: '10.0.0.1', payload: payloads[i % SHAPES] }));
    const done = new Array(queued.length);
    const pass = () => {
      const t0 = performance.now();
      for (let i = 0; i < queued.length; i++) {
        // As the processing thread does per batch of 200.
        if (i % 200 == 0) artifacts.refresh();
        done[i] = m.processRow(queued[i], artifacts, cache);
      }
      return ((performance.now() - t0) * 1000) / queued.length;
    };
    const first = pass(); // parses the map, fills the caches
    const mapped = done.reduce((n, d) => n + d.payload.split('"symbolicated":true').length - 1, 0) / EVENTS;
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(pass());
    rows.push({ variant, first, warm: median(runs), runs, mapped, bytes: Math.round(payloads.reduce((n, p) => n + p.length, 0) / SHAPES) });
    db.close();
  }
  return { rows, events: EVENTS, shapes: SHAPES };
}

let processing;
try {
  processing = ONLY.has('process') ? await processBench() : { failure: 'not run (BENCH_ONLY)' };
} catch (e) {
  processing = { failure: e && e.stack ? e.stack : String(e) };
}

// ---- 4: read API on a seeded database -----------------------------------------------------------
function get(server, path, agent) {
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    const req = httpRequest(new URL(path, server.url), { agent, headers: { authorization: `Bearer ${server.info.token}` } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c)).on('end', () => ok({ status: res.statusCode, ms: performance.now() - t0, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function readApiBench() {
  const server = await startCollector();
  try {
    const tpls = templates(SEED_ISSUES, SIZES[0], 7);
    const now = Date.now() / 1000;
    const span = 23.5 * 3600;
    const t0 = performance.now();
    const load = await blast(server, tpls, { amount: SEED_EVENTS, timestamp: (i) => now - span + (span * i) / SEED_EVENTS });
    const ingestMs = performance.now() - t0;
    const processMs = await caughtUp(server);
    const seeded = { ...load, ingestMs, processMs, states: server.states(), issues: server.issues() };

    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const org = server.info.org;
    const project = server.info.project;
    const listPath = `/api/0/projects/${org}/${project}/issues/?statsPeriod=24h`;
    const list = await get(server, listPath, agent);
    if (list.status != 200) throw new Error(`${listPath} answered ${list.status}: ${list.body.toString().slice(0, 200)}`);
    const issues = JSON.parse(list.body);
    if (!issues.length) throw new Error(`${listPath} answered no issues; seeded ${JSON.stringify(seeded)}; collector said: ${server.log()}`);
    const latestPath = `/api/0/issues/${issues[0].id}/events/latest/`;
    const timed = async (path, check) => {
      for (let i = 0; i < 5; i++) await get(server, path, agent);
      const ms = [];
      let last;
      for (let i = 0; i < 50; i++) {
        last = await get(server, path, agent);
        if (last.status != 200) throw new Error(`${path} answered ${last.status}`);
        ms.push(last.ms);
      }
      return { path, median: median(ms), max: Math.max(...ms), bytes: last.body.length, check: check(JSON.parse(last.body)) };
    };
    const rows = [
      await timed(listPath, (page) => `${page.length} issues, stats ${page[0]?.stats?.['24h']?.length} buckets, count ${page[0]?.count}`),
      await timed(latestPath, (e) => `event ${String(e.eventID).slice(0, 8)}… of issue ${e.groupID}, ${e.entries?.length ?? '?'} entries`),
    ];
    agent.destroy();
    return { seeded, rows, rss: vmHWM(server.pid) };
  } finally {
    await server.stop();
  }
}

let readApi;
try {
  readApi = ONLY.has('api') ? await readApiBench() : { failure: 'not run (BENCH_ONLY)' };
} catch (e) {
  readApi = { failure: e && e.stack ? e.stack : String(e) };
}

// ---- report ------------------------------------------------------------------------------------
const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);
const table = (cols, rows) => {
  console.log(cols.map(([h, n], i) => (i ? padL(h, n) : pad(h, n))).join(''));
  for (const cells of rows) console.log(cells.map((c, i) => (i ? padL(c, cols[i][1]) : pad(c, cols[i][1]))).join(''));
};
const kb = (size) => `${size / 1000} KB`;
const ms = (x) => (x === undefined ? '—' : x === Infinity ? `>${CAUGHT_UP_LIMIT_MS / 1000} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);

console.log(`\nIngest: ${CONNECTIONS} connections, ${SECONDS} s, envelopes to /api/<id>/envelope/, server in a child process`);
const ingestCells = (r, label) => [label, kb(r.size), Math.round(r.perSecond).toLocaleString('en'), `${r.p50} ms`, `${r.p99} ms`, r.failed, ms(r.caught), `${Math.round(r.rss)} MB`, `${r.cores.server.toFixed(1)}/${r.cores.self.toFixed(1)}/${r.cores.others.toFixed(1)}`, Math.round(r.perSecond / r.cores.server).toLocaleString('en')];
table(
  [['server', 44], ['event', 8], ['events/s', 10], ['p50', 8], ['p99', 8], ['non-200', 9], ['caught up', 11], ['peak RSS', 10], ['cores s/a/o', 16], ['per core-s', 12]],
  [
    ...ingestRows.map((r) =>
      r.failure
        ? [r.contender == 'spotlight' ? `Spotlight ${versionOf('@spotlightjs/spotlight')}` : '@faultline/collector', kb(r.size), 'skipped', '', '', '', '', '', '', '']
        : ingestCells(r, r.name).map((c, i) => (i == 6 && r.contender == 'spotlight' ? 'n/a' : c)),
    ),
    ...pacedRows.map((r) => (r.failure ? ['collector paced at the target', kb(r.size), 'failed', '', '', '', '', '', '', ''] : ingestCells(r, 'collector paced at the target'))),
    ...SIZES.map((s) => ['target (@faultline/collector)', kb(s), `≥ ${TARGETS[s].toLocaleString('en')}`, '', '< 100 ms', '0', '≤ 2 s', '< 300 MB', '', '']),
    ['Bugsink (published, 2 vCPU)', kb(50_000), '~30', '', '', '', '', '', '', ''],
  ],
);
for (const r of [...ingestRows, ...pacedRows]) {
  if (r.failure) console.log(`  ${r.contender || 'paced'} ${kb(r.size)} skipped: ${r.failure}`);
}
const fl = ingestRows.filter((r) => r.contender == 'faultline' && !r.failure);
console.log(`events/s: 200 answers per second (runs: ${ingestRows.filter((r) => !r.failure).map((r) => `${r.contender} ${kb(r.size)} ${r.all.join('/')}`).join('; ')}).`);
console.log(`caught up: end of load until no event is queued; queued at the end of the load: ${fl.map((r) => `${kb(r.size)} ${r.backlog}`).join(', ')}; events per state afterwards: ${fl.map((r) => `${kb(r.size)} ${JSON.stringify(r.states)}`).join(', ')}.`);
console.log(`cores s/a/o: CPU cores busy during the load in the server / autocannon (this process) / everything else on the machine (${cpus().length} cores; "else" above 0.1 means another job competed);
  per core-s: events/s divided by the server's cores, i.e. events per CPU-second of the server, which other jobs on the machine disturb less.`);
console.log('Spotlight: its CLI as shipped (in memory, ring of 500 envelopes, its own Sentry SDK tracing each request; sends to sentry.io fail offline), so nothing to catch up on and nothing kept.');

console.log(`\nSymbolication: 10,000 frames, 50 per event, one cached source map`);
if (symbolication.failure) console.log(`  failed: ${symbolication.failure}`);
else {
  table(
    [['lookup', 34], ['first pass', 12], ['warm', 12], ['new frames', 12], ['mapped', 14], ['target', 10]],
    symbolication.rows.map((r) => [r.variant, `${r.first.toFixed(1)} µs`, `${r.warm.toFixed(1)} µs`, `${r.unseen.toFixed(1)} µs`, `${r.mapped}/10000`, '≤ 20 µs']),
  );
  console.log(`per frame. Bundle ${(symbolication.jsBytes / 1024).toFixed(0)} KiB in ${symbolication.lines} lines, map ${(symbolication.mapBytes / 1024).toFixed(0)} KiB (${symbolication.sources} sources with sourcesContent), esbuild minify.
first pass: fresh cache (includes parsing the map); warm: median of 5 passes over the same frames; new frames: map cached,
  10,000 positions not seen before (the per-position function-name cache misses). Function names changed by the map: ${symbolication.rows.map((r) => r.named).join(' / ')}.`);
}

console.log(`\nProcessing: processRow() per 5 KB event, real SQLite artifact store, one thread`);
if (processing.failure) console.log(`  failed: ${processing.failure}`);
else {
  table(
    [['events', 40], ['first pass', 12], ['warm', 12], ['events/s', 10], ['mapped/event', 14], ['target', 12]],
    processing.rows.map((r) => [r.variant, `${Math.round(r.first)} µs`, `${Math.round(r.warm)} µs`, Math.round(1e6 / r.warm).toLocaleString('en'), r.mapped.toFixed(1), '< 300 µs']),
  );
  console.log(`per event: JSON.parse, normalise, symbolicate, group, tags, JSON.stringify; ${processing.events.toLocaleString('en')} events of ${processing.shapes} shapes (${processing.rows.map((r) => `${r.bytes} bytes`).join(' / ')} of JSON), ingest's events.
first pass: fresh caches (includes parsing the map); warm: median of 5 passes (${processing.rows.map((r) => r.runs.map((x) => Math.round(x)).join('/')).join('; ')} µs). events/s: one core at the warm rate.`);
}

console.log(`\nRead API on a seeded database (50 sequential requests on one keep-alive loopback connection)`);
if (readApi.failure) console.log(`  failed: ${readApi.failure}`);
else {
  const s = readApi.seeded;
  table(
    [['request', 60], ['median', 10], ['max', 10], ['bytes', 10], ['target', 10]],
    readApi.rows.map((r) => [`GET ${r.path.replace(/\/issues\/\d+\//, '/issues/{id}/')}`, `${r.median.toFixed(1)} ms`, `${r.max.toFixed(1)} ms`, r.bytes, '< 50 ms']),
  );
  for (const r of readApi.rows) console.log(`  ${r.check}`);
  console.log(`seeded over HTTP: ${s.ok.toLocaleString('en')} events acknowledged of ${SEED_EVENTS.toLocaleString('en')} (non-200 ${s.failed}) in ${(s.ingestMs / 1000).toFixed(1)} s (${Math.round(s.ok / (s.ingestMs / 1000))}/s), processed ${ms(s.processMs)} after; ${s.issues} issues; events per state ${JSON.stringify(s.states)}; collector peak RSS ${Math.round(readApi.rss)} MB.`);
}
console.log(`\nwhole script: ${((performance.now() - scriptStart) / 1000).toFixed(0)} s; load average at the end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
process.exit(0);
