// Errors thrown in callbacks of timers, animation frames, event listeners and XHR handlers (the
// BrowserApiErrors integration) in real Chromium: one event each with the real stack, and the
// page's own behaviour unchanged.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { eventWith, exceptionOf, expectValidEvents } from '../helpers/events';
import { startIngest, type Ingest } from '../helpers/ingest-server';
import { closePages, expectClean, flushAndSettle, lineOf, openSdkPage, receivedEvents } from '../helpers/sdk-page';

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

describe('errors thrown in callbacks', () => {
  const cases = [
    ['setTimeout', 'onTimeout', 'thrown in setTimeout', 'setTimeout'],
    ['setInterval', 'onInterval', 'thrown in setInterval', 'setInterval'],
    ['requestAnimationFrame', 'onFrame', 'thrown in requestAnimationFrame', 'requestAnimationFrame'],
    ['addEventListener', 'onBuyClick', 'thrown in a click listener', 'addEventListener click'],
    ['XHR onload', 'onXhrLoad', 'thrown in xhr onload', 'xhr onload'],
    ['XHR onreadystatechange', 'onXhrDone', 'thrown in xhr onreadystatechange', 'xhr onreadystatechange'],
  ] as const;

  it('each become exactly one event with the original stack and mechanism instrument, handled false', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        const button = document.createElement('button');
        button.id = 'buy';
        button.textContent = 'Buy';
        document.body.appendChild(button);
        setTimeout(function onTimeout() {
          throw new Error('thrown in setTimeout');
        }, 0);
        const interval = setInterval(function onInterval() {
          clearInterval(interval);
          throw new Error('thrown in setInterval');
        }, 1);
        requestAnimationFrame(function onFrame() {
          throw new Error('thrown in requestAnimationFrame');
        });
        button.addEventListener('click', function onBuyClick() {
          throw new Error('thrown in a click listener');
        });
        const load = new XMLHttpRequest();
        load.open('GET', '/ok');
        load.onload = function onXhrLoad() {
          throw new Error('thrown in xhr onload');
        };
        load.send();
        const change = new XMLHttpRequest();
        change.open('GET', '/ok?second');
        change.onreadystatechange = function onXhrDone() {
          if (change.readyState === 4) throw new Error('thrown in xhr onreadystatechange');
        };
        change.send();`,
    });
    await opened.page.click('#buy');
    await ingest.waitForEvents(cases.length);
    await flushAndSettle(opened);
    // Not a second event each from window.onerror, where the rethrown errors end up.
    expect(receivedEvents(ingest)).toHaveLength(cases.length);

    for (const [what, fn, message, site] of cases) {
      const exception = exceptionOf(eventWith(ingest, message));
      expect(exception, what).toMatchObject({ type: 'Error', value: message, mechanism: { type: 'instrument', handled: false, data: { function: site } } });
      expect(exception.mechanism?.synthetic, what).toBeUndefined();
      const frames = exception.stacktrace!.frames;
      // The throwing frame is the page's callback (V8 prefixes a listener's name with its receiver's
      // class: `HTMLButtonElement.onBuyClick`), at the line of the throw.
      expect(frames.at(-1), what).toMatchObject({
        function: expect.stringMatching(new RegExp(`(^|\\.)${fn}$`)),
        filename: opened.url,
        in_app: true,
        lineno: lineOf(opened.html, `throw new Error('${message}')`),
      });
    }
    // The page sees its errors as before: rethrown, each reported by the browser once.
    expect([...opened.pageErrors].sort()).toEqual(cases.map(([, , message]) => `Error: ${message}`).sort());
    expectValidEvents(ingest);
  });

  it('errors from listener objects (handleEvent) and listeners added before init arrive once too', async () => {
    const opened = await openSdkPage(browser, ingest, {
      noInit: true,
      script: `
        document.body.innerHTML = '<button id="early">early</button><button id="object">object</button>';
        document.getElementById('early').addEventListener('click', function earlyListener() {
          throw new Error('listener added before init');
        });
        Faultline.init({ dsn: DSN });
        document.getElementById('object').addEventListener('click', {
          handleEvent: function handleEvent() { throw new Error('thrown in handleEvent'); },
        });`,
    });
    await opened.page.click('#early');
    await opened.page.click('#object');
    await ingest.waitForEvents(2);
    await flushAndSettle(opened);
    expect(receivedEvents(ingest)).toHaveLength(2);
    // Not wrapped: window.onerror reports them, with their stacks all the same.
    for (const [message, fn] of [['listener added before init', 'earlyListener'], ['thrown in handleEvent', 'handleEvent']]) {
      const exception = exceptionOf(eventWith(ingest, message));
      expect(exception.mechanism).toMatchObject({ type: 'onerror', handled: false });
      expect(exception.stacktrace!.frames.at(-1)).toMatchObject({ function: expect.stringMatching(new RegExp(`(^|\\.)${fn}$`)), filename: opened.url });
    }
    expectValidEvents(ingest);
  });
  it('a wrapped error does not hide the next, unrelated uncaught error of the same task', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        document.body.innerHTML = '<button id="b">b</button>';
        const b = document.getElementById('b');
        b.addEventListener('click', function wrappedFirst() { throw new Error('from the wrapped listener'); });
        // Listener objects are not wrapped: this error reaches the SDK through window.onerror only.
        b.addEventListener('click', { handleEvent() { throw new Error('from the listener object after it'); } });`,
    });
    await opened.page.click('#b');
    await ingest.waitForEvents(2);
    await flushAndSettle(opened);
    expect(exceptionOf(eventWith(ingest, 'from the wrapped listener')).mechanism).toMatchObject({ type: 'instrument' });
    expect(exceptionOf(eventWith(ingest, 'from the listener object after it')).mechanism).toMatchObject({ type: 'onerror' });
    expect(receivedEvents(ingest)).toHaveLength(2);
    expectValidEvents(ingest);
  });
});

