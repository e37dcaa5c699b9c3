// Delivery that loses nothing (issue 13, part 1): the retry queue in IndexedDB across outages,
// reloads and tabs, page exit, and the memory fallback, in faultline.full.min.js, where it is on by default.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/types';
import { type Ingest, type IngestRequest } from '../helpers/ingest-server';
import { useBrowserAndIngest } from '../helpers/page-suite';
import { expectClean, openSdkPage, sdkHtml, type SdkPageOptions } from '../helpers/sdk-page';

let browser: Browser;
let ingest: Ingest;

useBrowserAndIngest((b, i) => ([browser, ingest] = [b, i]));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const valueOf = (event: Event) => event.exception?.values.at(-1)?.value;
// The retry queue is in faultline.full.min.js (faultline.min.js has no room for it: see the README).
const BUNDLE = '/dist/faultline.full.min.js';
const open = (options: SdkPageOptions = {}) => openSdkPage(browser, ingest, { bundle: BUNDLE, ...options });
const isAccepted = (r: IngestRequest) => r.status >= 200 && r.status < 300;

/** Event id → how many requests carried it, among those `filter` keeps. */
function countsById(filter: (r: IngestRequest) => boolean = () => true): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of ingest.requests.filter(filter)) for (const e of r.events) counts.set(e.event_id!, (counts.get(e.event_id!) || 0) + 1);
  return counts;
}

/** How many envelopes wait in the page's IndexedDB queue, read as a developer would in devtools. */
const queued = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open('faultline');
        request.onsuccess = () => {
          const db = request.result;
          // One record, key 'queue' in store 'retry': the array of waiting envelopes.
          if (!db.objectStoreNames.contains('retry')) return resolve(0);
          const read = db.transaction('retry').objectStore('retry').get('queue');
          read.onsuccess = () => resolve(read.result ? read.result.length : 0);
        };
        request.onerror = () => resolve(-1);
      }),
  );

async function waitForQueued(page: Page, n: number, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await queued(page)) != n) {
    if (Date.now() > end) throw new Error(`expected ${n} queued envelopes, found ${await queued(page)}`);
    await sleep(100);
  }
}

/** The ingest down: every event request has its connection dropped (a network error in the page). */
const down = () => ingest.respondWith((req) => (req.events.length ? { status: 0, abort: true } : undefined));
const up = () => ingest.respondWith(undefined);

describe('retry queue', () => {
  // The backoff waits 2, 4, then 8 s (±20%) between rounds for the first minute: the first
  // round after recovery comes at most 9.6 s later.
  it('ingest down for 30 s while 20 errors happen, then up: all 20 arrive, each exactly once, within 10 s of recovery', async () => {
    down();
    const opened = await open();
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      await opened.page.evaluate((n) => Faultline.captureException(new Error(`during the outage ${n}`)), i);
      await sleep(300);
    }
    await sleep(Math.max(0, started + 30_000 - Date.now()));
    expect(ingest.events).toEqual([]);
    const refused = ingest.requests.length;
    // One try per round while down, never a storm: 20 first sends plus one probe per round
    // (rounds after about 2, 6, 14, 22 and 30 s, the last ones as early as 1.6 s sooner).
    expect(refused).toBeLessThanOrEqual(20 + 6);
    up();
    const recovered = Date.now();
    await ingest.waitFor(() => ingest.events.length >= 20, '20 events after recovery', 12_000);
    expect(Date.now() - recovered).toBeLessThan(10_000);
    await sleep(1000);
    const accepted = countsById(isAccepted);
    expect(accepted.size).toBe(20);
    expect([...accepted.values()].every((n) => n == 1)).toBe(true);
    // Nothing went out twice after recovery either (the ingest did not dedupe for us).
    const afterRecovery = countsById((r) => r.time >= recovered);
    expect([...afterRecovery.values()].every((n) => n == 1)).toBe(true);
    expect(new Set(ingest.events.map(valueOf))).toEqual(new Set(Array.from({ length: 20 }, (_, i) => `during the outage ${i}`)));
    expect(ingest.clientReports).toEqual([]);
    expectClean(ingest, opened);
  }, 70_000);

  it('503 and 429 are tried again; 400 is final: dropped, counted, never sent again', async () => {
    const answers = new Map<string, number>();
    ingest.respondWith((req) => {
      const value = req.events[0] && valueOf(req.events[0]);
      if (!value) return undefined;
      const n = (answers.get(value) || 0) + 1;
      answers.set(value, n);
      if (value == 'refused') return { status: 400, body: 'bad' };
      if (n == 1) return value == 'busy' ? { status: 503, body: '' } : { status: 429, headers: { 'Retry-After': '1' }, body: '' };
      return undefined;
    });
    const opened = await open({
      script: `Faultline.captureException(new Error('busy')); Faultline.captureException(new Error('limited')); Faultline.captureException(new Error('refused'));`,
    });
    await ingest.waitFor(() => ingest.events.length >= 2, 'busy and limited after their retries', 15_000);
    await opened.page.evaluate(() => Faultline.flush(5000));
    await ingest.waitForClientReports(1);
    await sleep(3000);
    expect(ingest.events.map(valueOf).sort()).toEqual(['busy', 'limited']);
    expect(answers.get('refused')).toBe(1);
    expect(ingest.clientReports.flatMap((r) => r.discarded_events)).toEqual([{ reason: 'send_error', category: 'error', quantity: 1 }]);
    expect(opened.pageErrors).toEqual([]);
  }, 30_000);

  it('offline: false drops what fails and counts it, as before', async () => {
    down();
    const opened = await open({ init: '{ dsn: DSN, offline: false }', script: `Faultline.captureException(new Error('lost'));` });
    await ingest.waitForRequests(1);
    up();
    await opened.page.evaluate(() => Faultline.flush(5000));
    const [report] = await ingest.waitForClientReports(1);
    expect(report.discarded_events).toEqual([{ reason: 'network_error', category: 'error', quantity: 1 }]);
    await sleep(3000);
    expect(ingest.events).toEqual([]);
  }, 20_000);
});

