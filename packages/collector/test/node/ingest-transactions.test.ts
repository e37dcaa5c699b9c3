// Transactions through the real ingest: stored before the 200, once per event_id, refused with
// Relay's status codes and a reason, rate-limited in a category of their own, kept as long as events.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, errorEvent, eventEnvelope } from '../helpers/envelopes';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';
import { hexId, transactionEnvelope, transactionEvent } from '../helpers/transactions';

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector();
});
afterAll(async () => {
  await c.close();
  removeTestDirs();
});

type Row = { name: string; op: string; duration_ms: number; trace_id: string; lcp: number | null; cls: number | null; inp: number | null; span_count: number; spans_dropped: number; environment: string; release: string };
const row = (eventId: unknown) => c.db.prepare('SELECT * FROM transactions WHERE event_id = ?').get(eventId) as Row | undefined;
const count = () => (c.db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;

describe('storing transactions', () => {
  it('answers 200 {"id"} with the transaction already stored: name, op, duration, trace id, vitals in ms, spans', async () => {
    const tx = transactionEvent({ name: '/cart', durationMs: 1500, vitals: { lcp: 2100, fcp: 900, cls: 0.04, ttfb: 120 } });
    const res = await c.ingest(transactionEnvelope(tx));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: tx.event_id });
    expect(row(tx.event_id)).toMatchObject({ name: '/cart', op: 'pageload', trace_id: (tx.contexts as { trace: { trace_id: string } }).trace.trace_id, lcp: 2100, cls: 0.04, inp: null, span_count: 2, spans_dropped: 0, environment: 'production', release: 'shop@1.4.2' });
    expect(row(tx.event_id)!.duration_ms).toBeCloseTo(1500, 3);
  });

  it('stores a retried envelope once', async () => {
    const tx = transactionEvent({ name: '/retried' });
    const before = count();
    for (let i = 0; i < 3; i++) expect((await c.ingest(transactionEnvelope(tx))).status).toBe(200);
    expect(count()).toBe(before + 1);
  });

  it('converts measurements in seconds to milliseconds', async () => {
    const tx = transactionEvent({ name: '/seconds' });
    tx.measurements = { lcp: { value: 2.5, unit: 'second' }, 'custom.thing': { value: 3, unit: 'none' }, broken: { value: 'x' } };
    expect((await c.ingest(transactionEnvelope(tx))).status).toBe(200);
    expect(row(tx.event_id)!.lcp).toBe(2500);
    expect(JSON.parse((c.db.prepare('SELECT measurements FROM transactions WHERE event_id = ?').get(tx.event_id) as { measurements: string }).measurements)).toEqual({ lcp: { value: 2.5, unit: 'second' }, 'custom.thing': { value: 3, unit: 'none' } });
  });

  it('keeps the first 1,000 spans and counts the rest', async () => {
    const traceId = hexId(16);
    const start = Date.now() / 1000 - 5;
    const spans = Array.from({ length: 1200 }, (_, i) => ({ span_id: hexId(8), trace_id: traceId, op: 'resource.script', description: `/s${i}.js`, start_timestamp: start + i / 1000, timestamp: start + i / 1000 + 0.01 }));
    const tx = transactionEvent({ traceId, spans, end: start + 4 });
    expect((await c.ingest(transactionEnvelope(tx))).status).toBe(200);
    expect(row(tx.event_id)).toMatchObject({ span_count: 1000, spans_dropped: 200 });
    const payload = JSON.parse((c.db.prepare('SELECT payload FROM transactions WHERE event_id = ?').get(tx.event_id) as { payload: string }).payload);
    expect(payload.spans).toHaveLength(1000);
  });

  it('stores a transaction posted to /store/ (older SDKs) as a transaction, not as an error', async () => {
    const tx = transactionEvent({ name: '/legacy-store' });
    const events = () => (c.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const before = events();
    const res = await c.ingest(JSON.stringify(tx), { endpoint: 'store' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: tx.event_id });
    expect(row(tx.event_id)).toMatchObject({ name: '/legacy-store', op: 'pageload' });
    expect(events()).toBe(before);
  });

  it('makes an error findable by its contexts.trace.trace_id', async () => {
    const traceId = hexId(16);
    const error = errorEvent({ contexts: { trace: { trace_id: traceId, span_id: hexId(8) } } });
    expect((await c.ingest(eventEnvelope(error))).status).toBe(200);
    await c.idle();
    expect(c.db.prepare('SELECT event_id, state FROM events WHERE project_id = 1 AND trace_id = ?').all(traceId)).toEqual([{ event_id: error.event_id, state: 'processed' }]);
  });
});

