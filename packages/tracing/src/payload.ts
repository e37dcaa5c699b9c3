import type { ClientLike, DropReason, Event } from '@faultline/core';
import { getCurrentScope, SDK_NAME, SDK_VERSION } from '@faultline/core';
import { traceId } from './ids';
import type { Transaction } from './transaction';

/** Sentry's transaction event: an event of `type: 'transaction'` with spans and measurements. */
export interface TransactionEvent extends Event {
  type: 'transaction';
  start_timestamp: number;
  transaction_info: { source: string };
  spans: Transaction['spans'];
  measurements?: Transaction['measurements'];
}

/**
 * Sends the transaction (counts it as `sample_rate` when unsampled) as Sentry's event, with the current scope's user, tags, extra and
 * contexts (breadcrumbs stay with errors): `beforeSendTransaction`, then one envelope of its
 * own (Sentry 20.x refuses envelopes that mix item types). A drop by the callback is counted
 * as `before_send`.
 */
export function sendTransaction(transaction: Transaction, client: ClientLike): void {
  const drop = (reason: DropReason) => client.recordDroppedEvent(reason, 'transaction');
  if (!transaction.sampled) return drop('sample_rate');
  const { release, dist, environment, beforeSendTransaction } = client.getOptions();
  const event: TransactionEvent = {
    // 32 hex digits, as a trace id.
    event_id: traceId(),
    type: 'transaction',
    platform: 'javascript',
    transaction: transaction.name,
    transaction_info: { source: transaction.source },
    start_timestamp: transaction.start,
    timestamp: transaction.end,
    // In the order they ended: Sentry's UI (and the collector's) sorts them by start.
    spans: transaction.spans,
    release,
    dist,
    environment,
    sdk: { name: SDK_NAME, version: SDK_VERSION },
    // The scope's tags and contexts go under these (the event's own win).
    tags: transaction.tags,
    contexts: { trace: { trace_id: transaction.traceId, span_id: transaction.spanId, op: transaction.op, status: transaction.status } },
    request: { url: location.href, headers: { 'User-Agent': navigator.userAgent } },
  };
  if (Object.keys(transaction.measurements).length) event.measurements = transaction.measurements;
  getCurrentScope().applyToEvent(event);
  delete event.breadcrumbs;
  // A callback that throws or rejects drops the transaction too.
  Promise.resolve<Event>(event)
    .then(beforeSendTransaction)
    .then(
      (result) => (result ? client.sendEnvelope('transaction', [['transaction', result]], event.event_id) : drop('before_send')),
      () => drop('before_send')
    )
    // Something the page put on the scope that cannot be serialised (a cycle): our problem, not the page's.
    .catch(() => drop('internal_sdk_error'));
}
