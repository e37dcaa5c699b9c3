import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let built: Promise<string> | undefined;

/**
 * The processing thread compiled from the current TypeScript sources: a worker cannot load
 * .ts files, and the built `dist/` may be older than the sources under test. Written under
 * node_modules so that its imports (better-sqlite3, trace-mapping) resolve.
 */
export function sourceProcessorScript(): Promise<string> {
  built ??= (async () => {
    const outfile = fileURLToPath(new URL(`../../../../node_modules/.cache/faultline-collector/processor-worker-${randomUUID()}.mjs`, import.meta.url));
    await build({
      entryPoints: [fileURLToPath(new URL('../../src/process/processor-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
    process.on('exit', () => rmSync(outfile, { force: true }));
    return outfile;
  })();
  return built;
}
