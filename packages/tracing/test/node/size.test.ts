import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Raise only in a change that says why: every byte ships to every visitor who is traced.
// The issue's 6 KB: measured 6,141 B, of which web-vitals' five functions take about 3 KB and
// the rest (spans, propagation, navigation, router names, INP after the page load) about 3.1 KB.
const TRACING_BUDGET_BYTES = 6 * 1024;

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const gz = (code: Uint8Array) => gzipSync(code, { level: 9 }).length;

/** init + captureException, without and with tracing, bundled as scripts/size.mjs bundles them. */
const CORE_ONLY = `import { init, captureException } from '@faultline/core'; init({ dsn: 'https://k@o.example/1' }); captureException(new Error('x'));`;
const WITH_TRACING = `import { init, captureException } from '@faultline/core'; import { tracingIntegration } from '@faultline/tracing'; init({ dsn: 'https://k@o.example/1', integrations: [tracingIntegration()], tracesSampleRate: 1 }); captureException(new Error('x'));`;

/** `contents` bundled for the browser and minified by esbuild, as an app's bundler would. */
async function bundle(contents: string): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents, resolveDir: root },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

describe('@faultline/tracing size', () => {
  it('with web-vitals, stays within its gzipped budget on top of core', async () => {
    const [core, traced] = await Promise.all([bundle(CORE_ONLY), bundle(WITH_TRACING)]);
    expect(gz(traced) - gz(core)).toBeLessThanOrEqual(TRACING_BUDGET_BYTES);
  });

  it('adds nothing to core when it is not imported (no side effects to keep)', async () => {
    const [core, unused] = await Promise.all([bundle(CORE_ONLY), bundle(CORE_ONLY.replace(';', "; import '@faultline/tracing';"))]);
    expect(unused.length).toBe(core.length);
  });
});
