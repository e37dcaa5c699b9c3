// Failed fetch and XHR requests as events (the HttpClient integration) in real Chromium, and the
// page's requests left exactly as they were.
import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { breadcrumbsOf, eventWith, exceptionOf, textOf } from '../helpers/events';
import { DEFAULT_ROOTS, startIngest, type Ingest } from '../helpers/ingest-server';
import { buildNpmBundle, NPM_BUNDLE } from '../helpers/npm-bundle';
import { closePages, expectClean, flushAndSettle, openSdkPage, receivedEvents } from '../helpers/sdk-page';

let browser: Browser;
let ingest: Ingest;
/** A local origin where nothing listens: requests to it fail at the network level. */
let closedOrigin: string;

/** A port that was free a moment ago (Chromium refuses "unsafe" ports such as 1 before even trying). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  // The XHR transport is in the npm package only: the test that uses it runs core as a bundler builds it.
  const npm = await buildNpmBundle();
  [browser, ingest] = await Promise.all([launchBrowser(), startIngest({ staticRoots: { ...DEFAULT_ROOTS, '/npm/': npm } })]);
  closedOrigin = `http://127.0.0.1:${await closedPort()}`;
});
afterAll(async () => {
  await browser?.close();
  await ingest?.close();
});
beforeEach(() => ingest.reset());
afterEach(closePages);

/** An XHR as a promise of what the page sees. */
const XHR = `
  function xhr(method, url) {
    return new Promise((resolve) => {
      const request = new XMLHttpRequest();
      request.open(method, url);
      request.onloadend = () => resolve({ status: request.status, text: request.responseText });
      request.send();
    });
  }`;

