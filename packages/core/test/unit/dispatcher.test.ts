import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../src/transport/dispatcher';
import type { DataCategory, DropReason, Envelope, Transport, TransportResponse } from '../../src/types';

interface Drop {
  reason: DropReason;
  category: DataCategory;
  eventId?: string;
}

function envelope(eventId: string, category: DataCategory = 'error'): Envelope {
  return { category, eventId, body: `{"event_id":"${eventId}"}`, url: 'https://h.io/api/5/envelope/?sentry_key=k' };
}

/** A transport answering with the given responses in turn (200 once they run out). */
function fakeTransport(...responses: Array<TransportResponse | Error>) {
  const sent: Envelope[] = [];
  const transport: Transport = {
    send(e) {
      sent.push(e);
      const next = responses.shift() || { statusCode: 200 };
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  };
  return { transport, sent };
}

function setup(transport: Transport, bufferSize = 64) {
  const drops: Drop[] = [];
  const logs: string[] = [];
  const dispatcher = createDispatcher({
    transport,
    bufferSize,
    onDrop: (reason, category, e) => drops.push({ reason, category, eventId: e.eventId }),
    log: (m) => logs.push(m),
  });
  return { dispatcher, drops, logs };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('dispatcher: rate limits', () => {
  it('blocks every category for Retry-After seconds after a 429, then sends again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const { transport, sent } = fakeTransport({ statusCode: 429, headers: { 'retry-after': '30', 'x-sentry-rate-limits': null } });
    const { dispatcher, drops } = setup(transport);

    await dispatcher.send(envelope('a'));
    // The 429 itself is counted by the server, not by the client.
    expect(drops).toEqual([]);

    await dispatcher.send(envelope('b'));
    await dispatcher.send(envelope('c', 'internal'));
    expect(sent.map((e) => e.eventId)).toEqual(['a']);
    expect(drops).toEqual([
      { reason: 'ratelimit_backoff', category: 'error', eventId: 'b' },
      { reason: 'ratelimit_backoff', category: 'internal', eventId: 'c' },
    ]);

    vi.setSystemTime(1_700_000_000_000 + 29_999);
    await dispatcher.send(envelope('d'));
    expect(sent).toHaveLength(1);

    vi.setSystemTime(1_700_000_000_000 + 30_000);
    await dispatcher.send(envelope('e'));
    expect(sent.map((e) => e.eventId)).toEqual(['a', 'e']);
    expect(drops.map((d) => d.eventId)).toEqual(['b', 'c', 'd']);
  });

  it('blocks only the categories X-Sentry-Rate-Limits names', async () => {
    const { transport, sent } = fakeTransport({ statusCode: 429, headers: { 'x-sentry-rate-limits': '60:error:key' } });
    const { dispatcher, drops } = setup(transport);

    await dispatcher.send(envelope('a'));
    await dispatcher.send(envelope('b'));
    await dispatcher.send(envelope('report', 'internal'));
    await dispatcher.send(envelope('c'));

    expect(sent.map((e) => e.eventId)).toEqual(['a', 'report']);
    expect(drops).toEqual([
      { reason: 'ratelimit_backoff', category: 'error', eventId: 'b' },
      { reason: 'ratelimit_backoff', category: 'error', eventId: 'c' },
    ]);
  });

  it('blocks everything for 60 s after a bare 429', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const { transport, sent } = fakeTransport({ statusCode: 429 });
    const { dispatcher, drops } = setup(transport);

    await dispatcher.send(envelope('a'));
    vi.setSystemTime(1_700_000_000_000 + 59_000);
    await dispatcher.send(envelope('b'));
    vi.setSystemTime(1_700_000_000_000 + 60_000);
    await dispatcher.send(envelope('c'));

    expect(sent.map((e) => e.eventId)).toEqual(['a', 'c']);
    expect(drops).toEqual([{ reason: 'ratelimit_backoff', category: 'error', eventId: 'b' }]);
  });

  it('honours a limit sent with a 200', async () => {
    const { transport, sent } = fakeTransport({ statusCode: 200, headers: { 'x-sentry-rate-limits': '60::organization' } });
    const { dispatcher, drops } = setup(transport);
    await dispatcher.send(envelope('a'));
    await dispatcher.send(envelope('b'));
    expect(sent).toHaveLength(1);
    expect(drops).toEqual([{ reason: 'ratelimit_backoff', category: 'error', eventId: 'b' }]);
  });
});

