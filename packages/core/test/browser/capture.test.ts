// Explicit captures in real Chromium, asserted on what the test ingest received.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startIngest, type Ingest } from '../helpers/ingest-server';
import { closePages, expectClean, lineOf, openSdkPage } from '../helpers/sdk-page';

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

describe('captureException and captureMessage', () => {
  it('send options, scope data, the exception with its stack and mechanism, and the returned id', async () => {
    const opened = await openSdkPage(browser, ingest, {
      init: `{ dsn: DSN, release: 'shop@1.4.2', environment: 'staging', dist: 'build-7' }`,
      script: `
        Faultline.setUser({ id: 42, email: 'ada@example.com' });
        Faultline.setTags({ team: 'checkout', attempt: 3 });
        Faultline.setExtra('cart', { items: 2, total: 9.5 });
        Faultline.setContext('device_info', { model: 'test-rig' });
        function outer() { middle(); }
        function middle() { inner(); }
        function inner() {
          throw new TypeError('boom in inner');
        }
        try { outer(); } catch (e) { __out.exceptionId = Faultline.captureException(e); }
        __out.messageId = Faultline.captureMessage('cart is empty', 'warning');`,
    });
    const [exceptionId, messageId] = await opened.page.evaluate(() => [__out.exceptionId, __out.messageId] as string[]);
    expect(exceptionId).toMatch(/^[0-9a-f]{32}$/);
    expect(messageId).toMatch(/^[0-9a-f]{32}$/);

    await ingest.waitForEvents(2);
    const error = ingest.events.find((e) => e.event_id === exceptionId)!;
    const message = ingest.events.find((e) => e.event_id === messageId)!;
    expect(error).toBeDefined();
    expect(message).toBeDefined();

    for (const event of [error, message]) {
      expect(event).toMatchObject({
        platform: 'javascript',
        release: 'shop@1.4.2',
        environment: 'staging',
        dist: 'build-7',
        user: { id: '42', email: 'ada@example.com' },
        tags: { team: 'checkout', attempt: '3' },
        extra: { cart: { items: 2, total: 9.5 } },
        contexts: { device_info: { model: 'test-rig' } },
        sdk: { name: 'faultline.javascript.browser' },
      });
    }

    expect(error.level).toBe('error');
    const [exception] = error.exception!.values;
    expect(error.exception!.values).toHaveLength(1);
    expect(exception).toMatchObject({ type: 'TypeError', value: 'boom in inner', mechanism: { type: 'generic', handled: true } });
    const frames = exception.stacktrace!.frames;
    // Oldest first: the script's top level, then outer, middle, and the throwing frame last.
    expect(frames.slice(-3).map((f) => f.function)).toEqual(['outer', 'middle', 'inner']);
    const last = frames[frames.length - 1];
    expect(last).toMatchObject({ filename: opened.url, abs_path: opened.url, in_app: true, lineno: lineOf(opened.html, "throw new TypeError('boom in inner')") });
    expect(frames.every((f) => f.filename === opened.url && f.in_app === true)).toBe(true);

    expect(message.level).toBe('warning');
    expect(message.logentry).toEqual({ formatted: 'cart is empty' });
    expect(message.exception).toBeUndefined();

    expectClean(ingest, opened);
  });

  it('sends the cause chain oldest first: root, middle, top', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        const error = new Error('top', { cause: new Error('middle', { cause: new RangeError('root') }) });
        __out.id = Faultline.captureException(error);`,
    });
    const id = await opened.page.evaluate(() => __out.id as string);
    const [event] = await ingest.waitForEvents(1);
    expect(event.event_id).toBe(id);
    const values = event.exception!.values;
    expect(values.map((v) => [v.type, v.value])).toEqual([
      ['RangeError', 'root'],
      ['Error', 'middle'],
      ['Error', 'top'],
    ]);
    // Each error's own stack, pointing into the page.
    for (const value of values) expect(value.stacktrace!.frames.at(-1)).toMatchObject({ filename: opened.url, in_app: true });
    expect(values[2].mechanism).toMatchObject({ type: 'generic', handled: true });
    expectClean(ingest, opened);
  });
});

describe('the request context', () => {
  it('carries the page URL at capture time, also after history.pushState, and the User-Agent', async () => {
    const opened = await openSdkPage(browser, ingest, { script: `Faultline.captureMessage('before pushState');` });
    await ingest.waitForEvents(1);
    await opened.page.evaluate(() => {
      history.pushState({}, '', '/somewhere/else?tab=2#top');
      Faultline.captureMessage('after pushState');
    });
    await ingest.waitForEvents(2);
    const userAgent = await opened.page.evaluate(() => navigator.userAgent);
    const byMessage = (text: string) => ingest.events.find((e) => e.logentry?.formatted === text)!;

    expect(byMessage('before pushState').request).toMatchObject({ url: opened.url, headers: { 'User-Agent': userAgent } });
    expect(byMessage('after pushState').request).toMatchObject({
      url: `${ingest.pagesUrl}/somewhere/else?tab=2#top`,
      headers: { 'User-Agent': userAgent },
    });
    expect(userAgent).toContain('Chrome');
    expectClean(ingest, opened);
  });
});

