import { describe, expect, it } from 'vitest';
import { navigationSpans } from '../../src/navigation-spans';
import { resourceSpans } from '../../src/resource-spans';
import { toSeconds } from '../../src/time';
import { addSpan, createTransaction, MAX_SPANS, statusFromHttp } from '../../src/transaction';

describe('navigationSpans', () => {
  it('gives one span per phase that happened, op browser, in seconds since the epoch', () => {
    const entry = {
      redirectStart: 0,
      redirectEnd: 0,
      fetchStart: 2,
      domainLookupStart: 3,
      domainLookupEnd: 8,
      connectStart: 8,
      connectEnd: 20,
      secureConnectionStart: 0,
      requestStart: 21,
      responseStart: 60,
      responseEnd: 70,
      domInteractive: 150,
      domContentLoadedEventStart: 151,
      domContentLoadedEventEnd: 155,
      loadEventStart: 300,
      loadEventEnd: 302,
    } as unknown as PerformanceNavigationTiming;
    const spans = navigationSpans(entry);
    expect(spans.map((s) => s.description)).toEqual(['DNS', 'connect', 'request', 'response', 'DOM processing', 'domContentLoadedEvent', 'loadEvent']);
    expect(spans.every((s) => s.op == 'browser')).toBe(true);
    expect(spans[0]).toEqual({ op: 'browser', description: 'DNS', start_timestamp: toSeconds(3), timestamp: toSeconds(8) });
    expect(navigationSpans(undefined)).toEqual([]);
  });
});

describe('resourceSpans', () => {
  const entry = (name: string, initiatorType: string, startTime = 10) =>
    ({
      name,
      initiatorType,
      startTime,
      responseEnd: startTime + 5,
      duration: 5,
      transferSize: 300,
      encodedBodySize: 200,
      decodedBodySize: 900,
    } as PerformanceResourceTiming);

  it('groups by initiator in the op, leaves out fetch/XHR and own sends, keeps at most max', () => {
    const entries = [
      entry('http://localhost:3000/app.js?token=s', 'script'),
      entry('http://localhost:3000/api', 'fetch'),
      entry('https://cdn.example/hero.png', 'img'),
      entry('http://ingest/api/1/envelope/', 'xmlhttprequest'),
      entry('http://ingest/own.gif', 'img'),
      entry('http://localhost:3000/style.css', 'link'),
    ];
    const spans = resourceSpans(entries, 2, (url) => url.startsWith('http://ingest/'));
    expect(spans).toEqual([
      {
        op: 'resource.script',
        description: '/app.js?token=[Filtered]',
        start_timestamp: toSeconds(10),
        timestamp: toSeconds(15),
        data: { 'http.response_transfer_size': 300, 'http.decoded_response_content_length': 900 },
      },
      expect.objectContaining({ op: 'resource.img', description: 'https://cdn.example/hero.png' }),
    ]);
  });
});

describe('transaction model', () => {
  it('children carry the trace and the parent, and stop at MAX_SPANS or once ended', () => {
    const t = createTransaction({ name: '/', op: 'pageload', source: 'url', traceId: 'a'.repeat(32), sampled: true, rate: 1, start: 1 });
    expect(t.spanId).toMatch(/^[0-9a-f]{16}$/);
    const span = addSpan(t, { op: 'x', start_timestamp: 1, timestamp: 2 });
    expect(span).toMatchObject({ parent_span_id: t.spanId, trace_id: t.traceId });
    expect(span!.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(addSpan(t, { op: 'backwards', start_timestamp: 2, timestamp: 1 })).toBeUndefined();
    for (let i = 0; i < MAX_SPANS + 5; i++) addSpan(t, { op: 'x', start_timestamp: 1, timestamp: 2 });
    expect(t.spans.length).toBe(MAX_SPANS);
  });

  it.each([
    [200, 'ok'],
    [304, 'ok'],
    [403, 'permission_denied'],
    [404, 'not_found'],
    [418, 'invalid_argument'],
    [429, 'resource_exhausted'],
    [500, 'internal_error'],
    [503, 'internal_error'],
    [0, 'unknown_error'],
  ])('HTTP %s is span status %s', (code, status) => expect(statusFromHttp(code)).toBe(status));
});