describe('dispatcher: failures', () => {
  it('drops as queue_overflow beyond bufferSize sends in flight, and takes new ones once some settle', async () => {
    const resolvers: Array<(r: TransportResponse) => void> = [];
    const sent: string[] = [];
    const transport: Transport = {
      send: (e) => {
        sent.push(e.eventId!);
        return new Promise((resolve) => resolvers.push(resolve));
      },
    };
    const { dispatcher, drops } = setup(transport, 2);

    const first = dispatcher.send(envelope('a'));
    dispatcher.send(envelope('b'));
    await dispatcher.send(envelope('c'));
    expect(sent).toEqual(['a', 'b']);
    expect(drops).toEqual([{ reason: 'queue_overflow', category: 'error', eventId: 'c' }]);

    resolvers[0]({ statusCode: 200 });
    await first;
    dispatcher.send(envelope('d'));
    expect(sent).toEqual(['a', 'b', 'd']);
    expect(drops).toHaveLength(1);
  });

  it('delivers a burst of 100 through 6 requests at a time, dropping none', async () => {
    let active = 0;
    let most = 0;
    const sent: string[] = [];
    const transport: Transport = {
      send: (e) => {
        sent.push(e.eventId!);
        most = Math.max(most, ++active);
        return new Promise((resolve) => setTimeout(() => (active--, resolve({ statusCode: 200 })), 1));
      },
    };
    const { dispatcher, drops } = setup(transport, 128);
    const ids = Array.from({ length: 100 }, (_, i) => `e${i}`);
    for (const id of ids) dispatcher.send(envelope(id));
    expect(await dispatcher.flush(5000)).toBe(true);
    expect(sent).toEqual(ids);
    expect(most).toBe(6);
    expect(drops).toEqual([]);
  });

  it('drops what still waits when a rate limit begins, and counts it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const resolvers: Array<(r: TransportResponse) => void> = [];
    const sent: string[] = [];
    const transport: Transport = {
      send: (e) => {
        sent.push(e.eventId!);
        return new Promise((resolve) => resolvers.push(resolve));
      },
    };
    const { dispatcher, drops } = setup(transport);
    for (let i = 0; i < 8; i++) dispatcher.send(envelope(`e${i}`));
    expect(sent).toHaveLength(6);
    resolvers[0]({ statusCode: 429, headers: { 'retry-after': '60' } });
    for (const resolve of resolvers.slice(1)) resolve({ statusCode: 200 });
    await dispatcher.flush();
    expect(sent).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
    expect(drops).toEqual([
      { reason: 'ratelimit_backoff', category: 'error', eventId: 'e6' },
      { reason: 'ratelimit_backoff', category: 'error', eventId: 'e7' },
    ]);
  });

  it('drops as network_error when the transport rejects', async () => {
    const { transport } = fakeTransport(new TypeError('Failed to fetch'));
    const { dispatcher, drops, logs } = setup(transport);
    await expect(dispatcher.send(envelope('a'))).resolves.toBeUndefined();
    expect(drops).toEqual([{ reason: 'network_error', category: 'error', eventId: 'a' }]);
    expect(logs.join('\n')).not.toContain('undefined');
  });

  it('drops as internal_sdk_error, without throwing, when the transport throws synchronously', async () => {
    const transport: Transport = {
      send() {
        throw new Error('bad transport');
      },
    };
    const { dispatcher, drops } = setup(transport);
    let result: Promise<void> | undefined;
    expect(() => {
      result = dispatcher.send(envelope('a'));
    }).not.toThrow();
    await expect(result).resolves.toBeUndefined();
    expect(drops).toEqual([{ reason: 'internal_sdk_error', category: 'error', eventId: 'a' }]);
    // Nothing stays in flight: flush resolves at once.
    await expect(dispatcher.flush(1000)).resolves.toBe(true);
  });

  it.each([400, 403, 413, 500, 503])('drops as send_error on a %i', async (statusCode) => {
    const { transport } = fakeTransport({ statusCode });
    const { dispatcher, drops } = setup(transport);
    await dispatcher.send(envelope('a'));
    expect(drops).toEqual([{ reason: 'send_error', category: 'error', eventId: 'a' }]);
  });

  it('does not count a 200, a 202 or a transport that answers nothing', async () => {
    const transport: Transport = { send: () => Promise.resolve() };
    const { dispatcher, drops } = setup(transport);
    await dispatcher.send(envelope('a'));
    const other = setup(fakeTransport({ statusCode: 200 }, { statusCode: 202 }).transport);
    await other.dispatcher.send(envelope('b'));
    await other.dispatcher.send(envelope('c'));
    expect(drops).toEqual([]);
    expect(other.drops).toEqual([]);
  });

  it('accepts a transport returning a non-Promise thenable', async () => {
    const transport: Transport = {
      send: () => ({ then: (ok?: ((r: TransportResponse) => unknown) | null) => (ok ? ok({ statusCode: 500 }) : undefined) }) as PromiseLike<TransportResponse>,
    };
    const { dispatcher, drops } = setup(transport);
    await dispatcher.send(envelope('a'));
    expect(drops).toEqual([{ reason: 'send_error', category: 'error', eventId: 'a' }]);
  });
});

