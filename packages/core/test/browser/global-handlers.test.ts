// Uncaught errors and unhandled promise rejections (the GlobalHandlers integration) in real
// Chromium, asserted on what the test ingest received.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { eventWith, exceptionOf, expectValidEvents, textOf } from '../helpers/events';
import { startIngest, type Ingest } from '../helpers/ingest-server';
import { closePages, flushAndSettle, lineOf, openSdkPage, receivedEvents, type SdkPage } from '../helpers/sdk-page';

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

/** Adds a <script src> and resolves once it ran (or failed to load). */
function loadScript(opened: SdkPage, src: string, crossOrigin?: string): Promise<void> {
  return opened.page.evaluate(
    ([src, crossOrigin]) =>
      new Promise<void>((resolve) => {
        const script = document.createElement('script');
        if (crossOrigin) script.crossOrigin = crossOrigin;
        script.src = src;
        script.onload = script.onerror = () => resolve();
        document.head.appendChild(script);
      }),
    [src, crossOrigin] as const,
  );
}

describe('uncaught errors', () => {
  it('become one event with the thrown error and its real stack, mechanism onerror, handled false', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        function outerStep() { innerStep(); }
        function innerStep() {
          throw new RangeError('uncaught in innerStep');
        }
        outerStep();`,
    });
    const [event] = await ingest.waitForEvents(1);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest)).toHaveLength(1);

    expect(event.level).toBe('error');
    const exception = exceptionOf(event);
    expect(exception).toMatchObject({ type: 'RangeError', value: 'uncaught in innerStep', mechanism: { type: 'onerror', handled: false } });
    expect(exception.mechanism?.synthetic).toBeUndefined();
    const frames = exception.stacktrace!.frames;
    expect(frames.slice(-2).map((f) => f.function)).toEqual(['outerStep', 'innerStep']);
    expect(frames.at(-1)).toMatchObject({
      filename: opened.url,
      lineno: lineOf(opened.html, "throw new RangeError('uncaught in innerStep')"),
      in_app: true,
    });
    // The browser still reports it: the SDK only listens.
    expect(opened.pageErrors).toEqual(['RangeError: uncaught in innerStep']);
    expectValidEvents(ingest);
  });

  it('"Script error." from a cross-origin script without crossorigin is dropped; debug says why', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: '{ dsn: DSN, debug: true }',
      script: `__out.seen = []; window.addEventListener('error', (e) => __out.seen.push([e.message, e.error, e.filename]));`,
    });
    await loadScript(opened, `${ingest.url}/fixtures/cross-origin-throw.js`);
    await flushAndSettle(opened);

    // The browser hides the error from the page: all it gets is "Script error.".
    expect(await opened.page.evaluate(() => __out.seen)).toEqual([['Script error.', null, '']]);
    expect(receivedEvents(ingest)).toEqual([]);
    // Said in the CDN build too (DEBUG=false): the fix is in the page.
    const debugLines = opened.consoleMessages.filter((m) => m.includes('[Faultline]'));
    expect(debugLines, opened.consoleMessages.join('\n')).toContainEqual(
      expect.stringMatching(/^\[warning\] \[Faultline\] .*Script error.*crossorigin="anonymous"/),
    );
    expect(debugLines).toContainEqual(expect.stringMatching(/event [0-9a-f]{32} dropped: event_processor/));
  });

  it('the same script loaded with crossorigin="anonymous" (and CORS) arrives with its real message and stack', async () => {
    const opened = await openSdkPage(browser, ingest);
    const src = `${ingest.url}/fixtures/cross-origin-throw.js`;
    await loadScript(opened, src, 'anonymous');
    const [event] = await ingest.waitForEvents(1);
    const exception = exceptionOf(event);
    expect(exception).toMatchObject({ type: 'Error', value: 'thrown in a cross-origin script', mechanism: { type: 'onerror', handled: false } });
    expect(exception.stacktrace!.frames.at(-1)).toMatchObject({ function: 'crossOriginBoom', filename: src, lineno: 3 });
    expectValidEvents(ingest);
  });

  it("the page's own window.onerror still runs, and returning true still cancels the browser's report", async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        __out.seen = [];
        window.onerror = function (message, source, line, column, error) {
          __out.seen.push([String(message), error && error.message]);
          return true;
        };
        // Listeners run in the order they were added: this one sees what onerror decided.
        window.addEventListener('error', (event) => { __out.prevented = event.defaultPrevented; });
        function failLater() { throw new Error('seen by the page too'); }
        failLater();`,
    });
    const [event] = await ingest.waitForEvents(1);
    expect(exceptionOf(event)).toMatchObject({ value: 'seen by the page too', mechanism: { type: 'onerror', handled: false } });
    const out = await opened.page.evaluate(() => __out);
    expect(out.seen).toEqual([['Uncaught Error: seen by the page too', 'seen by the page too']]);
    expect(out.prevented).toBe(true);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest)).toHaveLength(1);
    expectValidEvents(ingest);
  });

  it('onerror: false in the integration options stops capturing uncaught errors, rejections still arrive', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, integrations: [Faultline.globalHandlersIntegration({ onerror: false })] }`,
      script: `
        setTimeout(() => Promise.reject(new Error('still reported')));
        throw new Error('not reported');`,
    });
    await ingest.waitForEvents(1);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest).map(textOf)).toEqual(['still reported']);
    expectValidEvents(ingest);
  });
});

describe('unhandled promise rejections', () => {
  it('of any value become a readable event each, mechanism onunhandledrejection, handled false', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        function rejectWithError() { return Promise.reject(new TypeError('rejected with an Error')); }
        rejectWithError();
        Promise.reject('rejected with a string');
        Promise.reject(404);
        Promise.reject({ code: 'E_CART', detail: 'cart is empty' });
        Promise.reject(undefined);
        Promise.reject(new DOMException('The user aborted a request.', 'AbortError'));
        const button = document.createElement('button');
        button.id = 'pay';
        Promise.reject(Object.defineProperty(new Event('payment-cancelled'), 'target', { value: button }));`,
    });
    const events = await ingest.waitForEvents(7);
    await flushAndSettle(opened);
    expect(events).toHaveLength(7);

    // Sends run concurrently: events arrive in any order.
    const exceptions = events.map(exceptionOf);
    expect(exceptions.map((e) => [e.type, e.value]).sort()).toEqual([
      ['TypeError', 'rejected with an Error'],
      ['Error', 'rejected with a string'],
      ['Number', '404'],
      ['Object', 'Object with keys: code, detail'],
      ['Undefined', 'undefined'],
      ['AbortError', 'The user aborted a request.'],
      ['Event', '"payment-cancelled" event on button#pay'],
    ].sort());
    for (const exception of exceptions) {
      expect(exception.mechanism).toMatchObject({ type: 'onunhandledrejection', handled: false });
      expect(`${exception.type}: ${exception.value}`).not.toMatch(/\[object \w+\]|Non-Error promise rejection/);
    }
    // The Error keeps the stack of where it was made.
    expect(exceptionOf(eventWith(ingest, 'rejected with an Error')).stacktrace!.frames.at(-1)).toMatchObject({
      function: 'rejectWithError',
      filename: opened.url,
      in_app: true,
    });
    // The plain object's data travels too, for the details.
    expect(eventWith(ingest, 'Object with keys: code, detail').extra).toMatchObject({ __serialized__: { code: 'E_CART', detail: 'cart is empty' } });
    expect(opened.pageErrors).toHaveLength(7);
    expectValidEvents(ingest);
  });

  it("the page's own unhandledrejection listeners and onunhandledrejection still run", async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        __out.seen = [];
        window.addEventListener('unhandledrejection', (event) => __out.seen.push('listener: ' + event.reason.message));
        window.onunhandledrejection = (event) => __out.seen.push('property: ' + event.reason.message);
        Promise.reject(new Error('nobody caught me'));`,
    });
    const [event] = await ingest.waitForEvents(1);
    expect(exceptionOf(event)).toMatchObject({ value: 'nobody caught me', mechanism: { type: 'onunhandledrejection', handled: false } });
    expect(await opened.page.evaluate(() => __out.seen)).toEqual(['listener: nobody caught me', 'property: nobody caught me']);
    expect(eventWith(ingest, 'nobody caught me')).toBeDefined();
    expectValidEvents(ingest);
  });
});
