// Smoke test of the browser harness alone (no SDK build needed): Chromium starts, loads a page
// from the pages origin, and its requests reach the test server.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, openPage } from '../helpers/browser';
import { startIngest, type Ingest } from '../helpers/ingest-server';

let browser: Browser;
let ingest: Ingest;

beforeAll(async () => {
  [browser, ingest] = await Promise.all([launchBrowser(), startIngest()]);
});
afterAll(async () => {
  await browser?.close();
  await ingest?.close();
});

it('loads an inline page in Chromium that can reach the server', async () => {
  const url = ingest.page(
    '<html><head><title>harness</title></head><body><script>fetch("/ok").then((r) => r.text()).then((t) => { document.body.dataset.ok = t; })</script></body></html>',
  );
  const { page, pageErrors } = await openPage(browser, url);
  await expect(page.title()).resolves.toBe('harness');
  await page.waitForFunction(() => document.body.dataset.ok === 'ok');
  expect(ingest.otherRequests).toMatchObject([{ path: '/ok', status: 200 }]);
  expect(pageErrors).toEqual([]);
  await page.close();
});

it('sees pages post cross-origin to the ingest: preflight only for non-simple requests', async () => {
  ingest.reset();
  const target = `${ingest.url}/api/5/envelope/?sentry_key=public&sentry_version=7`;
  const body = '{}\n{"type":"event"}\n{"message":"x"}';
  const { page } = await openPage(browser, ingest.page('<title>cors</title>'));
  await page.evaluate(([url, text]) => fetch(url, { method: 'POST', body: text }).then((r) => r.status), [target, body]);
  expect(ingest.preflights).toEqual([]);
  await page.evaluate(([url, text]) => fetch(url, { method: 'POST', body: text, headers: { 'Content-Type': 'application/json' } }), [target, body]);
  expect(ingest.preflights).toMatchObject([{ path: '/api/5/envelope/', requestMethod: 'POST' }]);
  expect(ingest.events).toHaveLength(2);
  expect(ingest.requests.map((r) => r.corsSimple)).toEqual([true, false]);
  await page.close();
});