describe('odd throwables', () => {
  it('turns each into a readable event and never throws into the page', async () => {
    const opened = await openSdkPage(browser, ingest);
    const ids = await opened.page.evaluate(() => {
      const circular: Record<string, unknown> = { name: 'circle', size: 3 };
      circular.self = circular;
      const target = document.createElement('button');
      target.id = 'buy';
      document.body.appendChild(target);
      let domEvent: Event | undefined;
      target.addEventListener('click', (e) => (domEvent = e));
      target.dispatchEvent(new MouseEvent('click'));
      const throwingGetters = Object.defineProperties({}, {
        message: { enumerable: true, get() { throw new Error('message getter'); } },
        name: { enumerable: true, get() { throw new Error('name getter'); } },
        stack: { enumerable: true, get() { throw new Error('stack getter'); } },
        detail: { enumerable: true, get() { throw new Error('detail getter'); } },
      });
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      const values: Record<string, unknown> = {
        null: null,
        undefined: undefined,
        circular,
        domEvent,
        symbol: Symbol('odd'),
        hugeString: 'x'.repeat(1024 * 1024),
        throwingGetters,
        revokedProxy: proxy,
      };
      const out: Record<string, string> = {};
      for (const key of Object.keys(values)) out[key] = Faultline.captureException(values[key]);
      return out;
    });
    const events = await ingest.waitForEvents(Object.keys(ids).length);
    const byCase = (key: string) => {
      const event = events.find((e) => e.event_id === ids[key]);
      expect(event, `event for ${key}`).toBeDefined();
      return event!.exception!.values.at(-1)!;
    };

    expect(byCase('null')).toMatchObject({ type: 'Null', value: 'null' });
    expect(byCase('undefined')).toMatchObject({ type: 'Undefined', value: 'undefined' });
    expect(byCase('circular')).toMatchObject({ type: 'Object', value: 'Object with keys: name, self, size' });
    expect(byCase('domEvent')).toMatchObject({ type: 'MouseEvent', value: '"click" event on button#buy' });
    expect(byCase('symbol')).toMatchObject({ type: 'Symbol', value: 'Symbol(odd)' });
    const huge = byCase('hugeString');
    expect(huge.type).toBe('Error');
    expect(huge.value).toBe(`${'x'.repeat(250)}…`);
    expect(byCase('throwingGetters').type).toBe('Object');
    expect(byCase('throwingGetters').value).toMatch(/keys: detail, message, name, stack/);
    // Every read of a revoked Proxy throws; the value says so instead of losing the event.
    expect(byCase('revokedProxy').type).toBe('Object');
    expect(byCase('revokedProxy').value).toMatch(/revoked/);

    for (const key of Object.keys(ids)) {
      const exception = byCase(key);
      expect(exception.value, key).not.toMatch(/\[object \w+\]/);
      expect(exception.type, key).not.toMatch(/\[object \w+\]/);
      expect(exception.mechanism, key).toMatchObject({ type: 'generic', handled: true });
      // No stack of their own: the capture call's, marked synthetic.
      expect(exception.mechanism?.synthetic, key).toBe(true);
    }
    expectClean(ingest, opened);
  });
});

describe('withScope', () => {
  it('keeps a tag set inside the callback on the event captured inside only', async () => {
    const opened = await openSdkPage(browser, ingest, {
      script: `
        Faultline.setTag('page', 'checkout');
        Faultline.captureMessage('before');
        Faultline.withScope((scope) => {
          scope.setTag('inside', 'yes');
          scope.setExtra('step', 2);
          Faultline.captureMessage('inside');
        });
        Faultline.captureMessage('after');`,
    });
    const events = await ingest.waitForEvents(3);
    const byMessage = (text: string) => events.find((e) => e.logentry?.formatted === text)!;
    expect(byMessage('inside').tags).toEqual({ page: 'checkout', inside: 'yes' });
    expect(byMessage('inside').extra).toEqual({ step: 2 });
    for (const text of ['before', 'after']) {
      expect(byMessage(text).tags).toEqual({ page: 'checkout' });
      expect(byMessage(text).extra ?? {}).toEqual({});
    }
    expectClean(ingest, opened);
  });
});
