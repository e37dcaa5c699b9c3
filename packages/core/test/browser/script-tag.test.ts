// The IIFE bundle from a plain <script> tag: its global API, harmless misconfiguration, and
// envelopes framed by UTF-8 byte length.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startIngest, type Ingest } from '../helpers/ingest-server';
import { closePages, expectClean, flushAndSettle, openSdkPage } from '../helpers/sdk-page';

let browser: Browser;
let ingest: Ingest;

beforeAll(async () => {
  [browser, ingest] = await Promise.all([launchBrowser(), startIngest()]);
});
afterAll(async () => {
  await browser?.close();
  await ingest?.close();
});
beforeEach(() => ingest.reset());
afterEach(closePages);

describe('the IIFE bundle', () => {
  it('puts the whole public API on window.Faultline from a plain <script> tag', async () => {
    const opened = await openSdkPage(browser, ingest, { noInit: true });
    expect(ingest.staticRequests).toContain('/dist/faultline.min.js');
    const api = await opened.page.evaluate(() => {
      const global = (window as unknown as { Faultline?: Record<string, unknown> }).Faultline;
      return global ? Object.fromEntries(Object.keys(global).map((k) => [k, typeof global[k]])) : undefined;
    });
    expect(api).toBeDefined();
    const functions = [
      'init', 'captureException', 'captureMessage', 'captureEvent', 'addBreadcrumb', 'setUser', 'setTag', 'setTags',
      'setExtra', 'setExtras', 'setContext', 'setLevel', 'withScope', 'configureScope', 'getCurrentScope', 'getClient',
      'flush', 'close', 'lastEventId', 'getDefaultIntegrations', 'makeFetchTransport', 'makeXhrTransport',
      'eventFiltersIntegration', 'dedupeIntegration', 'linkedErrorsIntegration', 'httpContextIntegration', 'debugIdsIntegration',
      'burstGuardIntegration', 'privacyIntegration', 'sessionsIntegration',
      'createClient', 'Scope',
    ];
    for (const name of functions) expect(api![name], name).toBe('function');
    expect(api!.SDK_VERSION).toBe('string');

    // And it works: init from the page, capture, and the event arrives.
    const id = await opened.page.evaluate((dsn) => {
      Faultline.init({ dsn, release: 'cdn@1' });
      Faultline.setUser({ id: 'u1' });
      return Faultline.captureException(new Error('from the CDN build'));
    }, ingest.dsn());
    const [event] = await ingest.waitForEvents(1);
    expect(event).toMatchObject({ event_id: id, release: 'cdn@1', user: { id: 'u1' } });
    expect(await opened.page.evaluate(() => Faultline.lastEventId())).toBe(id);
    expectClean(ingest, opened);
  });

  it('frames envelope items by UTF-8 byte length: a non-ASCII message arrives intact', async () => {
    const text = 'ü 日本 🎉 … Ωmega — naïve café';
    const opened = await openSdkPage(browser, ingest, {
      script: `
        Faultline.setTag('locale', '日本語');
        Faultline.captureMessage(${JSON.stringify(text)});
        Faultline.captureException(new Error('Fehler: Größe überschritten 🎉'));`,
    });
    const events = await ingest.waitForEvents(2);
    expect(ingest.parseErrors).toEqual([]);
    const message = events.find((e) => e.logentry)!;
    expect(message.logentry!.formatted).toBe(text);
    expect(message.tags).toMatchObject({ locale: '日本語' });
    expect(events.find((e) => e.exception)!.exception!.values[0].value).toBe('Fehler: Größe überschritten 🎉');
    for (const envelope of ingest.envelopes) {
      const [item] = envelope.items;
      // The declared length is bytes, and here bytes and UTF-16 units differ.
      expect(item.header.length).toBe(item.raw.length);
      expect(item.raw.length).toBeGreaterThan(item.raw.toString('utf8').length);
    }
    expectClean(ingest, opened);
  });
});

