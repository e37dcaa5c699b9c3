import type { Db } from './database';
import type { TransactionRecord } from './transaction-record';

/** An event as ingest hands it over: stored raw and queued for processing. */
export interface QueuedEvent {
  projectId: number;
  eventId: string;
  received: number;
  clientIp?: string;
  /** The event JSON exactly as received. */
  payload: string;
  /** `contexts.trace.trace_id`, so the trace's transaction finds its errors. */
  traceId?: string;
}

export interface SessionCount {
  projectId: number;
  release: string;
  environment: string;
  status: string;
  hour: number;
  count: number;
}

export interface DiscardedCount {
  projectId: number;
  release: string;
  reason: string;
  category: string;
  hour: number;
  quantity: number;
}

/** The statements ingest runs (inside a write batch): queue events, add to counters. */
export function createIngestWrites(db: Db) {
  const insertEvent = db.prepare(
    `INSERT INTO events (project_id, event_id, received, client_ip, state, payload, trace_id)
     VALUES (?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT (project_id, event_id) DO NOTHING`,
  );
  const insertTransaction = db.prepare(
    `INSERT INTO transactions (project_id, event_id, received, start_timestamp, timestamp, duration_ms, name, source, op, status,
       trace_id, release, environment, lcp, fcp, cls, inp, ttfb, measurements, span_count, spans_dropped, payload)
     VALUES (@projectId, @eventId, @received, @start, @end, @durationMs, @name, @source, @op, @status,
       @traceId, @release, @environment, @lcp, @fcp, @cls, @inp, @ttfb, @measurements, @spanCount, @spansDropped, @payload)
     ON CONFLICT (project_id, event_id) DO NOTHING`,
  );
  const addSessions = db.prepare(
    `INSERT INTO session_counts (project_id, release, environment, status, hour, count) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + excluded.count`,
  );
  const addDiscarded = db.prepare(
    `INSERT INTO discarded_counts (project_id, release, reason, category, hour, quantity) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity`,
  );
  const addItems = db.prepare(
    `INSERT INTO item_counts (project_id, type, hour, count) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + excluded.count`,
  );
  return {
    /** Queues the event; a repeated `event_id` (a retry whose answer was lost) is a no-op, and false. */
    queueEvent: (e: QueuedEvent) => insertEvent.run(e.projectId, e.eventId, e.received, e.clientIp ?? null, e.payload, e.traceId ?? null).changes > 0,
    /** Stores a transaction as it is (nothing to process); a repeated `event_id` is a no-op too. */
    storeTransaction: (projectId: number, received: number, t: TransactionRecord) =>
      void insertTransaction.run({
        projectId, received, eventId: t.eventId, start: t.start, end: t.end, durationMs: t.durationMs, name: t.name, source: t.source, op: t.op, status: t.status,
        traceId: t.traceId, release: t.release, environment: t.environment, ...t.vitals, measurements: JSON.stringify(t.measurements),
        spanCount: t.spanCount, spansDropped: t.spansDropped, payload: t.payload,
      }),
    countSessions: (s: SessionCount) => void addSessions.run(s.projectId, s.release, s.environment, s.status, s.hour, s.count),
    countDiscarded: (d: DiscardedCount) => void addDiscarded.run(d.projectId, d.release, d.reason, d.category, d.hour, d.quantity),
    countItems: (projectId: number, type: string, hour: number, count = 1) => void addItems.run(projectId, type, hour, count),
  };
}

export type IngestWrites = ReturnType<typeof createIngestWrites>;

/** Hour bucket (unix seconds of the hour's start) of a unix time in seconds. */
export const hourOf = (seconds: number) => Math.floor(seconds / 3600) * 3600;
