// How events travel: rate limits, endpoints and CORS, custom transports and tunnels, asserted on
// what the test ingest (or the page's own transport) received.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Event } from '../../src/types';
import { launchBrowser } from '../helpers/browser';
import { DEFAULT_ROOTS, parseEnvelope, startIngest, type Ingest } from '../helpers/ingest-server';
import { buildNpmBundle, NPM_BUNDLE } from '../helpers/npm-bundle';
import { expectValidEvent } from '../helpers/schema';
import { closePages, expectClean, flushAndSettle, openSdkPage, receivedEvents } from '../helpers/sdk-page';

let browser: Browser;
let ingest: Ingest;

// The XHR transport is in the npm package only (the script-tag bundles send with fetch): its
// tests run core as a bundler builds it, served under /npm/.
const XHR_BUNDLE = `/npm/${NPM_BUNDLE}`;

beforeAll(async () => {
  const npm = await buildNpmBundle();
  [browser, ingest] = await Promise.all([launchBrowser(), startIngest({ staticRoots: { ...DEFAULT_ROOTS, '/npm/': npm } })]);
});
afterAll(async () => {
  await browser?.close();
  await ingest?.close();
});
beforeEach(() => ingest.reset());
afterEach(closePages);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const valueOf = (event: Event) => event.exception?.values.at(-1)?.value ?? event.logentry?.formatted;

describe('bursts', () => {
  it('delivers every one of 100 different errors captured at once', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `for (let i = 0; i < 100; i++) Faultline.captureException(new Error('burst ' + i));`,
    });
    const events = await ingest.waitForEvents(100, 15_000);
    expect(new Set(events.map(valueOf)).size).toBe(100);
    await flushAndSettle(opened, 0);
    expect(ingest.clientReports).toEqual([]);
    expectClean(ingest, opened);
  });
});

describe('rate limits', () => {
  it('429 with Retry-After: 2 pauses sending for 2 s, then sends again', async () => {
    let answered429 = 0;
    ingest.respondWith((req) => {
      if (req.events.length && answered429++ === 0) return { status: 429, headers: { 'Retry-After': '2' }, body: '' };
      return undefined;
    });
    const opened = await openSdkPage(browser, ingest, { script: `Faultline.captureException(new Error('answered 429'));` });
    const [first] = await ingest.waitForRequests(1);
    expect(first.status).toBe(429);
    // The server has answered; flush() settles once the page has read that answer too
    // (on a loaded machine that may take a while, and captures before it still go out).
    await opened.page.evaluate(() => Faultline.flush(5000));
    // The page's 2 s window began before this moment.
    const answerRead = Date.now();

    await opened.page.evaluate(() => {
      Faultline.captureException(new Error('inside the window 1'));
      Faultline.captureMessage('inside the window 2');
    });
    // Flush would send the client report too; during a limit on everything it waits as well.
    await flushAndSettle(opened, 500);
    expect(ingest.requests).toHaveLength(1);

    await sleep(Math.max(0, answerRead + 2200 - Date.now()));
    await opened.page.evaluate(() => Faultline.captureException(new Error('after the window')));
    const [after] = await ingest.waitForEvents(1);
    expect(valueOf(after)).toBe('after the window');
    // faultline.min.js has no retry queue: the event answered 429 is not sent again (with the
    // queue, in faultline.full.min.js, it is: delivery.test.ts).
    await flushAndSettle(opened, 0);
    expect(receivedEvents(ingest).map(valueOf)).toEqual(['answered 429', 'after the window']);
    expectClean(ingest, opened);
  });

  it('X-Sentry-Rate-Limits 60:error:organization blocks errors (client reports still go out)', async () => {
    let limited = 0;
    ingest.respondWith((req) => {
      if (req.events.length && limited++ === 0) return { status: 429, headers: { 'X-Sentry-Rate-Limits': '60:error:organization' }, body: '' };
      return undefined;
    });
    const opened = await openSdkPage(browser, ingest, { script: `Faultline.captureException(new Error('answered 429'));` });
    await ingest.waitForRequests(1);
    // Once the page has read the answer (on a loaded machine that may take a while).
    await opened.page.evaluate(() => Faultline.flush(5000));

    await opened.page.evaluate(() => {
      Faultline.captureException(new Error('blocked 1'));
      Faultline.captureException(new Error('blocked 2'));
      Faultline.captureMessage('blocked 3');
    });
    await flushAndSettle(opened, 300);
    await ingest.waitForClientReports(1);
    expect(receivedEvents(ingest).map(valueOf)).toEqual(['answered 429']);
    expect(ingest.requests).toHaveLength(2);
    expect(ingest.clientReports.flatMap((r) => r.discarded_events)).toEqual([{ reason: 'ratelimit_backoff', category: 'error', quantity: 3 }]);
    expectClean(ingest, opened);
  });
});

