import { getClient, getCurrentScope, popScope, pushScope, setClient } from './carrier';
import { createClient, type Client } from './client';
import { uuid4 } from './misc';
import { debugIdsIntegration } from './integrations/debug-ids';
import { burstGuardIntegration } from './integrations/burst-guard';
import { eventFiltersIntegration } from './integrations/event-filters';
import { httpContextIntegration } from './integrations/http-context';
import { linkedErrorsIntegration } from './integrations/linked-errors';
import { globalHandlersIntegration } from './integrations/global-handlers';
import { browserApiErrorsIntegration } from './integrations/browser-api-errors';
import { captureConsoleIntegration } from './integrations/capture-console';
import { httpClientIntegration } from './integrations/http-client';
import { breadcrumbsIntegration } from './integrations/breadcrumbs';
import { privacyIntegration } from './integrations/privacy';
import { sessionsIntegration } from './integrations/sessions';
import { Scope } from './scope';
import type { Breadcrumb, BreadcrumbHint, CaptureContext, Event, EventHint, Integration, Options, Primitive, ScopeContext, SeverityLevel, User } from './types';

let lastId: string | undefined;

/**
 * The integrations `init` adds unless told otherwise. Event capturers come before
 * Breadcrumbs, so an event never lists its own cause as a breadcrumb.
 */
export function getDefaultIntegrations(): Integration[] {
  return [
    eventFiltersIntegration(),
    burstGuardIntegration(),
    linkedErrorsIntegration(),
    httpContextIntegration(),
    debugIdsIntegration(),
    globalHandlersIntegration(),
    browserApiErrorsIntegration(),
    captureConsoleIntegration(),
    httpClientIntegration(),
    breadcrumbsIntegration(),
    sessionsIntegration(),
    privacyIntegration(),
  ];
}

/** Defaults, then the user's: an integration of the same name replaces the default one. */
function resolveIntegrations(options: Options): Integration[] {
  const defaults = options.defaultIntegrations === false ? [] : options.defaultIntegrations || getDefaultIntegrations();
  const { integrations } = options;
  if (typeof integrations == 'function') return integrations(defaults) || [];
  const custom = Array.isArray(integrations) ? integrations : [];
  return [...defaults.filter((d) => !custom.some((c) => c?.name == d.name)), ...custom];
}

/**
 * Starts the SDK. Safe to call with anything: a bad DSN or option disables sending and
 * says why under `debug: true`, it never throws.
 * @example init({ dsn: 'https://key@sentry.example.com/5', release: 'shop@1.4.2' })
 */
export function init(options: Options = {}): Client | undefined {
  try {
    const previous = getClient<Client>();
    if (previous) previous.close();
    const client = createClient(options);
    setClient(client);
    if (options.initialScope) getCurrentScope().update(options.initialScope);
    // As in @sentry/browser: a client that sends nothing patches nothing.
    if (client.isEnabled()) client.setupIntegrations(resolveIntegrations(options));
    return client;
  } catch (error) {
    // Only a bug of ours gets here; the page goes on without the SDK.
    if (options?.debug) console.warn('[Faultline] init failed:', error);
    return undefined;
  }
}

/** A stack made at the capture call, for values thrown without one. Chrome trims the SDK's frames. */
function syntheticError(message: string, above: Function): Error {
  const error = new Error(message);
  const capture = (Error as { captureStackTrace?: (e: Error, fn: Function) => void }).captureStackTrace;
  if (capture) capture(error, above);
  return error;
}

/** The event id of a capture by the current client (a fresh id without one), remembered as the last. */
function remember(capture: (client: Client) => string): string {
  const client = getClient<Client>();
  return (lastId = client ? capture(client) : uuid4());
}

/** Reports an error (or anything thrown); returns the event id. */
export function captureException(exception: unknown, hint?: EventHint | CaptureContext): string {
  const fullHint = toHint(hint);
  fullHint.syntheticException = syntheticError('synthetic', captureException);
  return remember((client) => client.captureException(exception, fullHint));
}

/** Reports a message at `level` (default 'info'); the second argument may also be a scope context. */
export function captureMessage(message: string, level?: SeverityLevel | ScopeContext): string {
  const hint: EventHint = typeof level == 'object' ? { captureContext: level } : {};
  hint.syntheticException = syntheticError(String(message), captureMessage);
  // A context's level reaches the event through the scope (the scope's level wins over the message's).
  return remember((client) => client.captureMessage(message, typeof level == 'string' ? level : undefined, hint));
}

/** Sends an event you built yourself. */
export function captureEvent(event: Event, hint?: EventHint): string {
  return remember((client) => client.captureEvent(event, hint));
}

/** Sentry accepts a hint or a scope context as the second argument of captureException. */
function toHint(hint: EventHint | CaptureContext | undefined): EventHint {
  if (typeof hint == 'function' || hint instanceof Scope) return { captureContext: hint };
  if (!hint || typeof hint != 'object') return {};
  return Object.keys(hint).some((k) => /^(user|tags|extra|contexts|level|fingerprint)$/.test(k)) ? { captureContext: hint as ScopeContext } : { ...(hint as EventHint) };
}

/** The id of the last event captured. */
export function lastEventId(): string | undefined {
  return lastId;
}

/** Records a breadcrumb on the current scope (before `init` there is nowhere to keep it, as in Sentry). */
export function addBreadcrumb(breadcrumb: Breadcrumb, hint?: BreadcrumbHint): void {
  const client = getClient<Client>();
  if (client) client.addBreadcrumb(breadcrumb, hint);
}

export function setUser(user: User | null): void {
  getCurrentScope().setUser(user);
}
export function setTag(key: string, value: Primitive): void {
  getCurrentScope().setTag(key, value);
}
export function setTags(tags: Record<string, Primitive>): void {
  getCurrentScope().setTags(tags);
}
export function setExtra(key: string, extra: unknown): void {
  getCurrentScope().setExtra(key, extra);
}
export function setExtras(extras: Record<string, unknown>): void {
  getCurrentScope().setExtras(extras);
}
export function setContext(name: string, context: Record<string, unknown> | null): void {
  getCurrentScope().setContext(name, context);
}
export function setLevel(level: SeverityLevel): void {
  getCurrentScope().setLevel(level);
}

/**
 * Runs `callback` with a copy of the current scope: what it sets applies to events
 * captured inside the callback only. The copy is dropped when the callback returns; for an
 * async callback that is at its first `await` (keeping it longer would leak it into
 * unrelated code running meanwhile).
 */
export function withScope<T>(callback: (scope: Scope) => T): T {
  const scope = pushScope();
  try {
    return callback(scope);
  } finally {
    popScope();
  }
}

/** Sentry 6's way to change the current scope, still in many guides. */
export function configureScope(callback: (scope: Scope) => void): void {
  callback(getCurrentScope());
}

/** Waits until every captured event was sent, at most `timeout` ms; resolves false on time-out. */
export function flush(timeout?: number): Promise<boolean> {
  const client = getClient<Client>();
  return client ? client.flush(timeout) : Promise.resolve(false);
}

/** Flushes, then turns the SDK off and removes its patches. */
export function close(timeout?: number): Promise<boolean> {
  const client = getClient<Client>();
  if (!client) return Promise.resolve(false);
  setClient(undefined);
  return client.close(timeout);
}

export { getClient, getCurrentScope };