describe('failed requests', () => {
  it('a 500 from fetch, a 503 from XHR and network failures become events; the page gets the same results', async () => {
    const opened = await openSdkPage(browser, ingest, { script: XHR });
    const results = await opened.page.evaluate(async (closed) => {
      const nameOf = (e: unknown) => `${(e as Error).constructor.name}: ${(e as Error).message}`;
      const server = await fetch('/status/500');
      const xhrResult = await (window as unknown as { xhr: (m: string, u: string) => Promise<unknown> }).xhr('POST', '/status/503');
      const failed = await fetch(`${closed}/nothing-here`).then(
        () => 'resolved',
        (e) => nameOf(e),
      );
      const xhrFailed = await (window as unknown as { xhr: (m: string, u: string) => Promise<unknown> }).xhr('GET', `${closed}/xhr`);
      return { status: server.status, ok: server.ok, text: await server.text(), xhrResult, failed, xhrFailed };
    }, closedOrigin);

    // What the page got is what it gets without the SDK.
    expect(results).toEqual({
      status: 500,
      ok: false,
      text: '500',
      xhrResult: { status: 503, text: '503' },
      failed: 'TypeError: Failed to fetch',
      xhrFailed: { status: 0, text: '' },
    });

    await ingest.waitForEvents(4);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest)).toHaveLength(4);

    const fetch500 = eventWith(ingest, 'HTTP Client Error with status code: 500');
    expect(fetch500).toMatchObject({
      level: 'error',
      request: { url: `${ingest.pagesUrl}/status/500`, method: 'GET' },
      contexts: { response: { status_code: 500 } },
    });
    expect(exceptionOf(fetch500)).toMatchObject({ type: 'Error', mechanism: { type: 'http.client', handled: false } });

    const xhr503 = eventWith(ingest, 'HTTP Client Error with status code: 503');
    expect(xhr503).toMatchObject({ request: { url: `${ingest.pagesUrl}/status/503`, method: 'POST' }, contexts: { response: { status_code: 503 } } });
    expect(exceptionOf(xhr503).mechanism).toMatchObject({ type: 'http.client', handled: false });

    // No response, so no status: the event says why instead.
    const network = receivedEvents(ingest).filter((e) => !e.contexts?.response);
    expect(network.map((e) => [e.request?.method, e.request?.url]).sort()).toEqual([
      ['GET', `${closedOrigin}/nothing-here`],
      ['GET', `${closedOrigin}/xhr`],
    ]);
    for (const event of network) {
      expect(exceptionOf(event)).toMatchObject({
        type: 'Error',
        value: expect.stringMatching(/^HTTP Client Error: /),
        mechanism: { type: 'http.client', handled: false },
      });
    }
    expect(textOf(network.find((e) => e.request?.url?.endsWith('/nothing-here'))!)).toBe('HTTP Client Error: TypeError: Failed to fetch');
    expectClean(ingest, opened);
  });

  it('a network failure rejects the page with the very TypeError fetch gave', async () => {
    const opened = await openSdkPage(browser, ingest, {
      noInit: true,
      script: `
        // The browser's own fetch, kept before the SDK wraps it, for comparison.
        window.nativeFetch = window.fetch;
        Faultline.init({ dsn: DSN });`,
    });
    const [wrapped, native] = await opened.page.evaluate(async (url) => {
      const w = window as unknown as { nativeFetch: typeof fetch };
      const shape = (e: unknown) => [Object.getPrototypeOf(e) === TypeError.prototype, (e as Error).name, (e as Error).message];
      const fromWrapped = await fetch(url).catch((e) => shape(e));
      const fromNative = await w.nativeFetch.call(window, url).catch((e: unknown) => shape(e));
      return [fromWrapped, fromNative];
    }, `${closedOrigin}/down`);
    expect(wrapped).toEqual(native);
    expect(wrapped).toEqual([true, 'TypeError', 'Failed to fetch']);
    expect(await opened.page.evaluate(() => window.fetch !== (window as unknown as { nativeFetch: unknown }).nativeFetch)).toBe(true);
    await ingest.waitForEvents(1);
    expectClean(ingest, opened);
  });

  it('arguments fetch itself rejects (a URL whose toString throws) reach the page as fetch gives them', async () => {
    const opened = await openSdkPage(browser, ingest, {
      noInit: true,
      script: `
        window.nativeFetch = window.fetch;
        Faultline.init({ dsn: DSN });`,
    });
    const [wrapped, native] = await opened.page.evaluate(async () => {
      const w = window as unknown as { nativeFetch: typeof fetch };
      const badUrl = { toString: () => { throw new Error('bad url'); } } as unknown as string;
      const outcome = async (call: () => Promise<unknown>) => {
        let promise: Promise<unknown>;
        try {
          promise = call();
        } catch (e) {
          return ['threw', (e as Error).message];
        }
        return promise.then(() => ['resolved'], (e) => ['rejected', (e as Error).message]);
      };
      return [await outcome(() => fetch(badUrl)), await outcome(() => w.nativeFetch.call(window, badUrl))];
    });
    expect(wrapped).toEqual(native);
    expect(wrapped).toEqual(['rejected', 'bad url']);
    expect(opened.pageErrors).toEqual([]);
  });

  it('redacts secret query parameters in the event and the breadcrumb', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `fetch('/status/500?token=not-hex-secret&page=2').then(() => Faultline.captureMessage('after'));`,
    });
    await ingest.waitForEvents(2);
    const failed = eventWith(ingest, 'HTTP Client Error with status code: 500');
    expect(failed.request).toMatchObject({ url: `${ingest.pagesUrl}/status/500?token=[Filtered]&page=2`, method: 'GET' });
    const [crumb] = breadcrumbsOf(eventWith(ingest, 'after'));
    expect(crumb).toMatchObject({ category: 'fetch', data: { url: `${ingest.pagesUrl}/status/500?token=[Filtered]&page=2`, status_code: 500 } });
    expect(JSON.stringify(receivedEvents(ingest))).not.toContain('not-hex-secret');
    // The request itself went out unchanged.
    expect(ingest.otherRequests.map((r) => r.path)).toEqual(['/status/500']);
    expectClean(ingest, opened);
  });

  it('relative URLs (string, URL, Request; fetch and XHR) are reported resolved against the page (issue 12, point 1)', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `${XHR}
        // The page is /page/<n>.html: each path is relative to that.
        __out.done = fetch('../status/500?via=string')
          .then(() => fetch(new URL('/status/501', location.href)))
          .then(() => fetch(new Request('../status/502')))
          .then(() => xhr('GET', '../status/503'))
          .then(() => Faultline.captureMessage('after four'));`,
    });
    await ingest.waitForEvents(5);
    const page = ingest.pagesUrl;
    const expected = [`${page}/status/500?via=string`, `${page}/status/501`, `${page}/status/502`, `${page}/status/503`];
    const failed = receivedEvents(ingest).filter((e) => e.contexts?.response).map((e) => e.request?.url);
    expect(failed.sort()).toEqual([...expected].sort());
    const crumbs = breadcrumbsOf(eventWith(ingest, 'after four')).filter((c) => c.type === 'http');
    expect(crumbs.map((c) => c.data?.url)).toEqual(expected);
    expectClean(ingest, opened);
  });

  it('an XHR sent again with the same handlers wraps them once: an error in them is one event (issue 12, point 6)', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, integrations: (defaults) => defaults.filter((i) => i.name !== 'BurstGuard') }`,
      script: `
        const request = new XMLHttpRequest();
        let sent = 0;
        // Set once: each send() finds the handler the previous send() left.
        request.onload = () => {
          if (sent < 3) return send();
          throw new Error('thrown by a reused onload');
        };
        function send() {
          sent++;
          request.open('GET', '/ok');
          request.send();
        }
        send();`,
    });
    await ingest.waitForEvents(1);
    await flushAndSettle(opened, 500);
    const thrown = receivedEvents(ingest).filter((e) => exceptionOf(e).value === 'thrown by a reused onload');
    expect(thrown).toHaveLength(1);
    expect(exceptionOf(thrown[0]).mechanism).toMatchObject({ handled: false });
    // The rethrown error reached window.onerror once, and that was not reported again.
    expect(opened.pageErrors).toEqual(['Error: thrown by a reused onload']);
  });

  it('cross-origin requests (with CORS) report their full URL', async () => {
    const opened = await openSdkPage(browser, ingest, { script: `fetch(${JSON.stringify(`${ingest.url}/status/502`)});` });
    const [event] = await ingest.waitForEvents(1);
    expect(event).toMatchObject({ request: { url: `${ingest.url}/status/502`, method: 'GET' }, contexts: { response: { status_code: 502 } } });
    expectClean(ingest, opened);
  });
  it('an XHR reused from its own onload reports each request with its own URL and status', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        const request = new XMLHttpRequest();
        __out.seen = [];
        function next(n) {
          request.open('GET', '/status/50' + n);
          request.onload = () => {
            __out.seen.push(request.status);
            if (n < 3) next(n + 1);
            else Faultline.captureMessage('after three requests');
          };
          request.send();
        }
        next(1);`,
    });
    await ingest.waitForEvents(4);
    await flushAndSettle(opened);
    expect(await opened.page.evaluate(() => __out.seen)).toEqual([501, 502, 503]);
    for (const code of [501, 502, 503]) {
      expect(eventWith(ingest, `HTTP Client Error with status code: ${code}`)).toMatchObject({
        request: { url: `${ingest.pagesUrl}/status/${code}`, method: 'GET' },
        contexts: { response: { status_code: code } },
      });
    }
    expect(breadcrumbsOf(eventWith(ingest, 'after three requests')).map((c) => [c.category, c.data?.url, c.data?.status_code])).toEqual([
      ['xhr', `${ingest.pagesUrl}/status/501`, 501],
      ['xhr', `${ingest.pagesUrl}/status/502`, 502],
      ['xhr', `${ingest.pagesUrl}/status/503`, 503],
    ]);
    expect(receivedEvents(ingest)).toHaveLength(4);
    expectClean(ingest, opened);
  });
});

