import type { ClientLike, Event, Scope } from '@faultline/core';
import { SDK_NAME, SDK_VERSION } from '@faultline/core';
import { randomHex } from './ids';
import type { Transaction } from './transaction';

/** Sentry's transaction event: an event of `type: 'transaction'` with spans and measurements. */
export interface TransactionEvent extends Event {
  type: 'transaction';
  start_timestamp: number;
  transaction_info: { source: string };
  spans: Transaction['spans'];
  measurements?: Transaction['measurements'];
}


/** The transaction as Sentry's event, with the scope's user, tags, extra and contexts (breadcrumbs stay with errors). */
export function transactionEvent(transaction: Transaction, client: ClientLike, scope: Scope | undefined): TransactionEvent {
  const { release, dist, environment } = client.getOptions();
  const event: TransactionEvent = {
    event_id: randomHex(16),
    type: 'transaction',
    platform: 'javascript',
    transaction: transaction.name,
    transaction_info: { source: transaction.source },
    start_timestamp: transaction.start,
    timestamp: transaction.end,
    spans: transaction.spans.sort((a, b) => a.start_timestamp - b.start_timestamp),
    environment,
    sdk: { name: SDK_NAME, version: SDK_VERSION },
  };
  if (release) event.release = release;
  if (dist) event.dist = dist;
  if (Object.keys(transaction.measurements).length) event.measurements = transaction.measurements;
  if (scope) scope.applyToEvent(event);
  delete event.breadcrumbs;
  event.tags = { ...event.tags, ...transaction.tags };
  event.contexts = {
    ...event.contexts,
    trace: { trace_id: transaction.traceId, span_id: transaction.spanId, op: transaction.op, status: transaction.status },
  };
  event.request = { url: location.href, headers: { 'User-Agent': navigator.userAgent } };
  return event;
}

/**
 * `beforeSendTransaction`, then one envelope of its own (Sentry 20.x refuses envelopes that mix
 * item types). A drop by the callback is counted as `before_send`.
 */
export function sendTransaction(event: TransactionEvent, client: ClientLike): void {
  const { beforeSendTransaction } = client.getOptions();
  // A callback that throws or rejects drops the transaction too.
  new Promise<Event | null>((resolve) => resolve(beforeSendTransaction ? beforeSendTransaction(event) : event))
    .then(undefined, () => null)
    .then((result) => {
      if (result) client.sendEnvelope('transaction', [['transaction', result]], event.event_id);
      else client.recordDroppedEvent('before_send', 'transaction');
    })
    // Something the page put on the scope that cannot be serialised (a cycle): our problem, not the page's.
    .then(undefined, () => client.recordDroppedEvent('internal_sdk_error', 'transaction'));
}
