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

/** The client `init` makes: what integrations see (ClientLike) and the rest of its API. */
export interface Client extends ClientLike {
  /** Whether events are sent at all: enabled, a valid DSN and a transport. */
  isEnabled(): boolean;
  /** Runs each integration's setup once; keeps their teardowns for `close()`. */
  setupIntegrations(integrations: Integration[]): void;
  getIntegrationByName<T extends Integration = Integration>(name: string): T | undefined;
  captureException(exception: unknown, hint?: EventHint, scope?: Scope): string;
  captureMessage(message: string, level?: SeverityLevel, hint?: EventHint, scope?: Scope): string;
  captureEvent(event: Event, hint?: EventHint, scope?: Scope): string;
  addBreadcrumb(breadcrumb: Breadcrumb, hint?: BreadcrumbHint, scope?: Scope): void;
  /** Resolves true when every capture so far was processed and sent within `timeout` ms. */
  flush(timeout?: number): Promise<boolean>;
  /**
   * Stops capturing and removes every integration's patches at once (a new `init` must not
   * find the old handlers still installed), then flushes what was already captured.
   */
  close(timeout?: number): Promise<boolean>;
  /**
   * Every capture goes through here: the synchronous part builds the event and copies the
   * scope as it is now; the rest (integrations, sampling, beforeSend, sending) runs after the
   * capture call returns. A property, so an integration (the burst guard) can wrap it.
   */
  _capture(build: () => Event, hint: EventHint, scope?: Scope): string;
}

/**
 * Owns one configuration: builds events, runs them through integrations, sampling and
 * `beforeSend`, and hands envelopes to the transport. Every entry point catches its own
 * errors, so nothing the SDK does can throw into the page.
 */