describe('faultline.min.js and faultline.full.min.js', () => {
  it('faultline.min.js has no retry queue and no sessions: a failed send is dropped and counted, and debug says so', async () => {
    let answered = 0;
    ingest.respondWith((req) => (req.events.length && answered++ == 0 ? { status: 503, body: '' } : undefined));
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, release: 'lean@1', debug: true }`,
      script: `Faultline.captureException(new Error('answered 503'));`,
    });
    await ingest.waitForRequests(1);
    await opened.page.evaluate(() => Faultline.flush(2000));
    const [report] = await ingest.waitForClientReports(1);
    expect(report.discarded_events).toEqual([{ reason: 'send_error', category: 'error', quantity: 1 }]);
    await flushAndSettle(opened, 1000);
    expect(ingest.requests.filter((r) => r.events.length)).toHaveLength(1);
    expect(ingest.requests.filter((r) => r.bodyText.includes('"type":"session"'))).toEqual([]);
    expect(opened.consoleMessages).toContainEqual(expect.stringMatching(/\[Faultline\] faultline\.min\.js: no retry queue, no sessions/));
    expect(opened.pageErrors).toEqual([]);
  });

  it('faultline.full.min.js has the same API and sends a session per page load', async () => {
    const opened = await openSdkPage(browser, ingest, { bundle: '/dist/faultline.full.min.js', init: `{ dsn: DSN, release: 'full@1' }` });
    await ingest.waitFor(() => ingest.requests.some((r) => r.bodyText.includes('"type":"session"')), 'a session');
    const keys = await opened.page.evaluate(() => Object.keys((window as unknown as { Faultline: object }).Faultline).sort());
    expect(keys).toContain('sessionsIntegration');
    expect(keys).toContain('init');
    expectClean(ingest, opened);
  });
});

describe('the XHR transport', () => {
  it.each(['/dist/faultline.min.js', '/dist/faultline.full.min.js'])('%s sends with fetch only: a send through makeXhrTransport is dropped as internal_sdk_error and explained', async (bundle) => {
    const opened = await openSdkPage(browser, ingest, {
      bundle,
      init: `{ dsn: DSN, offline: false, debug: true, transport: Faultline.makeXhrTransport }`,
      script: `Faultline.captureException(new Error('not over XHR'));`,
    });
    // Its client report would take the same transport: the debug line names the reason it is counted under.
    await opened.page.evaluate(() => Faultline.flush(2000));
    await flushAndSettle(opened, 500);
    expect(ingest.requests).toEqual([]);
    expect(opened.consoleMessages).toContainEqual(expect.stringMatching(/\[Faultline\] error [0-9a-f]{32} not delivered: internal_sdk_error/));
    expect(opened.pageErrors).toEqual([]);
  });
});

describe('a bad or missing DSN', () => {
  it.each([
    ['an invalid DSN', `{ dsn: 'not a dsn', debug: true }`, /\[Faultline\].*invalid DSN.*not a dsn/],
    ['no DSN', `{ debug: true }`, /\[Faultline\].*DSN/],
  ])('%s: nothing is sent, nothing throws, and debug says why', async (_, init, explanation) => {
    const opened = await openSdkPage(browser, ingest, {
      init,
      script: `
        __out.ids = [
          Faultline.captureException(new Error('not sent')),
          Faultline.captureMessage('not sent either'),
        ];
        Faultline.setUser({ id: 1 });
        Faultline.withScope((scope) => { scope.setTag('a', 'b'); Faultline.captureException('nor this'); });`,
    });
    const ids = await opened.page.evaluate(() => __out.ids as string[]);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    await flushAndSettle(opened);
    expect(ingest.requests).toEqual([]);
    expect(ingest.otherRequests).toEqual([]);
    expect(ingest.preflights).toEqual([]);
    expect(opened.consoleMessages.some((m) => explanation.test(m)), opened.consoleMessages.join('\n')).toBe(true);
    expect(opened.consoleMessages.filter((m) => m.startsWith('[error]'))).toEqual([]);
    expectClean(ingest, opened);
  });
});
