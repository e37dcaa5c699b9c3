// One Chromium and one test ingest for a test file whose pages load the CDN bundle.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchBrowser } from './browser';
import { startIngest, type Ingest } from './ingest-server';
import { closePages } from './sdk-page';

/** Starts both for the file and hands them to `ready`; resets the ingest and closes the pages after each test. */
export function useBrowserAndIngest(ready: (browser: Browser, ingest: Ingest) => void): void {
  let browser: Browser | undefined;
  let ingest: Ingest | undefined;
  beforeAll(async () => {
    [browser, ingest] = await Promise.all([launchBrowser(), startIngest()]);
    ready(browser, ingest);
  });
  afterAll(async () => {
    await browser?.close();
    await ingest?.close();
  });
  beforeEach(() => ingest!.reset());
  afterEach(closePages);
}
