import type { DataCategory, DropReason, Envelope, Transport, TransportResponse } from '../types';
import { DEBUG } from '../debug-build';
import { withTimeout } from '../misc';
import { isRateLimited, updateRateLimits, type RateLimits } from './rate-limits';

export interface Dispatcher {
  /** Sends unless rate-limited or the buffer is full; never rejects. */
  send(envelope: Envelope): Promise<void>;
  /** Resolves true when everything in flight settled within `timeout` ms. */
  flush(timeout?: number): Promise<boolean>;
  /** Whether sends of this category are paused by the server's rate limits. */
  isRateLimited(category: DataCategory): boolean;
  /** One send, bypassing the buffer; resolves true when it should be tried again later. */
  _attempt(envelope: Envelope): Promise<boolean>;
}

export interface DispatcherOptions {
  transport: Transport;
  /** Most sends waiting or in flight at once; more are dropped as `queue_overflow`. */
  bufferSize: number;
  /** `detail` is left out of the minified build but for the HTTP status. */
  onDrop(reason: DropReason, category: DataCategory, envelope: Envelope, detail: string | false): void;
  log(message: string): void;
  /**
   * Takes what may go through later (network error, time-out, 5xx, 429); without it those are
   * dropped and counted.
   */
  _retry?(envelope: Envelope): void;
  /** After the server accepted a send. */
  _onSent?(): void;
}

/** Requests at once: what browsers allow per host over HTTP/1.1; the rest wait their turn here. */
const CONCURRENCY = 6;

/**
 * Puts rate limits and a bounded send buffer around any transport, so a custom transport
 * gets the same protection as the default one. A burst waits in the buffer instead of
 * being dropped, and each send checks the rate limits when its turn comes.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  // `_retry` and `_onSent` are read when needed: the retry queue sets them after creation.
  const { transport, bufferSize, onDrop, log } = options;
  let limits: RateLimits = {};
  /** Sends waiting or in flight. */
  const pending = new Set<Promise<void>>();
  const waiting: Array<() => unknown> = [];
  const limited = (category: DataCategory) => isRateLimited(limits, category);

  /** A failure that may pass later (network error, time-out, 5xx, 429): true when the retry queue takes it. */
  function kept(envelope: Envelope): boolean {
    DEBUG && options._retry && log(`${envelope.category} ${envelope.eventId || ''} kept for a retry`);
    return !!options._retry;
  }

  function handleResponse(envelope: Envelope, response: TransportResponse | void): boolean {
    const status = response && response.statusCode;
    if (response) limits = updateRateLimits(limits, response);
    if ((status == 429 || status! >= 500) && kept(envelope)) return true;
    if (status == 429) {
      // The server counts what it rate-limits itself: only explain, do not count twice.
      log(DEBUG ? `the server answered 429: ${envelope.category} sending paused` : '429');
    } else if (status && (status < 200 || status >= 300)) {
      onDrop('send_error', envelope.category, envelope, DEBUG ? `the server answered ${status}${status == 413 ? ': envelope too large' : ''}` : `${status}`);
    } else if (options._onSent) options._onSent();
    return false;
  }

  function attempt(envelope: Envelope): Promise<boolean> {
    try {
      return Promise.resolve(transport.send(envelope)).then(
        (response) => handleResponse(envelope, response),
        (error) => kept(envelope) || (onDrop('network_error', envelope.category, envelope, DEBUG && `network error: ${error?.message}`), false),
      );
    } catch (error) {
      onDrop('internal_sdk_error', envelope.category, envelope, DEBUG && `the transport threw: ${(error as Error)?.message}`);
      return Promise.resolve(false);
    }
  }

  /** Sends now, unless a rate limit began while the envelope waited. */
  function transmit(envelope: Envelope): Promise<void> {
    if (limited(envelope.category)) {
      onDrop('ratelimit_backoff', envelope.category, envelope, DEBUG && `rate limited for category "${envelope.category}"`);
      return Promise.resolve();
    }
    DEBUG && log(`sending ${envelope.category} ${envelope.eventId || ''} to ${envelope.url.split('?')[0]}`);
    return attempt(envelope).then((again) => {
      if (again) options._retry!(envelope);
    });
  }

  function send(envelope: Envelope): Promise<void> {
    if (pending.size >= bufferSize) {
      onDrop('queue_overflow', envelope.category, envelope, DEBUG && `more than ${bufferSize} sends waiting`);
      return Promise.resolve();
    }
    const tracked = new Promise<void>((resolve) => {
      const done = () => {
        pending.delete(tracked);
        resolve();
        const next = waiting.shift();
        if (next) next();
      };
      const run = () => transmit(envelope).then(done, done);
      // In flight: the sends pending but not waiting (this one is in neither yet).
      if (pending.size - waiting.length < CONCURRENCY) run();
      else waiting.push(run);
    });
    pending.add(tracked);
    return tracked;
  }

  function flush(timeout?: number): Promise<boolean> {
    // A transport without flush has nothing of its own to wait for; one that fails to flush did not.
    const all = Promise.all(pending)
      .then(() => transport.flush && transport.flush(timeout))
      .then((ok) => ok !== false, () => false);
    return withTimeout(all, timeout);
  }

  return {
    send,
    flush,
    isRateLimited: limited,
    _attempt: attempt,
  };
}
