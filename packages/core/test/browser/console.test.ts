// Console calls as events (the CaptureConsole integration) in real Chromium: what arrives, and
// that the console still prints as before.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { breadcrumbsOf, eventWith, exceptionOf, textOf } from '../helpers/events';
import { startIngest, type Ingest } from '../helpers/ingest-server';
import { closePages, expectClean, flushAndSettle, openSdkPage, receivedEvents } from '../helpers/sdk-page';

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

describe('console.error', () => {
  it('becomes an event with the message formatted as the console does, and still prints', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `console.error('failed %s: %d', 'x', 42, { a: 1 });`,
    });
    const [event] = await ingest.waitForEvents(1);
    expect(event.level).toBe('error');
    expect(event.logentry).toEqual({ formatted: 'failed x: 42 {"a":1}' });
    expect(event.exception).toBeUndefined();
    // The arguments as they were, for the details.
    expect(event.extra).toMatchObject({ arguments: ['failed %s: %d', 'x', 42, { a: 1 }] });
    // The console got the very arguments (Playwright's text joins them unformatted).
    expect(opened.consoleMessages).toEqual(['[error] failed %s: %d x 42 {a: 1}']);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest)).toHaveLength(1);
    expectClean(ingest, opened);
  });

  it('with an Error argument becomes that exception with its stack', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        function saveCart() { throw new TypeError('cart not saved'); }
        try { saveCart(); } catch (error) { console.error('saving failed:', error); }`,
    });
    const [event] = await ingest.waitForEvents(1);
    const exception = exceptionOf(event);
    expect(exception).toMatchObject({ type: 'TypeError', value: 'cart not saved', mechanism: { type: 'console', handled: false } });
    expect(exception.stacktrace!.frames.at(-1)).toMatchObject({ function: 'saveCart', filename: opened.url, in_app: true });
    expect(event.level).toBe('error');
    expect(opened.consoleMessages).toContainEqual(expect.stringMatching(/^\[error\] saving failed: TypeError: cart not saved/));
    expectClean(ingest, opened);
  });

  it('other levels print but send nothing by default', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `console.warn('just a warning'); console.log('just a log'); console.info('info'); console.debug('debug');`,
    });
    await flushAndSettle(opened);
    expect(receivedEvents(ingest)).toEqual([]);
    expect(opened.consoleMessages).toEqual(expect.arrayContaining(['[warning] just a warning', '[log] just a log', '[info] info', '[debug] debug']));
    expectClean(ingest, opened);
  });
});

describe('captureConsole option', () => {
  it("{ levels: ['error', 'warn'] } captures warnings too, at level warning", async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, captureConsole: { levels: ['error', 'warn'] } }`,
      script: `
        console.warn('low stock: %i left', 3);
        console.error('out of stock');
        console.log('not captured');`,
    });
    await ingest.waitForEvents(2);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest).map(textOf).sort()).toEqual(['low stock: 3 left', 'out of stock']);
    expect(eventWith(ingest, 'low stock: 3 left').level).toBe('warning');
    expect(eventWith(ingest, 'out of stock').level).toBe('error');
    expect(opened.consoleMessages).toEqual(expect.arrayContaining(['[warning] low stock: %i left 3', '[error] out of stock', '[log] not captured']));
    expectClean(ingest, opened);
  });

  it('false captures nothing; the console prints and breadcrumbs still record it', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, captureConsole: false }`,
      script: `
        console.error('not an event');
        console.error(new Error('not an event either'));
        Faultline.captureMessage('the only event');`,
    });
    const [event] = await ingest.waitForEvents(1);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest).map(textOf)).toEqual(['the only event']);
    expect(breadcrumbsOf(event).map((c) => [c.category, c.message])).toEqual([
      ['console', 'not an event'],
      ['console', 'Error: not an event either'],
    ]);
    expect(opened.consoleMessages).toEqual(expect.arrayContaining(['[error] not an event']));
    expectClean(ingest, opened);
  });

  it('the SDK\'s own debug output never becomes an event or a breadcrumb', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{
        dsn: DSN,
        debug: true,
        captureConsole: { levels: ['error', 'warn', 'log', 'info', 'debug'] },
        beforeSend: (event) => (event.logentry && event.logentry.formatted === 'dropped by beforeSend' ? null : event),
      }`,
      script: `
        Faultline.captureMessage('dropped by beforeSend');
        Faultline.init({ dsn: 'not a dsn', debug: true, captureConsole: { levels: ['warn'] } });
        Faultline.init({
          dsn: DSN,
          debug: true,
          captureConsole: { levels: ['error', 'warn', 'log', 'info', 'debug'] },
          ignoreErrors: ['ignored on purpose'],
        });
        Faultline.captureException(new Error('ignored on purpose'));`,
    });
    // After the debug lines, one event: its breadcrumbs show whatever the console recorded.
    await flushAndSettle(opened);
    await opened.page.evaluate(() => Faultline.captureMessage('final'));
    const [event] = await ingest.waitForEvents(1);
    await flushAndSettle(opened);

    const debugLines = opened.consoleMessages.filter((m) => m.includes('[Faultline]'));
    // Dropped by beforeSend, the invalid DSN, and the ignored error: each explained.
    expect(debugLines.length, opened.consoleMessages.join('\n')).toBeGreaterThanOrEqual(3);
    expect(receivedEvents(ingest).map(textOf)).toEqual(['final']);
    expect(JSON.stringify(event)).not.toContain('Faultline]');
    expect(breadcrumbsOf(event)).toEqual([]);
    expectClean(ingest, opened);
  });
});

describe('removing the integration', () => {
  it("integrations: (defaults) => defaults.filter((i) => i.name != 'CaptureConsole') stops console events, keeps the rest", async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, integrations: (defaults) => defaults.filter((i) => i.name != 'CaptureConsole') }`,
      script: `
        console.error('no event for this');
        Faultline.captureMessage('explicit');`,
    });
    const [event] = await ingest.waitForEvents(1);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest).map(textOf)).toEqual(['explicit']);
    expect(event.sdk?.integrations).not.toContain('CaptureConsole');
    expect(event.sdk?.integrations).toContain('Breadcrumbs');
    expect(breadcrumbsOf(event).map((c) => c.message)).toEqual(['no event for this']);
    expectClean(ingest, opened);
  });
});