describe('across visits and tabs', () => {
  it('events of a visit made offline arrive during the next visit', async () => {
    const opened = await open();
    const { page } = opened;
    await page.context().setOffline(true);
    await page.evaluate(() => {
      Faultline.captureException(new Error('offline 1'));
      Faultline.captureException(new Error('offline 2'));
    });
    // Queued once the sends failed; then the visit ends while still offline.
    await waitForQueued(page, 2);
    await page.goto('about:blank');
    await page.context().setOffline(false);
    await sleep(500);
    expect(ingest.requests).toEqual([]);

    await page.goto(opened.url);
    await ingest.waitForEvents(2, 10_000);
    expect(ingest.events.map(valueOf).sort()).toEqual(['offline 1', 'offline 2']);
    await sleep(500);
    expect([...countsById().values()]).toEqual([1, 1]);
    await waitForQueued(page, 0);
    expectClean(ingest, opened);
  }, 30_000);

  it('two tabs with a queue: no envelope arrives twice', async () => {
    down();
    const first = await open();
    const context = first.page.context();
    const second = await context.newPage();
    const secondErrors: string[] = [];
    second.on('pageerror', (e) => secondErrors.push(e.message));
    await second.goto(ingest.page(sdkHtml(ingest, { bundle: BUNDLE })));
    for (let i = 0; i < 5; i++) {
      await first.page.evaluate((n) => Faultline.captureException(new Error(`tab 1 error ${n}`)), i);
      await second.evaluate((n) => Faultline.captureException(new Error(`tab 2 error ${n}`)), i);
    }
    await sleep(2500);
    up();
    const recovered = Date.now();
    // Both tabs now try the same store (rounds, `online`, successes); each envelope goes once.
    await Promise.all([first.page, second].map((p) => p.evaluate(() => dispatchEvent(new Event('online')))));
    await ingest.waitForEvents(10, 20_000);
    await sleep(3000);
    const sent = countsById((r) => r.time >= recovered);
    expect(sent.size).toBe(10);
    expect([...sent.values()].every((n) => n == 1)).toBe(true);
    expect([...countsById(isAccepted).values()].every((n) => n == 1)).toBe(true);
    expect(secondErrors).toEqual([]);
    expectClean(ingest, first);
    await second.close();
  }, 40_000);
});

describe('page exit', () => {
  it('pagehide right after an error: the event arrives', async () => {
    // The answer comes after the page is gone: only a keepalive request survives that.
    ingest.respondWith((req) => (req.events.length ? { status: 200, delayMs: 300 } : undefined));
    const opened = await open();
    await opened.page.evaluate(() => {
      Faultline.captureException(new Error('right before leaving'));
      location.href = 'about:blank';
    });
    await opened.page.waitForURL('about:blank');
    const [event] = await ingest.waitForEvents(1, 5000);
    expect(valueOf(event)).toBe('right before leaving');
  });

  it('what is queued when the page is hidden goes out then', async () => {
    const opened = await open();
    down();
    await opened.page.evaluate(() => Faultline.captureException(new Error('queued, then the tab is hidden')));
    await waitForQueued(opened.page, 1);
    up();
    // Well before the first round (2 s ± 20%): the exit handler sends it.
    await opened.page.evaluate(() => dispatchEvent(new Event('pagehide')));
    await ingest.waitForEvents(1, 1500);
    expect(valueOf(ingest.events[0])).toBe('queued, then the tab is hidden');
  });
});

describe('without IndexedDB', () => {
  it('falls back to memory with a debug line: no exception on the page, events still delivered after an outage', async () => {
    down();
    const opened = await open({
      before: `Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('blocked', 'SecurityError'); } });`,
      init: '{ dsn: DSN, debug: true }',
      script: `Faultline.captureException(new Error('kept in memory'));`,
    });
    await ingest.waitForRequests(1);
    await sleep(500);
    up();
    const [event] = await ingest.waitForEvents(1, 10_000);
    expect(valueOf(event)).toBe('kept in memory');
    expect(opened.consoleMessages).toContainEqual(expect.stringMatching(/\[Faultline\] IndexedDB unavailable: retry queue in memory/));
    expect(opened.pageErrors).toEqual([]);
  }, 20_000);
});
