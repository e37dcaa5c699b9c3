import commonjs from '@rollup/plugin-commonjs';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { minify as swcMinify } from '@swc/core';
import typescript from '@rollup/plugin-typescript';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import type { Plugin, RollupOptions } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import { slimErrorStackParser } from './scripts/build/slim-error-stack-parser.mjs';

// Every package builds the same way: ESM + CJS for bundlers and Node (dependencies stay
// external), one bundled .d.ts, and for browser packages a minified IIFE for <script> tags.

interface PackageBuild {
  dir: string;
  /** Imports left to the app's bundler in the ESM/CJS builds. */
  external: Array<string | RegExp | ((id: string) => boolean)>;
  /** The script-tag builds: file name and global name; `swap` replaces source files by others in that build only. */
  iife?: Array<{ file: string; name: string; globals?: Record<string, string>; input?: string; swap?: Record<string, string> }>;
  /** Modules replaced by smaller equivalents in the script-tag builds only. */
  iifeAliases?: Record<string, string>;
  /** More ESM entries, `dist/<name>.mjs` from `src/<path>`, that the package loads at run time (a worker thread, a CLI). */
  entries?: Record<string, string>;
}

/** Core's script-tag bundles send with fetch only (src/script-tag/xhr.ts says why). */
const FETCH_ONLY = { 'src/transport/xhr.ts': 'src/script-tag/xhr.ts' };

const packages: PackageBuild[] = [
  {
    dir: 'packages/core',
    external: ['error-stack-parser'],
    // faultline.min.js stays within its 12 KB budget without the retry queue and sessions, which
    // faultline.full.min.js (and the npm package) have; their stand-ins say so under `debug: true`.
    iife: [
      {
        file: 'faultline.min.js',
        name: 'Faultline',
        swap: {
          'src/offline.ts': 'src/lean/offline.ts',
          'src/integrations/sessions.ts': 'src/lean/sessions.ts',
          ...FETCH_ONLY,
        },
      },
      { file: 'faultline.full.min.js', name: 'Faultline', swap: FETCH_ONLY },
    ],
    iifeAliases: { stackframe: 'packages/core/src/stack-frame-lite.ts' },
  },
  {
    dir: 'packages/vue',
    external: ['@faultline/core', 'vue'],
    // Vue itself is never bundled: the integration receives the app's Vue or app object. The
    // script-tag build leaves out `init` and core's re-exported API: `Faultline` has them.
    iife: [{ file: 'faultline-vue.min.js', name: 'FaultlineVue', globals: { '@faultline/core': 'Faultline' }, input: 'src/script-tag.ts' }],
  },
  {
    dir: 'packages/tracing',
    external: ['@faultline/core', 'web-vitals'],
    // The script-tag build bundles web-vitals and takes core from the `Faultline` global.
    iife: [{ file: 'faultline-tracing.min.js', name: 'FaultlineTracing', globals: { '@faultline/core': 'Faultline' } }],
  },
  {
    dir: 'packages/upload',
    external: [/^node:/, (id: string) => isBuiltin(id), 'picomatch'],
    // The faultline-upload CLI (bin/faultline-upload.mjs loads it): not part of the library's API.
    entries: { cli: 'src/cli.ts' },
  },
  {
    dir: 'packages/webpack-plugin',
    external: [/^node:/, (id: string) => isBuiltin(id), 'webpack', '@faultline/upload'],
  },
  {
    dir: 'packages/vite-plugin',
    external: [/^node:/, (id: string) => isBuiltin(id), 'vite', 'rollup', '@faultline/upload'],
  },
  {
    dir: 'packages/collector',
    external: [/^node:/, (id: string) => isBuiltin(id), 'better-sqlite3', '@jridgewell/trace-mapping', 'fflate'],
    entries: { 'processor-worker': 'src/process/processor-worker.ts' },
  },
];

const ts = (dir: string) =>
  typescript({ tsconfig: `${dir}/tsconfig.json`, compilerOptions: { declaration: false, sourceMap: true }, outputToFilesystem: false });

// Internal fields are `_name`: mangled in the minified build. `__x__` wire keys and the
// global that bundler plugins share with Sentry's SDK keep their names.
const INTERNAL_FIELDS = /^_[^_]/;
// Core's CDN bundle also mangles the DSN's key and project, the dispatcher's rate-limit check,
// and error-stack-parser's frame field and parser methods, which nothing outside the bundle
// reads (terser never mangles names of DOM and JS built-ins), and turns functions into method
// shorthand and arrows where no `this`, `arguments` or `new` tells them apart.
const CORE_INTERNAL_PROPERTIES =
  /^(_[^_].*|publicKey|projectId|isRateLimited|functionName|extractLocation|parseV8OrIE|parseFFOrSafari|parseOpera(9|10|11)?)$/;

