// What an example build takes from outside: where the SDK sends events (DSN), the release and
// environment it reports, and where the plugin uploads the source maps. They come from the
// collector's collector.json, unless SENTRY_* environment variables point at another server.
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, readdirSync } = require('node:fs');
const { basename, join, relative, resolve } = require('node:path');

const REPO = resolve(__dirname, '..');

/** `<data dir>/collector.json` as the collector wrote it at its last start, or `{}`. */
function readCollectorInfo(dataDir) {
  const file = join(dataDir, 'collector.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/** Files under `dir`, recursively, sorted (so the hash does not depend on readdir order). */
function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A hash of everything that ends up in the bundle: the app's sources, its build setup, our SDK's build, and the settings baked in. */
function hashInputs(appDir, baked) {
  const hash = createHash('sha256');
  const files = [
    ...listFiles(join(appDir, 'src')),
    join(appDir, 'package.json'),
    join(appDir, 'webpack.config.js'),
    join(__dirname, 'webpack-config.cjs'),
    __filename,
    join(REPO, 'packages/core/dist/index.mjs'),
    join(REPO, 'packages/vue/dist/index.mjs'),
    join(REPO, 'packages/tracing/dist/index.mjs'),
  ];
  for (const file of files) hash.update(`${relative(REPO, file)}\0`).update(existsSync(file) ? readFileSync(file) : '').update('\0');
  return hash.update(JSON.stringify(baked)).digest('hex');
}

/**
 * The settings of one example's build.
 * - `dsn`: `SENTRY_DSN`, else the collector's (empty: the SDK sends nothing).
 * - `release`: `SENTRY_RELEASE`, else `<app>@<12 hex of the inputs' hash>`, so unchanged sources
 *   give the same release and a rebuild uploads nothing new.
 * - `environment`: `SENTRY_ENVIRONMENT`, else `development`.
 * - `tracesSampleRate`: `FAULTLINE_TRACES_SAMPLE_RATE`, else 0.3 (the seed's).
 * - `upload`: `SENTRY_URL`, `SENTRY_AUTH_TOKEN`, `SENTRY_ORG`, `SENTRY_PROJECT` when `SENTRY_URL`
 *   is set, else the collector's; `undefined` when something is missing (the build uploads nothing).
 * - `key`: the inputs' hash, recorded beside the output to tell whether it is up to date.
 */
function buildSettings(appDir, env = process.env) {
  const app = basename(appDir);
  const collector = readCollectorInfo(resolve(REPO, env.FAULTLINE_DATA_DIR || '.faultline'));
  const fromEnv = Boolean(env.SENTRY_URL);
  const upload = {
    url: fromEnv ? env.SENTRY_URL : collector.url,
    authToken: fromEnv ? env.SENTRY_AUTH_TOKEN : collector.token,
    org: fromEnv ? env.SENTRY_ORG : collector.org,
    project: fromEnv ? env.SENTRY_PROJECT : collector.project,
  };
  const dsn = env.SENTRY_DSN || collector.dsn || '';
  const environment = env.SENTRY_ENVIRONMENT || 'development';
  const rate = Number(env.FAULTLINE_TRACES_SAMPLE_RATE);
  const tracesSampleRate = env.FAULTLINE_TRACES_SAMPLE_RATE && rate >= 0 && rate <= 1 ? rate : 0.3;
  const key = hashInputs(appDir, { dsn, environment, tracesSampleRate, release: env.SENTRY_RELEASE || '' });
  const release = env.SENTRY_RELEASE || `${app}@${key.slice(0, 12)}`;
  const complete = Object.values(upload).every(Boolean);
  return { app, dsn, release, environment, tracesSampleRate, upload: complete ? upload : undefined, key };
}

module.exports = { buildSettings };