describe('endpoints and CORS', () => {
  it("endpoint 'store' posts one JSON event to /api/5/store/", async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, endpoint: 'store', release: 'r1' }`,
      script: `__out.id = Faultline.captureException(new Error('via store'));`,
    });
    const id = await opened.page.evaluate(() => __out.id as string);
    const [request] = await ingest.waitForRequests(1);
    await flushAndSettle(opened);
    expect(ingest.requests).toHaveLength(1);
    expect(request).toMatchObject({ method: 'POST', path: '/api/5/store/', kind: 'store', status: 200 });
    const body = JSON.parse(request.bodyText) as Event;
    expect(body).toMatchObject({ event_id: id, release: 'r1', exception: { values: [{ type: 'Error', value: 'via store' }] } });
    expectValidEvent(body);
    expectClean(ingest, opened);
  });

  it.each(['envelope', 'store'] as const)('endpoint %s: a CORS simple request, authenticated in the query, no preflight', async (endpoint) => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, endpoint: '${endpoint}' }`,
      script: `Faultline.captureMessage('simple request');`,
    });
    const [request] = await ingest.waitForRequests(1);
    expect(request.path).toBe(`/api/5/${endpoint}/`);
    expect(request.auth).toMatchObject({ via: 'query', key: 'public', version: '7' });
    expect(request.auth.client).toMatch(/^faultline\.javascript\.browser\/\d+\.\d+\.\d+/);
    expect(request.headers['x-sentry-auth']).toBeUndefined();
    expect(request.customHeaders).toEqual([]);
    expect(request.corsSimple).toBe(true);
    expect(request.contentType ?? 'text/plain').toMatch(/^text\/plain/);
    expect(request.headers.origin).toBe(ingest.pagesUrl);
    expect(ingest.preflights).toEqual([]);
    expect(ingest.events).toHaveLength(1);
    expectClean(ingest, opened);
  });
});

describe('custom transport', () => {
  it('receives every envelope (body string, ingest URL); nothing reaches the network', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, transport: () => ({ send(env) { window.__sent.push(env); return Promise.resolve({ statusCode: 200 }); } }) }`,
      script: `
        window.__sent = window.__sent || [];
        __out.id = Faultline.captureException(new Error('through my transport'));`,
    });
    // The transport is made at init, before the script defining __sent: only send() touches it.
    const seen = await opened.page.evaluate(async () => {
      await Faultline.flush(2000);
      return {
        id: __out.id as string,
        sent: window.__sent.map((e) => ({ typeofBody: typeof e.body, body: e.body, url: e.url, category: e.category, eventId: e.eventId })),
      };
    });
    expect(seen.sent).toHaveLength(1);
    const [sent] = seen.sent;
    expect(sent).toMatchObject({ typeofBody: 'string', category: 'error', eventId: seen.id });
    expect(sent.url.startsWith(`${ingest.url}/api/5/envelope/?sentry_key=public&sentry_version=7`)).toBe(true);
    const envelope = parseEnvelope(Buffer.from(sent.body, 'utf8'));
    expect(envelope.header.event_id).toBe(seen.id);
    expect(envelope.items.map((i) => i.header.type)).toEqual(['event']);
    const event = envelope.items[0].payload as Event;
    expect(event.exception!.values[0].value).toBe('through my transport');
    expectValidEvent(event);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ingest.requests).toEqual([]);
    expectClean(ingest, opened);
  });
});

describe('tunnel', () => {
  it('sends the envelope to the tunnel URL with the DSN in its header', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, tunnel: ${JSON.stringify(ingest.tunnelUrl)} }`,
      script: `__out.id = Faultline.captureException(new Error('through the tunnel'));`,
    });
    const id = await opened.page.evaluate(() => __out.id as string);
    const [request] = await ingest.waitForRequests(1);
    await flushAndSettle(opened);
    expect(ingest.requests).toHaveLength(1);
    expect(request).toMatchObject({ kind: 'tunnel', path: '/tunnel', status: 200, auth: { via: 'envelope', key: 'public' } });
    expect(request.envelope!.header).toMatchObject({ dsn: ingest.dsn(), event_id: id });
    expect(request.events.map((e) => e.event_id)).toEqual([id]);
    // Same origin as the page: no CORS at all.
    expect(request.headers.origin ?? ingest.pagesUrl).toBe(ingest.pagesUrl);
    expect(ingest.preflights).toEqual([]);
    expectClean(ingest, opened);
  });
});

