import type { ExceptionValue, SentryEvent, StackFrame, Stacktrace } from '../event';
import type { EventRow } from '../store/issues';
import { eventTags } from '../process/event-tags';
import { iso } from './dates';

/** A frame as Sentry's API returns it: camelCase, with `context` as `[lineNo, text]` pairs. */
function serializeFrame(f: StackFrame) {
  const context: Array<[number, string]> = [];
  if (typeof f.context_line == 'string' && typeof f.lineno == 'number') {
    const pre = f.pre_context || [];
    pre.forEach((line, i) => context.push([f.lineno! - pre.length + i, line]));
    context.push([f.lineno, f.context_line]);
    (f.post_context || []).forEach((line, i) => context.push([f.lineno! + 1 + i, line]));
  }
  return {
    filename: f.filename ?? null,
    absPath: f.abs_path ?? null,
    module: f.module ?? null,
    package: null,
    platform: null,
    function: f.function ?? null,
    rawFunction: null,
    symbol: null,
    context,
    lineNo: f.lineno ?? null,
    colNo: f.colno ?? null,
    inApp: f.in_app ?? false,
    trust: null,
    errors: null,
    vars: null,
    data: f.data ?? {},
  };
}

function serializeStacktrace(s: Stacktrace | undefined) {
  if (!s || !Array.isArray(s.frames)) return null;
  return { frames: s.frames.map(serializeFrame), framesOmitted: null, registers: null, hasSystemFrames: s.frames.some((f) => f.in_app === false) };
}

function serializeException(v: ExceptionValue) {
  return {
    type: v.type ?? null,
    value: v.value ?? null,
    module: v.module ?? null,
    mechanism: v.mechanism ?? null,
    stacktrace: serializeStacktrace(v.stacktrace),
    rawStacktrace: serializeStacktrace(v.raw_stacktrace),
    threadId: null,
  };
}

/** A frame and an exception in the API's shape, as the UI reads them back. */
export type ApiFrame = ReturnType<typeof serializeFrame>;
export type ApiException = ReturnType<typeof serializeException>;

/** Sentry's `entries`: one typed block per interface, in the order its UI shows them. */
function entries(event: SentryEvent) {
  const out: Array<{ type: string; data: unknown }> = [];
  const values = event.exception?.values;
  if (values?.length) out.push({ type: 'exception', data: { values: values.map(serializeException), excOmitted: null, hasSystemFrames: values.some((v) => v.stacktrace?.frames?.some((f) => f.in_app === false)) } });
  else if (event.stacktrace) out.push({ type: 'stacktrace', data: serializeStacktrace(event.stacktrace) });
  if (event.logentry?.formatted !== undefined) out.push({ type: 'message', data: { formatted: event.logentry.formatted, message: event.logentry.message ?? null, params: event.logentry.params ?? null } });
  const breadcrumbs = event.breadcrumbs as { values?: unknown[] } | unknown[] | undefined;
  const crumbs = Array.isArray(breadcrumbs) ? breadcrumbs : breadcrumbs?.values;
  if (Array.isArray(crumbs) && crumbs.length) out.push({ type: 'breadcrumbs', data: { values: crumbs } });
  if (event.request) {
    const r = event.request;
    const headers = r.headers && !Array.isArray(r.headers) ? Object.entries(r.headers) : r.headers || [];
    out.push({ type: 'request', data: { url: r.url ?? null, method: r.method ?? null, query: r.query_string ?? r.query ?? [], fragment: r.fragment ?? null, data: r.data ?? null, headers, cookies: r.cookies ?? [], env: r.env ?? null, inferredContentType: null } });
  }
  return out;
}

/** A failed event's payload may be what could not be read: show the rest of it anyway. */
function parsePayload(row: EventRow): SentryEvent {
  try {
    const value = JSON.parse(row.payload);
    if (value && typeof value == 'object') return value as SentryEvent;
  } catch {
    /* shown with its processing error */
  }
  return { event_id: row.event_id };
}

/** An event in Sentry's API shape; `event.errors` carries the symbolication notes. */
export function serializeEvent(row: EventRow, neighbours?: { prev: string | null; next: string | null }) {
  const event = parsePayload(row);
  // The same tags the issue aggregates, so the event page and the issue's tag counts agree.
  const allTags = eventTags(event);
  const errors = [...(event.errors || [])];
  if (row.state == 'failed') errors.push({ type: 'processing_failed', message: `the event could not be processed: ${row.error}` });
  return {
    id: row.event_id,
    eventID: row.event_id,
    groupID: row.issue_id === null ? null : String(row.issue_id),
    projectID: String(row.project_id),
    title: (event.title as string) ?? '',
    culprit: (event.culprit as string) ?? '',
    message: event.logentry?.formatted ?? '',
    type: event.exception?.values?.length ? 'error' : 'default',
    platform: event.platform ?? 'javascript',
    level: event.level ?? 'error',
    dateCreated: iso(typeof event.timestamp == 'number' ? event.timestamp : row.received),
    dateReceived: iso(row.received),
    metadata: event.metadata ?? {},
    tags: allTags.map(([key, value]) => ({ key, value })),
    user: event.user ?? null,
    contexts: event.contexts ?? {},
    sdk: event.sdk ?? null,
    release: event.release ? { version: event.release, shortVersion: event.release } : null,
    dist: event.dist ?? null,
    environment: event.environment ?? null,
    fingerprints: event.grouping ? [(event.grouping as { hash: string }).hash] : [],
    entries: entries(event),
    errors,
    context: event.extra ?? {},
    packages: {},
    nextEventID: neighbours?.next ?? null,
    previousEventID: neighbours?.prev ?? null,
    size: row.payload.length,
    crashFile: null,
    processingState: row.state,
  };
}
