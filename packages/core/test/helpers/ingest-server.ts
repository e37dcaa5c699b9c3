// A Sentry-compatible test ingest on a real HTTP server, strict where Sentry's relay is strict,
// so browser tests prove the SDK's requests would be accepted by a real server.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Event } from '../../src/types';

export type EndpointKind = 'envelope' | 'store' | 'tunnel';

/** How the request authenticated: DSN key in the query, in `X-Sentry-Auth`, both, or (tunnel) in the envelope header's `dsn`. */
export type AuthVia = 'query' | 'header' | 'both' | 'envelope' | 'none';

export interface AuthInfo {
  via: AuthVia;
  key?: string;
  version?: string;
  client?: string;
}

export interface EnvelopeItem {
  header: { type: string; length?: number; [key: string]: unknown };
  /** Parsed JSON; a string for `attachment` items, whose payload is opaque bytes. */
  payload: unknown;
  /** Payload bytes exactly as sent. */
  raw: Buffer;
}

export interface ParsedEnvelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
  raw: Buffer;
  /** The status the ingest answered (scripted responses included). */
  status: number;
}

export interface IngestRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  kind: EndpointKind;
  projectId?: string;
  auth: AuthInfo;
  contentType?: string;
  /** Request headers a page could only send after a CORS preflight (e.g. `x-sentry-auth`). */
  customHeaders: string[];
  hasCustomHeaders: boolean;
  /** A CORS "simple" request: safelisted content type and no custom headers, so no preflight. */
  corsSimple: boolean;
  body: Buffer;
  bodyText: string;
  /** Events this request carried, whatever the answer. */
  events: Event[];
  envelope?: ParsedEnvelope;
  /** Set when the ingest itself refused the request (403 auth, 400 parse). */
  rejection?: { reason: 'auth' | 'parse'; message: string };
  status: number;
  time: number;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  /** Strings are sent as is, anything else as JSON. */
  body?: unknown;
  /** Answer after this many ms (timeouts, flush). */
  delayMs?: number;
  /** Drop the connection without answering (network errors). */
  abort?: boolean;
}

export type Responder = (req: IngestRequest) => ScriptedResponse | undefined | Promise<ScriptedResponse | undefined>;

export interface Preflight {
  path: string;
  origin?: string;
  requestMethod?: string;
  /** Lower-cased names from `Access-Control-Request-Headers`. */
  requestHeaders: string[];
  time: number;
}

/** Requests to neither the ingest nor static files (`/ok`, `/status/500`, unknown paths). */
export interface OtherRequest {
  method: string;
  path: string;
  status: number;
  time: number;
}

export interface IngestOptions {
  /** URL prefix → directory. Default: `/dist/` → packages/core/dist, `/fixtures/` → test/fixtures/pages. */
  staticRoots?: Record<string, string>;
  /** Same-origin tunnel path that takes envelopes with a `dsn` header. Default `/tunnel`. */
  tunnelPath?: string;
}

