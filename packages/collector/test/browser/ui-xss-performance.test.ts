// The XSS corpus in a transaction's name, op, status, span ops and descriptions, tags, measurement
// names, release and environment, rendered in real Chromium on the Performance pages: nothing may
// run (no dialog, no console error, no request to the marker server), every string shows as text.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from '../../../core/test/helpers/browser';
import { eventEnvelope } from '../helpers/envelopes';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';
import { hexId, transactionEnvelope } from '../helpers/transactions';
import { startMarkerServer, type MarkerServer } from '../helpers/ui-marker-server';
import { hostileEvent, hostileTransaction, openWatchedPage, xssCorpus, type WatchedPage } from '../helpers/ui-xss';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let browser: Browser;
let collector: TestCollector;
let marker: MarkerServer;
let corpus: Record<string, string>;
let tx: Record<string, unknown>;

beforeAll(async () => {
  browser = await launchBrowser();
  marker = await startMarkerServer();
  collector = await startTestCollector();
  corpus = xssCorpus(marker.url);
  const traceId = hexId(16);
  tx = hostileTransaction(corpus, traceId);
  const error = hostileEvent(corpus);
  error.contexts = { ...(error.contexts as object), trace: { trace_id: traceId, span_id: hexId(8) } };
  expect((await collector.ingest(transactionEnvelope(tx))).status).toBe(200);
  expect((await collector.ingest(eventEnvelope(error))).status).toBe(200);
  await collector.idle();
});

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await marker?.close();
  removeTestDirs();
});

async function visit(path: string): Promise<WatchedPage> {
  const { page, dialogs, consoleErrors } = await openWatchedPage(browser, `${collector.url}${path}`);
  // Hover across the table and the waterfall, so handlers like onmouseover would have had their chance.
  for (const [x, y] of [[300, 200], [600, 400], [700, 600], [500, 800]]) await page.mouse.move(x, y);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(consoleErrors).toEqual([]);
  expect(marker.hits).toEqual([]);
  const injected = await page.evaluate(() => ({
    scripts: [...document.scripts].map((s) => s.src.replace(location.origin, '')),
    foreign: document.querySelectorAll('img, iframe, object, embed, main style, use, svg:not(.waterfall)').length,
    jsLinks: document.querySelectorAll('a[href^="javascript:" i], [onerror], [onload], [onmouseover]').length,
    styles: document.styleSheets.length,
  }));
  expect(injected).toEqual({ scripts: ['/_static/ui.js'], foreign: 0, jsLinks: 0, styles: 1 });
  return { page, dialogs, consoleErrors };
}

describe('hostile transaction data', () => {
  it('the Performance page shows the name as text and runs nothing', async () => {
    const { page } = await visit('/performance/');
    expect(await page.locator('.transaction-name').innerText()).toBe(corpus.script);
    expect(await page.locator('select[name="environment"] option').allInnerTexts()).toContain(corpus.attr);
    await page.close();
  });

  it('the name page takes a hostile name and environment from the URL as text', async () => {
    const { page } = await visit(`/performance/summary/?name=${encodeURIComponent(corpus.script)}&environment=${encodeURIComponent(corpus.attr)}`);
    expect(await page.locator('h1').innerText()).toBe(corpus.script);
    expect(await page.locator('tr.transaction').count()).toBe(1);
    await page.close();
  });

  it('the transaction page shows span ops and descriptions, tags, measurement names and the linked error as text', async () => {
    const { page } = await visit(`/performance/transactions/${tx.event_id}/`);
    expect(await page.locator('h1').innerText()).toBe(corpus.script);
    const labels = (await page.locator('svg.waterfall .span-label').allTextContents()).join('\n');
    const titles = (await page.locator('svg.waterfall title').allTextContents()).join('\n');
    for (const value of Object.values(corpus)) {
      expect(labels).toContain(value.slice(0, 12));
      expect(titles).toContain(value);
    }
    const measured = await page.locator('table.measurements th').allInnerTexts();
    for (const value of Object.values(corpus)) expect(measured).toContain(value.slice(0, 64));
    const tags = await page.locator('h2:text-is("Tags") + table').innerText();
    for (const value of Object.values(corpus)) expect(tags).toContain(value);
    expect(await page.locator('table.trace-errors a').count()).toBe(1);
    await page.close();
  });
});
