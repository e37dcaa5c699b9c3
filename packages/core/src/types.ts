// Wire shapes of Sentry's event protocol, and the public option and extension types.
// Field names on the wire stay snake_case, as the protocol spells them.
import type { Scope } from './scope';

export type SeverityLevel = 'fatal' | 'error' | 'warning' | 'log' | 'info' | 'debug';

export interface StackFrame {
  filename?: string;
  abs_path?: string;
  function?: string;
  module?: string;
  lineno?: number;
  colno?: number;
  in_app?: boolean;
}

export interface Mechanism {
  /** What caught the error: `generic` for explicit captures, `onerror`, `onunhandledrejection`, `vue`, … */
  type: string;
  /** false when the error reached a global handler without the app catching it. */
  handled?: boolean;
  /** The stack was made by the SDK because the thrown value had none. */
  synthetic?: boolean;
  data?: Record<string, unknown>;
  /** Linked errors: where this exception sits in the `cause` chain. */
  exception_id?: number;
  parent_id?: number;
  source?: string;
  is_exception_group?: boolean;
}

export interface Exception {
  type?: string;
  value?: string;
  module?: string;
  mechanism?: Mechanism;
  stacktrace?: { frames: StackFrame[] };
}

export interface Breadcrumb {
  /** Seconds since the epoch; filled when missing. */
  timestamp?: number;
  type?: string;
  category?: string;
  level?: SeverityLevel;
  message?: string;
  data?: Record<string, unknown>;
}

export interface User {
  id?: string | number;
  email?: string;
  username?: string;
  ip_address?: string;
  segment?: string;
  [key: string]: unknown;
}

export interface SdkInfo {
  name: string;
  version: string;
  integrations?: string[];
  packages?: Array<{ name: string; version: string }>;
}

export interface DebugImage {
  type: 'sourcemap';
  code_file: string;
  debug_id: string;
}

export interface Event {
  event_id?: string;
  timestamp?: number;
  platform?: string;
  level?: SeverityLevel;
  logger?: string;
  release?: string;
  dist?: string;
  environment?: string;
  server_name?: string;
  transaction?: string;
  fingerprint?: string[];
  message?: string;
  logentry?: { formatted?: string; message?: string; params?: unknown[] };
  exception?: { values: Exception[] };
  user?: User;
  tags?: Record<string, string>;
  extra?: Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown> | undefined>;
  request?: { url?: string; method?: string; headers?: Record<string, string>; query_string?: string };
  breadcrumbs?: { values: Breadcrumb[] } | Breadcrumb[];
  sdk?: SdkInfo;
  debug_meta?: { images: DebugImage[] };
}

/** What `captureException`'s second argument may be besides a hint: a context, a scope, or a callback given a copy of the current scope. */
export type CaptureContext = ScopeContext | Scope | ((scope: Scope) => Scope | ScopeContext | void);

/** What the caller knows beyond the event itself. */
export interface EventHint {
  /** The value that was thrown or rejected, as given. */
  originalException?: unknown;
  /** A synthetic Error made at the capture call, for a stack when the thrown value has none. */
  syntheticException?: Error;
  /** Preset mechanism for the top exception (global handlers set `handled: false`). */
  mechanism?: Partial<Mechanism>;
  event_id?: string;
  data?: unknown;
  /** Extra scope fields for this capture alone. */
  captureContext?: CaptureContext;
}

export interface BreadcrumbHint {
  [key: string]: unknown;
}

/** What `setContext`, `initialScope` and `captureContext` accept. */
export interface ScopeContext {
  user?: User | null;
  tags?: Record<string, Primitive>;
  extra?: Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown>>;
  level?: SeverityLevel;
  fingerprint?: string[];
}

export type Primitive = string | number | boolean | bigint | symbol | null | undefined;

/** Why an event was not sent; the categories of Sentry's client reports. */
export type DropReason =
  | 'before_send'
  | 'event_processor'
  | 'sample_rate'
  | 'ratelimit_backoff'
  | 'network_error'
  | 'queue_overflow'
  | 'send_error'
  | 'internal_sdk_error';

export type DataCategory = 'error' | 'default' | 'internal' | 'session' | 'attachment' | 'transaction';

/** One outgoing request body: the envelope text (or store JSON) and where it goes. */
export interface Envelope {
  /** What the payload holds, for rate limits and client reports. */
  category: DataCategory;
  /** The event id the envelope carries, when it carries an event. */
  eventId?: string;
  /** The serialised body. */
  body: string;
  /** Full ingest URL with auth query parameters. */
  url: string;
}

/** What a transport tells the client about one request. */
export interface TransportResponse {
  statusCode?: number;
  headers?: {
    'retry-after'?: string | null;
    'x-sentry-rate-limits'?: string | null;
  };
}

/**
 * A transport delivers envelopes. The client handles rate limits, buffering and client reports
 * around it, so a custom transport only has to send.
 * @example
 * init({ dsn, transport: (opts) => ({
 *   send: (envelope) => fetch(envelope.url, { method: 'POST', body: envelope.body })
 *     .then((r) => ({ statusCode: r.status })),
 *   flush: () => Promise.resolve(true),
 * }) })
 */
