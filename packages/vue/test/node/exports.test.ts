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

/** Every runtime export; a change here is a change of the public API. */
const RUNTIME_EXPORTS = ['VueIntegration', 'vueIntegration'];

type Module = Record<string, any>;
const runtimeKeys = (mod: Module) => Object.keys(mod).filter((k) => k != 'default' && k != '__esModule').sort();

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
  mod.vueIntegration({ app }).setup(client);
  app.config.errorHandler(new Error('x'), null, '1');
  expect(captured).toEqual([[new Error('x'), { mechanism: { type: 'vue', handled: false }, captureContext: { contexts: { vue: { lifecycleHook: 'render function' } } } }]]);
}

describe('@faultline/vue as a package', () => {
  it('src/index.ts exports exactly the pinned names', async () => {
    expect(runtimeKeys(await import('../../src/index'))).toEqual(RUNTIME_EXPORTS);
  });

  it('ESM: import exposes VueIntegration and vueIntegration, and they work', async () => {
    const mod = (await import('@faultline/vue')) as Module;
    expect(runtimeKeys(mod)).toEqual(RUNTIME_EXPORTS);
    expectWorks(mod);
  });

  it('CJS: require exposes the same names, and they work', () => {
    const require = createRequire(import.meta.url);
    expect(require.resolve('@faultline/vue')).toBe(join(PKG_DIR, 'dist/index.cjs'));
    const mod = require('@faultline/vue') as Module;
    expect(runtimeKeys(mod)).toEqual(RUNTIME_EXPORTS);
    expectWorks(mod);
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
    for (const name of [...RUNTIME_EXPORTS, 'VueOptions', 'VueIntegrationApi', 'VueContext', 'attachProps', 'logErrors', 'warnBreadcrumbs', 'router', 'attach']) {
      expect(dts, name).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it('imports nothing at runtime: not vue, not @faultline/core (the client is handed over)', () => {
    for (const file of ['dist/index.mjs', 'dist/index.cjs', 'dist/faultline-vue.min.js']) {
      const code = read(file);
      expect(code, file).not.toMatch(/\bimport\b|require\(|\bFaultline\b[^V]/);
      expect(code, file).not.toMatch(/__awaiter|__assign|tslib/);
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