describe('standalone spans (how @sentry/browser sends INP)', () => {
  /** A span as Sentry's SDK 10 sends INP: the route in `data.transaction`, the value in `measurements`. */
  const inpSpan = (overrides: Record<string, unknown> = {}) => {
    const start = Date.now() / 1000 - 2;
    return {
      span_id: hexId(8),
      trace_id: hexId(16),
      parent_span_id: hexId(8),
      op: 'ui.interaction.click',
      description: 'body > button#slow',
      origin: 'auto.http.browser.inp',
      start_timestamp: start,
      timestamp: start + 0.2,
      data: { 'sentry.op': 'ui.interaction.click', 'sentry.exclusive_time': 200, release: 'shop@1.4.2', environment: 'production', transaction: '/checkout' },
      measurements: { inp: { value: 200, unit: 'millisecond' } },
      is_segment: true,
      ...overrides,
    };
  };
  const spanEnvelope = (span: Record<string, unknown>) => envelope({ sent_at: new Date().toISOString() }, [['span', span]]);
  const byTrace = (traceId: unknown) => c.db.prepare('SELECT * FROM transactions WHERE trace_id = ?').all(traceId) as Row[];

  it('keeps one with a Web Vital as a transaction of its route, once however often it is retried', async () => {
    const span = inpSpan();
    for (let i = 0; i < 2; i++) expect((await c.ingest(spanEnvelope(span))).status).toBe(200);
    expect(byTrace(span.trace_id)).toEqual([expect.objectContaining({ name: '/checkout', op: 'ui.interaction.click', inp: 200, release: 'shop@1.4.2', environment: 'production' })]);
    const payload = JSON.parse((c.db.prepare('SELECT payload FROM transactions WHERE trace_id = ?').get(span.trace_id) as { payload: string }).payload);
    expect(payload.tags).toEqual({ 'inp.element': 'body > button#slow' });
  });

  it('counts a span without a measurement and stores nothing', async () => {
    const span = inpSpan({ measurements: undefined });
    expect((await c.ingest(spanEnvelope(span))).status).toBe(200);
    expect(byTrace(span.trace_id)).toEqual([]);
  });

  it('answers 400 with the reason for a span that ends before it starts', async () => {
    const span = inpSpan();
    span.timestamp = span.start_timestamp - 1;
    const res = await c.ingest(spanEnvelope(span));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('invalid span: timestamp is before start_timestamp');
    expect(byTrace(span.trace_id)).toEqual([]);
  });
});

describe('refusing transactions', () => {
  const send = async (tx: Record<string, unknown>) => {
    const res = await c.ingest(transactionEnvelope(tx));
    return { status: res.status, detail: ((await res.json()) as { detail?: string }).detail };
  };
  const base = () => transactionEvent({ name: '/refused' });

  it.each([
    ['no timestamp', (t: Record<string, unknown>) => delete t.timestamp, /timestamp is missing/],
    ['no start_timestamp', (t: Record<string, unknown>) => delete t.start_timestamp, /start_timestamp is missing/],
    ['a timestamp that is no time', (t: Record<string, unknown>) => (t.timestamp = 'yesterday'), /timestamp is not a valid time/],
    ['a timestamp in milliseconds', (t: Record<string, unknown>) => (t.timestamp = Date.now()), /timestamp is not a valid time/],
    ['an end before the start', (t: Record<string, unknown>) => (t.timestamp = (t.start_timestamp as number) - 1), /before start_timestamp/],
    ['a trace_id that is not hex', (t: Record<string, unknown>) => ((t.contexts as { trace: { trace_id: string } }).trace.trace_id = 'z'.repeat(32)), /trace_id is not 32 hex/],
    ['no trace context', (t: Record<string, unknown>) => (t.contexts = {}), /trace_id is not 32 hex/],
    ['a span without a timestamp', (t: Record<string, unknown>) => delete (t.spans as Array<Record<string, unknown>>)[1].timestamp, /span 2: timestamp is missing/],
    ['a span with a bad span_id', (t: Record<string, unknown>) => ((t.spans as Array<Record<string, unknown>>)[0].span_id = 'nope'), /span 1: span_id/],
    ['spans that are no list', (t: Record<string, unknown>) => (t.spans = {}), /spans is not an array/],
  ])('answers 400 with the reason for %s, and stores nothing', async (_what, spoil, reason) => {
    const tx = base();
    spoil(tx);
    const before = count();
    const answer = await send(tx);
    expect(answer.status).toBe(400);
    expect(answer.detail).toMatch(reason);
    expect(count()).toBe(before);
  });

  it('answers 400 for a transaction and an event in one envelope, storing neither', async () => {
    const tx = base();
    const error = errorEvent();
    const res = await c.ingest(envelope({}, [['event', error], ['transaction', tx]]));
    expect(res.status).toBe(400);
    expect(row(tx.event_id)).toBeUndefined();
    expect(c.db.prepare('SELECT 1 FROM events WHERE event_id = ?').get(error.event_id)).toBeUndefined();
  });

  it('answers 413 for a transaction over 1 MiB after decompression', async () => {
    const tx = transactionEvent({ extra: { extra: { blob: 'x'.repeat(1024 * 1024) } } });
    const res = await c.ingest(gzipSync(transactionEnvelope(tx)), { headers: { 'content-encoding': 'gzip' } });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/transaction is \d+ bytes, more than the limit of 1048576/);
    expect(row(tx.event_id)).toBeUndefined();
  });
});

describe('rate limit', () => {
  let limited: TestCollector;
  beforeAll(async () => {
    limited = await startTestCollector({ rateLimit: 2 });
  });
  afterAll(() => limited.close());

  it('answers 429 with the transaction category past N a minute, and still takes errors', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) {
      last = await limited.ingest(transactionEnvelope(transactionEvent()));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    const wait = Number(last!.headers.get('retry-after'));
    expect(last!.headers.get('x-sentry-rate-limits')).toBe(`${wait}:transaction:project:project_quota`);
    expect((limited.db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n).toBe(2);
    expect((await limited.ingest(eventEnvelope(errorEvent()))).status).toBe(200);
  });
});

describe('retention', () => {
  it('deletes transactions older than the retention period, keeps the rest', async () => {
    const now = Date.now() / 1000;
    const old = transactionEvent({ name: '/old', end: now - 91 * 86400 });
    const recent = transactionEvent({ name: '/recent', end: now - 89 * 86400 });
    for (const tx of [old, recent]) expect((await c.ingest(transactionEnvelope(tx))).status).toBe(200);
    const result = c.runRetention();
    expect(result.transactions).toBeGreaterThanOrEqual(1);
    expect(row(old.event_id)).toBeUndefined();
    expect(row(recent.event_id)).toBeDefined();
  });
});
