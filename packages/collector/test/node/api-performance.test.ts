// The performance API in Sentry's manner (token, org/project paths, statsPeriod), on transactions
// sent through the real ingest: the summary's numbers for known data, a transaction by event id,
// the list of one name; then the summary's server time over 50,000 stored transactions.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIngestWrites } from '../../src/store/ingest-writes';
import { readTransaction } from '../../src/ingest/read-transaction';
import { removeTestDirs, startTestCollector, type TestCollector } from '../helpers/test-collector';
import { transactionEnvelope, transactionEvent } from '../helpers/transactions';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let c: TestCollector;
const now = Date.now() / 1000;
// /checkout: durations 100..1000 ms (10 loads), LCP 1000..5500; /home: 2 loads in staging; one of 3 days ago.
const checkout = Array.from({ length: 10 }, (_, i) => transactionEvent({ name: '/checkout', durationMs: (i + 1) * 100, end: now - i * 60, vitals: { lcp: 1000 + i * 500, cls: i / 100, ttfb: 100 } }));
const home = [1, 2].map((i) => transactionEvent({ name: '/home', durationMs: i * 1000, environment: 'staging', end: now - 30, vitals: { inp: i * 300 } }));
const older = transactionEvent({ name: '/old', durationMs: 5000, end: now - 3 * 86400 });

beforeAll(async () => {
  c = await startTestCollector();
  for (const tx of [...checkout, ...home, older]) expect((await c.ingest(transactionEnvelope(tx))).status).toBe(200);
});
afterAll(async () => {
  await c?.close();
  removeTestDirs();
});

type Summary = { statsPeriod: string; percentileMethod: string; transactions: Array<{ name: string; count: number; p50: number; p75: number; p95: number; vitals: Record<string, { p75: number; rating: string; count: number }> }> };
const summary = async (query = '') => {
  const res = await c.api(`/api/0/projects/sentry/default/performance/${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Summary;
};

describe('GET /api/0/projects/{org}/{project}/performance/', () => {
  it('needs the token', async () => {
    expect((await fetch(`${c.url}/api/0/projects/sentry/default/performance/`)).status).toBe(401);
  });

  it('gives per name the count, nearest-rank p50/p75/p95 and the p75 of each vital with its rating, over 24 h', async () => {
    const s = await summary();
    expect(s.statsPeriod).toBe('24h');
    expect(s.percentileMethod).toBe('nearest-rank');
    expect(s.transactions.map((t) => t.name)).toEqual(['/checkout', '/home']);
    const [co, ho] = s.transactions;
    expect(co.count).toBe(10);
    expect(co.p50).toBeCloseTo(500, 3);
    expect(co.p75).toBeCloseTo(800, 3);
    expect(co.p95).toBeCloseTo(1000, 3);
    expect(co.vitals.lcp).toEqual({ p75: 4500, rating: 'poor', count: 10 });
    expect(co.vitals.cls).toEqual({ p75: 0.07, rating: 'good', count: 10 });
    expect(co.vitals.ttfb).toEqual({ p75: 100, rating: 'good', count: 10 });
    expect(co.vitals.inp).toBeUndefined();
    expect(ho.vitals.inp).toEqual({ p75: 600, rating: 'poor', count: 2 });
  });

  it('takes 14d and an environment', async () => {
    expect((await summary('?statsPeriod=14d')).transactions.map((t) => t.name)).toEqual(['/checkout', '/home', '/old']);
    expect((await summary('?environment=staging')).transactions.map((t) => [t.name, t.count])).toEqual([['/home', 2]]);
  });

  it('refuses another period with 400, and an unknown project with 404', async () => {
    expect((await c.api('/api/0/projects/sentry/default/performance/?statsPeriod=90d')).status).toBe(400);
    expect((await c.api('/api/0/projects/sentry/nope/performance/')).status).toBe(404);
  });
});

describe('a transaction as an event', () => {
  it('answers GET …/events/{event_id}/ with type transaction, its spans, measurements and tags', async () => {
    const tx = checkout[0];
    const res = await c.api(`/api/0/projects/sentry/default/events/${tx.event_id}/`);
    expect(res.status).toBe(200);
    const e = (await res.json()) as Record<string, unknown> & { entries: Array<{ type: string; data: Array<{ op: string }> }> };
    expect(e).toMatchObject({ eventID: tx.event_id, type: 'transaction', title: '/checkout', startTimestamp: tx.start_timestamp, endTimestamp: tx.timestamp, measurements: { lcp: { value: 1000, unit: 'millisecond' } }, tags: [{ key: 'route', value: '/checkout' }], environment: 'production' });
    expect(e.entries[0].type).toBe('spans');
    expect(e.entries[0].data.map((s) => s.op)).toEqual(['browser.request', 'http.client']);
    const raw = await c.api(`/api/0/projects/sentry/default/events/${tx.event_id}/json/`);
    expect(JSON.parse(await raw.text())).toEqual(tx);
  });

  it('lists the latest of a name with GET …/transactions/?name=', async () => {
    const res = await c.api('/api/0/projects/sentry/default/transactions/?name=%2Fcheckout&limit=3');
    expect(res.status).toBe(200);
    const list = (await res.json()) as Array<{ eventID: string; 'transaction.duration': number; vitals: Record<string, { value: number; rating: string }> }>;
    expect(list.map((t) => t.eventID)).toEqual(checkout.slice(0, 3).map((t) => t.event_id));
    expect(list[0]['transaction.duration']).toBeCloseTo(100, 3);
    expect(list[0].vitals.lcp).toEqual({ value: 1000, rating: 'good' });
    expect((await c.api('/api/0/projects/sentry/default/transactions/')).status).toBe(400);
  });
});

describe('with 50,000 transactions', () => {
  let big: TestCollector;
  afterAll(() => big?.close());

  it('answers the 14-day summary (reported, not asserted: the machine is shared)', async () => {
    // A collector of its own, filled before any request: a client's idle keep-alive connection
    // would not survive the seconds the inserts block the event loop.
    big = await startTestCollector();
    // Written with ingest's own statements in large transactions: 50,000 HTTP requests would only time the test.
    const writes = createIngestWrites(big.db);
    const names = Array.from({ length: 40 }, (_, i) => `/route/${i}`);
    const insert = big.db.transaction((from: number) => {
      for (let i = from; i < from + 5000; i++) {
        const tx = transactionEvent({ name: names[i % names.length], durationMs: 100 + (i % 997), end: now - (i % 1300) * 900, vitals: { lcp: 800 + (i % 3001), fcp: 500 + (i % 1500), cls: (i % 30) / 100, ttfb: 50 + (i % 900), ...(i % 3 ? {} : { inp: 40 + (i % 600) }) } });
        writes.storeTransaction(1, now, readTransaction(tx, JSON.stringify(tx), tx.event_id as string, now));
      }
    });
    for (let i = 0; i < 50_000; i += 5000) insert(i);
    await big.api('/api/0/projects/sentry/default/performance/?statsPeriod=14d'); // warm the statements and the page cache
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await big.api('/api/0/projects/sentry/default/performance/?statsPeriod=14d');
      times.push(Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') || '')![1]));
      const body = (await res.json()) as Summary;
      expect(body.transactions.reduce((n, t) => n + t.count, 0)).toBeGreaterThanOrEqual(50_000);
    }
    times.sort((a, b) => a - b);
    console.log(`performance summary, 50,000 transactions over 14 days, 40 names: median ${times[5].toFixed(1)} ms, max ${times[9].toFixed(1)} ms server time`);
  });
});