export interface Ingest {
  /** Origin of the ingest, e.g. `http://127.0.0.1:54321`; DSNs point here. */
  readonly url: string;
  /** A second origin (other port, same routes) that serves pages, so the SDK's sends are cross-origin as in production. */
  readonly pagesUrl: string;
  /** Tunnel URL on the pages origin (same-origin for the page). */
  readonly tunnelUrl: string;
  dsn(projectId?: number | string, key?: string): string;
  /** Registers an inline HTML page; returns its absolute URL on the pages origin. */
  page(html: string): string;
  readonly requests: IngestRequest[];
  /** Events in requests answered 2xx (what Sentry would store). */
  readonly events: Event[];
  /** Every parsed envelope, whatever the answer; see `status`. */
  readonly envelopes: ParsedEnvelope[];
  /** Payloads of `client_report` items in requests answered 2xx. */
  readonly clientReports: ClientReport[];
  readonly preflights: Preflight[];
  readonly otherRequests: OtherRequest[];
  readonly staticRequests: string[];
  /** Requests refused for bad envelopes or lengths. */
  readonly parseErrors: IngestRequest[];
  /** Requests the ingest refused itself (auth or parse). */
  readonly rejections: IngestRequest[];
  respondWith(fn: Responder | undefined): void;
  /** Clears records and the responder; inline pages stay. */
  reset(): void;
  waitForEvents(n: number, timeoutMs?: number): Promise<Event[]>;
  waitForRequests(n: number, timeoutMs?: number): Promise<IngestRequest[]>;
  waitForClientReports(n: number, timeoutMs?: number): Promise<ClientReport[]>;
  /** Resolves when `check` returns true; rejects after the timeout with `what` and a summary of the records. */
  waitFor(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface ClientReport {
  timestamp?: number;
  discarded_events?: Array<{ reason: string; category: string; quantity: number }>;
  [key: string]: unknown;
}

const coreDir = fileURLToPath(new URL('../../', import.meta.url));

export const DEFAULT_ROOTS: Record<string, string> = {
  '/dist/': resolve(coreDir, 'dist'),
  '/fixtures/': resolve(coreDir, 'test/fixtures/pages'),
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  // Relay exposes these; without them a cross-origin SDK cannot read rate limits.
  'Access-Control-Expose-Headers': 'x-sentry-error, x-sentry-rate-limits, retry-after',
};

// Headers the browser or Node's fetch add themselves, plus CORS-safelisted ones: none of them trigger a preflight.
const NON_CUSTOM_HEADERS = new Set([
  'host', 'connection', 'content-length', 'content-type', 'user-agent', 'accept', 'accept-language',
  'accept-encoding', 'content-language', 'origin', 'referer', 'cookie', 'dnt', 'pragma', 'cache-control',
  'keep-alive', 'te', 'priority', 'range',
]);

const SIMPLE_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/** Items whose payload is not JSON. */
const BINARY_ITEM_TYPES = new Set(['attachment', 'replay_recording']);

const INGEST_PATH = /^(?:\/.*)?\/api\/([^/]+)\/(envelope|store)\/?$/;

export async function startIngest(options: IngestOptions = {}): Promise<Ingest> {
  const state = new IngestState(options);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    state.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, String(error));
    });
  };
  const ingestServer = await listen(createServer(handler));
  const pagesServer = await listen(createServer(handler));
  return state.publicApi(ingestServer, pagesServer);
}

class IngestState {
  requests: IngestRequest[] = [];
  envelopes: ParsedEnvelope[] = [];
  preflights: Preflight[] = [];
  otherRequests: OtherRequest[] = [];
  staticRequests: string[] = [];
  responder: Responder | undefined;
  pages = new Map<string, string>();
  private listeners = new Set<() => void>();
  private roots: Array<[string, string]>;
  private tunnelPath: string;

  constructor(options: IngestOptions) {
    this.roots = Object.entries(options.staticRoots ?? DEFAULT_ROOTS);
    this.tunnelPath = options.tunnelPath ?? '/tunnel';
  }

  get accepted(): IngestRequest[] {
    return this.requests.filter((r) => r.status >= 200 && r.status < 300);
  }

  get events(): Event[] {
    return this.accepted.flatMap((r) => r.events);
  }

  get clientReports(): ClientReport[] {
    return this.accepted.flatMap((r) =>
      (r.envelope?.items ?? []).filter((i) => i.header.type === 'client_report').map((i) => i.payload as ClientReport),
    );
  }

  reset(): void {
    this.requests = [];
    this.envelopes = [];
    this.preflights = [];
    this.otherRequests = [];
    this.staticRequests = [];
    this.responder = undefined;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    if (method === 'OPTIONS') return this.preflight(req, url, res);
    const match = INGEST_PATH.exec(url.pathname);
    if (match) return this.ingest(req, url, body, res, match[2] as EndpointKind, match[1]);
    if (url.pathname === this.tunnelPath) return this.ingest(req, url, body, res, 'tunnel');
    if (method === 'GET' && (await this.serveStatic(url.pathname, res))) return;
    // Chromium asks for it on its own; counting it would make request counts flaky.
    if (url.pathname === '/favicon.ico') return send(res, 204, '');
    this.other(method, url.pathname, res);
  }