export interface Transport {
  send(envelope: Envelope): PromiseLike<TransportResponse | void>;
  /** Resolves true when every pending send finished within `timeout` ms. */
  flush?(timeout?: number): PromiseLike<boolean>;
}

export interface TransportOptions {
  /** The ingest URL for the chosen endpoint, auth included. */
  url: string;
  /** Extra `fetch` options given in `init({ transportOptions })`. */
  fetchOptions?: RequestInit;
  /** Debug logger, quiet unless `debug: true`. */
  log: (message: string) => void;
  /** Milliseconds after which a send without an answer is given up (`sendTimeout`). */
  timeout?: number;
}

export interface Integration {
  name: string;
  /** Runs once per client; may return its teardown, called on `close()`. */
  setup?(client: ClientLike): void | (() => void);
  /**
   * Adds to the event during the capture call itself, for what must be read at that moment
   * (the page URL, say); the rest of the pipeline runs after the call returns.
   */
  preprocessEvent?(event: Event, hint: EventHint, client: ClientLike): void;
  /** Changes or drops (returns null) an event before `beforeSend`. */
  processEvent?(event: Event, hint: EventHint, client: ClientLike): Event | null | PromiseLike<Event | null>;
}

/** The part of the client that integrations may use. */
export interface ClientLike {
  getOptions(): Readonly<ResolvedOptions>;
  captureException(exception: unknown, hint?: EventHint): string;
  captureMessage(message: string, level?: SeverityLevel, hint?: EventHint): string;
  captureEvent(event: Event, hint?: EventHint): string;
  addBreadcrumb(breadcrumb: Breadcrumb, hint?: BreadcrumbHint): void;
  /** Logs under `debug: true` only. */
  log(message: string): void;
  /** Whether a URL is the SDK's own ingest (never record or capture those requests). */
  isOwnRequest(url: string): boolean;
  /**
   * Sends items (`[type, payload]`) in an envelope of their own: rate limits, the retry queue
   * and client reports apply by `category`. For integrations that send more than events.
   * @example client.sendEnvelope('transaction', [['transaction', transaction]], transaction.event_id)
   */
  sendEnvelope(category: DataCategory, items: Array<[type: string, payload: unknown]>, eventId?: string): void;
  /** Counts something that was not sent, for the next client report. */
  recordDroppedEvent(reason: DropReason, category?: DataCategory): void;
}

