// The script-tag bundle with the retry queue plugged in (src/offline.ts), built from the
// sources by esbuild for browser tests: the CDN bundle has no room for it yet (size budget).
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchBrowser } from './browser';
import { DEFAULT_ROOTS, startIngest, type Ingest } from './ingest-server';
import { closePages } from './sdk-page';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const srcDir = fileURLToPath(new URL('../../src/', import.meta.url));

/**
 * Builds `faultline.offline.js` (IIFE, global `Faultline`) into a fresh temp dir and returns
 * that dir. `FAULTLINE_OFFLINE_BUNDLE=<file>` serves that file instead (a minified build of the
 * same entry, say, to check that property mangling keeps the stored records readable).
 */
export async function buildOfflineBundle(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-offline-'));
  const given = process.env.FAULTLINE_OFFLINE_BUNDLE;
  if (given) {
    await writeFile(join(dir, 'faultline.offline.js'), await readFile(given));
    return dir;
  }
  const result = await build({
    // Also exports the Privacy, BurstGuard and Sessions integrations, not yet in the CDN bundle either.
    stdin: {
      contents: `import { enableRetryQueue } from './offline'; enableRetryQueue(); export * from './index'; export { privacyIntegration } from './integrations/privacy'; export { burstGuardIntegration } from './integrations/burst-guard'; export { sessionsIntegration } from './integrations/sessions';`,
      resolveDir: srcDir,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'Faultline',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  await writeFile(join(dir, 'faultline.offline.js'), result.outputFiles[0].contents);
  return dir;
}

/**
 * For a test file whose pages load the offline bundle: one Chromium and one test ingest (which
 * also serves the bundle under `/offline/`) for the file, handed to `ready`; the ingest reset
 * and the pages closed after each test; everything removed at the end.
 */
export function useOfflineBundlePages(ready: (browser: Browser, ingest: Ingest) => void): void {
  let browser: Browser | undefined;
  let ingest: Ingest | undefined;
  let bundleDir: string | undefined;
  beforeAll(async () => {
    bundleDir = await buildOfflineBundle();
    [browser, ingest] = await Promise.all([launchBrowser(), startIngest({ staticRoots: { ...DEFAULT_ROOTS, '/offline/': bundleDir } })]);
    ready(browser, ingest);
  });
  afterAll(async () => {
    await browser?.close();
    await ingest?.close();
    if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
  });
  beforeEach(() => ingest!.reset());
  afterEach(closePages);
}
