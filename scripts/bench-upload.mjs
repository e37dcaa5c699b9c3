// Source-map upload benchmark: a generated ~300-module app is built with webpack 5 (production,
// hidden-source-map) and uploaded to a local mock of Sentry's API answering every request after
// 20 ms, by @faultline/webpack-plugin and by @sentry/webpack-plugin (which runs the sentry-cli
// binary), and on the 20.x server by webpack-sentry-plugin (the seed app's uploader); the same app built by Vite, uploaded by @faultline/vite-plugin and @sentry/vite-plugin;
// and Vite's output (debug IDs injected first) uploaded by the faultline-upload CLI; against both
// server personalities, in this one run. Nothing leaves 127.0.0.1.
//
// Upload wall time: from the files being on disk (webpack's afterEmit, Rollup's writeBundle, the
// CLI's start) until the build (or the CLI) is done and the mock has been idle for 1.5 s (Sentry's
// plugins create and finalize releases without the bundler waiting for them). Requests: all
// requests the mock answered. Each row's ratio is its time over the Sentry plugin's of the same
// bundler on the same server (the CLI's: over @sentry/vite-plugin's). Run after `npm run build`.
import { build as esbuild } from 'esbuild';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeBenchModules } from './bench-app.mjs';

const require = createRequire(import.meta.url);
const MODULES = 300;
const ROUTES = 10;
const LATENCY_MS = 20;
const RUNS = Number(process.env.BENCH_RUNS || 3);
const TOKEN = 'bench-token';
// BENCH_ONLY='webpack.*20\.x': only the rows whose "uploader server" matches (while working on one).
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;

// Anything that tries to leave the machine through a proxy-aware client fails fast instead.
Object.assign(process.env, {
  SENTRY_DISABLE_UPDATE_CHECK: 'true',
  HTTP_PROXY: 'http://127.0.0.1:9',
  HTTPS_PROXY: 'http://127.0.0.1:9',
  NO_PROXY: '127.0.0.1,localhost',
  CI: '',
});

