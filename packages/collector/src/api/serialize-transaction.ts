import type { TransactionRow, TransactionRowWithPayload } from '../store/transactions';
import { VITALS } from '../store/transaction-record';
import { rateVital } from '../performance/web-vitals';
import { iso } from './dates';

/** A span as stored: Sentry's wire shape, checked at ingest for times and id. */
export interface Span {
  span_id: string;
  parent_span_id?: string;
  trace_id?: string;
  op?: string;
  description?: string;
  start_timestamp: number;
  timestamp: number;
  status?: string;
  data?: Record<string, unknown>;
  tags?: Record<string, unknown>;
}

const parse = (text: string): Record<string, unknown> => {
  try {
    const v = JSON.parse(text);
    return v && typeof v == 'object' ? v : {};
  } catch {
    return {};
  }
};

/** `tags` as Sentry sends them (an object, or `[key, value]` pairs), as `{key, value}` rows. */
export function tagList(tags: unknown): Array<{ key: string; value: string }> {
  const pairs = Array.isArray(tags) ? tags : tags && typeof tags == 'object' ? Object.entries(tags) : [];
  return pairs
    .filter((p): p is [unknown, unknown] => Array.isArray(p) && p.length == 2)
    .map(([key, value]) => ({ key: String(key).slice(0, 200), value: typeof value == 'string' ? value.slice(0, 200) : JSON.stringify(value) ?? '' }))
    .slice(0, 100);
}

/** The Web Vitals of a transaction, each with its rating: `{lcp: {value, rating}}`. */
export function vitalsOf(row: TransactionRow) {
  const out: Record<string, { value: number; rating: string }> = {};
  for (const v of VITALS) if (row[v] !== null) out[v] = { value: row[v]!, rating: rateVital(v, row[v]!) };
  return out;
}

/** One line of a transaction list (`…/transactions/?name=`). */
export function serializeTransactionRow(row: TransactionRow) {
  return {
    id: row.event_id,
    eventID: row.event_id,
    projectID: String(row.project_id),
    transaction: row.name,
    'transaction.op': row.op,
    'transaction.status': row.status,
    'transaction.duration': row.duration_ms,
    traceId: row.trace_id,
    release: row.release,
    environment: row.environment,
    startTimestamp: row.start_timestamp,
    endTimestamp: row.timestamp,
    dateCreated: iso(row.timestamp),
    spanCount: row.span_count,
    vitals: vitalsOf(row),
  };
}

/** A transaction as Sentry's event API returns one (`type: "transaction"`, a `spans` entry). */
export function serializeTransaction(row: TransactionRowWithPayload) {
  const tx = parse(row.payload);
  const spans = (Array.isArray(tx.spans) ? tx.spans : []) as Span[];
  const request = tx.request && typeof tx.request == 'object' ? tx.request : undefined;
  return {
    id: row.event_id,
    eventID: row.event_id,
    groupID: null,
    projectID: String(row.project_id),
    type: 'transaction',
    title: row.name,
    transaction: row.name,
    culprit: row.name,
    message: '',
    platform: (tx.platform as string) ?? 'javascript',
    dateCreated: iso(row.timestamp),
    dateReceived: iso(row.received),
    startTimestamp: row.start_timestamp,
    endTimestamp: row.timestamp,
    measurements: parse(row.measurements),
    contexts: (tx.contexts as Record<string, unknown>) ?? {},
    tags: tagList(tx.tags),
    user: tx.user ?? null,
    sdk: tx.sdk ?? null,
    release: row.release ? { version: row.release, shortVersion: row.release } : null,
    environment: row.environment,
    entries: [{ type: 'spans', data: spans }, ...(request ? [{ type: 'request', data: request }] : [])],
    errors: row.spans_dropped ? [{ type: 'spans_dropped', message: `${row.spans_dropped} spans beyond the first 1000 were not stored` }] : [],
    context: tx.extra ?? {},
    size: row.payload.length,
  };
}
