import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createAdmission } from '../../src/ingest/admission';
import { errorEvent, eventEnvelope } from '../helpers/envelopes';
import { removeTestDirs, startTestCollector } from '../helpers/test-collector';

afterAll(removeTestDirs);

describe('the admission gate', () => {
  afterEach(() => vi.useRealTimers());

  it('lets events through below the limit and holds them, in arrival order, above it', async () => {
    const gate = createAdmission({ minBacklogBytes: 100, maxBacklogMs: 0 });
    expect(gate.admit(60)).toBeUndefined();
    expect(gate.admit(60)).toBeUndefined(); // 60 < 100: admitted, now over
    const order: string[] = [];
    void gate.admit(10)!.then(() => order.push('a'));
    void gate.admit(10)!.then(() => order.push('b'));
    expect(gate.waiting()).toBe(2);
    gate.processed(60); // 60 left: both fit again
    await Promise.resolve();
    expect(order).toEqual(['a', 'b']);
    expect(gate.backlog()).toBe(80);
  });

  it('gives back what was never queued, and lets a waiter through after the longest wait', async () => {
    vi.useFakeTimers();
    const gate = createAdmission({ minBacklogBytes: 100, maxBacklogMs: 0, maxWaitMs: 2000 });
    gate.admit(150);
    let through = false;
    void gate.admit(10)!.then(() => (through = true));
    await vi.advanceTimersByTimeAsync(1999);
    expect(through).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(through).toBe(true);
    gate.refund(150);
    expect(gate.backlog()).toBe(10);
  });

  it('allows as much backlog as processing, at its measured rate, finishes in maxBacklogMs', () => {
    const gate = createAdmission({ minBacklogBytes: 1000, maxBacklogMs: 1500 });
    expect(gate.limit()).toBe(1000);
    gate.admit(10_000);
    gate.processed(10_000, 100); // 100 bytes per ms: 1.5 s is 150,000 bytes
    expect(gate.limit()).toBe(150_000);
    expect(gate.admit(150_000)).toBeUndefined(); // admitted while under the limit
    expect(gate.admit(10)).toBeInstanceOf(Promise);
  });

  it('a new request queues behind those already waiting, even once there is room', async () => {
    const gate = createAdmission({ minBacklogBytes: 100, maxBacklogMs: 0 });
    gate.admit(100);
    const waiting = gate.admit(1);
    expect(waiting).toBeInstanceOf(Promise);
    gate.processed(0); // still full: nobody moves
    expect(gate.waiting()).toBe(1);
    gate.open();
    await waiting;
    expect(gate.waiting()).toBe(0);
  });
});

describe('backpressure on a real collector', () => {
  it('keeps the unprocessed queue within the limit under a flood, and stores every event', async () => {
    const limit = 256 * 1024;
    const collector = await startTestCollector({ backlog: { minBacklogBytes: limit, maxBacklogMs: 0 }, fsync: false });
    const raw = new Database(join(collector.dataDir, 'collector.db'), { readonly: true });
    const queuedBytes = raw.prepare("SELECT COALESCE(SUM(length(payload)), 0) AS n FROM events WHERE state = 'queued'").pluck();
    try {
      // ~60 KB events: processing (parse, normalise, group, rewrite) is slower than storing them.
      const extra = { cart: Array.from({ length: 600 }, (_, i) => ({ sku: `sku-${i}`, name: `item ${i} of the cart`, qty: i % 3, price: 9.99 + i })) };
      const biggest = JSON.stringify(errorEvent({ extra })).length;
      let peak = 0;
      let sending = true;
      const sampler = (async () => {
        while (sending) {
          peak = Math.max(peak, queuedBytes.get() as number);
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
      const total = 400;
      const statuses: number[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < total) {
            next++;
            const res = await collector.ingest(eventEnvelope(errorEvent({ extra })));
            statuses.push(res.status);
            await res.arrayBuffer();
          }
        }),
      );
      sending = false;
      await sampler;
      expect(statuses.filter((s) => s != 200)).toEqual([]);
      // The gate admits while the backlog is under the limit, so it overshoots by one event at most.
      expect(peak).toBeGreaterThan(0);
      expect(peak).toBeLessThanOrEqual(limit + biggest);
      await collector.idle();
      const stored = raw.prepare("SELECT state, count(*) AS n FROM events GROUP BY state").all();
      expect(stored).toEqual([{ state: 'processed', n: total }]);
    } finally {
      raw.close();
      await collector.close();
    }
  }, 60_000);
});
