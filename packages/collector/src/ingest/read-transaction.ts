import { HttpError } from '../http/http-error';
import { VITALS, type TransactionRecord, type Vital } from '../store/transaction-record';

/** Spans kept per transaction (the SDKs' own default cap); the rest are counted, not stored. */
export const MAX_SPANS = 1000;
/** Measurements kept per transaction. */
const MAX_MEASUREMENTS = 50;

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;
/** Nothing before 2000 and nothing far in the future: a timestamp in ms or garbage. */
const MIN_TIME = 946684800;
const MAX_FUTURE = 86400;

/** Seconds since the epoch from a number or an RFC 3339 string (both are Sentry's wire forms). */
export function seconds(value: unknown): number | undefined {
  const t = typeof value == 'number' ? value : typeof value == 'string' ? Date.parse(value) / 1000 : NaN;
  return Number.isFinite(t) ? t : undefined;
}

function time(value: unknown, what: string, now: number): number {
  if (value === undefined || value === null) throw new HttpError(400, `invalid transaction: ${what} is missing`);
  const t = seconds(value);
  if (t === undefined || t < MIN_TIME || t > now + MAX_FUTURE) throw new HttpError(400, `invalid transaction: ${what} is not a valid time (seconds since the epoch)`);
  return t;
}

const text = (v: unknown, max = 200): string | null => (typeof v == 'string' && v ? v.slice(0, max) : null);
/** `v` when it is a plain JSON object, else an empty one. */
export const object = (v: unknown): Record<string, unknown> => (v && typeof v == 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Milliseconds from a measurement, whatever its time unit; CLS and other unitless ones as they are. */
function inStoredUnit(m: { value: number; unit: string }): number {
  if (m.unit == 'second') return m.value * 1000;
  if (m.unit == 'microsecond') return m.value / 1000;
  if (m.unit == 'nanosecond') return m.value / 1e6;
  return m.value;
}

function readMeasurements(value: unknown): Record<string, { value: number; unit: string }> {
  const out: Record<string, { value: number; unit: string }> = {};
  for (const [name, m] of Object.entries(object(value)).slice(0, MAX_MEASUREMENTS)) {
    const v = object(m).value;
    if (typeof v != 'number' || !Number.isFinite(v)) continue;
    out[name.slice(0, 64)] = { value: v, unit: text(object(m).unit, 32) || '' };
  }
  return out;
}

/** Checks each span as Relay does (both times present, end not before start, hex ids); the first `MAX_SPANS` are kept. */
function readSpans(value: unknown, now: number): { kept: unknown[]; dropped: number } {
  if (value === undefined || value === null) return { kept: [], dropped: 0 };
  if (!Array.isArray(value)) throw new HttpError(400, 'invalid transaction: spans is not an array');
  value.forEach((s, i) => {
    const span = object(s);
    const what = `span ${i + 1}`;
    const start = time(span.start_timestamp, `${what}: start_timestamp`, now);
    const end = time(span.timestamp, `${what}: timestamp`, now);
    if (end < start) throw new HttpError(400, `invalid transaction: ${what} ends before it starts`);
    if (typeof span.span_id != 'string' || !HEX16.test(span.span_id)) throw new HttpError(400, `invalid transaction: ${what}: span_id is not 16 hex characters`);
  });
  return { kept: value.slice(0, MAX_SPANS), dropped: Math.max(0, value.length - MAX_SPANS) };
}

/**
 * A `transaction` item, checked as Relay checks one: both timestamps, the end not before the
 * start, a trace context with a 32-hex `trace_id` and a 16-hex `span_id`; every span's times.
 * A bad transaction fails the request with 400 and the reason.
 */
export function readTransaction(tx: Record<string, unknown>, received: string, eventId: string, now: number): TransactionRecord {
  if (tx.type !== undefined && tx.type !== 'transaction') throw new HttpError(400, 'invalid transaction: type is not "transaction"');
  const start = time(tx.start_timestamp, 'start_timestamp', now);
  const end = time(tx.timestamp, 'timestamp', now);
  if (end < start) throw new HttpError(400, 'invalid transaction: timestamp is before start_timestamp');
  const trace = object(object(tx.contexts).trace);
  const traceId = typeof trace.trace_id == 'string' ? trace.trace_id.replace(/-/g, '').toLowerCase() : '';
  if (!HEX32.test(traceId)) throw new HttpError(400, 'invalid transaction: contexts.trace.trace_id is not 32 hex characters');
  if (typeof trace.span_id != 'string' || !HEX16.test(trace.span_id.toLowerCase())) throw new HttpError(400, 'invalid transaction: contexts.trace.span_id is not 16 hex characters');

  const spans = readSpans(tx.spans, now);
  const measurements = readMeasurements(tx.measurements);
  const vitals = Object.fromEntries(VITALS.map((v) => [v, measurements[v] ? inStoredUnit(measurements[v]) : null])) as Record<Vital, number | null>;
  const payload = spans.dropped ? JSON.stringify({ ...tx, spans: spans.kept }) : received;
  return {
    eventId,
    // Relay names a transaction without a name this way.
    name: text(tx.transaction) || '<unlabeled transaction>',
    source: text(object(tx.transaction_info).source, 32) || '',
    op: text(trace.op, 100) || '',
    status: text(trace.status, 40) || '',
    traceId,
    start,
    end,
    durationMs: (end - start) * 1000,
    release: text(tx.release),
    environment: text(tx.environment, 64),
    vitals,
    measurements,
    spanCount: spans.kept.length,
    spansDropped: spans.dropped,
    payload,
  };
}
