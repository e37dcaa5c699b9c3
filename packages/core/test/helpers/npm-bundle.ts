// Core built from its sources as an app's bundler builds the npm package (esbuild, one IIFE with
// the `Faultline` global), for browser tests of what only the npm package has (the XHR transport).
import { build } from 'esbuild';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundle's file name in the returned directory. */
export const NPM_BUNDLE = 'faultline.npm.js';

/** Builds the bundle into a fresh temp dir; returns the dir (serve it, e.g. as `/npm/`). */
export async function buildNpmBundle(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-npm-'));
  await build({
    entryPoints: [fileURLToPath(new URL('../../src/index.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'Faultline',
    platform: 'browser',
    target: 'es2020',
    outfile: join(dir, NPM_BUNDLE),
    logLevel: 'silent',
  });
  return dir;
}
