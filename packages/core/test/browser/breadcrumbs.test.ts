// Breadcrumbs recorded automatically (console, clicks and typing, fetch and XHR, navigation) in
// real Chromium, read from the event captured after them.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Breadcrumb } from '../../src/types';
import { launchBrowser } from '../helpers/browser';
import { breadcrumbsOf, eventWith } from '../helpers/events';
import { startIngest, type Ingest } from '../helpers/ingest-server';
import { closePages, expectClean, openSdkPage, type SdkPage } from '../helpers/sdk-page';

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

/** Captures a message in the page and returns the breadcrumbs its event carried. */
async function crumbsAtCapture(opened: SdkPage, message = 'read the breadcrumbs'): Promise<Breadcrumb[]> {
  await opened.page.evaluate((m) => Faultline.captureMessage(m), message);
  await ingest.waitFor(() => ingest.events.some((e) => e.logentry?.formatted === message), `the event "${message}"`);
  return breadcrumbsOf(eventWith(ingest, message));
}

function expectTimestampsInOrder(crumbs: Breadcrumb[]): void {
  const times = crumbs.map((c) => c.timestamp!);
  for (const t of times) expect(t).toBeTypeOf('number');
  expect(times).toEqual([...times].sort((a, b) => a - b));
}

describe('console breadcrumbs', () => {
  it('record every level with the formatted message, the arguments and logger "console"', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: '{ dsn: DSN, captureConsole: false }',
      script: `
        console.debug('debugging %s', 'cart');
        console.info('info', 1);
        console.log('logged', { items: 2 });
        console.warn('careful');
        console.error('failed %d times', 3);
        console.assert(1 + 1 === 2, 'a passing assertion records nothing');
        console.assert(false, 'assertion failed: %s', 'total');`,
    });
    const crumbs = await crumbsAtCapture(opened);
    expect(crumbs.map(({ category, level, message, data }) => ({ category, level, message, data }))).toEqual([
      { category: 'console', level: 'debug', message: 'debugging cart', data: { arguments: ['debugging %s', 'cart'], logger: 'console' } },
      { category: 'console', level: 'info', message: 'info 1', data: { arguments: ['info', 1], logger: 'console' } },
      // `log` is no level of the protocol: sent as `info`.
      { category: 'console', level: 'info', message: 'logged {"items":2}', data: { arguments: ['logged', { items: 2 }], logger: 'console' } },
      { category: 'console', level: 'warning', message: 'careful', data: { arguments: ['careful'], logger: 'console' } },
      { category: 'console', level: 'error', message: 'failed 3 times', data: { arguments: ['failed %d times', 3], logger: 'console' } },
      { category: 'console', level: 'error', message: 'assertion failed: total', data: { arguments: ['assertion failed: %s', 'total'], logger: 'console' } },
    ]);
    expectTimestampsInOrder(crumbs);
    // The console printed all of it, as without the SDK.
    expect(opened.consoleMessages).toEqual([
      '[debug] debugging %s cart',
      '[info] info 1',
      '[log] logged {items: 2}',
      '[warning] careful',
      '[error] failed %d times 3',
      '[assert] assertion failed: %s total',
    ]);
    expectClean(ingest, opened);
  });
});