describe("the page's behaviour", () => {
  it('is unchanged: this, arguments, timer ids, removeEventListener, handleEvent objects, once, capture', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        document.body.innerHTML = '<div id="outer"><button id="b" class="x">b</button></div><button id="other">other</button>';
        const b = document.getElementById('b');
        const other = document.getElementById('other');
        const log = (__out.log = []);

        b.addEventListener('click', function (event) {
          log.push(['this is the element', this === b, event.currentTarget === b, arguments.length]);
        });
        const removed = () => log.push('removed listener ran');
        b.addEventListener('click', removed);
        b.removeEventListener('click', removed);
        const captured = () => log.push('removed capture listener ran');
        b.addEventListener('click', captured, { capture: true });
        b.removeEventListener('click', captured, true);
        // The same function on two targets: removing it from one keeps the other.
        const shared = function () { log.push('shared on ' + this.id); };
        b.addEventListener('click', shared);
        other.addEventListener('click', shared);
        other.removeEventListener('click', shared);
        b.addEventListener('click', () => log.push('once'), { once: true });
        const handler = { calls: 0, handleEvent(event) { log.push(['handleEvent this', this === handler, event.type]); } };
        b.addEventListener('click', handler);
        document.getElementById('outer').addEventListener('click', () => log.push('outer capture'), true);
        // addEventListener called bare, on the window.
        addEventListener('faultline-test', (event) => log.push('bare ' + event.type));
        dispatchEvent(new Event('faultline-test'));

        // Timers: ids, extra arguments, cancelling, and strings of code.
        const timeout = setTimeout(() => log.push('cancelled timeout ran'), 0);
        __out.timeoutId = typeof timeout;
        clearTimeout(timeout);
        setTimeout((a, c) => log.push('timeout args ' + a + c), 0, 'x', 'y');
        const frame = requestAnimationFrame(() => log.push('cancelled frame ran'));
        __out.frameId = typeof frame;
        cancelAnimationFrame(frame);
        let ticks = 0;
        const interval = setInterval(() => { if (++ticks === 3) clearInterval(interval); }, 1);
        setTimeout('window.__out.fromString = true', 0);
        __out.timerReturn = setTimeout.call(window, () => 'ignored', 0) > 0;`,
    });
    await opened.page.click('#b');
    await opened.page.click('#b');
    await opened.page.click('#other');
    await opened.page.waitForFunction(() => __out.fromString === true && (__out.log as unknown[]).includes('timeout args xy'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const out = await opened.page.evaluate(() => __out);

    const oneClick = ['outer capture', ['this is the element', true, true, 1], 'shared on b', ['handleEvent this', true, 'click']];
    expect(out.log).toEqual([
      'bare faultline-test',
      'timeout args xy',
      'outer capture',
      ['this is the element', true, true, 1],
      'shared on b',
      'once',
      ['handleEvent this', true, 'click'],
      ...oneClick,
    ]);
    expect(out).toMatchObject({ timeoutId: 'number', frameId: 'number', timerReturn: true, fromString: true });
    await flushAndSettle(opened);
    expect(receivedEvents(ingest)).toEqual([]);
    expectClean(ingest, opened);
  });

  it('an error a listener throws during dispatchEvent does not reach the caller, as without the SDK', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        window.addEventListener('custom-thing', function onCustomThing() { throw new Error('thrown in dispatch'); });
        try {
          window.dispatchEvent(new Event('custom-thing'));
          __out.caller = 'returned normally';
        } catch (e) {
          __out.caller = 'caught ' + e.message;
        }`,
    });
    const [event] = await ingest.waitForEvents(1);
    expect(await opened.page.evaluate(() => __out.caller)).toBe('returned normally');
    expect(exceptionOf(event)).toMatchObject({
      value: 'thrown in dispatch',
      mechanism: { type: 'instrument', handled: false, data: { function: 'addEventListener custom-thing' } },
    });
    await flushAndSettle(opened);
    expect(receivedEvents(ingest)).toHaveLength(1);
    expect(opened.pageErrors).toEqual(['Error: thrown in dispatch']);
    expectValidEvents(ingest);
  });
});
