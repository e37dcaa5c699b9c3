import { getCurrentScope } from './carrier';
import { createClientReports, type ClientReports } from './client-reports';
import { dsnToString, ingestUrl, parseDsn } from './dsn';
import { sdkEnvelope, type Item } from './envelope';
import { eventFromMessage, eventFromUnknown } from './event-builder';
import { DEBUG } from './debug-build';
import { createLogger } from './logger';
import { now, uuid4, withTimeout } from './misc';
import { normalizeEvent } from './normalize-event';
import { enableRetryQueue } from './offline';
import type { Scope } from './scope';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './transport/dispatcher';
import { makeFetchTransport } from './transport/fetch';
import { serializeWithin } from './trim-event';
import { absoluteUrl } from './url';
import { normalize } from './normalize';
import type {
  Breadcrumb,
  BreadcrumbHint,
  ClientLike,
  DataCategory,
  DropReason,
  Event,
  EventHint,
  Integration,
  Options,
  ResolvedOptions,
  SdkInfo,
  SeverityLevel,
} from './types';
import { SDK_NAME, SDK_VERSION } from './version';

const DEFAULTS = {
  environment: 'production',
  sampleRate: 1,
  ignoreErrors: [],
  denyUrls: [],
  allowUrls: [],
  inAppExclude: [],
  maxBreadcrumbs: 100,
  normalizeDepth: 3,
  normalizeMaxBreadth: 1000,
  maxValueLength: 250,
  enabled: true,
  debug: false,
  endpoint: 'envelope',
  sendClientReports: true,
  // Relay refuses events over 1 MiB; keep a margin for the envelope around it.
  maxEventBytes: 900_000,
  bufferSize: 128,
  sendTimeout: 30_000,
  offline: true,
} satisfies Partial<ResolvedOptions>;

/** An absolute URL without its query, for comparing requests (a tunnel may be a relative path). */
const absolute = (url: string): string => absoluteUrl(url).split('?')[0];

/** Deep enough for every field of the protocol (an exception frame is 6 levels down) and what beforeSend adds under it. */
const MAX_EVENT_DEPTH = 12;

/** Applies defaults where an option is missing or explicitly undefined. */
function resolveOptions(options: Options): ResolvedOptions {
  const resolved = { ...options } as Record<string, unknown>;
  for (const key in DEFAULTS) {
    if (resolved[key] === undefined) resolved[key] = DEFAULTS[key as keyof typeof DEFAULTS];
  }
  return resolved as unknown as ResolvedOptions;
}

/**
 * Owns one configuration: builds events, runs them through integrations, sampling and
 * `beforeSend`, and hands envelopes to the transport. Every entry point catches its own
 * errors, so nothing the SDK does can throw into the page.
 */
export class Client implements ClientLike {
  _options: ResolvedOptions;
  _url: string | undefined;
  _dispatcher: Dispatcher | undefined;
  _integrations: Integration[] = [];
  _teardowns: Array<() => void> = [];
  _pending = new Set<PromiseLike<unknown>>();
  _reports: ClientReports | undefined;
  /** The DSN for a tunnel to read from the envelope header; none without a tunnel. */
  _envelopeDsn: string | undefined;
  _sdk: SdkInfo;
  // Both start unset, which reads as false.
  _closed?: boolean;
  /** Set while integrations and beforeSend run: a capture they cause (say, a console.error) would recurse. */
  _busy?: boolean;
  log: (message: string) => void;

  constructor(options: Options) {
    const opts = (this._options = resolveOptions(options));
    this.log = createLogger(!!opts.debug);
    this._sdk = { name: SDK_NAME, version: SDK_VERSION };

    if (typeof opts.sampleRate != 'number' || !(opts.sampleRate >= 0 && opts.sampleRate <= 1)) {
      this.log(DEBUG ? `sampleRate must be a number from 0 to 1, got ${String(opts.sampleRate)}: sending every event` : 'invalid sampleRate');
      opts.sampleRate = 1;
    }

    const dsn = parseDsn(opts.dsn);
    if (typeof dsn == 'string') {
      this.log(`invalid DSN (${dsn}): nothing will be sent`);
    } else {
      if (opts.tunnel) this._envelopeDsn = dsnToString(dsn);
      if (opts.tunnel && opts.endpoint == 'store') {
        DEBUG && this.log('a tunnel takes envelopes: endpoint "store" is ignored');
        opts.endpoint = 'envelope';
      }
      this._url = opts.tunnel || ingestUrl(dsn, opts.endpoint);
      const makeTransport = opts.transport || makeFetchTransport;
      try {
        const transport = makeTransport({ url: this._url, fetchOptions: opts.transportOptions?.fetchOptions, log: this.log, timeout: opts.sendTimeout });
        const dispatcherOptions: DispatcherOptions = {
          transport,
          bufferSize: opts.bufferSize,
          log: this.log,
          onDrop: (reason, category, envelope, detail) => {
            this.log(`${envelope.category} ${envelope.eventId || ''} not delivered: ${detail || reason}`);
            this.recordDroppedEvent(reason, category);
          },
        };
        this._dispatcher = createDispatcher(dispatcherOptions);
        const stopQueue = opts.offline && enableRetryQueue(this, this._dispatcher, dispatcherOptions);
        if (stopQueue) this._teardowns.push(stopQueue);
      } catch (error) {
        this.log(`transport failed${DEBUG ? `: ${(error as Error)?.message}` : ''}`);
      }
      if (opts.sendClientReports && this._dispatcher) {
        if (opts.endpoint == 'store') {
          DEBUG && this.log('client reports need the envelope endpoint: not sent with endpoint "store"');
        } else {
          this._reports = createClientReports(this, this._dispatcher);
        }
      }
    }
  }

