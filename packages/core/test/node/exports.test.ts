// The built package as Node and bundlers load it: through the exports map, as ESM and as CJS.
// Needs `npm run build` first (npm test does it).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PKG_DIR = join(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  main: string;
  module: string;
  types: string;
  unpkg: string;
  exports: Record<string, Record<string, string> | string>;
};

/** Every runtime export of src/index.ts; a change here is a change of the public API. */
const RUNTIME_EXPORTS = [
  'SDK_NAME',
  'SDK_VERSION',
  'Scope',
  'addBreadcrumb',
  'breadcrumbsIntegration',
  'browserApiErrorsIntegration',
  'burstGuardIntegration',
  'captureConsoleIntegration',
  'captureEvent',
  'captureException',
  'captureMessage',
  'close',
  'configureScope',
  'createClient',
  'debugIdsIntegration',
  'dedupeIntegration',
  'eventFiltersIntegration',
  'flush',
  'getClient',
  'getCurrentScope',
  'getDefaultIntegrations',
  'globalHandlersIntegration',
  'httpClientIntegration',
  'httpContextIntegration',
  'init',
  'lastEventId',
  'linkedErrorsIntegration',
  'makeFetchTransport',
  'makeXhrTransport',
  'privacyIntegration',
  'redactUrl',
  'sessionsIntegration',
  'setContext',
  'setExtra',
  'setExtras',
  'setLevel',
  'setTag',
  'setTags',
  'setUser',
  'withScope',
];

const FUNCTIONS = RUNTIME_EXPORTS.filter((name) => name != 'SDK_NAME' && name != 'SDK_VERSION');

type Module = Record<string, unknown>;

const esm = async (): Promise<Module> => (await import('@faultline/core')) as Module;
const cjs = (): Module => createRequire(import.meta.url)('@faultline/core') as Module;

function runtimeKeys(mod: Module): string[] {
  return Object.keys(mod)
    .filter((k) => k != 'default' && k != '__esModule')
    .sort();
}

describe('@faultline/core as a package', () => {
  it('src/index.ts exports exactly the pinned names', async () => {
    expect(runtimeKeys((await import('../../src/index')) as Module)).toEqual(RUNTIME_EXPORTS);
  });

  it('ESM (import) exposes the pinned names, functions and SDK_VERSION', async () => {
    const mod = await esm();
    expect(runtimeKeys(mod)).toEqual(RUNTIME_EXPORTS);
    for (const name of FUNCTIONS) expect(typeof mod[name], name).toBe('function');
    expect(mod.SDK_VERSION).toBe(pkg.version);
  });

  it('CJS (require) exposes the same names', () => {
    const mod = cjs();
    expect(runtimeKeys(mod)).toEqual(RUNTIME_EXPORTS);
    for (const name of FUNCTIONS) expect(typeof mod[name], name).toBe('function');
    expect(mod.SDK_VERSION).toBe(pkg.version);
  });

  it('require() resolves to the CJS build and import to the ESM build', () => {
    const require = createRequire(import.meta.url);
    expect(require.resolve('@faultline/core')).toBe(join(PKG_DIR, 'dist/index.cjs'));
    expect(readFileSync(join(PKG_DIR, 'dist/index.mjs'), 'utf8')).toMatch(/^export \{/m);
    expect(readFileSync(join(PKG_DIR, 'dist/index.cjs'), 'utf8')).toMatch(/exports\.captureException = captureException/);
  });

  it('works from the CJS build in Node without a browser: init and capture do not throw', async () => {
    const mod = cjs() as Record<string, (...args: unknown[]) => unknown>;
    const sent: string[] = [];
    mod.init({
      dsn: 'https://k@h.io/5',
      transport: () => ({ send: (e: { body: string }) => (sent.push(e.body), Promise.resolve({ statusCode: 200 })) }),
    });
    const id = mod.captureException(new Error('from node'));
    await mod.flush(1000);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(`"event_id":"${id}"`);
    await mod.close();
  });

  it('has an exports map whose types, import and require point at existing files', () => {
    const root = pkg.exports['.'] as Record<string, string>;
    expect(Object.keys(root)).toEqual(['types', 'import', 'require']); // types must come first
    expect(root).toEqual({ types: './dist/index.d.ts', import: './dist/index.mjs', require: './dist/index.cjs' });
    for (const file of Object.values(root)) expect(existsSync(join(PKG_DIR, file)), file).toBe(true);
    for (const file of [pkg.main, pkg.module, pkg.types, pkg.unpkg]) expect(existsSync(join(PKG_DIR, file)), file).toBe(true);
    expect(pkg.exports['./package.json']).toBe('./package.json');
  });

  it('ships declarations for the public API', () => {
    const dts = readFileSync(join(PKG_DIR, 'dist/index.d.ts'), 'utf8');
    for (const name of [...FUNCTIONS, 'SDK_NAME', 'SDK_VERSION']) expect(dts, name).toMatch(new RegExp(`\\b${name}\\b`));
    for (const type of ['Options', 'Event', 'EventHint', 'Integration', 'Transport', 'Breadcrumb', 'SeverityLevel', 'User']) {
      expect(dts, type).toMatch(new RegExp(`\\b${type}\\b`));
    }
    expect(dts).toMatch(/^export \{/m);
  });

  it('SDK_VERSION equals the version in package.json', async () => {
    const { SDK_VERSION } = await import('../../src/version');
    expect(SDK_VERSION).toBe(pkg.version);
    expect(pkg.name).toBe('@faultline/core');
  });
});
