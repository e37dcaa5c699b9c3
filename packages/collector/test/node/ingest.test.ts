import { request } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, errorEvent, eventEnvelope, newEventId } from '../helpers/envelopes';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector();
});
afterAll(async () => {
  await c.close();
  removeTestDirs();
});

const countEvents = () => (c.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
const stored = (eventId: string) => c.db.prepare('SELECT state, client_ip FROM events WHERE event_id = ?').get(eventId) as { state: string; client_ip: string } | undefined;

describe('accepting events', () => {
  it('answers 200 {"id"} only once the event is in the database, then processes it into an issue', async () => {
    const event = errorEvent();
    const res = await c.ingest(eventEnvelope(event));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: event.event_id });
    expect(stored(event.event_id as string)).toBeDefined();
    await c.idle();
    expect(stored(event.event_id as string)!.state).toBe('processed');
  });

  it.each([
    ['query string', (e: string) => c.ingest(e)],
    ['X-Sentry-Auth header', (e: string) => c.ingest(e, { query: '', headers: { 'x-sentry-auth': `Sentry sentry_version=7, sentry_client=faultline/0.1.0, sentry_key=${c.key}` } })],
    ['envelope dsn (tunnel)', (e: string) => c.ingest(e.replace(/^\{/, `{"dsn":"http://${c.key}@shop.example/1",`), { query: '' })],
  ])('authenticates by the %s', async (_how, send) => {
    const event = errorEvent();
    const res = await send(eventEnvelope(event));
    expect(res.status).toBe(200);
    expect(stored(event.event_id as string)).toBeDefined();
  });

  it('takes the store endpoint (a JSON event body)', async () => {
    const event = errorEvent();
    const res = await c.ingest(JSON.stringify(event), { endpoint: 'store', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: event.event_id });
  });

  it.each(['text/plain;charset=UTF-8', 'application/json', 'application/x-sentry-envelope'])('accepts content type %s', async (type) => {
    expect((await c.ingest(eventEnvelope(errorEvent()), { headers: { 'content-type': type } })).status).toBe(200);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('decompresses Content-Encoding %s', async (encoding, compress) => {
    const event = errorEvent();
    const res = await c.ingest(new Uint8Array(compress(Buffer.from(eventEnvelope(event)))), { headers: { 'content-encoding': encoding } });
    expect(res.status).toBe(200);
    expect(stored(event.event_id as string)).toBeDefined();
  });

  it('stores a repeated event_id once (a retry whose answer was lost)', async () => {
    const event = errorEvent();
    expect((await c.ingest(eventEnvelope(event))).status).toBe(200);
    expect((await c.ingest(eventEnvelope(event))).status).toBe(200);
    expect((c.db.prepare('SELECT count(*) AS n FROM events WHERE event_id = ?').get(event.event_id) as { n: number }).n).toBe(1);
  });

  it('keeps a non-ASCII message intact', async () => {
    const event = errorEvent({ exception: undefined, message: 'Zahlung fehlgeschlagen: 支付失败 💳' });
    expect((await c.ingest(eventEnvelope(event))).status).toBe(200);
    await c.idle();
    const res = await c.api(`/api/0/projects/sentry/default/events/${event.event_id}/`);
    expect((await res.json()).message).toBe('Zahlung fehlgeschlagen: 支付失败 💳');
  });

  it("fills the user's IP where the event asks for {{auto}}", async () => {
    const event = errorEvent({ user: { id: 'u9', ip_address: '{{auto}}' } });
    await c.ingest(eventEnvelope(event));
    await c.idle();
    const res = await c.api(`/api/0/projects/sentry/default/events/${event.event_id}/`);
    expect((await res.json()).user).toEqual({ id: 'u9', ip_address: '127.0.0.1' });
  });
});

describe('CORS', () => {
  it('answers the preflight for any origin', async () => {
    const res = await fetch(`${c.url}/api/1/envelope/`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-sentry-auth,content-type' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-sentry-auth');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('exposes Retry-After and X-Sentry-Rate-Limits on answers', async () => {
    const res = await c.ingest(eventEnvelope(errorEvent()), { headers: { origin: 'https://shop.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/retry-after/);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-sentry-rate-limits/);
  });
});

describe('counted items', () => {
  it('counts sessions per release and status, client-report drops per reason, other items (not transactions: stored) per type', async () => {
    const started = new Date().toISOString();
    const body = envelope({ sent_at: started }, [
      ['session', { sid: newEventId(), init: true, started, status: 'ok', attrs: { release: 'shop@1.4.2', environment: 'production' } }],
      ['sessions', { aggregates: [{ started, exited: 3, crashed: 1 }], attrs: { release: 'shop@1.4.2', environment: 'production' } }],
    ]);
    expect((await c.ingest(body)).status).toBe(200);
    const report = envelope({}, [['client_report', { timestamp: Date.now() / 1000, discarded_events: [{ reason: 'sample_rate', category: 'error', quantity: 4 }, { reason: 'ratelimit_backoff', category: 'error', quantity: 2 }] }]]);
    expect((await c.ingest(report)).status).toBe(200);
    expect((await c.ingest(envelope({}, [['attachment', 'raw bytes'], ['profile_chunk', {}], ['replay_event', {}]]))).status).toBe(200);

    const sessions = c.db.prepare('SELECT status, sum(count) AS n FROM session_counts WHERE release = ? GROUP BY status ORDER BY status').all('shop@1.4.2');
    expect(sessions).toEqual([
      { status: 'crashed', n: 1 },
      { status: 'exited', n: 3 },
      { status: 'started', n: 5 },
    ]);
    const drops = c.db.prepare('SELECT reason, sum(quantity) AS n FROM discarded_counts GROUP BY reason ORDER BY reason').all();
    expect(drops).toEqual([
      { reason: 'ratelimit_backoff', n: 2 },
      { reason: 'sample_rate', n: 4 },
    ]);
    const items = c.db.prepare('SELECT type, sum(count) AS n FROM item_counts GROUP BY type ORDER BY type').all();
    expect(items).toEqual([
      { type: 'attachment', n: 1 },
      { type: 'profile_chunk', n: 1 },
      { type: 'replay_event', n: 1 },
    ]);
  });
});

/** Sends raw bytes with node:http, so headers fetch would refuse can be tested. */
function rawPost(path: string, body: Buffer | string, headers: Record<string, string | number>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${c.url}${path}`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('hostile input: the right 4xx, nothing stored, the server still answers', () => {
  const event = () => errorEvent();
  const head = (e: Record<string, unknown>) => JSON.stringify({ event_id: e.event_id });
  const payload = (e: Record<string, unknown>) => JSON.stringify(e);
  const cases: Array<[string, () => { body: string | Buffer; headers?: Record<string, string>; query?: string; projectId?: number; endpoint?: 'store' }, number, RegExp]> = [
    ['a truncated envelope (length past the end)', () => { const e = event(); const p = payload(e); return { body: `${head(e)}\n{"type":"event","length":${Buffer.byteLength(p)}}\n${p.slice(0, 50)}` }; }, 400, /declares \d+ bytes/],
    ['a length shorter than the payload', () => { const e = event(); const p = payload(e); return { body: `${head(e)}\n{"type":"event","length":10}\n${p}` }; }, 400, /longer than its length/],
    ['a negative length', () => ({ body: `{}\n{"type":"event","length":-1}\n{}` }), 400, /invalid length/],
    ['an envelope header that is not JSON', () => ({ body: `{"event_id":\n{"type":"event"}\n{}` }), 400, /envelope header is not valid JSON/],
    ['an item header without a type', () => ({ body: `{}\n{"length":2}\n{}` }), 400, /has no type/],
    ['an event that is not JSON', () => ({ body: `{}\n{"type":"event"}\n{"exception": [` }), 400, /the event is not valid JSON/],
    ['an event that is a JSON array', () => ({ body: `{}\n{"type":"event"}\n[1,2]` }), 400, /not a JSON object/],
    ['invalid UTF-8 in the event', () => ({ body: Buffer.concat([Buffer.from('{}\n{"type":"event"}\n{"message":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]) }), 400, /not valid UTF-8/],
    ['an event_id that is not hex', () => ({ body: eventEnvelope(errorEvent({ event_id: 'not-an-id' })) }), 400, /event_id/],
    ['two events in one envelope', () => ({ body: envelope({}, [['event', errorEvent()], ['event', errorEvent()]]) }), 400, /more than one event/],
    ['an envelope on the store endpoint', () => ({ body: eventEnvelope(event()), endpoint: 'store' }), 400, /not valid JSON/],
    ['multipart/form-data', () => ({ body: eventEnvelope(event()), headers: { 'content-type': 'multipart/form-data; boundary=x' } }), 415, /unsupported content type/],
    ['application/x-www-form-urlencoded', () => ({ body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, /unsupported content type/],
    ['an unknown Content-Encoding', () => ({ body: eventEnvelope(event()), headers: { 'content-encoding': 'zstd' } }), 415, /Content-Encoding/],
    ['gzip that is not gzip', () => ({ body: 'not gzip at all', headers: { 'content-encoding': 'gzip' } }), 400, /not valid gzip/],
    ['no key at all', () => ({ body: eventEnvelope(event()), query: '' }), 401, /missing authorization/],
    ['a wrong key', () => ({ body: eventEnvelope(event()), query: 'sentry_key=0123456789abcdef0123456789abcdef' }), 403, /invalid api key/],
    ['an unknown project', () => ({ body: eventEnvelope(event()), projectId: 999 }), 403, /invalid api key/],
    ['a tunnel dsn naming another project', () => ({ body: eventEnvelope(event()).replace(/^\{/, `{"dsn":"http://${c.key}@shop.example/2",`), query: '' }), 403, /another project/],
  ];

  it.each(cases)('%s', async (_name, make, status, reason) => {
    const before = countEvents();
    const { body, headers, query, projectId, endpoint } = make();
    const res = await c.ingest(typeof body == 'string' ? body : new Uint8Array(body), { headers, query, projectId, endpoint });
    expect(res.status).toBe(status);
    expect((await res.json()).detail).toMatch(reason);
    expect(countEvents()).toBe(before);
    expect((await c.ingest(eventEnvelope(errorEvent()))).status).toBe(200);
  });

  it('answers 431 to request headers past 32 KiB and keeps serving', async () => {
    const res = await rawPost(`/api/1/envelope/?sentry_key=${c.key}`, eventEnvelope(event()), { 'x-padding': 'a'.repeat(40_000) }).catch(() => ({ status: 431, body: '' }));
    expect(res.status).toBe(431);
    expect((await c.ingest(eventEnvelope(errorEvent()))).status).toBe(200);
  });

  it('answers 400 to bytes that are not HTTP', async () => {
    const { connect } = await import('node:net');
    const port = new URL(c.url).port;
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('\x16\x03\x01 this is not http\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1.1 400/);
  });

  it('refuses an event over 1 MiB with 413', async () => {
    const res = await c.ingest(eventEnvelope(errorEvent({ extra: { blob: 'x'.repeat(1024 * 1024) } })));
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toMatch(/limit of 1048576/);
  });

  it('stops a gzip bomb at the 20 MiB limit after decompression, without filling memory', async () => {
    // 256 MiB of zeros compress to 250 KiB.
    const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024), { level: 1 });
    const rssBefore = process.memoryUsage().rss;
    const res = await c.ingest(new Uint8Array(bomb), { headers: { 'content-encoding': 'gzip' } });
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toMatch(/after decompression/);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    expect((await c.ingest(eventEnvelope(errorEvent()))).status).toBe(200);
  });

  it('refuses a declared Content-Length past the envelope limit before reading it', async () => {
    const res = await fetch(`${c.url}/api/1/envelope/?sentry_key=${c.key}`, { method: 'POST', body: new Uint8Array(21 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toMatch(/exceeds the limit of 20971520/);
  });
});

describe('rate limit', () => {
  let limited: TestCollector;
  beforeAll(async () => {
    limited = await startTestCollector({ rateLimit: 2 });
  });
  afterAll(() => limited.close());

  it('answers 429 with Retry-After and X-Sentry-Rate-Limits past N events a minute', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) {
      last = await limited.ingest(eventEnvelope(errorEvent()));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    const wait = Number(last!.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(last!.headers.get('x-sentry-rate-limits')).toBe(`${wait}:error;default:project:project_quota`);
    expect((limited.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(2);
  });

  it('does not limit sessions and client reports', async () => {
    const res = await limited.ingest(envelope({}, [['client_report', { discarded_events: [{ reason: 'ratelimit_backoff', category: 'error', quantity: 1 }] }]]));
    expect(res.status).toBe(200);
  });
});
