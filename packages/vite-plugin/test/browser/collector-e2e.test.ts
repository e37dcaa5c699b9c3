// End to end: a real `vite build` of the Vue fixture (with @faultline/core, its dist bundled by
// Vite) whose maps faultline() uploads to a real collector; the build served to headless
// Chromium from another origin, a click that throws, and what the collector's API then shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, openPage } from '../../../core/test/helpers/browser';
import { latestEvent, mainException, topFrame, waitForIssues } from '../../../collector/test/helpers/e2e-api';
import { startStaticServer, type StaticServer } from '../../../collector/test/helpers/e2e-static-server';
import { removeTestDirs, startTestCollector, type TestCollector } from '../../../collector/test/helpers/test-collector';
import { faultline } from '../../src/index';
import { buildVueApp, cleanupBuilds, knownThrow, type ViteBuild } from '../helpers/vite-build';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const RELEASE = 'vue-shop@1.0.0';

/** What the file's tests share, made once: the collector, the build uploaded to it, its web server, Chromium. */
interface Setup {
  collector: TestCollector;
  build: ViteBuild;
  site: StaticServer;
  browser: Browser;
}

const setup = {} as Setup;

beforeAll(async () => {
  const collector = (setup.collector = await startTestCollector());
  const plugin = faultline({ url: collector.url, authToken: collector.token, org: 'sentry', project: 'default', release: RELEASE, failOnError: true, silent: true });
  setup.build = await buildVueApp([plugin]);
  setup.site = await startStaticServer(setup.build.outDir);
  setup.browser = await launchBrowser();
});

afterAll(async () => {
  await setup.browser?.close();
  await setup.site?.close();
  await setup.collector?.close();
  removeTestDirs();
  cleanupBuilds();
});

/** Vite's own index.html, with the SDK's DSN and release set before the app's script runs. */
function appPage(dsn: string): string {
  const html = readFileSync(join(setup.build.outDir, 'index.html'), 'utf8');
  return html.replace('<head>', `<head><script>window.__DSN__ = ${JSON.stringify(dsn)}; window.__RELEASE__ = ${JSON.stringify(RELEASE)};</script>`);
}

describe('vite build uploaded by faultline() to the collector', () => {
  it('has the release on the collector, finalized', async () => {
    const { collector } = setup;
    const release = await collector.api(`/api/0/organizations/sentry/releases/${RELEASE}/`);
    expect(release.status).toBe(200);
    expect(await release.json()).toMatchObject({ version: RELEASE, dateReleased: expect.any(String) });
  });

  it('shows a click that throws in the Vue SFC at the original .vue file, line and function, through the debug ID', async () => {
    const { collector, site, browser } = setup;
    const opened = await openPage(browser, site.page(appPage(collector.info.dsn)));
    try {
      await opened.page.click('#checkout');
      const issues = await waitForIssues(collector, (list) => list.length > 0);
      expect(issues.map((i) => i.title)).toEqual(['Error: basket is empty']);
      const event = await latestEvent(collector, issues[0].id);
      expect.soft(event.errors).toEqual([]);
      expect.soft(event).toMatchObject({ release: { version: RELEASE }, processingState: 'processed' });
      const top = topFrame(mainException(event).stacktrace?.frames)!;
      expect.soft(top.filename).toMatch(knownThrow().source);
      expect.soft(top).toMatchObject({ function: 'checkout', lineNo: knownThrow().line, inApp: true });
      expect.soft(top.context).toContainEqual([knownThrow().line, "  if (total == 0) throw new Error('basket is empty');"]);
      expect.soft(top.data).toMatchObject({ symbolicated: true, resolved_with: 'debug-id' });
      expect.soft(opened.pageErrors).toEqual(['Error: basket is empty']);
    } finally {
      await opened.page.close();
    }
  });
});
