import { randomBytes } from 'node:crypto';
import { envelope, newEventId } from './envelopes';

export const hexId = (bytes: number) => randomBytes(bytes).toString('hex');

export interface TransactionShape {
  name?: string;
  durationMs?: number;
  /** End time, seconds. @default now */
  end?: number;
  environment?: string;
  traceId?: string;
  vitals?: Partial<Record<'lcp' | 'fcp' | 'cls' | 'inp' | 'ttfb', number>>;
  spans?: Array<Record<string, unknown>>;
  extra?: Record<string, unknown>;
}

/** A page-load transaction in the shape @sentry/browser sends (seconds as floats, ms measurements). */
export function transactionEvent(shape: TransactionShape = {}): Record<string, unknown> {
  const end = shape.end ?? Date.now() / 1000;
  const start = end - (shape.durationMs ?? 1200) / 1000;
  const traceId = shape.traceId ?? hexId(16);
  const rootSpan = hexId(8);
  const measurements = Object.fromEntries(Object.entries(shape.vitals ?? {}).map(([k, v]) => [k, { value: v, unit: k == 'cls' ? '' : 'millisecond' }]));
  return {
    type: 'transaction',
    event_id: newEventId(),
    platform: 'javascript',
    transaction: shape.name ?? '/checkout',
    transaction_info: { source: 'url' },
    start_timestamp: start,
    timestamp: end,
    release: 'shop@1.4.2',
    environment: shape.environment ?? 'production',
    contexts: { trace: { trace_id: traceId, span_id: rootSpan, op: 'pageload', status: 'ok' } },
    spans: shape.spans ?? [
      { span_id: hexId(8), parent_span_id: rootSpan, trace_id: traceId, op: 'browser.request', description: 'https://shop.example/checkout', start_timestamp: start + 0.01, timestamp: start + 0.2, status: 'ok' },
      { span_id: hexId(8), parent_span_id: rootSpan, trace_id: traceId, op: 'http.client', description: 'GET /api/cart', start_timestamp: start + 0.3, timestamp: start + 0.5, data: { 'http.response.status_code': 200 } },
    ],
    measurements,
    tags: { route: shape.name ?? '/checkout' },
    sdk: { name: 'sentry.javascript.browser', version: '10.78.0' },
    ...shape.extra,
  };
}

export const transactionEnvelope = (tx: Record<string, unknown>) =>
  envelope({ event_id: tx.event_id, sent_at: new Date().toISOString(), sdk: tx.sdk, trace: { trace_id: (tx.contexts as { trace?: { trace_id?: string } }).trace?.trace_id } }, [['transaction', tx]]);
