// The built package as Node and bundlers load it (exports map, import and require), and the
// script-tag build. Needs `npm run build` first (npm test does it).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PKG_DIR = join(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8'));
const read = (file: string) => readFileSync(join(PKG_DIR, file), 'utf8');

/** The runtime exports of our own; a change here is a change of the public API. */
const OWN_EXPORTS = ['Vue', 'VueIntegration', 'attachErrorHandler', 'init', 'vueIntegration'];
/** The script-tag build: the integration only (core is the page's `Faultline`). */
const SCRIPT_TAG_EXPORTS = ['VueIntegration', 'vueIntegration'];

type Module = Record<string, any>;
const runtimeKeys = (mod: Module) => Object.keys(mod).filter((k) => k != 'default' && k != '__esModule').sort();
/** Ours, and every runtime export of @faultline/core (its `init` replaced by ours). */
const expectedKeys = (core: Module) => [...new Set([...runtimeKeys(core), ...OWN_EXPORTS])].sort();

/** Core's API is re-exported as it is: the same functions and classes, but for `init`. */
function expectCoreReexported(mod: Module, core: Module): void {
  for (const key of runtimeKeys(core)) if (key != 'init') expect(mod[key], key).toBe(core[key]);
  expect(mod.init).not.toBe(core.init);
}

/** What both forms must give: one integration object named Vue with setup and attach. */
function expectWorks(mod: Module): void {
  for (const integration of [new mod.VueIntegration({ app: [] }), mod.vueIntegration()]) {
    expect(integration.name).toBe('Vue');
    expect(typeof integration.setup).toBe('function');
    expect(typeof integration.attach).toBe('function');
  }
  // Hooks a Vue-like object through a client-like object, in Node too.
  const captured: unknown[] = [];
  const app = { config: {} as Record<string, any>, mixin: () => {} };
  const client = { getOptions: () => ({ normalizeDepth: 3 }), captureException: (e: unknown, hint: unknown) => captured.push([e, hint]), addBreadcrumb() {}, log() {} };
  mod.vueIntegration({ app, logErrors: false }).setup(client);
  app.config.errorHandler(new Error('x'), null, '1');
  expect(captured).toEqual([[new Error('x'), { mechanism: { type: 'vue', handled: false }, captureContext: { contexts: { vue: { lifecycleHook: 'render function' } } } }]]);
}

describe('@faultline/vue as a package', () => {
  it("src/index.ts exports exactly the pinned names and core's API", async () => {
    const core = (await import('@faultline/core')) as Module;
    const mod = (await import('../../src/index')) as Module;
    expect(runtimeKeys(mod)).toEqual(expectedKeys(core));
    expectCoreReexported(mod, core);
  });

  it("ESM: import exposes init, attachErrorHandler, the integration and core's API, and they work", async () => {
    const mod = (await import('@faultline/vue')) as Module;
    const core = (await import('@faultline/core')) as Module;
    expect(runtimeKeys(mod)).toEqual(expectedKeys(core));
    expectCoreReexported(mod, core);
    expectWorks(mod);
  });

  it('CJS: require exposes the same names, and they work', () => {
    const require = createRequire(import.meta.url);
    expect(require.resolve('@faultline/vue')).toBe(join(PKG_DIR, 'dist/index.cjs'));
    const mod = require('@faultline/vue') as Module;
    const core = require('@faultline/core') as Module;
    expect(runtimeKeys(mod)).toEqual(expectedKeys(core));
    expectCoreReexported(mod, core);
    expectWorks(mod);
  });

  it('the script-tag build exposes only the integration', async () => {
    const window: Module = {};
    new Function('window', `${read('dist/faultline-vue.min.js')}; window.FaultlineVue = FaultlineVue;`)(window);
    expect(runtimeKeys(window.FaultlineVue)).toEqual(SCRIPT_TAG_EXPORTS);
    expectWorks(window.FaultlineVue);
  });

  it('has an exports map whose types, import and require point at existing files', () => {
    const root = pkg.exports['.'];
    expect(Object.keys(root)).toEqual(['types', 'import', 'require']);
    for (const file of [...Object.values(root), pkg.main, pkg.module, pkg.types, pkg.unpkg] as string[]) {
      expect(existsSync(join(PKG_DIR, file)), file).toBe(true);
    }
    expect(pkg.unpkg).toBe('./dist/faultline-vue.min.js');
  });

  it('ships declarations for the API and its options', () => {
    const dts = read('dist/index.d.ts');
    for (const name of [...OWN_EXPORTS, 'VueOptions', 'VueInitOptions', 'VueIntegrationApi', 'VueContext', 'attachProps', 'logErrors', 'warnBreadcrumbs', 'router', 'attach']) {
      expect(dts, name).toMatch(new RegExp(`\\b${name}\\b`));
    }
    // Core's types come along: `import type { Event, Options } from '@faultline/vue'`.
    expect(dts).toContain("export * from '@faultline/core';");
  });

  it('imports only @faultline/core at runtime, never vue; the script-tag build nothing', () => {
    expect([...new Set(read('dist/index.mjs').match(/\bfrom\s*['"][^'"]+['"]/g))]).toEqual(["from '@faultline/core'"]);
    expect([...new Set(read('dist/index.cjs').match(/require\([^)]*\)/g))]).toEqual(["require('@faultline/core')"]);
    expect(read('dist/faultline-vue.min.js')).not.toMatch(/\bimport\b|require\(|\bFaultline\b[^V]/);
    for (const file of ['dist/index.mjs', 'dist/index.cjs', 'dist/faultline-vue.min.js']) {
      expect(read(file), file).not.toMatch(/__awaiter|__assign|tslib/);
    }
  });

  it('the script-tag build defines FaultlineVue and keeps the property names Vue and Vue Router use', () => {
    const code = read('dist/faultline-vue.min.js');
    expect(code).toMatch(/^var FaultlineVue=/);
    // Minification mangles `_x` properties: only these names are read, and none may be mangled.
    for (const name of ['$options', '$parent', '$props', '$vnode', 'componentOptions', 'propsData', '__file', '__name', '__v_raw', '__v_isRef', 'appContext', 'globalProperties', '$router', 'afterEach', 'fullPath', 'errorHandler', 'warnHandler', 'util']) {
      expect(code, name).toContain(name);
    }
    expect(code).not.toMatch(/\._[a-z]/i);
  });
});
