#!/usr/bin/env node
// Builds one example with webpack's Node API: `node examples/build.mjs vue3-app [--out-dir DIR]`.
// Skips webpack when the output was built from the same inputs (build.json holds their hash)
// and the server has the release; when only the output is missing, rebuilds without uploading.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const webpack = require('webpack');
const { buildSettings } = require('./build-settings.cjs');

const EXAMPLES = dirname(fileURLToPath(import.meta.url));
const TITLES = { 'vue3-app': 'Faultline example: Vue 3', 'vue2-app': 'Faultline example: Vue 2.7' };

/**
 * Whether the server already has `release`, finalized (the plugin finalizes only after a
 * complete upload). A server that does not answer at all is an error worth saying plainly.
 */
async function hasRelease(upload, release) {
  if (!upload) return false;
  const url = `${upload.url.replace(/\/$/, '')}/api/0/organizations/${encodeURIComponent(upload.org)}/releases/${encodeURIComponent(release)}/`;
  let res;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${upload.authToken}` } });
  } catch (error) {
    const from = process.env.SENTRY_URL ? 'SENTRY_URL' : 'collector.json';
    throw new Error(`${upload.url} (from ${from}) does not answer (${error.cause?.code || error.message}): start the collector (npm start) or set SENTRY_URL and the other SENTRY_* variables`);
  }
  return res.status == 200 && Boolean((await res.json()).dateReleased);
}

const readBuildInfo = (outDir) => {
  try {
    return JSON.parse(readFileSync(join(outDir, 'build.json'), 'utf8'));
  } catch {
    return undefined;
  }
};

function runWebpack(config) {
  return new Promise((done, fail) => {
    const compiler = webpack(config);
    compiler.run((error, stats) => {
      compiler.close(() => {
        if (error) return fail(error);
        if (stats.hasErrors()) return fail(new Error(stats.toString({ all: false, errors: true, colors: false })));
        done(stats);
      });
    });
  });
}

/**
 * Builds the example `app` into `outDir` (default `examples/<app>/dist`) unless it is up to date.
 * @returns {Promise<{ app: string, release: string, outDir: string, target?: string, built: boolean, uploaded: boolean, ms: number }>}
 */
export async function buildExample(app, { outDir } = {}) {
  const started = Date.now();
  const appDir = join(EXAMPLES, app);
  if (!existsSync(join(appDir, 'webpack.config.js'))) throw new Error(`no example named ${app} (examples/${app}/webpack.config.js)`);
  const out = resolve(outDir || join(appDir, 'dist'));
  const settings = buildSettings(appDir);
  const uploadedBefore = await hasRelease(settings.upload, settings.release);
  const result = { app, release: settings.release, outDir: out, target: settings.upload?.url, built: false, uploaded: false };
  if (uploadedBefore && readBuildInfo(out)?.key == settings.key && existsSync(join(out, 'index.html'))) return { ...result, ms: Date.now() - started };

  const config = require(join(appDir, 'webpack.config.js'))({ outDir: out, uploaded: uploadedBefore, title: TITLES[app] });
  await runWebpack(config);
  writeFileSync(join(out, 'build.json'), `${JSON.stringify({ key: settings.key, release: settings.release }, null, 2)}\n`);
  return { ...result, built: true, uploaded: Boolean(settings.upload) && !uploadedBefore, ms: Date.now() - started };
}

/** One line saying what happened, for people and for the start script. */
export function describeBuild(r) {
  const what = !r.built
    ? 'up to date'
    : !r.target
      ? 'built, nothing uploaded (no collector.json, no SENTRY_URL)'
      : r.uploaded
        ? `built, source maps uploaded to ${r.target}`
        : `built, source maps already on ${r.target}`;
  return `${r.app}: ${what} (release ${r.release}, ${(r.ms / 1000).toFixed(1)} s)`;
}

if (process.argv[1] && import.meta.url == pathToFileURL(resolve(process.argv[1])).href) {
  const [app, ...rest] = process.argv.slice(2);
  const at = rest.indexOf('--out-dir');
  buildExample(app, { outDir: at >= 0 ? rest[at + 1] : undefined }).then(
    (r) => console.log(describeBuild(r)),
    (error) => {
      console.error(`${app}: build failed: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