describe('HTTP breadcrumbs', () => {
  it('record fetch and XHR with method, URL, status and duration; level by outcome', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        function xhr(method, url) {
          return new Promise((resolve) => {
            const request = new XMLHttpRequest();
            request.open(method, url);
            request.onloadend = resolve;
            request.send();
          });
        }
        __out.done = fetch('/ok')
          .then(() => fetch('/status/404', { method: 'put' }))
          .then(() => fetch(new Request('/status/500', { method: 'POST', body: 'x' })))
          .then(() => xhr('GET', '/ok'))
          .then(() => xhr('DELETE', '/status/503'))
          .then(() => fetch('http://127.0.0.1:9/unreachable').catch(() => {}))
          .then(() => true);`,
    });
    await opened.page.waitForFunction(() => __out.done);
    await opened.page.evaluate(() => __out.done);
    // Keep only what this test is about: the failed requests also captured events.
    const crumbs = (await crumbsAtCapture(opened)).filter((c) => c.type === 'http');
    const shapes = crumbs.map(({ type, category, level, data }) => ({ type, category, level, data: { ...data, duration_ms: typeof data?.duration_ms } }));
    // Relative URLs resolved against the page, as Sentry's breadcrumbs show them (issue 12, point 1).
    const page = ingest.pagesUrl;
    expect(shapes).toEqual([
      { type: 'http', category: 'fetch', level: 'info', data: { method: 'GET', url: `${page}/ok`, status_code: 200, duration_ms: 'number' } },
      { type: 'http', category: 'fetch', level: 'warning', data: { method: 'PUT', url: `${page}/status/404`, status_code: 404, duration_ms: 'number' } },
      { type: 'http', category: 'fetch', level: 'error', data: { method: 'POST', url: `${page}/status/500`, status_code: 500, duration_ms: 'number' } },
      { type: 'http', category: 'xhr', level: 'info', data: { method: 'GET', url: `${page}/ok`, status_code: 200, duration_ms: 'number' } },
      { type: 'http', category: 'xhr', level: 'error', data: { method: 'DELETE', url: `${page}/status/503`, status_code: 503, duration_ms: 'number' } },
      // No response (Chromium refuses port 9 outright): no status_code, level error.
      { type: 'http', category: 'fetch', level: 'error', data: { method: 'GET', url: 'http://127.0.0.1:9/unreachable', duration_ms: 'number' } },
    ]);
    for (const crumb of crumbs) expect(crumb.data!.duration_ms).toBeGreaterThanOrEqual(0);
    expectTimestampsInOrder(crumbs);
    // The SDK's own sends (the failed requests' events went out meanwhile) are not among them.
    expect(crumbs.some((c) => String(c.data?.url).startsWith(ingest.url))).toBe(false);
    expect(opened.pageErrors).toEqual([]);
  });
});

describe('UI breadcrumbs', () => {
  it('record clicks with a readable selector, and typing once per burst per element', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        document.body.innerHTML = [
          '<button id="buy" class="primary" data-test="buy">Buy</button>',
          '<input id="name" name="name">',
          '<textarea name="note"></textarea>',
          '<a href="#" class="link plain" aria-label="Help">?</a>',
          '<button id="save"><span class="icon">💾</span> Save</button>',
        ].join('');
        // A handler that stops propagation hides nothing: clicks are seen in the capture phase.
        document.getElementById('buy').addEventListener('click', (e) => e.stopPropagation());`,
    });
    await opened.page.click('#buy');
    await opened.page.type('#name', 'Ada');
    await opened.page.type('textarea', 'hello');
    await opened.page.type('#name', ' L.');
    await opened.page.click('a');
    // A click on the icon inside a button names the button.
    await opened.page.click('#save .icon');
    const crumbs = await crumbsAtCapture(opened);
    expect(crumbs.map(({ category, message }) => [category, message])).toEqual([
      ['ui.click', 'button#buy.primary[data-test="buy"]'],
      // page.type focuses without clicking; each burst of keys is one breadcrumb per element.
      ['ui.input', 'input#name[name="name"]'],
      ['ui.input', 'textarea[name="note"]'],
      ['ui.input', 'input#name[name="name"]'],
      ['ui.click', 'a.link.plain[aria-label="Help"]'],
      ['navigation', undefined],
      ['ui.click', 'button#save'],
    ]);
    expect(crumbs.at(-2)!.data).toMatchObject({ to: expect.stringMatching(/#$/) });
    expectTimestampsInOrder(crumbs);
    // What the user typed is never recorded.
    expect(JSON.stringify(crumbs)).not.toMatch(/Ada|hello/);
    expectClean(ingest, opened);
  });
});

