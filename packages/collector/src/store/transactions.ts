import type { Db } from './database';
import type { VitalsRow } from './transaction-record';

/** A stored transaction as the API and the UI read it. */
export interface TransactionRow {
  id: number;
  project_id: number;
  event_id: string;
  received: number;
  start_timestamp: number;
  timestamp: number;
  duration_ms: number;
  name: string;
  source: string;
  op: string;
  status: string;
  trace_id: string;
  release: string | null;
  environment: string | null;
  lcp: number | null;
  fcp: number | null;
  cls: number | null;
  inp: number | null;
  ttfb: number | null;
  measurements: string;
  span_count: number;
  spans_dropped: number;
}

/** With the stored JSON (spans and all): only for one transaction at a time. */
export interface TransactionRowWithPayload extends TransactionRow {
  payload: string;
}

/** An error event of a trace, with the issue it went to. */
export interface TraceError {
  event_id: string;
  issue_id: number | null;
  timestamp: number;
  title: string | null;
  short_number: number | null;
}

const COLUMNS = `id, project_id, event_id, received, start_timestamp, timestamp, duration_ms, name, source, op, status, trace_id,
  release, environment, lcp, fcp, cls, inp, ttfb, measurements, span_count, spans_dropped`;

/** What the performance pages and API read about transactions (ingest writes them). */
export function createTransactionStore(db: Db) {
  // The window's rows from the covering index alone, as arrays: no JSON, no per-row objects.
  const window = db.prepare<[number, number], VitalsRow>('SELECT name, duration_ms, lcp, fcp, cls, inp, ttfb FROM transactions WHERE project_id = ? AND timestamp >= ?').raw();
  const windowIn = db.prepare<[number, number, string], VitalsRow>('SELECT name, duration_ms, lcp, fcp, cls, inp, ttfb FROM transactions WHERE project_id = ? AND timestamp >= ? AND environment = ?').raw();
  const ofName = db.prepare<[number, string, number, number], TransactionRow>(`SELECT ${COLUMNS} FROM transactions WHERE project_id = ? AND name = ? AND timestamp >= ? ORDER BY timestamp DESC, id DESC LIMIT ?`);
  const ofNameIn = db.prepare<[number, string, number, string, number], TransactionRow>(
    `SELECT ${COLUMNS} FROM transactions WHERE project_id = ? AND name = ? AND timestamp >= ? AND environment = ? ORDER BY timestamp DESC, id DESC LIMIT ?`,
  );
  const byEventId = db.prepare<[number, string], TransactionRowWithPayload>(`SELECT ${COLUMNS}, payload FROM transactions WHERE project_id = ? AND event_id = ?`);
  const ofTrace = db.prepare<[number, string], TransactionRow>(`SELECT ${COLUMNS} FROM transactions WHERE project_id = ? AND trace_id = ? ORDER BY start_timestamp LIMIT 50`);
  const errorsOfTrace = db.prepare<[number, string], TraceError>(
    `SELECT e.event_id, e.issue_id, COALESCE(e.timestamp, e.received) AS timestamp, i.title, i.short_number
     FROM events e LEFT JOIN issues i ON i.id = e.issue_id WHERE e.project_id = ? AND e.trace_id = ? ORDER BY timestamp LIMIT 100`,
  );
  const environments = db.prepare<[number], { environment: string }>(
    'SELECT DISTINCT environment FROM transactions WHERE project_id = ? AND environment IS NOT NULL ORDER BY environment LIMIT 200',
  );
  return {
    /** Name, duration and vitals of the transactions that ended since `since` (unix seconds), for the summary. */
    vitalsSince: (projectId: number, since: number, environment?: string): VitalsRow[] =>
      environment ? windowIn.all(projectId, since, environment) : window.all(projectId, since),
    /** The latest transactions of one name (in one environment, if given), newest first. */
    ofName: (projectId: number, name: string, since: number, limit: number, environment?: string) =>
      environment ? ofNameIn.all(projectId, name, since, environment, limit) : ofName.all(projectId, name, since, limit),
    get: (projectId: number, eventId: string) => byEventId.get(projectId, eventId),
    /** The transactions of a trace (a page load and what it called, if stored), by start. */
    ofTrace: (projectId: number, traceId: string) => ofTrace.all(projectId, traceId),
    /** The error events that carry the trace id, with their issues. */
    errorsOfTrace: (projectId: number, traceId: string) => errorsOfTrace.all(projectId, traceId),
    environments: (projectId: number) => environments.all(projectId).map((r) => r.environment),
  };
}

export type TransactionStore = ReturnType<typeof createTransactionStore>;