  getOptions(): Readonly<ResolvedOptions> {
    return this._options;
  }

  /** Whether events are sent at all: enabled, a valid DSN and a transport. */
  isEnabled(): boolean {
    return this._options.enabled !== false && !!this._dispatcher && !this._closed;
  }

  /** Runs each integration's setup once; keeps their teardowns for `close()`. */
  setupIntegrations(integrations: Integration[]): void {
    for (const integration of integrations) {
      if (!integration || this._integrations.some((i) => i.name == integration.name)) continue;
      this._integrations.push(integration);
      try {
        const teardown = integration.setup && integration.setup(this);
        if (typeof teardown == 'function') this._teardowns.push(teardown);
      } catch (error) {
        this.log(`integration ${integration.name} failed${DEBUG ? `: ${(error as Error)?.message}` : ''}`);
      }
    }
    this._sdk.integrations = this._integrations.map((i) => i.name);
  }

  getIntegrationByName<T extends Integration = Integration>(name: string): T | undefined {
    return this._integrations.find((i) => i.name == name) as T | undefined;
  }

  isOwnRequest(url: string): boolean {
    return !!this._url && absolute(url) == absolute(this._url);
  }

  captureException(exception: unknown, hint: EventHint = {}, scope?: Scope): string {
    const opts = this._options;
    return this._capture(() => eventFromUnknown(exception, hint, opts.inAppExclude, opts.normalizeDepth), { ...hint, originalException: exception }, scope);
  }

  captureMessage(message: string, level: SeverityLevel = 'info', hint: EventHint = {}, scope?: Scope): string {
    const opts = this._options;
    return this._capture(() => eventFromMessage(String(message), level, hint, opts.attachStacktrace, opts.inAppExclude), hint, scope);
  }

  captureEvent(event: Event, hint: EventHint = {}, scope?: Scope): string {
    return this._capture(() => ({ ...event }), hint, scope);
  }

  addBreadcrumb(breadcrumb: Breadcrumb, hint?: BreadcrumbHint, scope: Scope = getCurrentScope()): void {
    const { beforeBreadcrumb, maxBreadcrumbs } = this._options;
    try {
      let crumb: Breadcrumb | null = { timestamp: now(), ...breadcrumb };
      if (beforeBreadcrumb) crumb = beforeBreadcrumb(crumb, hint);
      if (crumb) scope.addBreadcrumb(crumb, maxBreadcrumbs);
      else DEBUG && this.log('breadcrumb dropped by beforeBreadcrumb');
    } catch (error) {
      DEBUG && this.log(`breadcrumb not added: ${(error as Error)?.message}`);
    }
  }

  /** Counts an event that was not sent, for the next client report (not a lost client report: reports about reports would never end). */
  recordDroppedEvent(reason: DropReason, category: DataCategory = 'error'): void {
    if (this._reports && category != 'internal') this._reports._record(reason, category);
  }

  /** Resolves true when every capture so far was processed and sent within `timeout` ms. */
  flush(timeout?: number): Promise<boolean> {
    const processed = Promise.all(this._pending).then(() => {
      if (this._reports) this._reports._send();
      return this._dispatcher ? this._dispatcher.flush(timeout) : true;
    });
    return withTimeout(processed, timeout);
  }

  /**
   * Stops capturing and removes every integration's patches at once (a new `init` must not
   * find the old handlers still installed), then flushes what was already captured.
   */
  close(timeout?: number): Promise<boolean> {
    this._closed = true;
    for (const teardown of this._teardowns.splice(0)) {
      try {
        teardown();
      } catch {
        // a failed teardown must not stop the others
      }
    }
    const flushed = this.flush(timeout);
    if (this._reports) this._reports._stop();
    return flushed;
  }

  /**
   * Sends items in an envelope of their own, with the SDK's header (and the DSN, for a tunnel):
   * rate limits, the retry queue and client reports apply by `category`. For what integrations
   * send besides events (sessions, transactions).
   */
  sendEnvelope(category: DataCategory, items: Item[], eventId?: string): void {
    this._sendEnvelope(category, eventId, sdkEnvelope(items, this._sdk, this._envelopeDsn, eventId));
  }

  _sendEnvelope(category: DataCategory, eventId: string | undefined, body: string): void {
    if (this._dispatcher) this._dispatcher.send({ category, eventId, body, url: this._url! });
  }

