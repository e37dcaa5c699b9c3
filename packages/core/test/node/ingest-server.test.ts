import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startIngest, type Ingest } from '../helpers/ingest-server';

let ingest: Ingest;

beforeAll(async () => {
  ingest = await startIngest();
});
afterAll(() => ingest.close());
beforeEach(() => ingest.reset());

const EVENT_ID = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const TEXT = 'ü 日本 🎉';

function envelope(payload: string, length: number | undefined, extraItems = ''): string {
  const itemHeader = JSON.stringify(length === undefined ? { type: 'event' } : { type: 'event', length });
  return `${JSON.stringify({ event_id: EVENT_ID, sent_at: new Date().toISOString() })}\n${itemHeader}\n${payload}\n${extraItems}`;
}

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(ingest.url + path, { method: 'POST', body, headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers } });
}

const AUTH = '?sentry_key=public&sentry_version=7&sentry_client=test%2F1.0';
const eventPayload = JSON.stringify({ event_id: EVENT_ID, message: TEXT });

describe('test ingest', () => {
  it('accepts an envelope whose length counts UTF-8 bytes, and parses it', async () => {
    const res = await post(`/api/5/envelope/${AUTH}`, envelope(eventPayload, Buffer.byteLength(eventPayload)));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: EVENT_ID });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(ingest.events).toEqual([{ event_id: EVENT_ID, message: TEXT }]);
    const [request] = ingest.requests;
    expect(request).toMatchObject({ kind: 'envelope', projectId: '5', auth: { via: 'query', key: 'public', version: '7', client: 'test/1.0' } });
    expect(request.corsSimple).toBe(true);
    expect(ingest.envelopes[0].header.event_id).toBe(EVENT_ID);
  });

  it('accepts items without length, several items, and records client reports', async () => {
    const report = JSON.stringify({ timestamp: 1, discarded_events: [{ reason: 'sample_rate', category: 'error', quantity: 2 }] });
    const body = envelope(eventPayload, undefined, `{"type":"client_report"}\n${report}`);
    expect((await post(`/sentry/api/5/envelope/${AUTH}`, body)).status).toBe(200);
    expect(ingest.events).toHaveLength(1);
    expect(await ingest.waitForClientReports(1)).toEqual([JSON.parse(report)]);
  });

  it('rejects a length that counts string characters instead of bytes', async () => {
    const res = await post(`/api/5/envelope/${AUTH}`, envelope(eventPayload, eventPayload.length));
    expect(res.status).toBe(400);
    expect(ingest.events).toEqual([]);
    expect(ingest.parseErrors).toHaveLength(1);
    expect(ingest.parseErrors[0].rejection?.message).toMatch(/length \d+ is wrong/);
  });

  it('accepts a store request with one JSON event', async () => {
    const res = await post(`/api/7/store/${AUTH}`, eventPayload);
    expect(res.status).toBe(200);
    expect(ingest.requests[0]).toMatchObject({ kind: 'store', projectId: '7' });
    expect(ingest.events).toEqual([{ event_id: EVENT_ID, message: TEXT }]);
  });

  it('accepts auth in the X-Sentry-Auth header and records it as custom', async () => {
    const auth = 'Sentry sentry_version=7, sentry_client=test/1.0, sentry_key=abc';
    const res = await post('/api/5/store/', eventPayload, { 'X-Sentry-Auth': auth });
    expect(res.status).toBe(200);
    expect(ingest.requests[0].auth).toEqual({ via: 'header', key: 'abc', version: '7', client: 'test/1.0' });
    expect(ingest.requests[0].customHeaders).toEqual(['x-sentry-auth']);
    expect(ingest.requests[0].corsSimple).toBe(false);
  });

  it('refuses requests without a key with 403', async () => {
    const res = await post('/api/5/envelope/', envelope(eventPayload, undefined));
    expect(res.status).toBe(403);
    expect(ingest.rejections.map((r) => r.rejection?.reason)).toEqual(['auth']);
    expect(ingest.events).toEqual([]);
  });

  it('answers with scripted responses, exposing rate-limit headers', async () => {
    ingest.respondWith(() => ({ status: 429, headers: { 'Retry-After': '60' } }));
    const res = await post(`/api/5/envelope/${AUTH}`, envelope(eventPayload, undefined));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/retry-after/);
    // Refused by the (scripted) server: received, but not stored.
    expect(ingest.requests[0].events).toHaveLength(1);
    expect(ingest.events).toEqual([]);
  });

  it('records preflights', async () => {
    const res = await fetch(`${ingest.url}/api/5/envelope/`, {
      method: 'OPTIONS',
      headers: { Origin: ingest.pagesUrl, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, x-sentry-auth' },
    });
    expect(res.status).toBe(200);
    expect(ingest.preflights).toMatchObject([{ path: '/api/5/envelope/', requestMethod: 'POST', requestHeaders: ['content-type', 'x-sentry-auth'] }]);
  });

  it('takes tunnel envelopes keyed by the dsn in their header', async () => {
    const body = `${JSON.stringify({ dsn: ingest.dsn(), event_id: EVENT_ID })}\n{"type":"event"}\n${eventPayload}`;
    const res = await fetch(ingest.tunnelUrl, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(ingest.requests[0]).toMatchObject({ kind: 'tunnel', auth: { via: 'envelope', key: 'public' } });
  });

  it('serves inline pages and simple routes, and explains timeouts', async () => {
    const url = ingest.page('<title>hi</title>');
    expect(url.startsWith(ingest.pagesUrl)).toBe(true);
    const page = await fetch(url);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toBe('<title>hi</title>');
    expect((await fetch(`${ingest.url}/ok`)).status).toBe(200);
    expect((await fetch(`${ingest.url}/status/503`)).status).toBe(503);
    expect(ingest.otherRequests.map((r) => `${r.path} ${r.status}`)).toEqual(['/ok 200', '/status/503 503']);
    expect(ingest.dsn(3, 'k')).toBe(`http://k@${ingest.url.slice(7)}/3`);
    await expect(ingest.waitForEvents(1, 50)).rejects.toThrow(/waiting for 1 event\(s\)[\s\S]*Ingest requests \(0\)/);
  });
});