  private preflight(req: IncomingMessage, url: URL, res: ServerResponse): void {
    const requested = header(req.headers, 'access-control-request-headers');
    this.preflights.push({
      path: url.pathname,
      origin: header(req.headers, 'origin'),
      requestMethod: header(req.headers, 'access-control-request-method'),
      requestHeaders: requested ? requested.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean) : [],
      time: Date.now(),
    });
    res.writeHead(200, {
      ...CORS_HEADERS,
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': requested ?? '*',
      'Access-Control-Max-Age': '0',
    });
    res.end();
    this.notify();
  }

  private async ingest(
    req: IncomingMessage,
    url: URL,
    body: Buffer,
    res: ServerResponse,
    kind: EndpointKind,
    projectId?: string,
  ): Promise<void> {
    const record = describeRequest(req, url, body, kind, projectId);
    this.requests.push(record);
    const outcome = req.method === 'POST' ? parseBody(record) : { status: 405, message: 'use POST' };
    if (outcome) {
      record.status = outcome.status;
      send(res, outcome.status, JSON.stringify({ detail: outcome.message }), { 'X-Sentry-Error': outcome.message });
      return this.notify();
    }
    const scripted = await this.script(record);
    record.status = scripted.status;
    if (record.envelope) record.envelope.status = scripted.status;
    if (scripted.delayMs) {
      // Arrived, answer pending: waiters on requests see it now, not only after the delay.
      this.notify();
      await new Promise((r) => setTimeout(r, scripted.delayMs));
    }
    if (scripted.abort) {
      req.socket.destroy();
    } else {
      const text = typeof scripted.body === 'string' ? scripted.body : JSON.stringify(scripted.body ?? null);
      send(res, scripted.status, text, { 'Content-Type': 'application/json', ...scripted.headers });
    }
    if (record.envelope) this.envelopes.push(record.envelope);
    this.notify();
  }

  private async script(record: IngestRequest): Promise<ScriptedResponse> {
    const fallback = { status: 200, body: { id: eventIdOf(record) ?? null } };
    if (!this.responder) return fallback;
    try {
      return (await this.responder(record)) ?? fallback;
    } catch (error) {
      return { status: 500, body: `responder threw: ${String(error)}` };
    }
  }

  private async serveStatic(path: string, res: ServerResponse): Promise<boolean> {
    const page = this.pages.get(path);
    if (page !== undefined) {
      this.staticRequests.push(path);
      send(res, 200, page, { 'Content-Type': CONTENT_TYPES['.html'] });
      return true;
    }
    const file = this.resolveStatic(path);
    if (!file) return false;
    const content = await readFile(file).catch(() => undefined);
    if (!content) return false;
    this.staticRequests.push(path);
    send(res, 200, content, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    return true;
  }

  private resolveStatic(path: string): string | undefined {
    for (const [prefix, dir] of this.roots) {
      if (!path.startsWith(prefix)) continue;
      const root = resolve(dir);
      const file = resolve(root, decodeURIComponent(path.slice(prefix.length)));
      // Refuse `..` escapes out of the root.
      if (file.startsWith(root + sep)) return file;
    }
    return undefined;
  }

  private other(method: string, path: string, res: ServerResponse): void {
    const code = /^\/status\/(\d{3})$/.exec(path);
    const status = path === '/ok' ? 200 : code ? Number(code[1]) : 404;
    this.otherRequests.push({ method, path, status, time: Date.now() });
    send(res, status, status === 200 ? 'ok' : String(status), { 'Content-Type': 'text/plain' });
    this.notify();
  }

  waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      const listener = () => {
        if (!check()) return;
        cleanup();
        resolvePromise();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out after ${timeoutMs}ms waiting for ${what}.\n${this.summary()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
      listener();
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** What arrived so far, for timeout messages. */
  summary(): string {
    const lines = [`Ingest requests (${this.requests.length}):`];
    for (const r of this.requests) {
      const why = r.rejection ? ` REJECTED ${r.rejection.reason}: ${r.rejection.message}` : '';
      lines.push(`  ${r.method} ${r.path} [${r.kind}] → ${r.status}${why}; events: ${r.events.map(describeEvent).join(' | ') || 'none'}`);
    }
    lines.push(`Accepted events: ${this.events.length}; client reports: ${this.clientReports.length}`);
    lines.push(`Preflights: ${this.preflights.map((p) => p.path).join(', ') || 'none'}`);
    lines.push(`Other requests: ${this.otherRequests.map((o) => `${o.method} ${o.path}`).join(', ') || 'none'}`);
    return lines.join('\n');
  }

  publicApi(ingestServer: Server, pagesServer: Server): Ingest {
    const state = this;
    const url = origin(ingestServer);
    const pagesUrl = origin(pagesServer);
    let pageCount = 0;
    return {
      url,
      pagesUrl,
      tunnelUrl: pagesUrl + this.tunnelPath,
      dsn: (projectId = 5, key = 'public') => `http://${key}@${url.slice('http://'.length)}/${projectId}`,
      page(html) {
        const path = `/page/${++pageCount}.html`;
        state.pages.set(path, html);
        return pagesUrl + path;
      },
      get requests() { return state.requests; },
      get events() { return state.events; },
      get envelopes() { return state.envelopes; },
      get clientReports() { return state.clientReports; },
      get preflights() { return state.preflights; },
      get otherRequests() { return state.otherRequests; },
      get staticRequests() { return state.staticRequests; },
      get parseErrors() { return state.requests.filter((r) => r.rejection?.reason === 'parse'); },
      get rejections() { return state.requests.filter((r) => r.rejection); },
      respondWith: (fn) => { state.responder = fn; },
      reset: () => state.reset(),
      waitFor: (check, what, timeoutMs) => state.waitFor(check, what, timeoutMs),
      async waitForEvents(n, timeoutMs) {
        await state.waitFor(() => state.events.length >= n, `${n} event(s)`, timeoutMs);
        return state.events;
      },
      async waitForRequests(n, timeoutMs) {
        await state.waitFor(() => state.requests.length >= n, `${n} ingest request(s)`, timeoutMs);
        return state.requests;
      },
      async waitForClientReports(n, timeoutMs) {
        await state.waitFor(() => state.clientReports.length >= n, `${n} client report(s)`, timeoutMs);
        return state.clientReports;
      },
      close: () => Promise.all([closeServer(ingestServer), closeServer(pagesServer)]).then(() => undefined),
    };
  }
}

function describeRequest(req: IncomingMessage, url: URL, body: Buffer, kind: EndpointKind, projectId?: string): IngestRequest {
  const contentType = header(req.headers, 'content-type');
  const customHeaders = Object.keys(req.headers).filter((h) => !NON_CUSTOM_HEADERS.has(h) && !h.startsWith('sec-'));
  const simpleType = !contentType || SIMPLE_CONTENT_TYPES.includes(contentType.split(';')[0].trim().toLowerCase());
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    kind,
    projectId,
    auth: parseAuth(url, req.headers),
    contentType,
    customHeaders,
    hasCustomHeaders: customHeaders.length > 0,
    corsSimple: simpleType && customHeaders.length === 0,
    body,
    bodyText: body.toString('utf8'),
    events: [],
    status: 0,
    time: Date.now(),
  };
}

/** Fills the record from the body; returns the error answer when the ingest refuses it. */
function parseBody(record: IngestRequest): { status: number; message: string } | undefined {
  if (record.kind !== 'tunnel' && !record.auth.key) return reject(record, 403, 'auth', 'missing sentry_key');
  try {
    if (record.kind === 'store') {
      record.events = [parseJson(record.body, 'store body') as Event];
      return undefined;
    }
    const envelope = parseEnvelope(record.body);
    record.envelope = envelope;
    record.events = envelope.items.filter((i) => i.header.type === 'event').map((i) => i.payload as Event);
  } catch (error) {
    return reject(record, 400, 'parse', error instanceof Error ? error.message : String(error));
  }
  if (record.kind === 'tunnel') return checkTunnelDsn(record);
  return undefined;
}

/** A tunnel forwards by the envelope header's `dsn`, so that is where the key must be. */
function checkTunnelDsn(record: IngestRequest): { status: number; message: string } | undefined {
  const dsn = record.envelope?.header.dsn;
  const key = typeof dsn === 'string' ? safeUrl(dsn)?.username : undefined;
  if (!key) return reject(record, 403, 'auth', 'tunnel envelope header has no dsn with a key');
  record.auth = { via: 'envelope', key };
  return undefined;
}

function reject(record: IngestRequest, status: number, reason: 'auth' | 'parse', message: string) {
  record.rejection = { reason, message };
  return { status, message };
}

/**
 * Parses an envelope as relay does: header line, then items of header line + payload, where
 * `length` counts UTF-8 bytes and the payload must be followed by `\n` or the end of the body.
 */
export function parseEnvelope(raw: Buffer): ParsedEnvelope {
  const headerEnd = lineEnd(raw, 0);
  const header = parseJson(raw.subarray(0, headerEnd), 'envelope header');
  if (!isObject(header)) throw new Error('envelope header is not a JSON object');
  const items: EnvelopeItem[] = [];
  let offset = headerEnd + 1;
  while (offset < raw.length) {
    const { item, next } = parseItem(raw, offset, items.length);
    items.push(item);
    offset = next;
  }
  return { header, items, raw, status: 0 };
}

function parseItem(raw: Buffer, start: number, index: number): { item: EnvelopeItem; next: number } {
  const headerEnd = lineEnd(raw, start);
  const itemHeader = parseJson(raw.subarray(start, headerEnd), `item ${index} header`);
  if (!isObject(itemHeader) || typeof itemHeader.type !== 'string') throw new Error(`item ${index} header has no type`);
  const { length } = itemHeader;
  if (length !== undefined && !(Number.isInteger(length) && (length as number) >= 0)) {
    throw new Error(`item ${index} length ${JSON.stringify(length)} is not a non-negative integer`);
  }
  const payloadStart = Math.min(headerEnd + 1, raw.length);
  const payloadEnd = length === undefined ? lineEnd(raw, payloadStart) : payloadStart + (length as number);
  if (payloadEnd > raw.length) throw new Error(`item ${index} (${itemHeader.type}) length ${String(length)} runs past the end of the body`);
  if (payloadEnd < raw.length && raw[payloadEnd] !== 0x0a) {
    throw new Error(`item ${index} (${itemHeader.type}) length ${String(length)} is wrong: payload not followed by a newline`);
  }
  const payloadRaw = raw.subarray(payloadStart, payloadEnd);
  const payload = BINARY_ITEM_TYPES.has(itemHeader.type)
    ? payloadRaw.toString('utf8')
    : parseJson(payloadRaw, `item ${index} (${itemHeader.type}) payload`);
  const item = { header: itemHeader as EnvelopeItem['header'], payload, raw: payloadRaw };
  return { item, next: payloadEnd + 1 };
}

/** Index of the next `\n` at or after `from`, or the body's end. */
function lineEnd(raw: Buffer, from: number): number {
  const index = raw.indexOf(0x0a, from);
  return index === -1 ? raw.length : index;
}

function parseJson(bytes: Buffer, what: string): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} is not valid JSON (${(error as Error).message}): ${text.slice(0, 200)}`);
  }
}

function parseAuth(url: URL, headers: IncomingHttpHeaders): AuthInfo {
  const fromQuery = {
    key: url.searchParams.get('sentry_key') ?? undefined,
    version: url.searchParams.get('sentry_version') ?? undefined,
    client: url.searchParams.get('sentry_client') ?? undefined,
  };
  const fromHeader = parseAuthHeader(header(headers, 'x-sentry-auth'));
  const via: AuthVia = fromQuery.key ? (fromHeader.key ? 'both' : 'query') : fromHeader.key ? 'header' : 'none';
  const pick = via === 'header' ? fromHeader : fromQuery;
  return { via, key: pick.key, version: pick.version, client: pick.client };
}

/** `Sentry sentry_version=7, sentry_client=x/1.0, sentry_key=abc` */
function parseAuthHeader(value: string | undefined): { key?: string; version?: string; client?: string } {
  if (!value) return {};
  const pairs = new Map<string, string>();
  for (const part of value.replace(/^\s*Sentry\s+/i, '').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) pairs.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return { key: pairs.get('sentry_key'), version: pairs.get('sentry_version'), client: pairs.get('sentry_client') };
}

function eventIdOf(record: IngestRequest): string | undefined {
  const fromHeader = record.envelope?.header.event_id;
  if (typeof fromHeader === 'string') return fromHeader;
  return record.events[0]?.event_id;
}

function describeEvent(event: Event): string {
  const exception = event.exception?.values?.[0];
  const text = exception ? `${exception.type ?? '?'}: ${exception.value ?? ''}` : event.message ?? event.logentry?.formatted ?? event.logentry?.message ?? '';
  return `${event.event_id ?? 'no id'} ${text}`.trim();
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...CORS_HEADERS, ...headers });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen(server));
  });
}

function origin(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    // Browsers keep connections alive; without this close() waits for them.
    server.closeAllConnections();
    server.close(() => resolveClose());
  });
}
