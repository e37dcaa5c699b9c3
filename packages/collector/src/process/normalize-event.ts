import { copyRecord, type SentryEvent } from '../event';
import { parseUserAgent } from './user-agent';

const LEVELS = new Set(['fatal', 'error', 'warning', 'info', 'debug']);
const LEVEL_ALIASES: Record<string, string> = { warn: 'warning', log: 'info', critical: 'fatal' };
/** Timestamps further out than this are the client's clock, not the event's time: use arrival. */
const MAX_FUTURE_S = 60;
const MAX_PAST_S = 30 * 24 * 3600;
const MAX_FRAMES = 250;
const MAX_EXCEPTIONS = 25;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v == 'object' && !Array.isArray(v);
const text = (v: unknown, max: number) => (typeof v == 'string' ? v.slice(0, max) : typeof v == 'number' || typeof v == 'boolean' ? String(v) : undefined);

function toSeconds(value: unknown): number | undefined {
  if (typeof value == 'number' && Number.isFinite(value)) return value > 1e12 ? value / 1000 : value;
  if (typeof value == 'string') {
    const n = Number(value);
    if (Number.isFinite(n) && value.trim()) return toSeconds(n);
    const parsed = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
    if (Number.isFinite(parsed)) return parsed / 1000;
  }
  return undefined;
}

/** `[[k, v]]`, `[{key, value}]` or `{k: v}` → `{k: "v"}`, keys ≤ 200 and values ≤ 200 chars. */
function toStringMap(value: unknown): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const put = (k: unknown, v: unknown) => {
    const key = text(k, 200);
    const val = v === null || v === undefined ? undefined : text(v, 200) ?? JSON.stringify(v)?.slice(0, 200);
    if (key && val !== undefined) out[key] = val;
  };
  if (Array.isArray(value)) {
    for (const pair of value.slice(0, 200)) {
      if (Array.isArray(pair)) put(pair[0], pair[1]);
      else if (isObject(pair)) put(pair.key, pair.value);
    }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value).slice(0, 200)) put(k, v);
  } else return undefined;
  return out;
}

function formatLogentry(entry: Record<string, unknown>): string | undefined {
  if (typeof entry.formatted == 'string') return entry.formatted;
  if (typeof entry.message != 'string') return undefined;
  const params = Array.isArray(entry.params) ? entry.params : [];
  let i = 0;
  return entry.message.replace(/%[sdif]/g, (m) => (i < params.length ? String(params[i++]) : m));
}

/**
 * Sentry's SDK sends only `filename` (the script's URL); Relay moves it to `abs_path` and keeps
 * the URL's path as `filename`. Do the same, so every frame has the URL symbolication looks up.
 */
function fillAbsPath(frame: Record<string, unknown>, paths: Map<string, string>): Record<string, unknown> {
  if (typeof frame.abs_path == 'string' && frame.abs_path) return frame;
  if (typeof frame.filename != 'string' || !frame.filename) return frame;
  const out = copyRecord(frame);
  out.abs_path = frame.filename;
  out.filename = pathOf(frame.filename, paths);
  return out;
}

/** The path of an http(s) URL, else the name as sent; `paths` remembers each for the event, whose frames share a few files. */
function pathOf(filename: string, paths: Map<string, string>): string {
  let path = paths.get(filename);
  if (path === undefined) {
    path = filename;
    if (/^https?:\/\//i.test(filename)) {
      try {
        path = new URL(filename).pathname;
      } catch {
        /* keep it as sent */
      }
    }
    paths.set(filename, path);
  }
  return path;
}

function normalizeStacktrace(value: unknown, paths: Map<string, string>) {
  if (!isObject(value) || !Array.isArray(value.frames)) return undefined;
  // Keep the throwing end (the last frames) when a stack is too long.
  const frames = value.frames.filter(isObject).slice(-MAX_FRAMES).map((f) => fillAbsPath(f, paths));
  return { ...value, frames };
}

/**
 * Brings an event as any SDK sends it to the one shape processing reads: ids, times and levels
 * checked, legacy forms (`exception: [...]`, `message: "..."`, tag pairs) converted, the user's
 * IP filled in where the SDK asked for `{{auto}}`, browser and OS read from the User-Agent.
 * Fields we do not know are kept as they came.
 */