describe('dispatcher: flush', () => {
  it('resolves true once every send in flight has completed', async () => {
    let resolve!: (r: TransportResponse) => void;
    let done = false;
    const transport: Transport = {
      send: () =>
        new Promise<TransportResponse>((r) => {
          resolve = r;
        }).then((r) => {
          done = true;
          return r;
        }),
    };
    const { dispatcher } = setup(transport);
    dispatcher.send(envelope('a'));
    const flushed = dispatcher.flush(5_000);
    setTimeout(() => resolve({ statusCode: 200 }), 20);
    await expect(flushed).resolves.toBe(true);
    expect(done).toBe(true);
  });

  it('resolves true at once with nothing in flight, with or without a timeout', async () => {
    const { dispatcher } = setup(fakeTransport().transport);
    await expect(dispatcher.flush()).resolves.toBe(true);
    await expect(dispatcher.flush(10)).resolves.toBe(true);
  });

  it('resolves false after the timeout when the transport hangs', async () => {
    const transport: Transport = { send: () => new Promise<TransportResponse>(() => {}) };
    const { dispatcher } = setup(transport);
    dispatcher.send(envelope('a'));
    const started = Date.now();
    await expect(dispatcher.flush(50)).resolves.toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("asks the transport's own flush, and resolves false when it says false or fails", async () => {
    const says = (result: boolean | Error): Transport => ({
      send: () => Promise.resolve({ statusCode: 200 }),
      flush: () => (result instanceof Error ? Promise.reject(result) : Promise.resolve(result)),
    });
    await expect(setup(says(true)).dispatcher.flush(100)).resolves.toBe(true);
    await expect(setup(says(false)).dispatcher.flush(100)).resolves.toBe(false);
    await expect(setup(says(new Error('x'))).dispatcher.flush(100)).resolves.toBe(false);
  });
});

describe('with a retry queue (_retry set)', () => {
  it.each([
    ['a network error', new Error('offline')],
    ['503', { statusCode: 503 }],
    ['429', { statusCode: 429, headers: { 'retry-after': '1' } }],
  ] as Array<[string, TransportResponse | Error]>)('hands %s to the queue instead of dropping it', async (_, answer) => {
    const { transport } = fakeTransport(answer);
    const drops: DropReason[] = [];
    const kept: string[] = [];
    const dispatcher = createDispatcher({ transport, bufferSize: 8, onDrop: (reason) => drops.push(reason), log: () => undefined, _retry: (e) => kept.push(e.eventId!) });
    await dispatcher.send(envelope('e1'));
    expect(kept).toEqual(['e1']);
    expect(drops).toEqual([]);
  });

  it('drops a 400 as final (send_error); a success calls _onSent', async () => {
    const { transport } = fakeTransport({ statusCode: 400 }, { statusCode: 200 });
    const drops: Drop[] = [];
    const kept: string[] = [];
    let sent = 0;
    const dispatcher = createDispatcher({
      transport,
      bufferSize: 8,
      onDrop: (reason, category, e) => drops.push({ reason, category, eventId: e.eventId }),
      log: () => undefined,
      _retry: (e) => kept.push(e.eventId!),
      _onSent: () => sent++,
    });
    expect(await dispatcher._attempt(envelope('e1'))).toBe(false);
    expect(await dispatcher._attempt(envelope('e2'))).toBe(false);
    expect(drops).toEqual([{ reason: 'send_error', category: 'error', eventId: 'e1' }]);
    expect(kept).toEqual([]);
    expect(sent).toBe(1);
  });
});