  /** `why` is left out of the minified build (`DEBUG && …`): there the reason code is logged. */
  _drop(reason: DropReason, event: Event, why: string | false): void {
    this.log(`event ${event.event_id} dropped: ${why || reason}`);
    this.recordDroppedEvent(reason, 'error');
  }

  /**
   * The synchronous part builds the event and copies the scope as it is now; the rest
   * (integrations, sampling, beforeSend, sending) runs after the capture call returns.
   */
  _capture(build: () => Event, hint: EventHint, scope: Scope = getCurrentScope()): string {
    const eventId = hint.event_id || uuid4();
    try {
      if (this._busy) {
        DEBUG && this.log(`event ${eventId} ignored: captured inside beforeSend or an integration`);
        return eventId;
      }
      if (!this.isEnabled()) {
        this.log(`event ${eventId} not sent: ${DEBUG ? (this._closed ? 'client closed' : this._options.enabled === false ? 'enabled is false' : 'no valid DSN') : 'disabled'}`);
        return eventId;
      }
      const event = this._prepare(build(), { ...hint, event_id: eventId }, scope);
      const task = Promise.resolve()
        .then(() => this._process(event, hint))
        .then(undefined, (error) => this._internalError(eventId, error));
      this._pending.add(task);
      task.then(() => this._pending.delete(task));
    } catch (error) {
      this._internalError(eventId, error);
    }
    return eventId;
  }

  /** A bug of ours: the event is dropped and counted, the page never sees it. */
  _internalError(eventId: string, error: unknown): void {
    this._drop('internal_sdk_error', { event_id: eventId }, DEBUG && `internal error ${(error as Error)?.message}`);
  }

  _prepare(event: Event, hint: EventHint, scope: Scope): Event {
    const opts = this._options;
    event.event_id = hint.event_id;
    event.timestamp = event.timestamp || now();
    event.platform = 'javascript';
    event.level = event.level || 'error';
    // The options' environment (by default 'production'), release and dist, where the event has none.
    for (const key of ['environment', 'release', 'dist'] as const) if (opts[key] && !event[key]) event[key] = opts[key];
    event.sdk = { ...this._sdk, ...event.sdk };
    const effective = hint.captureContext ? scope.clone().update(hint.captureContext) : scope;
    effective.applyToEvent(event);
    for (const integration of this._integrations) if (integration.preprocessEvent) integration.preprocessEvent(event, hint, this);
    return normalizeEvent(event, opts.normalizeDepth, opts.normalizeMaxBreadth, opts.maxValueLength);
  }

  async _process(prepared: Event, hint: EventHint): Promise<void> {
    const { sampleRate, beforeSend } = this._options;
    let event = prepared;
    for (const integration of this._integrations) {
      if (!integration.processEvent) continue;
      let next: Event | null;
      try {
        next = await this._guard(() => integration.processEvent!(event, hint, this));
      } catch (error) {
        return this._drop('event_processor', event, DEBUG && `integration ${integration.name} failed: ${(error as Error)?.message}`);
      }
      if (!next) return this._drop('event_processor', event, DEBUG && `by integration ${integration.name}`);
      event = next;
    }
    if (Math.random() >= sampleRate) return this._drop('sample_rate', event, DEBUG && `sampleRate is ${sampleRate}`);
    if (beforeSend) {
      let edited: Event | null;
      try {
        edited = await this._guard(() => beforeSend(event, hint));
      } catch (error) {
        return this._drop('before_send', event, DEBUG && `beforeSend threw or rejected: ${(error as Error)?.message}`);
      }
      if (edited === null) return this._drop('before_send', event, DEBUG && 'beforeSend returned null');
      if (!edited || typeof edited != 'object') {
        return this._drop('before_send', event, DEBUG && `beforeSend must return an event or null, got ${typeof edited}`);
      }
      event = edited;
    }
    this._send(event);
  }

  _guard<T>(fn: () => T): T {
    this._busy = true;
    try {
      return fn();
    } finally {
      this._busy = false;
    }
  }

  _send(event: Event): void {
    const opts = this._options;
    let json: string | undefined;
    try {
      json = serializeWithin(event, opts.maxEventBytes, this.log);
    } catch {
      // beforeSend or an event processor added what JSON cannot hold (a cycle, a BigInt): only
      // then is the event normalised again, so the common path pays nothing.
      DEBUG && this.log(`event ${event.event_id} normalised again after beforeSend and event processors`);
      json = serializeWithin(normalize(event, MAX_EVENT_DEPTH) as Event, opts.maxEventBytes, this.log);
    }
    if (!json) {
      this._drop('internal_sdk_error', event, DEBUG && `larger than maxEventBytes (${opts.maxEventBytes}) even after trimming`);
      return;
    }
    if (opts.endpoint == 'store') this._sendEnvelope('error', event.event_id, json);
    else this.sendEnvelope('error', [['event', json]], event.event_id);
  }
}
