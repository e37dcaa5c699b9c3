// The event pipeline through the public API, with a transport that keeps what it is given.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addBreadcrumb,
  captureEvent,
  captureException,
  captureMessage,
  close,
  flush,
  getClient,
  getCurrentScope,
  init,
  lastEventId,
  linkedErrorsIntegration,
  eventFiltersIntegration,
  setContext,
  setExtra,
  setTag,
  setTags,
  setUser,
  withScope,
  SDK_VERSION,
  type Client,
  type Envelope,
  type Event,
  type Integration,
  type Options,
  type TransportOptions,
} from '../../src/index';
import { parseEnvelope, type ParsedEnvelope } from '../helpers/envelope';
import { expectValidEvent } from '../helpers/schema';

const DSN = 'https://abc123@o1.ingest.example.com/5';
const ENVELOPE_URL = `https://o1.ingest.example.com/api/5/envelope/?sentry_key=abc123&sentry_version=7&sentry_client=faultline.javascript.browser%2F${SDK_VERSION}`;

let sent: Envelope[] = [];
let transportOptions: TransportOptions[] = [];

function transport(options: TransportOptions) {
  transportOptions.push(options);
  return {
    send(envelope: Envelope) {
      sent.push(envelope);
      return Promise.resolve({ statusCode: 200 });
    },
  };
}

function start(options: Options = {}): Client {
  const client = init({ dsn: DSN, transport, ...options });
  expect(client).toBeDefined();
  return client!;
}

function parsed(category: 'error' | 'internal'): ParsedEnvelope[] {
  return sent.filter((e) => e.category == category).map((e) => parseEnvelope(e.body));
}

/** The events sent so far, after every capture was processed. */
async function sentEvents(): Promise<Event[]> {
  await flush();
  return parsed('error').map((envelope) => {
    expect(envelope.items).toHaveLength(1);
    expect(envelope.items[0].header.type).toBe('event');
    return envelope.items[0].payload as Event;
  });
}

async function onlyEvent(): Promise<Event> {
  const events = await sentEvents();
  expect(events).toHaveLength(1);
  return events[0];
}

/** The discarded counts of the client reports sent so far (flushes first). */
async function discarded(): Promise<unknown[]> {
  await flush();
  return parsed('internal').flatMap((envelope) => {
    expect(envelope.items.map((i) => i.header.type)).toEqual(['client_report']);
    // Not about one event: no event_id in the header.
    expect(envelope.header).not.toHaveProperty('event_id');
    expect((envelope.items[0].payload as { timestamp: number }).timestamp).toBeCloseTo(Date.now() / 1000, -1);
    return (envelope.items[0].payload as { discarded_events: unknown[] }).discarded_events;
  });
}

function values(event: Event): Array<{ type?: string; value?: string }> {
  return (event.exception?.values || []).map(({ type, value }) => ({ type, value }));
}

/** An error whose stack says it was thrown in `url`. */
function errorFrom(url: string, message = 'boom'): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}\n    at handler (${url}:3:14)\n    at https://shop.example.com/static/js/main.js:1:1`;
  return error;
}

afterEach(async () => {
  await close();
  sent = [];
  transportOptions = [];
  getCurrentScope().clear();
  vi.restoreAllMocks();
});