export interface Options {
  /** Where events go: `https://<key>@<host>/<project>`. Without a valid DSN nothing is sent. @default undefined */
  dsn?: string;
  /** The release of your app, matching uploaded source maps, e.g. `shop@1.4.2`. @default undefined */
  release?: string;
  /** The build variant of the release; must equal the `dist` of uploaded source maps. @default undefined */
  dist?: string;
  /** The environment the app runs in. @default 'production' */
  environment?: string;
  /** Share of error events to send, from 0 to 1. @default 1 */
  sampleRate?: number;
  /**
   * The share of page loads and navigations recorded as transactions (0 to 1), read by
   * `@faultline/tracing`; without that package nothing is recorded. Error events are sampled
   * by `sampleRate`, not this. Unset, no transactions are recorded. @default undefined
   */
  tracesSampleRate?: number;
  /**
   * Decides per trace instead of `tracesSampleRate`: a number from 0 to 1, or a boolean
   * (`@faultline/tracing`). @default undefined
   * @example tracesSampler: ({ name }) => (name.startsWith('/admin') ? 0 : 0.3)
   */
  tracesSampler?: (context: { name: string; op: string; parentSampled?: boolean }) => number | boolean;
  /**
   * Outgoing requests whose URL matches get `sentry-trace` and `baggage` headers
   * (`@faultline/tracing`). Other origins get none, so no new CORS preflights.
   * @default same-origin requests only
   */
  tracePropagationTargets?: Array<string | RegExp>;
  /** Last chance to edit or drop (return null) a transaction (`@faultline/tracing`). @default undefined */
  beforeSendTransaction?: (transaction: Event) => Event | null | PromiseLike<Event | null>;
  /** Last chance to edit or drop (return null) an event; may return a promise. @default undefined */
  beforeSend?: (event: Event, hint: EventHint) => Event | null | PromiseLike<Event | null>;
  /** Edit or drop (return null) a breadcrumb before it is stored. @default undefined */
  beforeBreadcrumb?: (breadcrumb: Breadcrumb, hint?: BreadcrumbHint) => Breadcrumb | null;
  /** Errors whose message contains one of these strings, or matches one of these patterns, are dropped. @default [] */
  ignoreErrors?: Array<string | RegExp>;
  /** Errors thrown from scripts at these URLs are dropped. @default [] */
  denyUrls?: Array<string | RegExp>;
  /** When set, only errors thrown from scripts at these URLs are sent. @default [] */
  allowUrls?: Array<string | RegExp>;
  /** How many breadcrumbs the scope keeps (oldest dropped first). @default 100 */
  maxBreadcrumbs?: number;
  /** How deep objects in extra, contexts, user and breadcrumb data are kept. @default 3 */
  normalizeDepth?: number;
  /** How many properties one object keeps when normalised. @default 1000 */
  normalizeMaxBreadth?: number;
  /** Longest string kept in messages and exception values. @default 250 */
  maxValueLength?: number;
  /** false turns the SDK off: nothing is captured or sent. @default true */
  enabled?: boolean;
  /** Log to the console why events are dropped and why sends fail. @default false */
  debug?: boolean;
  /** Integrations to add, or a function that receives the defaults and returns the list. @default defaults */
  integrations?: Integration[] | ((defaults: Integration[]) => Integration[]);
  /** false leaves out the default integrations. @default true */
  defaultIntegrations?: false | Integration[];
  /** Builds the transport that sends envelopes. @default fetch, with XHR fallback */
  transport?: (options: TransportOptions) => Transport;
  /** Options passed to the default transport's `fetch` calls. @default undefined */
  transportOptions?: { fetchOptions?: RequestInit };
  /** Send to this URL (same-origin proxy) instead of the DSN host, to get past ad-blockers. @default undefined */
  tunnel?: string;
  /** Ingest endpoint: `envelope` (Sentry 20.6+) or `store` (every version; one JSON event per request). @default 'envelope' */
  endpoint?: 'envelope' | 'store';
  /** Send counts of dropped events (client reports; servers 21.9+; own envelope, so older ones ignore them). @default true */
  sendClientReports?: boolean;
  /** Scope data set at init. @default undefined */
  initialScope?: ScopeContext;
  /** Frames from URLs matching these are not in-app (besides the SDK and browser extensions). @default [] */
  inAppExclude?: Array<string | RegExp>;
  /** Largest serialised event in bytes; bigger events are trimmed (long strings, then breadcrumbs). @default 900000 */
  maxEventBytes?: number;
  /**
   * Milliseconds a send may wait for the server's answer; then it is given up as a network
   * error, freeing its slot for the next. @default 30000
   */
  sendTimeout?: number;
  /**
   * Keep envelopes that could not be delivered (network error, time-out, 5xx, 429) and retry
   * them with backoff: in IndexedDB, so they also go out on the next visit (in memory where
   * IndexedDB is unavailable); sent again on `online`, after a later success and on page
   * exit. false drops and counts them instead. The lean script-tag bundle `faultline.min.js` has
   * no retry queue (it behaves as with false); the npm package and `faultline.full.min.js` do.
   * @default true
   * @example init({ dsn, offline: false })
   */
  offline?: boolean;
  /**
   * Send personal data: with false (Sentry's default) no IP address, cookies or credential
   * headers, and values under secret-looking keys (password, passwd, secret, token, api_key,
   * apikey, auth, credentials, session, cookie, csrf, jwt) become `[Filtered]` in extra,
   * contexts, breadcrumb data and request data, and in query strings (Privacy integration).
   * With true the server fills in the IP address (`user.ip_address: '{{auto}}'`).
   * @default false
   */
  sendDefaultPii?: boolean;
  /**
   * More keys whose values become `[Filtered]` (a substring or a pattern), whatever
   * `sendDefaultPii` says.
   * @default []
   * @example init({ dsn, scrubKeys: ['iban', /^card/] })
   */
  scrubKeys?: Array<string | RegExp>;
  /**
   * Release health: a session per page load and per history navigation, `errored` once an
   * error event is sent in it, `crashed` after an unhandled one (Sessions integration; needs a
   * `release`). false sends none. Not in the lean script-tag bundle `faultline.min.js` (the npm
   * package and `faultline.full.min.js` have it).
   * @default true
   */
  autoSessionTracking?: boolean;
  /** How many sends may wait or be in flight at once (6 go out at a time); more are dropped and counted. @default 128 */
  bufferSize?: number;
  /** Attach a stack trace to `captureMessage` events. @default false */
  attachStacktrace?: boolean;
  /**
   * Console calls that become events (the CaptureConsole integration); false turns it off.
   * @default { levels: ['error'] }
   */
  captureConsole?: false | { levels?: Array<'debug' | 'info' | 'warn' | 'error' | 'log' | 'assert'> };
  /** Responses that become events (HttpClient integration); a pair is an inclusive range. @default [[500, 599]] */
  failedRequestStatusCodes?: Array<number | [number, number]>;
  /** Only failed requests to matching URLs become events. @default all */
  failedRequestTargets?: Array<string | RegExp>;
}

/** Options after defaults are applied. */
export type ResolvedOptions = Options &
  Required<
    Pick<
      Options,
      | 'environment'
      | 'sampleRate'
      | 'ignoreErrors'
      | 'denyUrls'
      | 'allowUrls'
      | 'maxBreadcrumbs'
      | 'normalizeDepth'
      | 'normalizeMaxBreadth'
      | 'maxValueLength'
      | 'enabled'
      | 'debug'
      | 'endpoint'
      | 'sendClientReports'
      | 'maxEventBytes'
      | 'bufferSize'
      | 'sendTimeout'
      | 'offline'
      | 'inAppExclude'
    >
  >;
