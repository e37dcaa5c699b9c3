import { randomUUID } from 'node:crypto';
import { HttpError } from '../http/http-error';
import { hourOf, type DiscardedCount, type SessionCount } from '../store/ingest-writes';
import { decodeUtf8, type Envelope } from './parse-envelope';
import { readStandaloneSpan } from './read-standalone-span';
import type { TransactionRecord } from '../store/transaction-record';
import { readTransaction } from './read-transaction';

/** Relay's limit for one event, after decompression. */
export const MAX_EVENT_BYTES = 1024 * 1024;

/** What one request asks the store to write, decided before anything is written. */
export interface IngestWork {
  event?: ReadEvent;
  transaction?: TransactionRecord;
  sessions: Array<Omit<SessionCount, 'projectId'>>;
  discarded: Array<Omit<DiscardedCount, 'projectId'>>;
  /** Items counted by type only: attachment, and types we do not know. */
  other: Map<string, number>;
}

const HEX32 = /^[0-9a-f]{32}$/;

/** `event_id` as Sentry stores it: 32 lowercase hex, dashes of a UUID removed. */
export function normalizeEventId(value: unknown): string | undefined {
  if (typeof value != 'string') return undefined;
  const id = value.replace(/-/g, '').toLowerCase();
  return HEX32.test(id) ? id : undefined;
}

const newEventId = () => randomUUID().replace(/-/g, '');

/** The item's text (strict UTF-8) and its value, which must be a JSON object. */
function parseJson(bytes: Buffer, what: string): { text: string; value: Record<string, unknown> } {
  const text = decodeUtf8(bytes, what);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, `${what} is not valid JSON`);
  }
  if (!value || typeof value != 'object' || Array.isArray(value)) throw new HttpError(400, `${what} is not a JSON object`);
  return { text, value: value as Record<string, unknown> };
}

const parseJsonObject = (bytes: Buffer, what: string) => parseJson(bytes, what).value;

export interface ReadEvent {
  eventId: string;
  payload: string;
  /** `contexts.trace.trace_id` when it is 32 hex: the transaction the error happened in. */
  traceId?: string;
}

/** An event's JSON (error or transaction), checked: an object within the size limit, with a valid (or new) `event_id`. */
function readEventJson(bytes: Buffer, fallbackId: unknown, what: string) {
  if (bytes.length > MAX_EVENT_BYTES) throw new HttpError(413, `the ${what} is ${bytes.length} bytes, more than the limit of ${MAX_EVENT_BYTES}`);
  const { text, value } = parseJson(bytes, `the ${what}`);
  if (value.event_id !== undefined && !normalizeEventId(value.event_id)) throw new HttpError(400, 'event_id is not 32 hex characters');
  const eventId = normalizeEventId(value.event_id) || normalizeEventId(fallbackId) || newEventId();
  return { text, value, eventId };
}

/** An error event: stored as received, with its trace id read out so the trace can find it. */
export function readEvent(bytes: Buffer, fallbackId?: unknown): ReadEvent {
  return eventOf(readEventJson(bytes, fallbackId, 'event'));
}

function eventOf({ text, value, eventId }: ReturnType<typeof readEventJson>): ReadEvent {
  const contexts = value.contexts && typeof value.contexts == 'object' ? (value.contexts as Record<string, unknown>) : {};
  const trace = contexts.trace && typeof contexts.trace == 'object' ? (contexts.trace as Record<string, unknown>) : {};
  const traceId = typeof trace.trace_id == 'string' ? trace.trace_id.replace(/-/g, '').toLowerCase() : '';
  return { eventId, payload: text, traceId: HEX32.test(traceId) ? traceId : undefined };
}

/**
 * A `/store/` body: one event as JSON. Relay reads its `type`: a transaction posted there (older
 * SDKs) is stored as a transaction, anything else as an error event.
 */
export function readStoreBody(bytes: Buffer, now: number): IngestWork {
  const work: IngestWork = { sessions: [], discarded: [], other: new Map() };
  const read = readEventJson(bytes, undefined, 'event');
  if (read.value.type == 'transaction') work.transaction = readTransaction(read.value, read.text, read.eventId, now);
  else work.event = eventOf(read);
  return work;
}

