// Issue 4's scenario in real Chromium: a page that clicks a button, logs, fetches /ok and
// /status/500, navigates with pushState and then throws yields exactly the expected events,
// each with its breadcrumb trail in order, every event valid against the event schema.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Event } from '../../src/types';
import { launchBrowser } from '../helpers/browser';
import { breadcrumbsOf, eventWith, exceptionOf, expectValidEvents, textOf } from '../helpers/events';
import { startIngest, type Ingest } from '../helpers/ingest-server';
import { closePages, flushAndSettle, lineOf, openSdkPage, receivedEvents } from '../helpers/sdk-page';

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

const SCENARIO = `
  document.body.innerHTML = '<button id="checkout" class="primary" data-test="checkout">Check out</button>';
  document.getElementById('checkout').addEventListener('click', function onCheckout() {
    console.log('checkout clicked for %s', 'cart-7');
    fetch('/ok')
      .then(() => fetch('/status/500'))
      .then(() => {
        history.pushState({ step: 'confirm' }, '', '/checkout/confirm');
        setTimeout(function confirmOrder() {
          throw new Error('order could not be confirmed');
        });
      });
  });`;

const HTTP_500 = 'HTTP Client Error with status code: 500';
const THROWN = 'order could not be confirmed';

/** Each breadcrumb as `category` plus what identifies it. */
function trail(event: Event): string[] {
  return breadcrumbsOf(event).map((c) => {
    if (c.category === 'fetch') return `fetch ${String(c.data?.method)} ${String(c.data?.url)} ${String(c.data?.status_code)}`;
    if (c.category === 'navigation') return `navigation ${String(c.data?.from)} -> ${String(c.data?.to)}`;
    return `${c.category} ${c.message}`;
  });
}

async function runScenario(init?: string) {
  const opened = await openSdkPage(browser, ingest, { init, script: SCENARIO });
  await opened.page.click('#checkout');
  // The last step throws in a timer after pushState: the browser reports it once it ran.
  await expect.poll(() => opened.pageErrors).toEqual([`Error: ${THROWN}`]);
  await flushAndSettle(opened);
  return opened;
}

describe('the scenario', () => {
  it('yields the failed request and the uncaught error, each with its breadcrumbs in order', async () => {
    const opened = await runScenario();
    const events = receivedEvents(ingest);
    expect(events.map(textOf).sort()).toEqual([HTTP_500, THROWN]);
    expectValidEvents(ingest);
    const start = new URL(opened.url).pathname;

    // The failed request: its own fetch is its cause, not one of its breadcrumbs.
    const failed = eventWith(ingest, HTTP_500);
    expect(failed).toMatchObject({
      level: 'error',
      request: { url: `${ingest.pagesUrl}/status/500`, method: 'GET' },
      contexts: { response: { status_code: 500 } },
    });
    expect(exceptionOf(failed)).toMatchObject({ type: 'Error', mechanism: { type: 'http.client', handled: false } });
    expect(trail(failed)).toEqual([
      'ui.click button#checkout.primary[data-test="checkout"]',
      'console checkout clicked for cart-7',
      `fetch GET ${ingest.pagesUrl}/ok 200`,
    ]);

    // The uncaught error: everything before it, on the page it happened on.
    const thrown = eventWith(ingest, THROWN);
    expect(thrown.request?.url).toBe(`${ingest.pagesUrl}/checkout/confirm`);
    const exception = exceptionOf(thrown);
    expect(exception).toMatchObject({ type: 'Error', mechanism: { handled: false } });
    expect(exception.stacktrace!.frames.at(-1)).toMatchObject({
      function: 'confirmOrder',
      filename: opened.url,
      lineno: lineOf(opened.html, `throw new Error('${THROWN}')`),
      in_app: true,
    });
    expect(trail(thrown)).toEqual([
      'ui.click button#checkout.primary[data-test="checkout"]',
      'console checkout clicked for cart-7',
      `fetch GET ${ingest.pagesUrl}/ok 200`,
      `fetch GET ${ingest.pagesUrl}/status/500 500`,
      `navigation ${start} -> /checkout/confirm`,
    ]);
    expect(breadcrumbsOf(thrown).map((c) => c.level)).toEqual([undefined, 'info', 'info', 'error', undefined]);
    for (const event of events) {
      const times = breadcrumbsOf(event).map((c) => c.timestamp!);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.every((t) => t <= event.timestamp!)).toBe(true);
    }

    // The page behaved as without the SDK: its error is still reported by the browser.
    expect(opened.pageErrors).toEqual([`Error: ${THROWN}`]);
    expect(opened.consoleMessages).toContain('[log] checkout clicked for %s cart-7');
    expect(ingest.otherRequests.map((r) => `${r.path} ${r.status}`)).toEqual(['/ok 200', '/status/500 500']);
  });
});

describe('with a default integration removed', () => {
  it.each([
    ['HttpClient', [THROWN], { [THROWN]: 'instrument' }],
    ['BrowserApiErrors', [HTTP_500, THROWN], { [THROWN]: 'onerror' }],
    ['GlobalHandlers', [HTTP_500, THROWN], { [THROWN]: 'instrument' }],
    ['Breadcrumbs', [HTTP_500, THROWN], { [THROWN]: 'instrument' }],
  ] as const)('without %s the scenario yields %j', async (name, texts, mechanisms) => {
    await runScenario(`{ dsn: DSN, integrations: (defaults) => defaults.filter((i) => i.name != '${name}') }`);
    const events = receivedEvents(ingest);
    expect(events.map(textOf).sort()).toEqual([...texts]);
    for (const [text, type] of Object.entries(mechanisms)) expect(exceptionOf(eventWith(ingest, text)).mechanism?.type).toBe(type);
    for (const event of events) expect(event.sdk?.integrations).not.toContain(name);
    if (name === 'Breadcrumbs') for (const event of events) expect(breadcrumbsOf(event)).toEqual([]);
    else expect(breadcrumbsOf(eventWith(ingest, THROWN)).map((c) => c.category)).toEqual(['ui.click', 'console', 'fetch', 'fetch', 'navigation']);
    expectValidEvents(ingest);
  });
});
