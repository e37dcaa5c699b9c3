import { now } from './misc';
import type { Dispatcher } from './transport/dispatcher';
import type { ClientLike, DataCategory, DropReason } from './types';

export interface ClientReports {
  _record(reason: DropReason, category: DataCategory): void;
  /** Sends what was counted since the last report, if anything. */
  _send(): void;
  _stop(): void;
}

/** One count of a client report, as sent. */
interface Discarded {
  reason: DropReason;
  category: DataCategory;
  quantity: number;
}

/**
 * Counts dropped events by reason and category (Sentry 21.9+ reads them). The counts go out on
 * `flush()` and when the page is hidden (the last moment a tab reliably runs code), in an
 * envelope of their own, so old servers only lose this.
 */
export function createClientReports(client: ClientLike, dispatcher: Dispatcher): ClientReports {
  // Kept as they are sent: a few pairs at most, so finding one is cheap.
  let discarded: Discarded[] = [];

  function send(): void {
    // While rate-limited the counts wait for the next chance instead of being dropped too.
    if (dispatcher.isRateLimited('internal')) return;
    if (discarded.length) client.sendEnvelope('internal', [['client_report', { timestamp: now(), discarded_events: discarded }]]);
    discarded = [];
  }

  const onHidden = () => {
    if (document.visibilityState == 'hidden') send();
  };
  const hasDocument = typeof document != 'undefined' && !!document.addEventListener;
  if (hasDocument) document.addEventListener('visibilitychange', onHidden);

  return {
    _record(reason, category) {
      const count = discarded.find((d) => d.reason == reason && d.category == category);
      if (count) count.quantity++;
      else discarded.push({ reason, category, quantity: 1 });
    },
    _send: send,
    _stop() {
      if (hasDocument) document.removeEventListener('visibilitychange', onHidden);
    },
  };
}