const str = (v: unknown, max = 200) => (typeof v == 'string' ? v.slice(0, max) : '');
const count = (v: unknown) => (typeof v == 'number' && Number.isFinite(v) && v > 0 ? Math.min(Math.floor(v), 1e9) : 0);
const hourFrom = (v: unknown, fallback: number) => {
  const t = typeof v == 'number' ? v : typeof v == 'string' ? Date.parse(v) / 1000 : NaN;
  return hourOf(Number.isFinite(t) ? t : fallback);
};

/** Session updates count `started` once (on `init`) and each status other than `ok`. */
function readSession(payload: Record<string, unknown>, now: number, work: IngestWork): void {
  const attrs = (payload.attrs || {}) as Record<string, unknown>;
  const base = { release: str(attrs.release), environment: str(attrs.environment), hour: hourFrom(payload.started, now) };
  if (payload.init === true) work.sessions.push({ ...base, status: 'started', count: 1 });
  const status = str(payload.status, 20);
  if (status && status != 'ok') work.sessions.push({ ...base, status, count: 1 });
}

/** Aggregated sessions (`{aggregates: [{started, exited, errored, abnormal, crashed}]}`) add their counts. */
function readSessions(payload: Record<string, unknown>, now: number, work: IngestWork): void {
  const attrs = (payload.attrs || {}) as Record<string, unknown>;
  const aggregates = Array.isArray(payload.aggregates) ? payload.aggregates.slice(0, 1000) : [];
  for (const a of aggregates as Array<Record<string, unknown>>) {
    if (!a || typeof a != 'object') continue;
    const base = { release: str(attrs.release), environment: str(attrs.environment), hour: hourFrom(a.started, now) };
    let started = 0;
    for (const status of ['exited', 'errored', 'abnormal', 'crashed']) {
      const n = count(a[status]);
      started += n;
      if (n) work.sessions.push({ ...base, status, count: n });
    }
    if (started) work.sessions.push({ ...base, status: 'started', count: started });
  }
}

function readClientReport(payload: Record<string, unknown>, release: string, now: number, work: IngestWork): void {
  const hour = hourFrom(payload.timestamp, now);
  const discarded = Array.isArray(payload.discarded_events) ? payload.discarded_events.slice(0, 1000) : [];
  for (const d of discarded as Array<Record<string, unknown>>) {
    const quantity = d && typeof d == 'object' ? count(d.quantity) : 0;
    if (quantity) work.discarded.push({ release, reason: str(d.reason, 64) || 'unknown', category: str(d.category, 64) || 'unknown', hour, quantity });
  }
}

/** Reads every item of an envelope into the writes it asks for; a bad item fails the whole request. */
export function readEnvelopeItems(envelope: Envelope, now: number): IngestWork {
  const work: IngestWork = { sessions: [], discarded: [], other: new Map() };
  const trace = (envelope.header.trace || {}) as Record<string, unknown>;
  const release = str(trace.release);
  envelope.items.forEach(({ header, payload }, i) => {
    const what = `item ${i + 1} (${header.type.slice(0, 40)})`;
    switch (header.type) {
      case 'event':
        if (work.event || work.transaction) throw new HttpError(400, 'the envelope holds more than one event');
        work.event = readEvent(payload, envelope.header.event_id);
        break;
      case 'transaction': {
        if (work.event || work.transaction) throw new HttpError(400, 'the envelope holds more than one event');
        const { text, value, eventId } = readEventJson(payload, envelope.header.event_id, 'transaction');
        work.transaction = readTransaction(value, text, eventId, now);
        break;
      }
      case 'span': {
        // A standalone span with a Web Vital becomes a transaction, once per envelope.
        const tx = work.event || work.transaction ? undefined : readStandaloneSpan(parseJsonObject(payload, what), now);
        if (tx) work.transaction = tx;
        else work.other.set('span', (work.other.get('span') || 0) + 1);
        break;
      }
      case 'session':
        readSession(parseJsonObject(payload, what), now, work);
        break;
      case 'sessions':
        readSessions(parseJsonObject(payload, what), now, work);
        break;
      case 'client_report':
        readClientReport(parseJsonObject(payload, what), release, now, work);
        break;
      default: {
        const type = header.type.slice(0, 40);
        work.other.set(type, (work.other.get(type) || 0) + 1);
      }
    }
  });
  return work;
}