export function normalizeEvent(raw: Record<string, unknown>, meta: { eventId: string; received: number; clientIp?: string }): SentryEvent {
  // Copied key by key: many fields are added below (see copyRecord).
  const event = copyRecord(raw) as SentryEvent;
  event.event_id = meta.eventId;
  const ts = toSeconds(raw.timestamp);
  event.timestamp = ts !== undefined && ts <= meta.received + MAX_FUTURE_S && ts >= meta.received - MAX_PAST_S ? ts : meta.received;
  event.received = meta.received;
  const level = typeof raw.level == 'string' ? raw.level.toLowerCase() : 'error';
  event.level = LEVELS.has(level) ? level : LEVEL_ALIASES[level] || 'error';
  event.platform = text(raw.platform, 64) || 'javascript';
  for (const key of ['release', 'dist', 'environment', 'logger', 'transaction', 'server_name'] as const) {
    const value = text(raw[key], key == 'release' ? 250 : 200);
    if (value) event[key] = value.trim();
    else delete event[key];
  }

  // Messages: a plain `message` string, or `logentry` / the legacy `sentry.interfaces.Message`.
  const entry = isObject(raw.logentry) ? raw.logentry : isObject(raw.message) ? raw.message : isObject(raw['sentry.interfaces.Message']) ? raw['sentry.interfaces.Message'] : undefined;
  const message = entry ? formatLogentry(entry) : typeof raw.message == 'string' ? raw.message : undefined;
  if (message !== undefined) {
    const logentry = copyRecord(entry || {});
    logentry.formatted = message.slice(0, 8192);
    event.logentry = logentry;
  }
  delete event.message;

  const exception = raw.exception ?? raw['sentry.interfaces.Exception'];
  const values = Array.isArray(exception) ? exception : isObject(exception) && Array.isArray(exception.values) ? exception.values : isObject(exception) ? [exception] : undefined;
  const paths = new Map<string, string>();
  if (values) {
    event.exception = {
      values: values.filter(isObject).slice(-MAX_EXCEPTIONS).map((v) => {
        const value = copyRecord(v);
        value.type = text(v.type, 256);
        value.value = text(v.value, 8192);
        const stacktrace = normalizeStacktrace(v.stacktrace, paths);
        if (stacktrace) value.stacktrace = stacktrace;
        else delete value.stacktrace;
        return value;
      }),
    };
  } else delete event.exception;
  const stacktrace = normalizeStacktrace(raw.stacktrace, paths);
  if (stacktrace) event.stacktrace = stacktrace;
  else delete event.stacktrace;

  const tags = toStringMap(raw.tags);
  if (tags) event.tags = tags;
  else delete event.tags;
  if (Array.isArray(raw.fingerprint)) event.fingerprint = raw.fingerprint.slice(0, 50).map((f) => (text(f, 1000) ?? JSON.stringify(f) ?? '').slice(0, 1000));
  else delete event.fingerprint;

  if (isObject(raw.user)) {
    const user = copyRecord(raw.user);
    if (user.ip_address === '{{auto}}') user.ip_address = meta.clientIp;
    event.user = user;
  } else delete event.user;

  if (isObject(raw.request)) {
    const request = copyRecord(raw.request);
    const headers = toStringMap(request.headers);
    if (headers) request.headers = headers;
    else delete request.headers;
    event.request = request;
  } else delete event.request;

  const contexts = isObject(raw.contexts) ? copyRecord(raw.contexts as Record<string, Record<string, unknown>>) : {};
  const headers = (event.request?.headers || {}) as Record<string, string>;
  const ua = Object.entries(headers).find(([k]) => k.toLowerCase() == 'user-agent')?.[1];
  if (ua) {
    const parsed = parseUserAgent(ua);
    if (parsed.browser && !isObject(contexts.browser)) contexts.browser = { type: 'browser', ...parsed.browser };
    if (parsed.os && !isObject(contexts.os)) contexts.os = { type: 'os', ...parsed.os };
  }
  if (Object.keys(contexts).length) event.contexts = contexts;
  else delete event.contexts;

  if (!Array.isArray(event.errors)) delete event.errors;
  return event;
}