// Two minifiers, each for what it does best: swc compresses first (its output is about 1.9%
// smaller gzipped than terser's alone, partly by declaring with `let`), then terser mangles the
// internal properties and compresses once more. swc's sequences are left to terser, which joins
// them better.
const swcCompress = (): Plugin => ({
  name: 'swc-minify',
  renderChunk: async (code) => {
    const out = await swcMinify(code, {
      ecma: 2020,
      compress: { passes: 3, pure_getters: true, unsafe_arrows: true, unsafe_methods: true, sequences: false },
      mangle: true,
      sourceMap: true,
    });
    return { code: out.code, map: out.map };
  },
});

const minify = (core: boolean) =>
  terser({
    ecma: 2020,
    compress: { passes: 3, pure_getters: true, ...(core && { unsafe_methods: true, unsafe_arrows: true }) },
    mangle: { properties: { regex: core ? CORE_INTERNAL_PROPERTIES : INTERNAL_FIELDS, reserved: ['_sentryDebugIds'] } },
    format: { comments: false },
  });

// Resolves aliased module ids to files (a tiny stand-in for @rollup/plugin-alias).
const alias = (map: Record<string, string> = {}): Plugin => ({
  name: 'alias',
  resolveId: (id) => (map[id] ? path.resolve(map[id]) : null),
});

// Source files replaced by others (paths relative to the package), whatever path imports them.
const swapFiles = (dir: string, swap: Record<string, string> = {}): Plugin => {
  const byFile = new Map(Object.entries(swap).map(([from, to]) => [path.resolve(dir, from), path.resolve(dir, to)]));
  return {
    name: 'swap-files',
    async resolveId(source, importer, options) {
      if (!byFile.size || !importer) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return (resolved && byFile.get(resolved.id)) || null;
    },
  };
};

// error-stack-parser as a slim ES module in the script-tag build (see the script).
const slimParser = (): Plugin => ({
  name: 'slim-error-stack-parser',
  transform: (code, id) => (/[\\/]error-stack-parser[\\/]error-stack-parser\.js$/.test(id) ? { code: slimErrorStackParser(code), map: { mappings: '' } } : null),
});

function configsFor({ dir, external, iife = [], iifeAliases, entries = {} }: PackageBuild): RollupOptions[] {
  const isExternal = (id: string) =>
    external.some((e) => (typeof e == 'string' ? id == e || id.startsWith(`${e}/`) : typeof e == 'function' ? e(id) : e.test(id)));
  const configs: RollupOptions[] = [
    {
      input: `${dir}/src/index.ts`,
      external: isExternal,
      plugins: [ts(dir)],
      output: [
        { file: `${dir}/dist/index.mjs`, format: 'es', sourcemap: true },
        { file: `${dir}/dist/index.cjs`, format: 'cjs', sourcemap: true, exports: 'named', interop: 'auto' },
      ],
    },
    {
      input: `${dir}/src/index.ts`,
      external: isExternal,
      plugins: [dts({ tsconfig: `${dir}/tsconfig.json` })],
      output: { file: `${dir}/dist/index.d.ts`, format: 'es' },
    },
  ];
  for (const [name, input] of Object.entries(entries)) {
    configs.push({
      input: `${dir}/${input}`,
      external: isExternal,
      plugins: [ts(dir)],
      output: { file: `${dir}/dist/${name}.mjs`, format: 'es', sourcemap: true },
    });
  }
  for (const { file, name, globals, input = 'src/index.ts', swap } of iife) {
    configs.push({
      input: `${dir}/${input}`,
      external: Object.keys(globals || {}),
      plugins: [
        alias(iifeAliases),
        swapFiles(dir, swap),
        slimParser(),
        replace({ preventAssignment: true, values: { __DEBUG__: 'false' } }),
        resolve({ browser: true }),
        commonjs(),
        ts(dir),
        swcCompress(),
        minify(dir == 'packages/core'),
      ],
      output: { file: `${dir}/dist/${file}`, format: 'iife', name, globals, sourcemap: true },
    });
  }
  return configs;
}

// `FAULTLINE_BUILD=packages/core npm run build` builds only the packages named (comma-separated).
const only = process.env.FAULTLINE_BUILD?.split(',');
export default packages.filter(({ dir }) => !only || only.includes(dir)).flatMap(configsFor);