describe('init and captureException', () => {
  it('sends one envelope whose event has the options and the scope data', async () => {
    // Sessions (their own tests) would add an envelope at init.
    start({ release: 'shop@1.4.2', dist: 'web-12', autoSessionTracking: false });
    setUser({ id: 42, email: 'ada@example.com', plan: 'pro' });
    setTags({ page: 'checkout', attempt: 2 });
    setExtra('cart', { items: 3, total: 12.5 });
    setContext('payment', { provider: 'stripe' });
    const before = Date.now() / 1000;
    const id = captureException(new TypeError('card is undefined'));

    expect(sent).toHaveLength(0); // the send is deferred off the capture call
    const event = await onlyEvent();
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe(ENVELOPE_URL);
    expect(transportOptions.map((o) => o.url)).toEqual([ENVELOPE_URL]);

    expect(event).toMatchObject({
      event_id: id,
      platform: 'javascript',
      level: 'error',
      release: 'shop@1.4.2',
      dist: 'web-12',
      environment: 'production',
      user: { id: '42', email: 'ada@example.com', data: { plan: 'pro' } },
      tags: { page: 'checkout', attempt: '2' },
      extra: { cart: { items: 3, total: 12.5 } },
      contexts: { payment: { provider: 'stripe' } },
      sdk: { name: 'faultline.javascript.browser', version: SDK_VERSION },
      request: { url: location.href, headers: { 'User-Agent': navigator.userAgent } },
    });
    expect(event.event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(event.timestamp).toBeGreaterThanOrEqual(before - 1);
    expect(event.timestamp).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    expect(event.exception!.values).toHaveLength(1);
    expect(event.exception!.values[0]).toMatchObject({ type: 'TypeError', value: 'card is undefined', mechanism: { type: 'generic', handled: true } });
    expect(event.exception!.values[0].stacktrace!.frames.length).toBeGreaterThan(0);
    expect(event.sdk!.integrations).toEqual(['EventFilters', 'BurstGuard', 'LinkedErrors', 'HttpContext', 'DebugIds', 'GlobalHandlers', 'BrowserApiErrors', 'CaptureConsole', 'HttpClient', 'Breadcrumbs', 'Sessions', 'Privacy']);
    expectValidEvent(event);

    const header = parseEnvelope(sent[0].body).header;
    expect(header.event_id).toBe(id);
    expect(header.sdk).toEqual({ name: 'faultline.javascript.browser', version: SDK_VERSION });
    expect(header).not.toHaveProperty('dsn');
  });

  it('uses the environment option', async () => {
    start({ environment: 'staging' });
    captureException(new Error('x'));
    expect((await onlyEvent()).environment).toBe('staging');
  });

  it('returns the id of the event it sent, which lastEventId() then gives', async () => {
    start();
    const first = captureException(new Error('first'));
    expect(lastEventId()).toBe(first);
    const second = captureException(new Error('second'));
    expect(lastEventId()).toBe(second);
    expect(second).not.toBe(first);
    const events = await sentEvents();
    expect(events.map((e) => e.event_id)).toEqual([first, second]);
    expect(parsed('error').map((e) => e.header.event_id)).toEqual([first, second]);
  });

  it('applies a capture context to that event only', async () => {
    start();
    captureException(new Error('with context'), { tags: { flow: 'refund' }, level: 'fatal' });
    captureException(new Error('without'));
    const [withContext, without] = await sentEvents();
    expect(withContext.tags).toEqual({ flow: 'refund' });
    expect(withContext.level).toBe('fatal');
    expect(without.tags).toEqual({});
    expect(without.level).toBe('error');
  });

  it('cuts exception values to maxValueLength', async () => {
    start();
    captureException(new Error('x'.repeat(300)));
    expect((await onlyEvent()).exception!.values[0].value).toBe(`${'x'.repeat(250)}…`);
  });

  it('keeps tag keys to 32 and values to 200 characters, for old servers', async () => {
    start();
    setTag('k'.repeat(40), 'v'.repeat(300));
    captureException(new Error('tags'));
    const tags = (await onlyEvent()).tags!;
    expect(Object.keys(tags)).toEqual(['k'.repeat(32)]);
    expect(tags['k'.repeat(32)]).toBe(`${'v'.repeat(200)}…`);
  });

  it('does not throw and sends a readable event for values that are not errors', async () => {
    start();
    const circular: Record<string, unknown> = { id: 1 };
    circular.self = circular;
    for (const value of [undefined, null, 'a string', 42, circular]) expect(() => captureException(value)).not.toThrow();
    const events = await sentEvents();
    expect(events.map((e) => e.exception!.values[0].value)).toEqual(['undefined', 'null', 'a string', '42', 'Object with keys: id, self']);
    expect(events[4].extra).toEqual({ __serialized__: { id: 1, self: '[Circular ~]' } });
    // Values without a stack get the stack of the capture call.
    expect(events[2].exception!.values[0].mechanism).toEqual({ type: 'generic', handled: true, synthetic: true });
    expect(events[2].exception!.values[0].stacktrace!.frames.at(-1)!.filename).toMatch(/client\.test\.ts$/);
  });
});

describe('captureMessage and captureEvent', () => {
  it('sends the message in logentry.formatted at the level given', async () => {
    start();
    captureMessage('Checkout slow', 'warning');
    const event = await onlyEvent();
    expect(event.level).toBe('warning');
    expect(event.logentry).toEqual({ formatted: 'Checkout slow' });
    expect(event).not.toHaveProperty('exception');
    expectValidEvent(event);
  });

  it("defaults to level 'info' and sends 'log' as 'info'", async () => {
    start();
    captureMessage('one');
    captureMessage('two', 'log');
    expect((await sentEvents()).map((e) => e.level)).toEqual(['info', 'info']);
  });

  it('attaches a stack with attachStacktrace', async () => {
    start({ attachStacktrace: true });
    captureMessage('with stack');
    const event = await onlyEvent();
    expect(event.exception!.values[0].value).toBe('with stack');
    expect(event.exception!.values[0].stacktrace!.frames.at(-1)!.filename).toMatch(/client\.test\.ts$/);
  });

  it('sends an event built by the caller', async () => {
    start();
    const id = captureEvent({ message: 'hand made', level: 'debug', tags: { own: 'yes' } });
    const event = await onlyEvent();
    expect(event).toMatchObject({ event_id: id, message: 'hand made', level: 'debug', tags: { own: 'yes' }, environment: 'production' });
  });
});

describe('sampling and beforeSend', () => {
  it('sends nothing with sampleRate 0 and reports the drops as sample_rate on flush', async () => {
    start({ sampleRate: 0 });
    captureException(new Error('one'));
    captureException(new Error('two'));
    expect(await sentEvents()).toEqual([]);
    expect(await discarded()).toEqual([{ reason: 'sample_rate', category: 'error', quantity: 2 }]);
    // Counted once: the next flush has nothing new to report.
    await flush();
    expect(parsed('internal')).toHaveLength(1);
    expect(sent[0].url).toBe(ENVELOPE_URL);
  });

  it('drops the event when beforeSend returns null, reported as before_send', async () => {
    const beforeSend = vi.fn(() => null);
    start({ beforeSend });
    const error = new Error('secret');
    captureException(error);
    expect(await sentEvents()).toEqual([]);
    expect(beforeSend).toHaveBeenCalledTimes(1);
    expect(await discarded()).toEqual([{ reason: 'before_send', category: 'error', quantity: 1 }]);
  });

  it('sends what beforeSend returns, and gives it the original exception', async () => {
    const error = new Error('edit me');
    start({
      beforeSend(event, hint) {
        expect(hint.originalException).toBe(error);
        event.tags = { ...event.tags, edited: 'yes' };
        delete event.user;
        return event;
      },
    });
    setUser({ id: 1 });
    captureException(error);
    const event = await onlyEvent();
    expect(event.tags).toEqual({ edited: 'yes' });
    expect(event).not.toHaveProperty('user');
  });

  it('waits for an async beforeSend', async () => {
    start({
      beforeSend: (event) =>
        new Promise((resolve) => setTimeout(() => resolve(event.exception!.values[0].value == 'drop' ? null : { ...event, fingerprint: ['async'] }), 20)),
    });
    captureException(new Error('keep'));
    captureException(new Error('drop'));
    const event = await onlyEvent();
    expect(event.fingerprint).toEqual(['async']);
    expect(event.exception!.values[0].value).toBe('keep');
    expect(await discarded()).toEqual([{ reason: 'before_send', category: 'error', quantity: 1 }]);
  });

  it('drops the event, without throwing, when beforeSend throws or returns a non-object', async () => {
    start({
      beforeSend(event) {
        if (event.exception!.values[0].value == 'throw') throw new Error('bug in beforeSend');
        return 'nonsense' as unknown as Event;
      },
    });
    expect(() => captureException(new Error('throw'))).not.toThrow();
    captureException(new Error('string'));
    expect(await sentEvents()).toEqual([]);
    expect(await discarded()).toEqual([{ reason: 'before_send', category: 'error', quantity: 2 }]);
  });

  it('accepts tracesSampleRate without sampling errors by it', async () => {
    start({ tracesSampleRate: 0 });
    captureException(new Error('still sent'));
    expect(values(await onlyEvent())).toEqual([{ type: 'Error', value: 'still sent' }]);
  });

  it('treats an invalid sampleRate as 1', async () => {
    start({ sampleRate: 2 });
    captureException(new Error('sent'));
    expect(await sentEvents()).toHaveLength(1);
  });
});

describe('filters', () => {
  it('drops errors matching ignoreErrors strings (substring) and RegExps', async () => {
    start({ ignoreErrors: ['ChunkLoadError', /^Network request failed/, 'TypeError: Failed to fetch'] });
    captureException(new Error('Loading ChunkLoadError for chunk 5 failed'));
    captureException(new Error('Network request failed: timeout'));
    captureException(new TypeError('Failed to fetch'));
    captureMessage('ChunkLoadError in a message');
    captureException(new Error('A Network request failed')); // the RegExp is anchored
    captureException(new Error('Failed to fetch')); // 'TypeError: …' needs the type
    const events = await sentEvents();
    expect(events.map((e) => e.exception!.values[0].value)).toEqual(['A Network request failed', 'Failed to fetch']);
    expect(await discarded()).toEqual([{ reason: 'event_processor', category: 'error', quantity: 4 }]);
  });

  it('drops "Script error." and ResizeObserver loop errors by default', async () => {
    start();
    captureException(new Error('Script error.'));
    captureMessage('Script error.');
    captureException(new Error('ResizeObserver loop limit exceeded'));
    captureException(new Error('ResizeObserver loop completed with undelivered notifications.'));
    captureException(new Error('A real error'));
    expect((await sentEvents()).map((e) => e.exception?.values[0].value)).toEqual(['A real error']);
  });

  it('drops errors thrown from scripts matching denyUrls', async () => {
    start({ denyUrls: [/ads\.example\.net/, 'chrome-extension://'] });
    captureException(errorFrom('https://cdn.ads.example.net/ad.js', 'from ads'));
    captureException(errorFrom('chrome-extension://abc/content.js', 'from extension'));
    captureException(errorFrom('https://shop.example.com/static/js/app.js', 'from app'));
    expect((await sentEvents()).map((e) => e.exception!.values[0].value)).toEqual(['from app']);
  });

  it('sends only errors thrown from scripts matching allowUrls', async () => {
    start({ allowUrls: ['https://shop.example.com/static/'] });
    captureException(errorFrom('https://cdn.ads.example.net/ad.js', 'from ads'));
    captureException(errorFrom('https://shop.example.com/static/js/app.js', 'from app'));
    expect((await sentEvents()).map((e) => e.exception!.values[0].value)).toEqual(['from app']);
  });

  it('drops the second of two identical consecutive errors', async () => {
    start();
    const fail = () => {
      throw new Error('same error');
    };
    for (let i = 0; i < 2; i++) {
      try {
        fail();
      } catch (error) {
        captureException(error);
      }
    }
    // The same error object captured twice is a duplicate too.
    const error = new Error('captured twice');
    captureException(error);
    captureException(error);
    // A different error after a duplicate is sent.
    captureException(new Error('different'));
    expect((await sentEvents()).map((e) => e.exception!.values[0].value)).toEqual(['same error', 'captured twice', 'different']);
    expect(await discarded()).toEqual([{ reason: 'event_processor', category: 'error', quantity: 2 }]);
  });

  it('sends one error reported twice by different mechanisms (a handler, then the console) once', async () => {
    start();
    const error = new Error('logged by its handler');
    captureException(error, { mechanism: { type: 'vue', handled: false } });
    captureException(error, { mechanism: { type: 'console', handled: false } });
    const events = await sentEvents();
    expect(events).toHaveLength(1);
    expect(events[0].exception!.values[0].mechanism).toMatchObject({ type: 'vue', handled: false });
  });

  it('sends failures of two different requests, even with the same message', async () => {
    start();
    const failed = (url: string): Event => ({ exception: { values: [{ type: 'Error', value: 'HTTP Client Error with status code: 500' }] }, request: { url, method: 'GET' } });
    captureEvent(failed('https://shop.example/api?a'));
    captureEvent(failed('https://shop.example/api?b'));
    captureEvent(failed('https://shop.example/api?b'));
    expect((await sentEvents()).map((e) => e.request!.url)).toEqual(['https://shop.example/api?a', 'https://shop.example/api?b']);
  });

  it('drops the same error within the dedupe window even when another came between', async () => {
    start();
    const error = new Error('flapping');
    captureException(error);
    captureException(new Error('other'));
    captureException(error);
    expect((await sentEvents()).map((e) => e.exception!.values[0].value)).toEqual(['flapping', 'other']);
  });
});

describe('linked errors', () => {
  it('sends the cause chain oldest first: the deepest cause first, the caught error last', async () => {
    start();
    const root = new Error('connection reset');
    const middle = new TypeError('fetch failed', { cause: root });
    const top = new Error('could not load cart', { cause: middle });
    captureException(top);
    const event = await onlyEvent();
    expect(values(event)).toEqual([
      { type: 'Error', value: 'connection reset' },
      { type: 'TypeError', value: 'fetch failed' },
      { type: 'Error', value: 'could not load cart' },
    ]);
    expect(event.exception!.values[2].mechanism).toEqual({ type: 'generic', handled: true });
    expect(event.exception!.values[0].stacktrace!.frames.length).toBeGreaterThan(0);
    expectValidEvent(event);
  });

  it('follows at most 5 causes', async () => {
    start();
    let error = new Error('cause 7');
    for (let i = 6; i >= 1; i--) error = new Error(`cause ${i}`, { cause: error });
    captureException(new Error('top', { cause: error }));
    expect(values(await onlyEvent()).map((v) => v.value)).toEqual(['cause 5', 'cause 4', 'cause 3', 'cause 2', 'cause 1', 'top']);
  });

  it('stops at a cycle', async () => {
    start();
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    const self = new Error('self');
    (self as { cause?: unknown }).cause = self;
    expect(() => {
      captureException(a);
      captureException(self);
    }).not.toThrow();
    const [first, second] = await sentEvents();
    expect(values(first).map((v) => v.value)).toEqual(['b', 'a']);
    expect(values(second).map((v) => v.value)).toEqual(['self']);
  });

  it('ignores a cause that is not an error', async () => {
    start();
    captureException(new Error('top', { cause: 'just a string' }));
    expect(values(await onlyEvent()).map((v) => v.value)).toEqual(['top']);
  });
});

describe('scopes', () => {
  it('applies what withScope sets only to events captured inside it', async () => {
    start();
    setTag('global', 'yes');
    withScope((scope) => {
      scope.setTag('inner', 'yes');
      scope.setUser({ id: 'inner-user' });
      scope.setLevel('warning');
      captureException(new Error('inside'));
    });
    captureException(new Error('outside'));
    const [inside, outside] = await sentEvents();
    expect(inside.tags).toEqual({ global: 'yes', inner: 'yes' });
    expect(inside.user).toEqual({ id: 'inner-user' });
    expect(inside.level).toBe('warning');
    expect(outside.tags).toEqual({ global: 'yes' });
    expect(outside).not.toHaveProperty('user');
    expect(outside.level).toBe('error');
  });

  it('applies a tag set after withScope to later events', async () => {
    start();
    withScope(() => captureException(new Error('inside')));
    setTag('after', 'yes');
    captureException(new Error('later'));
    const [inside, later] = await sentEvents();
    expect(inside.tags).toEqual({});
    expect(later.tags).toEqual({ after: 'yes' });
  });

  it('returns what the withScope callback returns, and pops the scope even when it throws', async () => {
    start();
    expect(withScope(() => 7)).toBe(7);
    expect(() =>
      withScope((scope) => {
        scope.setTag('leaked', 'yes');
        throw new Error('in callback');
      }),
    ).toThrow('in callback');
    captureException(new Error('after'));
    expect((await onlyEvent()).tags).toEqual({});
  });

  it('takes the scope as it was at capture time, not at send time', async () => {
    start();
    setTag('when', 'capture');
    captureException(new Error('x'));
    setTag('when', 'later');
    expect((await onlyEvent()).tags).toEqual({ when: 'capture' });
  });

  it("records the page URL of the capture call, even when the page navigates right after", async () => {
    start();
    const before = location.href;
    captureMessage('before navigating');
    history.pushState({}, '', '/elsewhere');
    try {
      const [event] = await sentEvents();
      expect(event.request!.url).toBe(before);
      expect(event.request!.url).not.toContain('/elsewhere');
    } finally {
      history.replaceState({}, '', before);
    }
  });

  it('sets initialScope at init', async () => {
    start({ initialScope: { tags: { team: 'checkout' }, user: { id: 7 }, extra: { build: 1 } } });
    captureException(new Error('x'));
    const event = await onlyEvent();
    expect(event.tags).toEqual({ team: 'checkout' });
    expect(event.user).toEqual({ id: '7' });
    expect(event.extra).toEqual({ build: 1 });
  });

  it('keeps a circular extra without throwing', async () => {
    start();
    const node: Record<string, unknown> = { name: 'root' };
    node.self = node;
    expect(() => setExtra('node', node)).not.toThrow();
    expect(() => captureException(new Error('x'))).not.toThrow();
    expect((await onlyEvent()).extra).toEqual({ node: { name: 'root', self: '[Circular ~]' } });
  });

  it('keeps extra to normalizeDepth levels (extra itself counting as one)', async () => {
    const tree = () => {
      const node: Record<string, unknown> = { name: 'root', children: [] };
      (node.children as unknown[]).push({ parent: node });
      return node;
    };
    start();
    setExtra('tree', tree());
    captureException(new Error('default depth'));
    expect((await onlyEvent()).extra).toEqual({ tree: { name: 'root', children: ['[Object]'] } });
    sent = [];
    start({ normalizeDepth: 5 });
    setExtra('tree', tree());
    captureException(new Error('depth 5'));
    expect((await onlyEvent()).extra).toEqual({ tree: { name: 'root', children: [{ parent: '[Circular ~]' }] } });
  });

  it('removes the user with setUser(null)', async () => {
    start();
    setUser({ id: 1 });
    setUser(null);
    captureException(new Error('x'));
    expect(await onlyEvent()).not.toHaveProperty('user');
  });
});

describe('breadcrumbs', () => {
  it('sends breadcrumbs in call order, with a timestamp', async () => {
    start();
    addBreadcrumb({ category: 'ui.click', message: 'button#buy' });
    addBreadcrumb({ category: 'navigation', data: { from: '/', to: '/cart' } });
    captureException(new Error('x'));
    const crumbs = ((await onlyEvent()).breadcrumbs as { values: Array<Record<string, unknown>> }).values;
    expect(crumbs.map(({ timestamp, ...rest }) => rest)).toEqual([
      { category: 'ui.click', message: 'button#buy' },
      { category: 'navigation', data: { from: '/', to: '/cart' } },
    ]);
    for (const crumb of crumbs) expect(typeof crumb.timestamp).toBe('number');
  });

  it('lets beforeBreadcrumb drop and edit breadcrumbs', async () => {
    start({
      beforeBreadcrumb(crumb) {
        if (crumb.category == 'drop') return null;
        return { ...crumb, message: crumb.message?.replace(/\d{4}/g, '****') };
      },
    });
    addBreadcrumb({ category: 'drop', message: 'dropped' });
    addBreadcrumb({ category: 'payment', message: 'card 4242' });
    captureException(new Error('x'));
    const crumbs = ((await onlyEvent()).breadcrumbs as { values: Array<Record<string, unknown>> }).values;
    expect(crumbs.map((c) => [c.category, c.message])).toEqual([['payment', 'card ****']]);
  });

  it('does not lose breadcrumbs nor throw when beforeBreadcrumb throws', async () => {
    start({
      beforeBreadcrumb() {
        throw new Error('bug');
      },
    });
    expect(() => addBreadcrumb({ message: 'x' })).not.toThrow();
    captureException(new Error('x'));
    expect(await onlyEvent()).not.toHaveProperty('breadcrumbs');
  });

  it('keeps the newest maxBreadcrumbs', async () => {
    start({ maxBreadcrumbs: 3 });
    for (let i = 0; i < 10; i++) addBreadcrumb({ message: `crumb ${i}` });
    captureException(new Error('x'));
    const crumbs = ((await onlyEvent()).breadcrumbs as { values: Array<{ message: string }> }).values;
    expect(crumbs.map((c) => c.message)).toEqual(['crumb 7', 'crumb 8', 'crumb 9']);
  });
});

describe('turned off', () => {
  it('sends nothing and does not throw with an invalid DSN', async () => {
    const client = init({ dsn: 'https://abc123@o1.ingest.example.com/not-a-number', transport });
    expect(client!.isEnabled()).toBe(false);
    let id = '';
    expect(() => (id = captureException(new Error('x')))).not.toThrow();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    await flush();
    expect(transportOptions).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('sends nothing without a DSN', async () => {
    init({ transport });
    captureException(new Error('x'));
    captureMessage('y');
    await flush();
    expect(sent).toEqual([]);
  });

  it('sends nothing with enabled: false', async () => {
    start({ enabled: false, sampleRate: 0 });
    captureException(new Error('x'));
    captureMessage('y');
    await flush();
    expect(sent).toEqual([]);
  });

  it('sends nothing after close()', async () => {
    start();
    await close();
    captureException(new Error('after close'));
    await flush();
    expect(sent).toEqual([]);
  });

  it('sends to the latest client only after a second init', async () => {
    const first: Envelope[] = [];
    init({ dsn: DSN, transport: () => ({ send: (e) => (first.push(e), Promise.resolve({ statusCode: 200 })) }) });
    start({ release: 'second' });
    captureException(new Error('x'));
    expect((await onlyEvent()).release).toBe('second');
    expect(first).toEqual([]);
  });
});

describe('debug output', () => {
  // The logger keeps the console.warn it finds when its module loads (so console
  // instrumentation never records the SDK's own output): spy first, then load the SDK afresh.
  it('explains an invalid DSN under debug: true', async () => {
    vi.resetModules();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fresh = await import('../../src/index');
    fresh.init({ dsn: 'https://abc123@o1.ingest.example.com/not-a-number', debug: true, transport });
    expect(() => fresh.captureException(new Error('x'))).not.toThrow();
    await fresh.flush();
    await fresh.close();
    const lines = warn.mock.calls.map((args) => args.join(' '));
    expect(lines).toContainEqual(expect.stringMatching(/^\[Faultline\] invalid DSN \(the project id \(last path segment\) must be a number\)/));
    expect(lines).toContainEqual(expect.stringMatching(/^\[Faultline\] event [0-9a-f]{32} not sent: no valid DSN/));
    expect(sent).toEqual([]);
  });

  it('says nothing without debug', async () => {
    vi.resetModules();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fresh = await import('../../src/index');
    fresh.init({ dsn: 'not a dsn', transport, sampleRate: 0 });
    fresh.captureException(new Error('x'));
    await fresh.close();
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('endpoints', () => {
  it("sends the plain JSON event to /api/<id>/store/ with endpoint: 'store'", async () => {
    start({ endpoint: 'store' });
    const id = captureException(new Error('to store'));
    await flush();
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe(ENVELOPE_URL.replace('/envelope/', '/store/'));
    const event = JSON.parse(sent[0].body) as Event;
    expect(event.event_id).toBe(id);
    expect(values(event)).toEqual([{ type: 'Error', value: 'to store' }]);
    expect(sent[0].body).not.toContain('\n');
    expectValidEvent(event);
  });

  it("sends no client reports with endpoint: 'store'", async () => {
    start({ endpoint: 'store', sampleRate: 0 });
    captureException(new Error('sampled out'));
    await flush();
    expect(sent).toEqual([]);
  });

  it('sends to the tunnel, with the DSN in the envelope header', async () => {
    start({ tunnel: '/monitoring-tunnel' });
    captureException(new Error('through tunnel'));
    await flush();
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe('/monitoring-tunnel');
    expect(transportOptions.map((o) => o.url)).toEqual(['/monitoring-tunnel']);
    expect(parseEnvelope(sent[0].body).header.dsn).toBe(DSN);
  });

  it('sends client reports through the tunnel with the DSN too', async () => {
    start({ tunnel: '/monitoring-tunnel', sampleRate: 0 });
    captureException(new Error('x'));
    await flush();
    expect(sent.map((e) => [e.category, e.url])).toEqual([['internal', '/monitoring-tunnel']]);
    expect(parseEnvelope(sent[0].body).header.dsn).toBe(DSN);
  });

  it("uses envelopes through a tunnel even with endpoint: 'store'", async () => {
    start({ tunnel: '/t', endpoint: 'store' });
    captureException(new Error('x'));
    await flush();
    expect(parseEnvelope(sent[0].body).items[0].header.type).toBe('event');
  });

  it('sends no client reports with sendClientReports: false', async () => {
    start({ sampleRate: 0, sendClientReports: false });
    captureException(new Error('x'));
    await flush();
    expect(sent).toEqual([]);
  });
});

describe('integrations', () => {
  it('takes a function that receives the defaults and returns the list', async () => {
    let defaults: string[] = [];
    start({
      integrations: (list) => {
        defaults = list.map((i) => i.name);
        return list.filter((i) => i.name != 'BurstGuard');
      },
    });
    expect(defaults).toEqual(['EventFilters', 'BurstGuard', 'LinkedErrors', 'HttpContext', 'DebugIds', 'GlobalHandlers', 'BrowserApiErrors', 'CaptureConsole', 'HttpClient', 'Breadcrumbs', 'Sessions', 'Privacy']);
    expect(getClient<Client>()!.getIntegrationByName('BurstGuard')).toBeUndefined();
    const error = new Error('twice');
    captureException(error);
    captureException(error);
    const events = await sentEvents();
    expect(events).toHaveLength(2);
    expect(events[0].sdk!.integrations).toEqual(['EventFilters', 'LinkedErrors', 'HttpContext', 'DebugIds', 'GlobalHandlers', 'BrowserApiErrors', 'CaptureConsole', 'HttpClient', 'Breadcrumbs', 'Sessions', 'Privacy']);
  });

  it('replaces a default integration by one of the same name given in an array', async () => {
    const tagger: Integration = {
      name: 'Tagger',
      processEvent: (event) => ({ ...event, tags: { ...event.tags, tagged: 'yes' } }),
    };
    start({ integrations: [linkedErrorsIntegration({ limit: 1 }), tagger] });
    const chain = new Error('top', { cause: new Error('mid', { cause: new Error('root') }) });
    captureException(chain);
    captureException(new Error('Script error.'));
    const events = await sentEvents();
    expect(events).toHaveLength(1);
    expect(values(events[0]).map((v) => v.value)).toEqual(['mid', 'top']);
    expect(events[0].tags).toEqual({ tagged: 'yes' });
    expect(events[0].sdk!.integrations).toEqual(['EventFilters', 'BurstGuard', 'HttpContext', 'DebugIds', 'GlobalHandlers', 'BrowserApiErrors', 'CaptureConsole', 'HttpClient', 'Breadcrumbs', 'Sessions', 'Privacy', 'LinkedErrors', 'Tagger']);
  });

  it('lets an integration drop an event, reported as event_processor', async () => {
    start({ integrations: [{ name: 'DropAll', processEvent: () => null }] });
    captureException(new Error('x'));
    expect(await sentEvents()).toEqual([]);
    expect(await discarded()).toEqual([{ reason: 'event_processor', category: 'error', quantity: 1 }]);
  });

  it('runs integration setup once and its teardown on close', async () => {
    const teardown = vi.fn();
    const setup = vi.fn(() => teardown);
    start({ integrations: [{ name: 'Lifecycle', setup }] });
    expect(setup).toHaveBeenCalledTimes(1);
    expect(setup).toHaveBeenCalledWith(getClient());
    expect(teardown).not.toHaveBeenCalled();
    await close();
    expect(teardown).toHaveBeenCalledTimes(1);
  });

  it('survives an integration whose setup throws', async () => {
    start({
      integrations: [
        {
          name: 'Broken',
          setup() {
            throw new Error('broken setup');
          },
        },
      ],
    });
    captureException(new Error('still works'));
    expect(await sentEvents()).toHaveLength(1);
  });

  it('leaves out the defaults with defaultIntegrations: false', async () => {
    start({ defaultIntegrations: false });
    captureException(new Error('Script error.'));
    const event = await onlyEvent();
    expect(values(event)).toEqual([{ type: 'Error', value: 'Script error.' }]);
    expect(event).not.toHaveProperty('request');
    expect(event.sdk!.integrations).toEqual([]);
  });

  it('keeps only the given integrations with defaultIntegrations: false', async () => {
    start({ defaultIntegrations: false, integrations: [eventFiltersIntegration()] });
    captureException(new Error('Script error.'));
    expect(await sentEvents()).toEqual([]);
    expect(getClient<Client>()!.getIntegrationByName('EventFilters')).toBeDefined();
  });
});

describe('large events', () => {
  it('trims an event with a 2 MB extra string and 500 big breadcrumbs below maxEventBytes, and sends it', async () => {
    start({ maxBreadcrumbs: 500 });
    for (let i = 0; i < 500; i++) addBreadcrumb({ message: `crumb ${i}`, data: { blob: 'y'.repeat(5_000) } });
    setExtra('big', 'x'.repeat(2 * 1024 * 1024));
    captureException(new Error('huge'));
    await flush();
    expect(sent).toHaveLength(1);
    const envelope = parseEnvelope(sent[0].body);
    const item = envelope.items[0];
    expect(item.header.length).toBeLessThanOrEqual(900_000);
    const event = item.payload as Event;
    expect(values(event)).toEqual([{ type: 'Error', value: 'huge' }]);
    expect(event.exception!.values[0].stacktrace!.frames.length).toBeGreaterThan(0);
    expect(event.extra!.big).toBe(`${'x'.repeat(1024)}…`);
    expectValidEvent(event);
  });

  it('gives up the oldest breadcrumbs first, keeping the newest', async () => {
    start({ maxBreadcrumbs: 500, maxEventBytes: 200_000 });
    for (let i = 0; i < 500; i++) addBreadcrumb({ message: `crumb ${i}`, data: { blob: 'y'.repeat(1_000) } });
    setExtra('small', 'kept');
    captureException(new Error('many crumbs'));
    await flush();
    const item = parseEnvelope(sent[0].body).items[0];
    expect(item.header.length).toBeLessThanOrEqual(200_000);
    const event = item.payload as Event;
    const crumbs = (event.breadcrumbs as { values: Array<{ message: string; data: { blob: string } }> }).values;
    expect(crumbs.length).toBeGreaterThan(0);
    expect(crumbs.length).toBeLessThan(500);
    expect(crumbs.at(-1)!.message).toBe('crumb 499');
    expect(crumbs[0].data.blob).toHaveLength(1_000);
    expect(event.extra).toEqual({ small: 'kept' });
  });
});

describe('debug IDs', () => {
  afterEach(() => {
    delete (globalThis as { _sentryDebugIds?: unknown })._sentryDebugIds;
  });

  it('lists the debug ID of each file in the stack in debug_meta.images', async () => {
    const APP = 'https://shop.example.com/static/js/app.3f2a.js';
    const VENDOR = 'https://shop.example.com/static/js/vendor.9c1d.js';
    (globalThis as { _sentryDebugIds?: Record<string, string> })._sentryDebugIds = {
      [`Error\n    at ${APP}:1:100`]: '5b1c1c3e-0d6a-4a4b-9a55-6f1e1d2c3b4a',
      [`Error\n    at ${VENDOR}:1:80`]: '0f8c2a1d-3e4b-4c5d-8e6f-7a8b9c0d1e2f',
      [`Error\n    at https://shop.example.com/static/js/unused.js:1:1`]: '11111111-2222-4333-8444-555555555555',
    };
    start();
    const error = new Error('with debug ids');
    error.stack = `Error: with debug ids\n    at render (${APP}:2:30)\n    at loop (${VENDOR}:7:12)\n    at render2 (${APP}:9:1)`;
    captureException(error);
    const event = await onlyEvent();
    expect(event.debug_meta).toEqual({
      images: [
        { type: 'sourcemap', code_file: APP, debug_id: '5b1c1c3e-0d6a-4a4b-9a55-6f1e1d2c3b4a' },
        { type: 'sourcemap', code_file: VENDOR, debug_id: '0f8c2a1d-3e4b-4c5d-8e6f-7a8b9c0d1e2f' },
      ],
    });
    expectValidEvent(event);
  });

  it('adds no debug_meta without _sentryDebugIds', async () => {
    start();
    captureException(new Error('x'));
    expect(await onlyEvent()).not.toHaveProperty('debug_meta');
  });
});

describe('flush', () => {
  it('resolves true once everything was sent', async () => {
    start();
    captureException(new Error('x'));
    await expect(flush(1_000)).resolves.toBe(true);
    expect(sent).toHaveLength(1);
  });

  it('resolves false on timeout when the transport hangs', async () => {
    init({ dsn: DSN, transport: () => ({ send: () => new Promise(() => {}) }) });
    captureException(new Error('x'));
    await expect(flush(50)).resolves.toBe(false);
    // close() waits for the send like flush(): give it a timeout too.
    await expect(close(50)).resolves.toBe(false);
  });

  it('resolves false without a client', async () => {
    await close();
    await expect(flush(10)).resolves.toBe(false);
  });
});

describe('what beforeSend and event processors return (issue 12, point 3)', () => {
  it('sends an event that beforeSend gave a cyclic object and a BigInt, normalised', async () => {
    start({
      beforeSend(event) {
        const loop: Record<string, unknown> = { name: 'loop' };
        loop.self = loop;
        event.extra = { ...event.extra, loop, big: BigInt(12) };
        return event;
      },
    });
    captureException(new Error('edited'));
    const event = await onlyEvent();
    expect(event.extra).toEqual({ loop: { name: 'loop', self: '[Circular ~]' }, big: '[BigInt: 12]' });
    expect(await discarded()).toEqual([]);
  });

  it('sends an event that an integration made cyclic outside extra (request.data)', async () => {
    const cyclic: Integration = {
      name: 'Cyclic',
      processEvent(event) {
        const data: Record<string, unknown> = {};
        data.self = data;
        event.request = { ...event.request, data } as Event['request'];
        return event;
      },
    };
    start({ integrations: [cyclic] });
    captureException(new Error('cyclic request'));
    const event = await onlyEvent();
    expect((event.request as { data: unknown }).data).toEqual({ self: '[Circular ~]' });
  });

  it('counts a rejected async beforeSend as a before_send drop, not an internal error', async () => {
    start({ beforeSend: () => Promise.reject(new Error('async bug')) });
    captureException(new Error('x'));
    expect(await sentEvents()).toEqual([]);
    expect(await discarded()).toEqual([{ reason: 'before_send', category: 'error', quantity: 1 }]);
  });

  it('counts a rejected async event processor as an event_processor drop', async () => {
    start({ integrations: [{ name: 'Rejects', processEvent: () => Promise.reject(new Error('bug')) }] });
    captureException(new Error('x'));
    expect(await sentEvents()).toEqual([]);
    expect(await discarded()).toEqual([{ reason: 'event_processor', category: 'error', quantity: 1 }]);
  });
});

describe('capture contexts (issue 12, point 5)', () => {
  it("sends the event's fingerprint followed by the scope's", async () => {
    start();
    getCurrentScope().setFingerprint(['scope']);
    captureEvent({ message: 'x', fingerprint: ['{{ default }}', 'event'] });
    expect((await onlyEvent()).fingerprint).toEqual(['{{ default }}', 'event', 'scope']);
  });

  it('applies a scope callback given to captureException, to that event only', async () => {
    start();
    setTag('kept', 'yes');
    captureException(new Error('with callback'), (scope) => scope.setTag('from', 'callback').setFingerprint(['cb']));
    captureException(new Error('without'));
    const [first, second] = await sentEvents();
    expect(first.tags).toEqual({ kept: 'yes', from: 'callback' });
    expect(first.fingerprint).toEqual(['cb']);
    expect(second.tags).toEqual({ kept: 'yes' });
  });

  it('applies a Scope instance given to captureException', async () => {
    start();
    setTag('kept', 'yes');
    const scope = getCurrentScope().clone().clear().setTag('from', 'instance').setUser({ id: 'u1' }).setLevel('warning');
    captureException(new Error('with scope'), scope);
    const event = await onlyEvent();
    expect(event.tags).toEqual({ kept: 'yes', from: 'instance' });
    expect(event.user).toEqual({ id: 'u1' });
    expect(event.level).toBe('warning');
  });
});

describe('integrations on a disabled client (issue 12, point 8)', () => {
  it.each([
    ['no DSN', {}],
    ['enabled: false', { dsn: DSN, enabled: false }],
  ])('with %s, sets up no integration: console and onerror stay untouched', (_, options) => {
    const error = console.error;
    const onerror = window.onerror;
    const setup = vi.fn();
    const client = init({ transport, ...options, integrations: [{ name: 'Probe', setup }] })!;
    expect(setup).not.toHaveBeenCalled();
    expect(console.error).toBe(error);
    expect(window.onerror).toBe(onerror);
    expect(client.getIntegrationByName('GlobalHandlers')).toBeUndefined();
  });
});
