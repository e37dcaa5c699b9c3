import { createHash } from 'node:crypto';
import { HttpError } from '../http/http-error';
import type { TransactionRecord } from '../store/transaction-record';
import { object, readTransaction } from './read-transaction';

/**
 * A standalone span (a `span` item), as @sentry/browser sends INP (and CLS or LCP where asked):
 * one span whose Web Vital is in `measurements`, with the page's route in `data.transaction`.
 * Kept as a transaction of that route, op `ui.interaction.*`, the element as the `inp.element`
 * tag: the shape our tracing sends, so the Performance page shows both SDKs' INP alike. Spans
 * without a measurement are not transactions: `undefined`, and the caller counts them.
 * The id comes from the trace and span ids, so a retried envelope is stored once.
 */
export function readStandaloneSpan(span: Record<string, unknown>, now: number): TransactionRecord | undefined {
  const measurements = object(span.measurements);
  if (!Object.keys(measurements).length) return undefined;
  const data = object(span.data);
  const op = span.op ?? data['sentry.op'];
  const eventId = createHash('md5').update(`${String(span.trace_id)}:${String(span.span_id)}`).digest('hex');
  const tx = {
    type: 'transaction',
    event_id: eventId,
    transaction: data.transaction ?? span.description,
    transaction_info: { source: data.transaction ? 'route' : 'custom' },
    start_timestamp: span.start_timestamp,
    timestamp: span.timestamp,
    contexts: { trace: { trace_id: span.trace_id, span_id: span.span_id, parent_span_id: span.parent_span_id, op, origin: span.origin ?? data['sentry.origin'] } },
    measurements,
    release: data.release ?? data['sentry.release'],
    environment: data.environment ?? data['sentry.environment'],
    tags: typeof span.description == 'string' && data.transaction ? { 'inp.element': span.description } : {},
    spans: [],
  };
  try {
    return readTransaction(tx, JSON.stringify(tx), eventId, now);
  } catch (e) {
    // The checks are the transaction's; the reason names what was sent.
    if (e instanceof HttpError) throw new HttpError(e.status, e.message.replace('invalid transaction: ', 'invalid span: ').replace('contexts.trace.', ''));
    throw e;
  }
}
