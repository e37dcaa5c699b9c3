import commonjs from '@rollup/plugin-commonjs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import type { RollupOptions } from 'rollup';
import { dts } from 'rollup-plugin-dts';

// Every package builds the same way: ESM + CJS for bundlers and Node (dependencies stay
// external), one bundled .d.ts, and for browser packages a minified IIFE for <script> tags.

interface PackageBuild {
  dir: string;
  /** Imports left to the app's bundler in the ESM/CJS builds. */
  external: Array<string | RegExp>;
  /** The script-tag build: file name and global name. */
  iife?: { file: string; name: string; globals?: Record<string, string> };
}

const packages: PackageBuild[] = [
  {
    dir: 'packages/core',
    external: ['error-stack-parser'],
    iife: { file: 'faultline.min.js', name: 'Faultline' },
  },
];

const ts = (dir: string) =>
  typescript({ tsconfig: `${dir}/tsconfig.json`, compilerOptions: { declaration: false, sourceMap: true }, outputToFilesystem: false });

// Internal fields are `_name`: mangled in the minified build. `__x__` wire keys and the
// global that bundler plugins share with Sentry's SDK keep their names.
const minify = () =>
  terser({
    ecma: 2020,
    compress: { passes: 3, pure_getters: true },
    mangle: { properties: { regex: /^_[^_]/, reserved: ['_sentryDebugIds'] } },
    format: { comments: false },
  });

function configsFor({ dir, external, iife }: PackageBuild): RollupOptions[] {
  const isExternal = (id: string) => external.some((e) => (typeof e == 'string' ? id == e || id.startsWith(`${e}/`) : e.test(id)));
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
  if (iife) {
    configs.push({
      input: `${dir}/src/index.ts`,
      external: Object.keys(iife.globals || {}),
      plugins: [resolve({ browser: true }), commonjs(), ts(dir), minify()],
      output: { file: `${dir}/dist/${iife.file}`, format: 'iife', name: iife.name, globals: iife.globals, sourcemap: true },
    });
  }
  return configs;
}

export default packages.flatMap(configsFor);
