import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { locate } from './resolve';

export const SHOP_APP = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/shop');

const tempDirs: string[] = [];
export const cleanupShopBuilds = () => {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
};

/**
 * Builds the shop fixture with esbuild, as a team without a bundler plugin would: minified
 * scripts with hashed names under `dist/assets/`, each with its own map file and a
 * `sourceMappingURL` comment. Returns the `dist` directory and the scripts' paths in it.
 */
export async function buildShop(): Promise<{ dist: string; scripts: string[] }> {
  const root = mkdtempSync(join(tmpdir(), 'faultline-upload-'));
  tempDirs.push(root);
  const dist = join(root, 'dist');
  const result = await build({
    absWorkingDir: SHOP_APP,
    entryPoints: ['src/main.js', 'src/admin.js'],
    bundle: true,
    minify: true,
    format: 'iife',
    sourcemap: 'linked',
    outdir: dist,
    entryNames: 'assets/[name]-[hash]',
    metafile: true,
    logLevel: 'silent',
  });
  const scripts = Object.keys(result.metafile.outputs)
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.replace(/^.*?dist\//, ''))
    .sort();
  return { dist, scripts };
}

/** Where the fixture's known `throw new Error('empty basket')` is. */
export function knownThrow(): { source: string; line: number } {
  const text = readFileSync(join(SHOP_APP, 'src/orders.js'), 'utf8');
  return { source: 'src/orders.js', line: locate(text, "throw new Error('empty basket')").line };
}