describe('sends that never end (issue 12, point 2)', () => {
  // Event requests answered only after the test is over: a server that never answers. These
  // tests check the dispatcher's own accounting, with the retry queue off (`offline: false`):
  // with it, what times out is kept and sent again (delivery.test.ts).
  const hangEvents = (count: number) => {
    let hung = 0;
    ingest.respondWith((req) => (req.events.length && hung++ < count ? { status: 200, delayMs: 20_000 } : undefined));
  };

  // fetch: Chromium keeps an aborted keepalive request's connection until the server answers,
  // so its per-host pool stays full; the SDK's own slots are freed (see the next test).
  it.each([
    ['XHR', ', transport: Faultline.makeXhrTransport'],
  ])('%s: six sends to a server that never answers time out after sendTimeout; the next event still goes out', async (_, transport) => {
    hangEvents(6);
    const opened = await openSdkPage(browser, ingest, {
      bundle: XHR_BUNDLE,
      init: `{ dsn: DSN, offline: false, sendTimeout: 1000${transport} }`,
      script: `for (let i = 0; i < 6; i++) Faultline.captureException(new Error('unanswered ' + i));`,
    });
    await ingest.waitForRequests(6);
    await opened.page.evaluate(() => Faultline.captureException(new Error('after the hung ones')));
    await ingest.waitFor(() => ingest.events.some((e) => valueOf(e) === 'after the hung ones'), 'the event after the hung ones', 10_000);
    // flush() without a time-out returns: nothing is left that could still progress.
    expect(await opened.page.evaluate(() => Faultline.flush())).toBe(true);
    // The counts may be split over two reports (flush sends what was counted when it started).
    await opened.page.evaluate(() => Faultline.flush());
    await ingest.waitFor(() => ingest.clientReports.length > 0, 'a client report');
    const lost = ingest.clientReports.flatMap((r) => r.discarded_events || []);
    expect(lost.every((d) => d.reason === 'network_error' && d.category === 'error')).toBe(true);
    expect(lost.reduce((n, d) => n + d.quantity, 0)).toBe(6);
    expectClean(ingest, opened);
  });

  it('fetch: sends to a server that never answers are given up after sendTimeout, counted, and flush() returns', async () => {
    hangEvents(6);
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, sendTimeout: 1000 }`,
      script: `for (let i = 0; i < 6; i++) Faultline.captureException(new Error('unanswered ' + i));`,
    });
    await ingest.waitForRequests(6);
    const outcome = await opened.page.evaluate(() =>
      Promise.race([Faultline.flush().then((ok) => `flushed ${ok}`), new Promise((resolve) => setTimeout(resolve, 8000, 'hung'))]),
    );
    expect(outcome).toBe('flushed true');
    expect(opened.consoleMessages).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
  });

  it('XHR: an aborted send settles as a network error, and flush() returns', async () => {
    hangEvents(1);
    const opened = await openSdkPage(browser, ingest, {
      bundle: XHR_BUNDLE,
      noInit: true,
      script: `
        // Keeps every XHR the transport opens, so the test can abort it.
        window.__xhrs = [];
        const send = XMLHttpRequest.prototype.send;
        XMLHttpRequest.prototype.send = function (body) { window.__xhrs.push(this); return send.call(this, body); };
        Faultline.init({ dsn: DSN, offline: false, transport: Faultline.makeXhrTransport });
        Faultline.captureException(new Error('aborted on the way'));`,
    });
    await ingest.waitForRequests(1);
    const outcome = await opened.page.evaluate(() => {
      (window as unknown as { __xhrs: XMLHttpRequest[] }).__xhrs.forEach((x) => x.abort());
      return Promise.race([Faultline.flush().then((ok) => `flushed ${ok}`), new Promise((resolve) => setTimeout(resolve, 5000, 'hung'))]);
    });
    expect(outcome).toBe('flushed true');
    const [report] = await ingest.waitForClientReports(1);
    expect(report.discarded_events).toEqual([{ reason: 'network_error', category: 'error', quantity: 1 }]);
    expect(opened.pageErrors).toEqual([]);
  });
});