export const createClient = (options: Options): Client => {
  const opts = resolveOptions(options);
  const log = createLogger(!!opts.debug);
  const sdk: SdkInfo = { name: SDK_NAME, version: SDK_VERSION };
  const integrations: Integration[] = [];
  const teardowns: Array<() => void> = [];
  const pending = new Set<PromiseLike<unknown>>();
  let url: string | undefined;
  let dispatcher: Dispatcher | undefined;
  let reports: ClientReports | undefined;
  /** The DSN for a tunnel to read from the envelope header; none without a tunnel. */
  let envelopeDsn: string | undefined;
  let closed: boolean | undefined;
  /** Set while integrations and beforeSend run: a capture they cause (say, a console.error) would recurse. */
  let busy: boolean | undefined;

  const isEnabled = () => opts.enabled !== false && !!dispatcher && !closed;

  /** Counts an event that was not sent, for the next client report (not a lost client report: reports about reports would never end). */
  const recordDroppedEvent = (reason: DropReason, category: DataCategory = 'error'): void => {
    if (reports && category != 'internal') reports._record(reason, category);
  };

  const send = (category: DataCategory, eventId: string | undefined, body: string): void => {
    if (dispatcher) dispatcher.send({ category, eventId, body, url: url! });
  };

  /**
   * Sends items in an envelope of their own, with the SDK's header (and the DSN, for a tunnel):
   * rate limits, the retry queue and client reports apply by `category`. For what integrations
   * send besides events (sessions, transactions).
   */
  const sendEnvelope = (category: DataCategory, items: Item[], eventId?: string): void =>
    send(category, eventId, sdkEnvelope(items, sdk, envelopeDsn, eventId));

  /** `why` is left out of the minified build (`DEBUG && …`): there the reason code is logged. */
  const drop = (reason: DropReason, event: Event, why: string | false): void => {
    log(`event ${event.event_id} dropped: ${why || reason}`);
    recordDroppedEvent(reason);
  };

  /** A bug of ours: the event is dropped and counted, the page never sees it. */
  const internalError = (eventId: string, error: unknown): void =>
    drop('internal_sdk_error', { event_id: eventId }, DEBUG && `internal error ${(error as Error)?.message}`);

  const guard = <T>(fn: () => T): T => {
    busy = true;
    try {
      return fn();
    } finally {
      busy = false;
    }
  };

  const prepare = (event: Event, hint: EventHint, scope: Scope): Event => {
    event.event_id = hint.event_id;
    event.timestamp = event.timestamp || now();
    event.platform = 'javascript';
    event.level = event.level || 'error';
    // The options' environment (by default 'production'), release and dist, where the event has none.
    for (const key of ['environment', 'release', 'dist'] as const) if (opts[key] && !event[key]) event[key] = opts[key];
    event.sdk = { ...sdk, ...event.sdk };
    const effective = hint.captureContext ? scope.clone().update(hint.captureContext) : scope;
    effective.applyToEvent(event);
    for (const integration of integrations) if (integration.preprocessEvent) integration.preprocessEvent(event, hint, client);
    return normalizeEvent(event, opts.normalizeDepth, opts.normalizeMaxBreadth, opts.maxValueLength);
  };

  const sendEvent = (event: Event): void => {
    let json: string | undefined;
    try {
      json = serializeWithin(event, opts.maxEventBytes, log);
    } catch {
      // beforeSend or an event processor added what JSON cannot hold (a cycle, a BigInt): only
      // then is the event normalised again, so the common path pays nothing.
      DEBUG && log(`event ${event.event_id} normalised again after beforeSend and event processors`);
      json = serializeWithin(normalize(event, MAX_EVENT_DEPTH) as Event, opts.maxEventBytes, log);
    }
    if (!json) {
      drop('internal_sdk_error', event, DEBUG && `larger than maxEventBytes (${opts.maxEventBytes}) even after trimming`);
      return;
    }
    if (opts.endpoint == 'store') send('error', event.event_id, json);
    else sendEnvelope('error', [['event', json]], event.event_id);
  };

  const processCaptured = async (prepared: Event, hint: EventHint): Promise<void> => {
    const { sampleRate, beforeSend } = opts;
    let event = prepared;
    for (const integration of integrations) {
      if (!integration.processEvent) continue;
      let next: Event | null;
      try {
        next = await guard(() => integration.processEvent!(event, hint, client));
      } catch (error) {
        return drop('event_processor', event, DEBUG && `integration ${integration.name} failed: ${(error as Error)?.message}`);
      }
      if (!next) return drop('event_processor', event, DEBUG && `by integration ${integration.name}`);
      event = next;
    }
    if (Math.random() >= sampleRate) return drop('sample_rate', event, DEBUG && `sampleRate is ${sampleRate}`);
    if (beforeSend) {
      let edited: Event | null;
      try {
        edited = await guard(() => beforeSend(event, hint));
      } catch (error) {
        return drop('before_send', event, DEBUG && `beforeSend threw or rejected: ${(error as Error)?.message}`);
      }
      if (edited === null) return drop('before_send', event, DEBUG && 'beforeSend returned null');
      if (!edited || typeof edited != 'object') {
        return drop('before_send', event, DEBUG && `beforeSend must return an event or null, got ${typeof edited}`);
      }
      event = edited;
    }
    sendEvent(event);
  };

  const flush = (timeout?: number): Promise<boolean> => {
    const processed = Promise.all(pending).then(() => {
      if (reports) reports._send();
      return dispatcher ? dispatcher.flush(timeout) : true;
    });
    return withTimeout(processed, timeout);
  };

  const client: Client = {
    log,
    getOptions: () => opts,
    isEnabled,
    recordDroppedEvent,
    sendEnvelope,
    flush,

    setupIntegrations(list) {
      for (const integration of list) {
        if (!integration || integrations.some((i) => i.name == integration.name)) continue;
        integrations.push(integration);
        try {
          const teardown = integration.setup && integration.setup(client);
          if (typeof teardown == 'function') teardowns.push(teardown);
        } catch (error) {
          log(`integration ${integration.name} failed${DEBUG ? `: ${(error as Error)?.message}` : ''}`);
        }
      }
      sdk.integrations = integrations.map((i) => i.name);
    },

    getIntegrationByName: <T extends Integration>(name: string) => integrations.find((i) => i.name == name) as T | undefined,

    isOwnRequest: (request) => !!url && absolute(request) == absolute(url),

    captureException: (exception, hint = {}, scope) =>
      client._capture(() => eventFromUnknown(exception, hint, opts.inAppExclude, opts.normalizeDepth), { ...hint, originalException: exception }, scope),

    captureMessage: (message, level = 'info', hint = {}, scope) =>
      client._capture(() => eventFromMessage(String(message), level, hint, opts.attachStacktrace, opts.inAppExclude), hint, scope),

    captureEvent: (event, hint = {}, scope) => client._capture(() => ({ ...event }), hint, scope),

    addBreadcrumb(breadcrumb, hint, scope = getCurrentScope()) {
      const { beforeBreadcrumb, maxBreadcrumbs } = opts;
      try {
        let crumb: Breadcrumb | null = { timestamp: now(), ...breadcrumb };
        if (beforeBreadcrumb) crumb = beforeBreadcrumb(crumb, hint);
        if (crumb) scope.addBreadcrumb(crumb, maxBreadcrumbs);
        else DEBUG && log('breadcrumb dropped by beforeBreadcrumb');
      } catch (error) {
        DEBUG && log(`breadcrumb not added: ${(error as Error)?.message}`);
      }
    },

    close(timeout) {
      closed = true;
      for (const teardown of teardowns.splice(0)) {
        try {
          teardown();
        } catch {
          // a failed teardown must not stop the others
        }
      }
      const flushed = flush(timeout);
      if (reports) reports._stop();
      return flushed;
    },

    _capture(build, hint, scope = getCurrentScope()) {
      const eventId = hint.event_id || uuid4();
      try {
        if (busy) {
          DEBUG && log(`event ${eventId} ignored: captured inside beforeSend or an integration`);
          return eventId;
        }
        if (!isEnabled()) {
          log(`event ${eventId} not sent: ${DEBUG ? (closed ? 'client closed' : opts.enabled === false ? 'enabled is false' : 'no valid DSN') : 'disabled'}`);
          return eventId;
        }
        const event = prepare(build(), { ...hint, event_id: eventId }, scope);
        const task = Promise.resolve()
          .then(() => processCaptured(event, hint))
          .then(undefined, (error) => internalError(eventId, error));
        pending.add(task);
        task.then(() => pending.delete(task));
      } catch (error) {
        internalError(eventId, error);
      }
      return eventId;
    },
  };

  if (typeof opts.sampleRate != 'number' || !(opts.sampleRate >= 0 && opts.sampleRate <= 1)) {
    log(DEBUG ? `sampleRate must be a number from 0 to 1, got ${String(opts.sampleRate)}: sending every event` : 'invalid sampleRate');
    opts.sampleRate = 1;
  }

  const dsn = parseDsn(opts.dsn);
  if (typeof dsn == 'string') {
    log(`invalid DSN (${dsn}): nothing will be sent`);
    return client;
  }
  if (opts.tunnel) envelopeDsn = dsnToString(dsn);
  if (opts.tunnel && opts.endpoint == 'store') {
    DEBUG && log('a tunnel takes envelopes: endpoint "store" is ignored');
    opts.endpoint = 'envelope';
  }
  url = opts.tunnel || ingestUrl(dsn, opts.endpoint);
  const makeTransport = opts.transport || makeFetchTransport;
  try {
    const transport = makeTransport({ url, fetchOptions: opts.transportOptions?.fetchOptions, log, timeout: opts.sendTimeout });
    const dispatcherOptions: DispatcherOptions = {
      transport,
      bufferSize: opts.bufferSize,
      log,
      onDrop: (reason, category, envelope, detail) => {
        log(`${envelope.category} ${envelope.eventId || ''} not delivered: ${detail || reason}`);
        recordDroppedEvent(reason, category);
      },
    };
    dispatcher = createDispatcher(dispatcherOptions);
    const stopQueue = opts.offline && enableRetryQueue(client, dispatcher, dispatcherOptions);
    if (stopQueue) teardowns.push(stopQueue);
  } catch (error) {
    log(`transport failed${DEBUG ? `: ${(error as Error)?.message}` : ''}`);
  }
  if (opts.sendClientReports && dispatcher) {
    if (opts.endpoint == 'store') {
      DEBUG && log('client reports need the envelope endpoint: not sent with endpoint "store"');
    } else {
      reports = createClientReports(client, dispatcher);
    }
  }
  return client;
};