describe('navigation breadcrumbs', () => {
  it('record pushState, replaceState, back and hash changes with from and to', async () => {
    const opened = await openSdkPage(browser, ingest);
    const start = new URL(opened.url).pathname;
    await opened.page.evaluate(() => {
      history.pushState({}, '', '/products?page=2');
      history.replaceState({}, '', '/products?page=3');
      history.replaceState({ changed: 'state only' }, ''); // the same URL: no breadcrumb
    });
    await opened.page.evaluate(
      () => new Promise<void>((resolve) => {
        window.addEventListener('popstate', () => resolve(), { once: true });
        history.back();
      }),
    );
    await opened.page.evaluate(
      () => new Promise<void>((resolve) => {
        window.addEventListener('hashchange', () => resolve(), { once: true });
        location.hash = 'reviews';
      }),
    );
    await opened.page.evaluate(() => history.pushState({}, '', `${location.origin}/checkout#pay`));
    const crumbs = await crumbsAtCapture(opened);
    expect(crumbs.map(({ category, data }) => [category, data])).toEqual([
      ['navigation', { from: start, to: '/products?page=2' }],
      ['navigation', { from: '/products?page=2', to: '/products?page=3' }],
      ['navigation', { from: '/products?page=3', to: start }],
      // Once, though Chromium fires both popstate and hashchange.
      ['navigation', { from: start, to: `${start}#reviews` }],
      ['navigation', { from: `${start}#reviews`, to: '/checkout#pay' }],
    ]);
    expectTimestampsInOrder(crumbs);
    expectClean(ingest, opened);
  });

  it('redact secrets in from and to, and in the page URL of every event (issue 12, point 4)', async () => {
    const opened = await openSdkPage(browser, ingest);
    await opened.page.goto(`${opened.url}?token=t0p&page=1#access_token=frag`);
    const start = new URL(opened.url).pathname;
    await opened.page.evaluate(() => history.pushState({}, '', '/account?session=s3cret&tab=2'));
    const message = 'after navigating';
    const crumbs = await crumbsAtCapture(opened, message);
    expect(crumbs.map(({ category, data }) => [category, data])).toEqual([
      ['navigation', { from: `${start}?token=[Filtered]&page=1#access_token=[Filtered]`, to: '/account?session=[Filtered]&tab=2' }],
    ]);
    expect(eventWith(ingest, message).request?.url).toBe(`${ingest.pagesUrl}/account?session=[Filtered]&tab=2`);
    const body = JSON.stringify(ingest.events);
    for (const secret of ['t0p', 'frag', 's3cret']) expect(body).not.toContain(secret);
    expectClean(ingest, opened);
  });
});

describe('options', () => {
  it('maxBreadcrumbs keeps the newest ones', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: '{ dsn: DSN, maxBreadcrumbs: 3 }',
      script: `for (let i = 1; i <= 6; i++) console.log('line ' + i);`,
    });
    const crumbs = await crumbsAtCapture(opened);
    expect(crumbs.map((c) => c.message)).toEqual(['line 4', 'line 5', 'line 6']);
    expectClean(ingest, opened);
  });

  it('beforeBreadcrumb edits or drops each one, custom ones included, in call order', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{
        dsn: DSN,
        beforeBreadcrumb(crumb) {
          if (crumb.category === 'console' && /secret/.test(crumb.message)) return null;
          if (crumb.category === 'ui.click') return { ...crumb, message: 'clicked: ' + crumb.message };
          return crumb;
        },
      }`,
      script: `
        document.body.innerHTML = '<button id="go">go</button>';
        console.log('the secret is 42');
        console.log('public line');
        Faultline.addBreadcrumb({ category: 'auth', message: 'signed in', level: 'info', data: { method: 'sso' } });`,
    });
    await opened.page.click('#go');
    const crumbs = await crumbsAtCapture(opened);
    expect(crumbs.map(({ category, message, data }) => ({ category, message, data }))).toEqual([
      { category: 'console', message: 'public line', data: { arguments: ['public line'], logger: 'console' } },
      { category: 'auth', message: 'signed in', data: { method: 'sso' } },
      { category: 'ui.click', message: 'clicked: button#go', data: undefined },
    ]);
    expectTimestampsInOrder(crumbs);
    expectClean(ingest, opened);
  });

  it('Breadcrumbs options turn single sources off', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, integrations: [Faultline.breadcrumbsIntegration({ console: false, fetch: false })] }`,
      script: `
        console.log('not recorded');
        const request = new XMLHttpRequest();
        request.open('GET', '/ok?xhr');
        request.onloadend = () => fetch('/ok?fetch').then(() => (__out.done = true));
        request.send();`,
    });
    await opened.page.waitForFunction(() => __out.done === true);
    const crumbs = await crumbsAtCapture(opened);
    expect(crumbs.map((c) => [c.category, c.data?.url])).toEqual([['xhr', `${ingest.pagesUrl}/ok?xhr`]]);
    expectClean(ingest, opened);
  });
});