describe('what is not reported', () => {
  it('200, 404 (by default) and aborted requests send nothing; the page still gets its responses', async () => {
    const opened = await openSdkPage(browser, ingest, { script: XHR });
    const results = await opened.page.evaluate(async () => {
      const w = window as unknown as { xhr: (m: string, u: string) => Promise<{ status: number }> };
      const ok = await fetch('/ok');
      const missing = await fetch('/status/404');
      const xhrMissing = await w.xhr('GET', '/status/404');
      const controller = new AbortController();
      const aborted = fetch('/ok?slow', { signal: controller.signal }).then(
        () => 'resolved',
        (e) => (e as Error).name,
      );
      controller.abort();
      const abortedXhr = await new Promise((resolve) => {
        const request = new XMLHttpRequest();
        request.open('GET', '/ok?abort');
        request.onabort = () => resolve('aborted');
        request.send();
        request.abort();
      });
      return [ok.status, await ok.text(), missing.status, xhrMissing.status, await aborted, abortedXhr];
    });
    expect(results).toEqual([200, 'ok', 404, 404, 'AbortError', 'aborted']);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest)).toEqual([]);
    expectClean(ingest, opened);
  });

  it("opaque responses (mode: 'no-cors', status 0) are not failures", async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        fetch(${JSON.stringify(`${ingest.url}/ok`)}, { mode: 'no-cors' })
          .then((response) => { __out.opaque = response.type + ' ' + response.status; })
          .then(() => Faultline.captureMessage('after the beacon'));`,
    });
    const [event] = await ingest.waitForEvents(1);
    await flushAndSettle(opened);
    expect(await opened.page.evaluate(() => __out.opaque)).toBe('opaque 0');
    expect(receivedEvents(ingest).map(textOf)).toEqual(['after the beacon']);
    expect(breadcrumbsOf(event)).toMatchObject([{ category: 'fetch', level: 'info', data: { method: 'GET', url: `${ingest.url}/ok` } }]);
    expect(breadcrumbsOf(event)[0].data).not.toHaveProperty('status_code');
    expectClean(ingest, opened);
  });

  it('failedRequestStatusCodes: [[400, 599]] makes a 404 an event', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: '{ dsn: DSN, failedRequestStatusCodes: [[400, 599]] }',
      script: `fetch('/ok').then(() => fetch('/status/404'));`,
    });
    const [event] = await ingest.waitForEvents(1);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest)).toHaveLength(1);
    expect(textOf(event)).toBe('HTTP Client Error with status code: 404');
    expect(event.contexts?.response).toEqual({ status_code: 404 });
    expectClean(ingest, opened);
  });

  it('failedRequestStatusCodes takes single codes too', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: '{ dsn: DSN, failedRequestStatusCodes: [418, 503] }',
      script: `fetch('/status/500').then(() => fetch('/status/418')).then(() => fetch('/status/503'));`,
    });
    await ingest.waitForEvents(2);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest).map((e) => e.contexts?.response?.status_code).sort()).toEqual([418, 503]);
    expectClean(ingest, opened);
  });

  it('failedRequestTargets: [/api/] reports failures of matching URLs only', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: '{ dsn: DSN, failedRequestTargets: [/api/] }',
      script: `fetch('/status/500?from=checkout').then(() => fetch('/status/500?from=api'));`,
    });
    const [event] = await ingest.waitForEvents(1);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest)).toHaveLength(1);
    expect(event.request?.url).toBe(`${ingest.pagesUrl}/status/500?from=api`);
    expectClean(ingest, opened);
  });

  it("the SDK's own requests are never events or breadcrumbs, even when the ingest fails", async () => {
    // The first send of each message named so is answered 500.
    const failed = new Set<string>();
    ingest.respondWith((req) => {
      const text = req.events.length ? textOf(req.events[0]) : undefined;
      if (!text?.endsWith('answered 500') || failed.has(text)) return undefined;
      failed.add(text);
      return { status: 500, body: 'ingest down' };
    });
    const opened = await openSdkPage(browser, ingest, {
      bundle: `/npm/${NPM_BUNDLE}`,
      script: `Faultline.captureMessage('first, answered 500');`,
    });
    await ingest.waitForRequests(1);
    // A second client whose transport is made after fetch was wrapped, and an XHR transport.
    await opened.page.evaluate(async (dsn) => {
      await Faultline.flush(2000);
      Faultline.init({ dsn });
      Faultline.captureMessage('second, answered 500');
      await Faultline.flush(2000);
      Faultline.init({ dsn, transport: Faultline.makeXhrTransport });
      Faultline.captureMessage('third, over XHR');
      await Faultline.flush(2000);
      Faultline.captureMessage('last');
    }, ingest.dsn());
    await ingest.waitForEvents(2);
    await flushAndSettle(opened);

    // Each message's first send and its answer; the retry queue sends the two answered 500
    // again later, and those requests are the SDK's own too.
    const firstSends = new Map<string | undefined, number>();
    for (const r of ingest.requests.filter((r) => r.events.length)) if (!firstSends.has(textOf(r.events[0]))) firstSends.set(textOf(r.events[0]), r.status);
    expect([...firstSends]).toEqual([
      ['first, answered 500', 500],
      ['second, answered 500', 500],
      ['third, over XHR', 200],
      ['last', 200],
    ]);
    expect(receivedEvents(ingest).filter((e) => textOf(e)?.startsWith('HTTP Client Error'))).toEqual([]);
    for (const event of receivedEvents(ingest)) expect(breadcrumbsOf(event)).toEqual([]);
    expectClean(ingest, opened);
  });
});
