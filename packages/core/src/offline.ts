import type { Dispatcher, DispatcherOptions } from './transport/dispatcher';
import { createQueueStore } from './transport/queue-store';
import { createRetryQueue } from './transport/retry-queue';
import type { ClientLike } from './types';

/**
 * The retry queue of a client with `offline: true` (the default): what could not be delivered
 * waits in IndexedDB and goes out after a later success, on `online`, on page exit (keepalive
 * while it fits) and on the next visit. Returns what removes its listeners.
 */
export const enableRetryQueue = (client: ClientLike, dispatcher: Dispatcher, options: DispatcherOptions): (() => void) | void => {
  const queue = createRetryQueue({
    _store: createQueueStore(client.log),
    _attempt: dispatcher._attempt,
    _isLimited: dispatcher.isRateLimited,
    _onOverflow: (envelope) => client.recordDroppedEvent('queue_overflow', envelope.category),
  });
  options._retry = queue._add;
  options._onSent = queue._drain;
  // What the last visit (or another tab) left.
  queue._drain();
  if (typeof document == 'undefined') return;
  // Back online, or the page may be going away: what is queued goes out now (keepalive while it
  // fits); what does not make it stays queued for the next visit.
  const events = ['online', 'pagehide', 'visibilitychange'];
  for (const name of events) addEventListener(name, queue._drain);
  return () => events.forEach((name) => removeEventListener(name, queue._drain));
};
