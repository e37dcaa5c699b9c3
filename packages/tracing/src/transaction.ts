import { spanId } from './ids';

/** A finished child span, in the protocol's shape (times in seconds since the epoch). */
export interface Span {
  span_id: string;
  parent_span_id: string;
  trace_id: string;
  op: string;
  description?: string;
  start_timestamp: number;
  timestamp: number;
  status?: string;
  data?: Record<string, unknown>;
}

export type TransactionSource = 'url' | 'route' | 'custom';

export interface Measurement {
  value: number;
  unit: string;
}

/** A page load or navigation while it is recorded. */
export interface Transaction {
  name: string;
  op: 'pageload' | 'navigation' | string;
  source: TransactionSource;
  traceId: string;
  spanId: string;
  sampled: boolean;
  /** The sample rate the trace was decided with. */
  rate: number;
  /** Seconds since the epoch. */
  start: number;
  /** Set once ended. */
  end?: number;
  status: string;
  spans: Span[];
  measurements: Record<string, Measurement>;
  tags: Record<string, string>;
}

/** Most child spans one transaction keeps (Sentry's SDK keeps 1000; the rest are counted in a tag). */
export const MAX_SPANS = 1000;

export function createTransaction(fields: Pick<Transaction, 'name' | 'op' | 'source' | 'traceId' | 'sampled' | 'rate' | 'start'>): Transaction {
  return { ...fields, spanId: spanId(), status: 'ok', spans: [], measurements: {}, tags: {} };
}

/** Adds a finished child span of the transaction; returns it, or undefined when the transaction is unsampled (never sent), full or ended. */
export function addSpan(transaction: Transaction, span: Omit<Span, 'span_id' | 'parent_span_id' | 'trace_id'>): Span | undefined {
  if (transaction.end || !transaction.sampled || transaction.spans.length >= MAX_SPANS || !(span.timestamp >= span.start_timestamp)) return undefined;
  const full: Span = { span_id: spanId(), parent_span_id: transaction.spanId, trace_id: transaction.traceId, ...span };
  transaction.spans.push(full);
  return full;
}

/** Sentry's span status for an HTTP status code. */
export function statusFromHttp(code: number | undefined): string {
  if (!code) return 'unknown_error';
  if (code < 400) return 'ok';
  // The ones Sentry's UI tells apart most often; every other 4xx and 5xx falls in a generic one.
  return code == 404
    ? 'not_found'
    : code == 403
    ? 'permission_denied'
    : code == 429
    ? 'resource_exhausted'
    : code < 500
    ? 'invalid_argument'
    : 'internal_error';
}