const work = mkdtempSync(join(tmpdir(), 'faultline-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// The mock server the tests use, compiled from TypeScript for this script.
const mockFile = join(work, 'mock-sentry.mjs');
await esbuild({ entryPoints: ['packages/webpack-plugin/test/helpers/mock-sentry.ts'], bundle: true, platform: 'node', format: 'esm', outfile: mockFile, logLevel: 'silent' });
const { startMockSentry } = await import(pathToFileURL(mockFile).href);

// ~300 small modules: 10 lazily loaded routes of 30 modules each, all reached from one entry.
const src = join(work, 'app/src');
writeBenchModules(src, { count: MODULES, chain: 30, fn: 'f', lorem: 3 });
for (let r = 0; r < ROUTES; r++) {
  const first = r * 30;
  writeFileSync(join(src, `route${r}.js`), `import { f${first}, Widget${first} } from './m${first}.js';\nexport default (x) => new Widget${first}('route ${r}').add(f${first}(x));\n`);
}
writeFileSync(join(src, 'index.js'), `globalThis.routes = [${Array.from({ length: ROUTES }, (_, r) => `() => import('./route${r}.js')`).join(', ')}];\n`);

const webpack = require('webpack');
const { FaultlineWebpackPlugin } = require('@faultline/webpack-plugin');
const { build: viteBuild } = await import('vite');
const { faultline } = await import('@faultline/vite-plugin');
const { injectDebugIds } = await import('@faultline/upload');
let sentryWebpackPlugin;
try {
  ({ sentryWebpackPlugin } = require('@sentry/webpack-plugin'));
} catch (e) {
  console.log(`@sentry/webpack-plugin cannot be loaded here (${e.message}): its rows will say so.`);
}
// The seed app's uploader (2018-2020): creates the release, then posts every file at once.
let WebpackSentryPlugin;
try {
  WebpackSentryPlugin = require('webpack-sentry-plugin');
} catch (e) {
  console.log(`webpack-sentry-plugin cannot be loaded here (${e.message}): its row will say so.`);
}
let sentryVitePlugin;
try {
  ({ sentryVitePlugin } = await import('@sentry/vite-plugin'));
} catch (e) {
  console.log(`@sentry/vite-plugin cannot be loaded here (${e.message}): its rows will say so.`);
}
const versionOf = (pkg) => {
  try {
    return JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')).version;
  } catch {
    return '(not installed)';
  }
};
const sentryVersion = versionOf('@sentry/webpack-plugin');
const sentryViteVersion = versionOf('@sentry/vite-plugin');
const seedVersion = versionOf('webpack-sentry-plugin');
const viteVersion = versionOf('vite');
const cliVersion = versionOf('@sentry/cli');
const cliBinary = ['@sentry/cli-linux-x64/bin/sentry-cli', '@sentry/cli/sentry-cli'].map((p) => join('node_modules', p)).find(existsSync);

function buildWebpack(plugins) {
  const out = join(work, `out-${Math.random().toString(36).slice(2)}`);
  const timing = { start: 0, done: 0 };
  const timer = {
    apply(compiler) {
      compiler.hooks.afterEmit.tap({ name: 'bench-timer', stage: -1e9 }, () => (timing.start = Date.now()));
      compiler.hooks.done.tap({ name: 'bench-timer', stage: 1e9 }, () => (timing.done = Date.now()));
    },
  };
  const compiler = webpack({
    mode: 'production',
    context: join(work, 'app'),
    entry: './src/index.js',
    output: { path: out, filename: 'static/js/[name].[contenthash:8].js', publicPath: '/' },
    devtool: 'hidden-source-map',
    plugins: [timer, ...plugins],
    infrastructureLogging: { level: 'error' },
    stats: 'none',
  });
  return new Promise((resolve, reject) =>
    compiler.run((err, stats) => {
      if (err) return reject(err);
      compiler.close(() => resolve({ out, timing, errors: stats.compilation.errors.map((e) => e.message), files: existsSync(join(out, 'static/js')) ? readdirSync(join(out, 'static/js')) : [] }));
    }),
  );
}

// The same app built by Vite (Rollup inside): 11 scripts and their hidden maps under assets/.
async function buildVite(plugins) {
  const out = join(work, `vite-${Math.random().toString(36).slice(2)}`);
  const timing = { start: 0, done: 0 };
  const timer = { name: 'bench-timer', writeBundle: { order: 'pre', handler: () => void (timing.start = Date.now()) } };
  const errors = [];
  try {
    await viteBuild({
      configFile: false,
      root: join(work, 'app'),
      logLevel: 'silent',
      plugins: [timer, ...plugins],
      build: { outDir: out, sourcemap: 'hidden', rollupOptions: { input: join(work, 'app/src/index.js') } },
    });
  } catch (e) {
    errors.push(String(e && e.message ? e.message : e));
  }
  timing.done = Date.now();
  const files = existsSync(join(out, 'assets')) ? readdirSync(join(out, 'assets')) : [];
  return { out, timing, errors, files };
}

const BIN = 'packages/upload/bin/faultline-upload.mjs';

// The CLI on Vite's output, as CI runs it after the build: a child process (its start counts).
async function uploadWithCli(mock) {
  const built = await buildVite([]);
  await injectDebugIds(built.out);
  const timing = { start: Date.now(), done: 0 };
  const env = { PATH: process.env.PATH || '', SENTRY_URL: mock.url, SENTRY_AUTH_TOKEN: TOKEN, SENTRY_ORG: 'acme', SENTRY_PROJECT: 'shop' };
  const errors = await new Promise((resolve) =>
    execFile(process.execPath, [BIN, 'upload', built.out, '--release', 'bench@1', '--silent'], { env }, (error, _stdout, stderr) => resolve(error ? [stderr || error.message] : [])),
  );
  timing.done = Date.now();
  return { ...built, timing, errors };
}

async function idle(mock, quietMs = 1500) {
  for (;;) {
    const last = mock.requests.length ? mock.requests[mock.requests.length - 1].at : 0;
    if (!mock.pending() && Date.now() - last >= quietMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const stored = (mock) =>
  mock.bundles.length ? `${mock.bundles.reduce((n, b) => n + Object.keys(b.manifest.files).length, 0)} files in an artifact bundle` : mock.releaseFiles.length ? `${mock.releaseFiles.length} release files` : 'nothing';

const ours = (m) => ({ url: m.url, authToken: TOKEN, org: 'acme', project: 'shop', release: 'bench@1', silent: true, failOnError: true });
const sentryOptions = (m, errors) => ({
  url: m.url, authToken: TOKEN, org: 'acme', project: 'shop',
  release: { name: 'bench@1', create: true, finalize: true, setCommits: false },
  telemetry: false, silent: true, errorHandler: (e) => errors.push(e),
});
const missing = (name) => () => { throw new Error(`${name} is not installed`); };
const SENTRY_WEBPACK = `@sentry/webpack-plugin ${sentryVersion} (sentry-cli ${cliVersion})`;
const SENTRY_VITE = `@sentry/vite-plugin ${sentryViteVersion} (vite ${viteVersion})`;
const SEED = `webpack-sentry-plugin ${seedVersion} (the seed's)`;
const seedOptions = (m) => ({ baseSentryURL: `${m.url}/api/0`, organization: 'acme', project: 'shop', apiKey: TOKEN, release: 'bench@1' });

// `baseline`: the row this one's ratio is taken against, on the same server; `seed`: a second
// ratio, over the seed's plugin (20.x only: it knows nothing else). `servers`: where it runs.
const contenders = [
  { name: '@faultline/webpack-plugin', baseline: SENTRY_WEBPACK, seed: SEED, run: (m) => buildWebpack([new FaultlineWebpackPlugin(ours(m))]) },
  {
    name: "@faultline/webpack-plugin, finalize: false (the seed's steps)",
    baseline: SENTRY_WEBPACK,
    seed: SEED,
    servers: ['20.x'],
    run: (m) => buildWebpack([new FaultlineWebpackPlugin({ ...ours(m), finalize: false })]),
  },
  { name: SENTRY_WEBPACK, run: (m, errors) => buildWebpack([(sentryWebpackPlugin || missing('@sentry/webpack-plugin'))(sentryOptions(m, errors))]) },
  { name: SEED, servers: ['20.x'], run: (m) => buildWebpack([new (WebpackSentryPlugin || missing('webpack-sentry-plugin'))(seedOptions(m))]) },
  { name: `@faultline/vite-plugin (vite ${viteVersion})`, baseline: SENTRY_VITE, run: (m) => buildVite([faultline(ours(m))]) },
  { name: SENTRY_VITE, run: (m, errors) => buildVite([(sentryVitePlugin || missing('@sentry/vite-plugin'))(sentryOptions(m, errors))].flat()) },
  { name: 'faultline-upload upload (on the vite output)', baseline: SENTRY_VITE, run: (m) => uploadWithCli(m) },
];

async function measure(contender, personality) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const mock = await startMockSentry({ personality, token: TOKEN, latency: LATENCY_MS });
    const errors = [];
    try {
      let result;
      try {
        result = await contender.run(mock, errors);
      } catch (e) {
        result = { timing: { start: 0, done: 0 }, errors: [String(e && e.message ? e.message : e)], files: [] };
      }
      await idle(mock);
      const end = Math.max(result.timing.done, mock.requests.length ? mock.requests[mock.requests.length - 1].at : 0);
      runs.push({
        upload: end - result.timing.start,
        requests: mock.requests.length,
        stored: stored(mock),
        files: result.files.length,
        failures: [...result.errors, ...errors.map((e) => String(e && e.message ? e.message : e))],
        notFound: mock.requests.filter((r) => r.status == 404).map((r) => `${r.method} ${r.path}`),
        sequence: mock.requests.map((r) => `+${r.at - result.timing.start} ms ${r.method} ${r.path.replace('/api/0/', '')} ${r.status}`),
      });
    } finally {
      await mock.close();
    }
  }
  runs.sort((a, b) => a.upload - b.upload);
  return runs[Math.floor(runs.length / 2)];
}

console.log(`Source-map upload of a ${MODULES}-module webpack and Vite build; mock Sentry on 127.0.0.1 with ${LATENCY_MS} ms per request; median of ${RUNS} runs.`);
if (!cliBinary) console.log('sentry-cli binary: not found under node_modules/@sentry/cli*/ (the @sentry/webpack-plugin rows will fail)');
else console.log(`sentry-cli binary: ${cliBinary}`);

await buildWebpack([]); // warm-up: webpack and terser load and compile once
await buildVite([]); // and Vite, Rollup and esbuild
const rows = [];
for (const personality of ['current', '20.x']) {
  for (const contender of contenders) {
    if (contender.servers && !contender.servers.includes(personality)) continue;
    if (ONLY && !ONLY.test(`${contender.name} ${personality}`)) continue;
    const r = await measure(contender, personality);
    rows.push({ contender: contender.name, baseline: contender.baseline, seed: contender.seed, personality, ...r });
  }
}

const pad = (s, n) => String(s).padEnd(n);
const succeeded = (r) => !r.failures.length && r.stored != 'nothing';
/** `0.85×` the named row's time on the same server, when both uploaded. */
function ratio(r, over) {
  const base = over && rows.find((b) => b.contender == over && b.personality == r.personality);
  return base && succeeded(base) && succeeded(r) ? `${(r.upload / base.upload).toFixed(2)}×` : '';
}
console.log(`\n${pad('uploader', 58)}${pad('server', 9)}${pad('upload wall', 13)}${pad('ratio', 8)}${pad('vs seed', 9)}${pad('requests', 10)}stored on the mock`);
for (const r of rows) {
  const ok = succeeded(r);
  const wall = ok ? `${(r.upload / 1000).toFixed(3)} s` : 'failed';
  console.log(`${pad(r.contender, 58)}${pad(r.personality, 9)}${pad(wall, 13)}${pad(ratio(r, r.baseline), 8)}${pad(r.seed ? ratio(r, r.seed) : '', 9)}${pad(r.requests, 10)}${r.stored} (of ${r.files} emitted)`);
  if (process.env.BENCH_VERBOSE) console.log(r.sequence.map((line) => `    ${line}`).join('\n'));
  if (!ok) {
    const reason = r.failures.length ? r.failures.join(' | ') : 'no error reported, but nothing was stored';
    console.log(`    ${r.contender} did not upload to the ${r.personality} server: ${reason.replace(/\s+/g, ' ').slice(0, 400)}`);
    if (r.notFound.length) console.log(`    404s from the mock: ${[...new Set(r.notFound)].join(', ')}`);
  }
}
console.log('\nupload wall: from the files on disk (afterEmit, writeBundle, the CLI\'s start) to the end of the build (or CLI) or the last answer of the mock, whichever is later.');
console.log('ratio: over the Sentry plugin of the same bundler on the same server (the CLI: over @sentry/vite-plugin); vs seed: over webpack-sentry-plugin on 20.x.');
const row = (contender, personality) => rows.find((r) => r.contender == contender && r.personality == personality);
const target = (label, r, over, goal) => console.log(`${label}: ${(r && ratio(r, over)) || 'not measured'} (issue's target: ${goal})`);
target('@faultline/webpack-plugin on 20.x over the seed\'s webpack-sentry-plugin', row('@faultline/webpack-plugin', '20.x'), SEED, 'at most 1×');
target('@faultline/webpack-plugin on current over @sentry/webpack-plugin', row('@faultline/webpack-plugin', 'current'), SENTRY_WEBPACK, 'at most 0.2×');
