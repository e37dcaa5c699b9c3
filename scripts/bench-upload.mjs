// Source-map upload benchmark: a generated ~300-module app is built with webpack 5 (production,
// hidden-source-map) and uploaded to a local mock of Sentry's API answering every request after
// 20 ms, by @faultline/webpack-plugin and by @sentry/webpack-plugin (which runs the sentry-cli
// binary), against both server personalities, in this one run. Nothing leaves 127.0.0.1.
//
// Upload wall time: from webpack's afterEmit (files on disk) until the build is done and the mock
// has been idle for 1.5 s (Sentry's plugin creates and finalizes releases without webpack
// waiting for it). Requests: all requests the mock answered. Run after `npm run build`.
import { build as esbuild } from 'esbuild';
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
let sentryWebpackPlugin;
try {
  ({ sentryWebpackPlugin } = require('@sentry/webpack-plugin'));
} catch (e) {
  console.log(`@sentry/webpack-plugin cannot be loaded here (${e.message}): its rows will say so.`);
}
const versionOf = (pkg) => {
  try {
    return JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')).version;
  } catch {
    return '(not installed)';
  }
};
const sentryVersion = versionOf('@sentry/webpack-plugin');
const cliVersion = versionOf('@sentry/cli');
const cliBinary = ['@sentry/cli-linux-x64/bin/sentry-cli', '@sentry/cli/sentry-cli'].map((p) => join('node_modules', p)).find(existsSync);

function build(plugins) {
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

async function idle(mock, quietMs = 1500) {
  for (;;) {
    const last = mock.requests.length ? mock.requests[mock.requests.length - 1].at : 0;
    if (!mock.pending() && Date.now() - last >= quietMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const stored = (mock) =>
  mock.bundles.length ? `${mock.bundles.reduce((n, b) => n + Object.keys(b.manifest.files).length, 0)} files in an artifact bundle` : mock.releaseFiles.length ? `${mock.releaseFiles.length} release files` : 'nothing';

const contenders = [
  { name: '@faultline/webpack-plugin', make: (m) => [new FaultlineWebpackPlugin({ url: m.url, authToken: TOKEN, org: 'acme', project: 'shop', release: 'bench@1', silent: true, failOnError: true })] },
  {
    name: `@sentry/webpack-plugin ${sentryVersion} (sentry-cli ${cliVersion})`,
    make: (m, errors) => [
      (sentryWebpackPlugin || (() => { throw new Error('@sentry/webpack-plugin is not installed'); }))({
        url: m.url, authToken: TOKEN, org: 'acme', project: 'shop',
        release: { name: 'bench@1', create: true, finalize: true, setCommits: false },
        telemetry: false, silent: true, errorHandler: (e) => errors.push(e),
      }),
    ],
  },
];

async function measure(contender, personality) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const mock = await startMockSentry({ personality, token: TOKEN, latency: LATENCY_MS });
    const errors = [];
    try {
      let result;
      try {
        result = await build(contender.make(mock, errors));
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
        sequence: mock.requests.map((r) => `${r.method} ${r.path.replace('/api/0/', '')} ${r.status}`),
      });
    } finally {
      await mock.close();
    }
  }
  runs.sort((a, b) => a.upload - b.upload);
  return runs[Math.floor(runs.length / 2)];
}

console.log(`Source-map upload of a ${MODULES}-module webpack build; mock Sentry on 127.0.0.1 with ${LATENCY_MS} ms per request; median of ${RUNS} runs.`);
if (!cliBinary) console.log('sentry-cli binary: not found under node_modules/@sentry/cli*/ (the @sentry/webpack-plugin rows will fail)');
else console.log(`sentry-cli binary: ${cliBinary}`);

await build([]); // warm-up: webpack and terser load and compile once
const rows = [];
for (const personality of ['current', '20.x']) {
  for (const contender of contenders) {
    const r = await measure(contender, personality);
    rows.push({ contender: contender.name, personality, ...r });
  }
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad('uploader', 52)}${pad('server', 9)}${pad('upload wall', 13)}${pad('requests', 10)}stored on the mock`);
for (const r of rows) {
  const ok = !r.failures.length && r.stored != 'nothing';
  console.log(`${pad(r.contender, 52)}${pad(r.personality, 9)}${pad(ok ? `${(r.upload / 1000).toFixed(2)} s` : 'failed', 13)}${pad(r.requests, 10)}${r.stored} (of ${r.files} emitted)`);
  if (process.env.BENCH_VERBOSE) console.log(r.sequence.map((line) => `    ${line}`).join('\n'));
  if (!ok) {
    const reason = r.failures.length ? r.failures.join(' | ') : 'no error reported, but nothing was stored';
    console.log(`    ${r.contender} did not upload to the ${r.personality} server: ${reason.replace(/\s+/g, ' ').slice(0, 400)}`);
    if (r.notFound.length) console.log(`    404s from the mock: ${[...new Set(r.notFound)].join(', ')}`);
  }
}
console.log('\nupload wall: from afterEmit to the end of the build or the last answer of the mock, whichever is later.');
