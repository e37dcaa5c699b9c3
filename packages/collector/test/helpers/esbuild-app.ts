import { buildSync, type BuildOptions } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import type { StackFrame } from '../../src/event';

export interface BuiltApp {
  /** The minified bundle, without a sourceMappingURL comment (tests add the reference they need). */
  code: string;
  /** Its external map, as esbuild wrote it. */
  map: string;
}

/**
 * Bundles `files` (paths relative to a temporary project) with esbuild into `static/js/app.js`,
 * minified, with an external map. The map names its sources relative to itself, as real builds
 * do: `../../src/cart.js`, `../../node_modules/tiny-each/index.js`.
 */
export function buildApp(files: Record<string, string>, entry: string, options: BuildOptions = {}): BuiltApp {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-esbuild-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const result = buildSync({
      entryPoints: [join(dir, entry)],
      bundle: true,
      minify: true,
      format: 'iife',
      sourcemap: 'external',
      sourcesContent: true,
      outfile: join(dir, 'static/js/app.js'),
      write: false,
      logLevel: 'silent',
      ...options,
    });
    const code = result.outputFiles!.find((f) => f.path.endsWith('.js'))!.text.replace(/\n\/\/# sourceMappingURL=\S+\n?$/, '\n');
    const map = result.outputFiles!.find((f) => f.path.endsWith('.map'))!.text;
    return { code, map };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Loads `code` in a fresh V8 context as if fetched from `url`, calls `globalThis[entry]()` and
 * turns the thrown error's stack into Sentry frames: oldest first, 1-based line and column, only
 * the frames of `url` (the test's own frames are dropped).
 */
export function throwInV8(code: string, url: string, entry: string, ...args: unknown[]): StackFrame[] {
  const context = vm.createContext({});
  vm.runInContext(code, context, { filename: url });
  let stack = '';
  try {
    (context[entry] as (...a: unknown[]) => unknown)(...args);
  } catch (e) {
    stack = String((e as Error).stack);
  }
  if (!stack) throw new Error(`${entry}() did not throw`);
  return [...stack.matchAll(/\n\s+at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?(?=\n|$)/g)]
    .map((m) => ({ function: m[1], filename: m[2], abs_path: m[2], lineno: Number(m[3]), colno: Number(m[4]), in_app: true }))
    .filter((f) => f.abs_path === url)
    .reverse();
}
