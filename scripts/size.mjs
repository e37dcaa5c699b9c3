// Prints gzipped sizes: our CDN bundle as shipped, and init + captureException bundled by
// esbuild the same way (minified, browser, ESM) for Faultline and @sentry/browser, in this run.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const gz = (code) => gzipSync(code, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
// The pipeline alone was held to 10 KB; with automatic capture (every default integration), 12 KB.
const CDN_BUDGET = 12 * 1024;
const VUE_BUDGET = 2 * 1024;
// @faultline/tracing with web-vitals, on top of core (web-vitals' five functions alone are about 3 KB).
const TRACING_BUDGET = 6 * 1024; // the 6 KB, as in packages/tracing/test/node/size.test.ts

async function bundle(pkg) {
  const result = await build({
    stdin: { contents: `import { init, captureException } from '${pkg}'; init({ dsn: 'https://k@o.example/1' }); captureException(new Error('x'));`, resolveDir: process.cwd() },
    bundle: true, minify: true, write: false, format: 'esm', platform: 'browser', target: 'es2020', logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

const rows = [];
const cdn = readFileSync('packages/core/dist/faultline.min.js');
rows.push(['@faultline/core CDN bundle (faultline.min.js)', cdn.length, gz(cdn)]);
for (const pkg of ['@faultline/core', '@sentry/browser']) {
  const code = await bundle(pkg);
  const version = JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')).version;
  rows.push([`${pkg} ${version}: init + captureException, esbuild`, code.length, gz(code)]);
}
const vue = readFileSync('packages/vue/dist/faultline-vue.min.js');
rows.push(['@faultline/vue CDN bundle (faultline-vue.min.js)', vue.length, gz(vue)]);
// @sentry/vue's init adds its Vue integration to @sentry/browser's defaults.
const sentryVue = await bundle('@sentry/vue');
rows.push([`@sentry/vue ${JSON.parse(readFileSync('node_modules/@sentry/vue/package.json', 'utf8')).version}: init + captureException, esbuild`, sentryVue.length, gz(sentryVue)]);
// Tracing on top of each SDK's init + captureException: the same bundle with and without it.
const tracingEntry = (pkg, integration) =>
  `import { init, captureException } from '${pkg}'; import { ${integration} } from '${integration == 'tracingIntegration' ? '@faultline/tracing' : pkg}'; init({ dsn: 'https://k@o.example/1', integrations: [${integration}()], tracesSampleRate: 1 }); captureException(new Error('x'));`;
async function bundleWith(contents) {
  const result = await build({ stdin: { contents, resolveDir: process.cwd() }, bundle: true, minify: true, write: false, format: 'esm', platform: 'browser', target: 'es2020', logLevel: 'silent' });
  return result.outputFiles[0].contents;
}
const tracingRows = [];
for (const [pkg, integration, base] of [['@faultline/core', 'tracingIntegration', rows[1]], ['@sentry/browser', 'browserTracingIntegration', rows[2]]]) {
  const code = await bundleWith(tracingEntry(pkg, integration));
  // Short enough for the 60-character name column.
  const name = integration == 'tracingIntegration' ? `@faultline/tracing ${JSON.parse(readFileSync('packages/tracing/package.json', 'utf8')).version} + web-vitals, on core` : `browserTracingIntegration, on ${pkg}`;
  tracingRows.push([name, code.length - base[1], gz(code) - base[2]]);
}
rows.push(...tracingRows);
// The script-tag bundle with the retry queue and sessions too (faultline.min.js has no room for them yet).
const full = readFileSync('packages/core/dist/faultline.full.min.js');
rows.push(['@faultline/core CDN bundle, full (faultline.full.min.js)', full.length, gz(full)]);
console.log('bundle'.padEnd(60), 'minified'.padStart(10), 'gzip -9'.padStart(10));
for (const [name, raw, zipped] of rows) console.log(name.padEnd(60), kb(raw).padStart(10), kb(zipped).padStart(10));
const ratio = rows[2][2] / rows[1][2];
console.log(`\n@sentry/browser is ${ratio.toFixed(1)}x the size of @faultline/core (init + captureException).`);
console.log(`@faultline/vue adds ${rows[3][2]} bytes gzipped to core; @sentry/vue adds ${rows[4][2] - rows[2][2]} to @sentry/browser.`);
const over = rows[0][2] > CDN_BUDGET;
console.log(`CDN bundle: ${rows[0][2]} bytes gzipped, budget ${CDN_BUDGET}: ${over ? 'OVER BUDGET' : 'within budget'}.`);
console.log(`Full CDN bundle (retry queue and sessions too): ${gz(full)} bytes gzipped, ${gz(full) - CDN_BUDGET} over the 12 KB it should fit in.`);
const vueOver = rows[3][2] > VUE_BUDGET;
console.log(`Vue bundle: ${rows[3][2]} bytes gzipped, budget ${VUE_BUDGET}: ${vueOver ? 'OVER BUDGET' : 'within budget'}.`);
process.exitCode = over || vueOver ? 1 : 0;
const [ourTracing, sentryTracing] = tracingRows;
console.log(`@faultline/tracing adds ${ourTracing[2]} bytes gzipped to core; browserTracingIntegration adds ${sentryTracing[2]} to @sentry/browser (${(sentryTracing[2] / ourTracing[2]).toFixed(1)}x).`);
const tracingOver = ourTracing[2] > TRACING_BUDGET;
console.log(`Tracing on top of core: ${ourTracing[2]} bytes gzipped, budget ${TRACING_BUDGET}: ${tracingOver ? 'OVER BUDGET' : 'within budget'}.`);
if (tracingOver) process.exitCode = 1;
